// Checks a JSON value against a schema of the spec (the OpenAPI 3.0 and 3.1 subset that API
// documents use): types, nullability, required and unknown properties, enums and const, string
// lengths, formats and patterns, numeric bounds, array sizes, and $ref/allOf/anyOf/oneOf. Each
// mismatch is reported with the JSON pointer of the offending value.
#pragma once

#include <boost/json.hpp>
#include <string>
#include <vector>

#include "spec/document.hpp"

namespace dynamic::mock {

struct Problem {
  /// Where in the checked value ("/user/email"; "" for the value itself).
  std::string pointer;
  std::string message;
};

class SchemaCheck {
 public:
  explicit SchemaCheck(const dyngen::Document& document) : document_(document) {}

  /// The problems of `value` against `schema`; empty when it conforms. `at` prefixes pointers.
  std::vector<Problem> check(const boost::json::value& value,
                             const boost::json::value& schema,
                             const std::string& at = "") const;

  /// Follows a local `$ref` chain to the schema it names.
  const boost::json::value& resolve(const boost::json::value& schema) const;

  /// The schema of the JSON content (application/json or any +json type) of a request body or
  /// response object (`owner`, $refs followed); an empty schema when the content has none;
  /// null when there is no JSON content.
  const boost::json::value* content_schema(const boost::json::value* owner) const;

 private:
  void check(const boost::json::value& value,
             const boost::json::value& schema,
             const std::string& at,
             std::vector<Problem>& out,
             int depth) const;
  void check_string(const boost::json::string& text,
                    const boost::json::object& schema,
                    const std::string& at,
                    std::vector<Problem>& out) const;
  void check_number(double number,
                    const boost::json::object& schema,
                    const std::string& at,
                    std::vector<Problem>& out) const;
  void check_object(const boost::json::object& object,
                    const boost::json::object& schema,
                    const std::string& at,
                    std::vector<Problem>& out,
                    int depth) const;

  const dyngen::Document& document_;
};

/// The schema's types, read from `type: T` or `type: [T, "null"]` (empty: any type).
std::vector<std::string> schema_types(const boost::json::object& schema);
/// Whether null is allowed: `nullable: true`, "null" among the types, or an enum listing null.
bool admits_null(const boost::json::object& schema);

}  // namespace dynamic::mock
