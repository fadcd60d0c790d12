// The contract between the CLI's hand-written driver and its generated dispatch table
// (generated/cli/operations.cpp): one Operation per operation of the spec.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "dynamic/detail/pipeline.hpp"
#include "dynamic/runtime/errors.hpp"
#include "dynamic/runtime/json_io.hpp"

namespace dynamic::cli {

enum class ParamLocation { kPath, kQuery, kHeader };

struct ParamSpec {
  /// Command-line flag without the dashes, kebab case: "environment-id".
  std::string flag;
  /// Name in the spec: "environmentId".
  std::string name;
  ParamLocation location = ParamLocation::kQuery;
  bool required = false;
  /// "string", "integer", "number" or "boolean".
  std::string type = "string";
  std::string description;
};

/// Flag values given on the command line, by flag name. Parsing errors throw UsageError.
class Arguments {
 public:
  explicit Arguments(std::map<std::string, std::string, std::less<>> values)
      : values_(std::move(values)) {}

  const std::string& text(std::string_view flag) const;
  std::optional<std::string> optional_text(std::string_view flag) const;
  std::int64_t integer(std::string_view flag) const;
  std::optional<std::int64_t> optional_integer(std::string_view flag) const;
  double number(std::string_view flag) const;
  std::optional<double> optional_number(std::string_view flag) const;
  bool boolean(std::string_view flag) const;
  std::optional<bool> optional_boolean(std::string_view flag) const;
  /// A comma-separated list ("a,b,c"), for array parameters.
  std::vector<std::string> list(std::string_view flag) const;
  std::optional<std::vector<std::string>> optional_list(std::string_view flag) const;
  /// The --body value as JSON text; "@path" reads the file. Throws UsageError when absent.
  std::string body() const;
  bool has(std::string_view flag) const;

 private:
  std::map<std::string, std::string, std::less<>> values_;
};

/// Wrong use of the command line: exit code 1.
class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct Operation {
  /// Subcommand: the operationId in kebab case ("get-tokens").
  std::string name;
  /// Resource (tag) it belongs to, for --help.
  std::string resource;
  std::string summary;
  std::vector<ParamSpec> params;
  bool has_body = false;
  bool body_required = false;
  /// Runs the call; returns the response as JSON text, empty when the operation answers no body.
  std::function<std::string(
      const std::shared_ptr<const Pipeline>&, const Arguments&, const RequestOptions&)>
      run;
};

/// An enum flag's value; any text is accepted (open enums keep unknown values).
template <class Enum>
std::optional<Enum> optional_enum(const std::optional<std::string>& text) {
  if (!text) return std::nullopt;
  return Enum::from_string(*text);
}

/// An integer enum flag's value; numbers the spec does not list are kept.
template <class Enum>
std::optional<Enum> optional_int_enum(const std::optional<std::int64_t>& number) {
  if (!number) return std::nullopt;
  return Enum::from_int(*number);
}

template <class Enum>
std::vector<Enum> enum_list(const std::vector<std::string>& texts) {
  std::vector<Enum> values;
  for (const std::string& text : texts) values.push_back(Enum::from_string(text));
  return values;
}

template <class Enum>
std::optional<std::vector<Enum>> optional_enum_list(
    const std::optional<std::vector<std::string>>& texts) {
  if (!texts) return std::nullopt;
  return enum_list<Enum>(*texts);
}

/// Decodes a JSON-valued flag (object parameters); malformed JSON is the caller's mistake.
template <class T>
T decode_flag(const Arguments& args, std::string_view flag) {
  try {
    return from_json<T>(args.text(flag));
  } catch (const DecodeError& error) {
    throw UsageError("--" + std::string(flag) + ": " + error.what());
  }
}

template <class T>
std::optional<T> decode_optional_flag(const Arguments& args, std::string_view flag) {
  if (!args.has(flag)) return std::nullopt;
  return decode_flag<T>(args, flag);
}

/// Decodes --body into the operation's body type; a malformed body is the caller's mistake.
template <class T>
T decode_body(const Arguments& args) {
  try {
    return from_json<T>(args.body());
  } catch (const DecodeError& error) {
    throw UsageError(std::string("--body: ") + error.what());
  }
}

/// Every operation of the spec, sorted by resource then name (generated).
const std::vector<Operation>& operations();

}  // namespace dynamic::cli
