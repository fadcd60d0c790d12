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
#include <type_traits>
#include <utility>
#include <vector>

#include "dynamic/detail/pipeline.hpp"
#include "dynamic/runtime/blob.hpp"
#include "dynamic/runtime/errors.hpp"
#include "dynamic/runtime/json_io.hpp"
#include "dynamic/runtime/nullable.hpp"

namespace dynamic::cli {

enum class ParamLocation { kPath, kQuery, kHeader, kCookie };

/// How --body or --form give the request body.
enum class BodyKind { kJson, kText, kBinary, kMultipart };

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
  using FormEntries = std::vector<std::pair<std::string, std::string>>;
  explicit Arguments(std::map<std::string, std::string, std::less<>> values, FormEntries form = {})
      : values_(std::move(values)), form_(std::move(form)) {}

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
  /// The --body value as bytes: "@path" reads the file (and names the blob after it).
  Blob body_blob() const;
  bool has(std::string_view flag) const;

  /// The values of `--form name=...` for one field name, in command-line order.
  std::vector<std::string> form_values(std::string_view name) const;
  bool has_form() const { return !form_.empty(); }
  /// Throws UsageError for a --form field the body does not have.
  void check_form_names(const std::vector<std::string_view>& names) const;

  /// The file's bytes; a file that cannot be read is a UsageError naming `what`.
  static std::string read_file(const std::string& what, const std::string& path);

 private:
  std::map<std::string, std::string, std::less<>> values_;
  FormEntries form_;
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
  BodyKind body_kind = BodyKind::kJson;
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

template <class T, class = void>
struct has_from_string : std::false_type {};
template <class T>
struct has_from_string<T, std::void_t<decltype(T::from_string(std::string()))>> : std::true_type {};

/// One `--form name=value` as a field of type T. Strings and blobs take the text as it is, or a
/// file's content with "@path" (a blob then names the file); enums take their wire name; other
/// types are JSON ("5", "true", "{...}").
template <class T>
T form_value(std::string_view name, const std::string& text) {
  const std::string what = "--form " + std::string(name);
  const bool from_file = !text.empty() && text.front() == '@';
  if constexpr (std::is_same_v<T, Blob>) {
    if (!from_file) return Blob::from_bytes(text);
    const std::string path = text.substr(1);
    return Blob::from_bytes(Arguments::read_file(what, path), Blob::from_file(path).filename());
  } else if constexpr (std::is_same_v<T, std::string>) {
    return from_file ? Arguments::read_file(what, text.substr(1)) : text;
  } else if constexpr (has_from_string<T>::value) {
    return T::from_string(text);
  } else {
    try {
      return from_json<T>(text);
    } catch (const DecodeError& error) {
      throw UsageError(what + ": " + error.what());
    }
  }
}

/// Reads a multipart field from the --form values: required fields once, optional ones at most
/// once, arrays any number of times.
template <class T>
void read_form(const Arguments& args, std::string_view name, T& out) {
  std::vector<std::string> values = args.form_values(name);
  if (values.empty()) throw UsageError("missing --form " + std::string(name) + "=...");
  if (values.size() > 1) throw UsageError("--form " + std::string(name) + " given more than once");
  out = form_value<T>(name, values.front());
}
template <class T>
void read_form(const Arguments& args, std::string_view name, std::optional<T>& out) {
  if (args.form_values(name).empty()) return;
  out.emplace();
  read_form(args, name, *out);
}
template <class T>
void read_form(const Arguments& args, std::string_view name, Nullable<T>& out) {
  if (args.form_values(name).empty()) return;
  T value;
  read_form(args, name, value);
  out = std::move(value);
}
template <class T>
void read_form(const Arguments& args, std::string_view name, std::vector<T>& out) {
  for (const std::string& text : args.form_values(name)) out.push_back(form_value<T>(name, text));
}

/// Every operation of the spec, sorted by resource then name (generated).
const std::vector<Operation>& operations();

/// The document the table was generated from: "<title> <version>" (generated).
const char* spec_description();

}  // namespace dynamic::cli
