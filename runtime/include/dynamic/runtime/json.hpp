// A JSON value kept as compact text, for free-form fields and error payloads.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace dynamic {

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
  std::string text_;
};

/// The JSON text of a free-form value.
inline std::string to_json(const Json& value) { return value.dump(); }

/// Serialises a list of generated values as a JSON array.
template <class T>
std::string to_json(const std::vector<T>& values) {
  std::string out = "[";
  for (const T& value : values) {
    if (out.size() > 1) out += ',';
    out += to_json(value);
  }
  return out + "]";
}

/// Decodes a model (or any generated type) from JSON text; throws DecodeError with a JSON pointer.
template <class T>
T from_json(std::string_view text) {
  T value;
  from_json(text, value);
  return value;
}

}  // namespace dynamic
