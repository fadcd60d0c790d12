// Loads an OpenAPI document and resolves JSON pointers and $refs within it.
#pragma once

#include <boost/json.hpp>
#include <cstddef>
#include <string>
#include <string_view>

namespace dyngen {

/// Deepest nesting of arrays and objects (JSON) or sequences and mappings (YAML) a document may
/// have. Real documents stay under 20; the limit keeps every recursive walk of the document
/// (builder, importer, mock) far from the stack's end, and is the same for both syntaxes so that
/// `dyngen import` never writes JSON that `generate` would refuse.
constexpr std::size_t kMaxNesting = 64;

class Document {
 public:
  /// Reads and parses a file: YAML when its name ends in .yaml or .yml, else JSON. A syntax error,
  /// or nesting deeper than kMaxNesting, throws SpecError naming line and column.
  static Document load(const std::string& path);
  static Document parse(std::string_view text, std::string name);
  /// Parses YAML text into the same JSON value (see yaml_to_json in spec/yaml.hpp).
  static Document parse_yaml(std::string_view text, std::string name);

  const boost::json::value& root() const { return root_; }
  /// File name of the spec (no directories), for banners.
  const std::string& name() const { return name_; }

  /// The value at a JSON pointer ("#/components/schemas/X" or "/components/..."); throws
  /// SpecError at `from` when it does not exist.
  const boost::json::value& at_pointer(std::string_view pointer, const std::string& from) const;

 private:
  const boost::json::value& resolve(std::string_view pointer,
                                    const std::string& from,
                                    int depth) const;
  boost::json::value root_;
  std::string name_;
};

/// Appends an escaped reference token to a JSON pointer.
std::string pointer_append(const std::string& pointer, std::string_view token);

}  // namespace dyngen
