// A decoded result together with the raw answer's status and headers.
#pragma once

#include <string>
#include <string_view>
#include <utility>

#include "dynamic/runtime/request_options.hpp"

namespace dynamic {

namespace detail {
inline bool header_name_equals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    char x = a[i];
    char y = b[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
    if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
    if (x != y) return false;
  }
  return true;
}

inline std::string find_header(const HeaderList& headers, std::string_view name) {
  for (const auto& [key, value] : headers) {
    if (header_name_equals(key, name)) return value;
  }
  return {};
}
}  // namespace detail

/// What `xxx_with_response` operations return: the decoded value, the HTTP status (2xx), the
/// response headers and the server's request id.
template <class T>
struct Response {
  T value;
  int status = 0;
  HeaderList headers;
  std::string request_id;

  /// First header with this name (case-insensitive), or empty.
  std::string header(std::string_view name) const { return detail::find_header(headers, name); }
};

/// For operations without a result body: status, headers and request id only.
template <>
struct Response<void> {
  int status = 0;
  HeaderList headers;
  std::string request_id;

  std::string header(std::string_view name) const { return detail::find_header(headers, name); }
};

}  // namespace dynamic
