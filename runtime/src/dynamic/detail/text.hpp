// Internal: how generated code turns parameter values into the text of a path or query.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace dynamic::detail {

inline const std::string& query_text(const std::string& value) { return value; }
inline std::string query_text(bool value) { return value ? "true" : "false"; }
inline std::string query_text(std::int32_t value) { return std::to_string(value); }
inline std::string query_text(std::int64_t value) { return std::to_string(value); }
std::string query_text(double value);

/// Generated open enums carry their wire text (string enums) or number (integer enums).
template <class Enum, class = decltype(std::declval<const Enum&>().to_string())>
std::string query_text(const Enum& value) {
  return value.to_string();
}
template <class Enum, class = decltype(std::declval<const Enum&>().to_int()), int = 0>
std::string query_text(const Enum& value) {
  return std::to_string(value.to_int());
}

/// An array in a path, header or cookie: its items joined by commas (OpenAPI's `simple`
/// style), or by `separator` (exploded `label`: '.').
template <class T>
std::string joined_text(const std::vector<T>& values, char separator = ',') {
  std::string out;
  bool first = true;
  for (const T& value : values) {
    if (!first) out += separator;
    first = false;
    out += query_text(value);
  }
  return out;
}

}  // namespace dynamic::detail
