// A decoded result together with the raw answer's status and headers.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

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

/// A part of an answer that did not match the spec and was read leniently (the default): a
/// number sent as a numeric string was read as the number; any other mismatch, or a missing
/// required field, left the field at its default value. ClientOptions::strict_responses turns
/// each of these into a DecodeError instead.
struct DecodeProblem {
  /// JSON pointer of the value in the body.
  std::string pointer;
  /// The kind the spec asks for ("a string", "a 64-bit integer", "a value").
  std::string expected;
  /// What the server sent ("an integer", "a numeric string", "nothing").
  std::string got;

  std::string describe() const {
    return (pointer.empty() ? std::string("(document root)") : pointer) + ": expected " + expected +
           ", got " + got;
  }
  friend bool operator==(const DecodeProblem& a, const DecodeProblem& b) {
    return a.pointer == b.pointer && a.expected == b.expected && a.got == b.got;
  }
};

/// What `xxx_with_response` operations return: the decoded value, the HTTP status (2xx), the
/// response headers and the server's request id.
template <class T>
struct Response {
  T value;
  int status = 0;
  HeaderList headers;
  std::string request_id;
  /// The body exactly as the server sent it.
  std::string body{};
  /// What did not match the spec and was read leniently (empty in strict mode, or when all did).
  std::vector<DecodeProblem> problems{};

  /// First header with this name (case-insensitive), or empty.
  std::string header(std::string_view name) const { return detail::find_header(headers, name); }
};

/// For operations without a result body: status, headers and request id only.
template <>
struct Response<void> {
  int status = 0;
  HeaderList headers;
  std::string request_id;
  /// The body as sent, if the server sent one anyway.
  std::string body{};
  /// Always empty: no body is decoded.
  std::vector<DecodeProblem> problems{};

  std::string header(std::string_view name) const { return detail::find_header(headers, name); }
};

}  // namespace dynamic
