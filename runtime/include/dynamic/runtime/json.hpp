// A JSON value kept as compact text, for free-form fields and error payloads.
#pragma once

#include <string>
#include <string_view>

namespace dynamic {

namespace detail {
struct JsonAccess;
}  // namespace detail

class Json {
 public:
  /// JSON null.
  Json();
  /// Parses and normalises `text`; throws DecodeError naming the offset when it is not JSON.
  static Json parse(std::string_view text);

  /// Compact serialisation.
  const std::string& dump() const { return text_; }
  bool is_null() const { return text_ == "null"; }

  friend bool operator==(const Json& a, const Json& b) { return a.text_ == b.text_; }
  friend bool operator!=(const Json& a, const Json& b) { return !(a == b); }

 private:
  friend struct detail::JsonAccess;
  std::string text_;
};

}  // namespace dynamic
