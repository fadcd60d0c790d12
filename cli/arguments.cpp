// Arguments: typed access to the flag values of one command line. Every malformed value is the
// user's mistake and throws UsageError naming the flag.
#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <system_error>

#include "operation.hpp"

namespace dynamic::cli {
namespace {

std::string flag_name(std::string_view flag) { return "--" + std::string(flag); }

[[noreturn]] void throw_bad_value(std::string_view flag,
                                  std::string_view expected,
                                  std::string_view got) {
  throw UsageError(flag_name(flag) + ": expected " + std::string(expected) + ", got '" +
                   std::string(got) + "'");
}

std::int64_t parse_integer(std::string_view flag, const std::string& text) {
  std::int64_t value = 0;
  const char* first = text.data();
  const char* last = text.data() + text.size();
  // from_chars rejects a leading '+'; accept it as people write "+5".
  if (first != last && *first == '+' && last - first > 1 && first[1] != '-') ++first;
  const auto [end, error] = std::from_chars(first, last, value);
  if (error == std::errc::result_out_of_range) {
    throw_bad_value(flag, "an integer in the 64-bit range", text);
  }
  if (error != std::errc() || end != last || text.empty()) {
    throw_bad_value(flag, "an integer", text);
  }
  return value;
}

double parse_number(std::string_view flag, const std::string& text) {
  // Plain decimal notation only: no whitespace, hex floats, "inf" or "nan".
  if (text.empty() || text.find_first_not_of("0123456789+-.eE") != std::string::npos) {
    throw_bad_value(flag, "a number", text);
  }
  // strtod is locale-dependent only for the decimal point; the CLI never sets a locale.
  char* end = nullptr;
  const double value = std::strtod(text.c_str(), &end);
  if (end != text.c_str() + text.size() || !std::isfinite(value)) {
    throw_bad_value(flag, "a number", text);
  }
  return value;
}

bool parse_boolean(std::string_view flag, const std::string& text) {
  if (text == "true" || text == "1") return true;
  if (text == "false" || text == "0") return false;
  throw_bad_value(flag, "true, false, 1 or 0", text);
}

}  // namespace

const std::string& Arguments::text(std::string_view flag) const {
  const auto found = values_.find(flag);
  if (found == values_.end()) throw UsageError("missing required option " + flag_name(flag));
  return found->second;
}

std::optional<std::string> Arguments::optional_text(std::string_view flag) const {
  const auto found = values_.find(flag);
  if (found == values_.end()) return std::nullopt;
  return found->second;
}

std::int64_t Arguments::integer(std::string_view flag) const {
  return parse_integer(flag, text(flag));
}

std::optional<std::int64_t> Arguments::optional_integer(std::string_view flag) const {
  const auto found = values_.find(flag);
  if (found == values_.end()) return std::nullopt;
  return parse_integer(flag, found->second);
}

double Arguments::number(std::string_view flag) const { return parse_number(flag, text(flag)); }

std::optional<double> Arguments::optional_number(std::string_view flag) const {
  const auto found = values_.find(flag);
  if (found == values_.end()) return std::nullopt;
  return parse_number(flag, found->second);
}

bool Arguments::boolean(std::string_view flag) const { return parse_boolean(flag, text(flag)); }

std::optional<bool> Arguments::optional_boolean(std::string_view flag) const {
  const auto found = values_.find(flag);
  if (found == values_.end()) return std::nullopt;
  return parse_boolean(flag, found->second);
}

std::vector<std::string> Arguments::list(std::string_view flag) const {
  const std::string& value = text(flag);
  std::vector<std::string> items;
  std::size_t start = 0;
  while (start <= value.size()) {
    std::size_t comma = value.find(',', start);
    if (comma == std::string::npos) comma = value.size();
    if (comma > start) items.push_back(value.substr(start, comma - start));
    start = comma + 1;
  }
  return items;
}

std::optional<std::vector<std::string>> Arguments::optional_list(std::string_view flag) const {
  if (!has(flag)) return std::nullopt;
  return list(flag);
}

std::string Arguments::read_file(const std::string& what, const std::string& path) {
  if (path.empty()) throw UsageError(what + ": expected a file name after '@'");
  std::error_code ignored;
  std::ifstream file;
  if (!std::filesystem::is_directory(path, ignored)) file.open(path, std::ios::binary);
  if (!file.is_open()) throw UsageError(what + ": cannot read file '" + path + "'");
  std::ostringstream content;
  content << file.rdbuf();
  if (file.bad()) throw UsageError(what + ": cannot read file '" + path + "'");
  return content.str();
}

std::string Arguments::body() const {
  const std::string& value = text("body");
  if (value.empty() || value.front() != '@') return value;
  return read_file("--body", value.substr(1));
}

Blob Arguments::body_blob() const {
  const std::string& value = text("body");
  if (value.empty() || value.front() != '@') return Blob::from_bytes(value);
  const std::string path = value.substr(1);
  return Blob::from_bytes(read_file("--body", path), Blob::from_file(path).filename());
}

std::vector<std::string> Arguments::form_values(std::string_view name) const {
  std::vector<std::string> values;
  for (const auto& [field, value] : form_) {
    if (field == name) values.push_back(value);
  }
  return values;
}

void Arguments::check_form_names(const std::vector<std::string_view>& names) const {
  for (const auto& entry : form_) {
    if (std::find(names.begin(), names.end(), entry.first) == names.end()) {
      std::string known;
      for (std::string_view name : names) known += (known.empty() ? "" : ", ") + std::string(name);
      throw UsageError("--form: the body has no field '" + entry.first + "' (fields: " + known +
                       ")");
    }
  }
}

bool Arguments::has(std::string_view flag) const { return values_.find(flag) != values_.end(); }

}  // namespace dynamic::cli
