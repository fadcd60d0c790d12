// Values that conform to a schema of the spec, for the mock's answers: the schema's own example
// (or default) when it is valid, otherwise a generated value, the same for the same seed.
#pragma once

#include <boost/json.hpp>
#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "schema_check.hpp"

namespace dynamic::mock {

class Sampler {
 public:
  Sampler(const SchemaCheck& check, std::uint64_t seed) : check_(check), seed_(seed) {}

  /// A value for `schema`; `salt` varies generated values between places (a path, an index).
  boost::json::value sample(const boost::json::value& schema, const std::string& salt) const;

 private:
  /// An object schema with its allOf parts merged.
  struct ObjectShape {
    std::map<std::string, const boost::json::value*> properties;
    std::set<std::string> required;
    /// allOf parts that are unions: sampled on their own and merged in.
    std::vector<const boost::json::value*> alternatives;
  };

  void collect_shape(const boost::json::object& schema, ObjectShape& shape, int depth) const;
  boost::json::value sample(const boost::json::value& schema,
                            const std::string& salt,
                            int depth) const;
  boost::json::value sample_object(const boost::json::object& schema,
                                   const std::string& salt,
                                   int depth) const;
  boost::json::value sample_string(const boost::json::object& schema,
                                   const std::string& salt) const;
  boost::json::value sample_number(const boost::json::object& schema,
                                   bool integer,
                                   const std::string& salt) const;
  std::uint64_t hash(const std::string& salt) const;

  const SchemaCheck& check_;
  std::uint64_t seed_;
};

}  // namespace dynamic::mock
