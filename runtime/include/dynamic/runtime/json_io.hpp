// JSON text in and out of any generated type: every model has to_json/from_json beside it; these
// add scalars, lists and a generic from_json<T>.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "dynamic/runtime/errors.hpp"
#include "dynamic/runtime/json.hpp"

namespace dynamic {

// JSON text of scalars and lists, beside the to_json/from_json every generated model has.
std::string to_json(const Json& value);
std::string to_json(const std::string& value);
std::string to_json(bool value);
std::string to_json(std::int32_t value);
std::string to_json(std::int64_t value);
std::string to_json(double value);
void from_json(std::string_view json, Json& out);
void from_json(std::string_view json, std::string& out);
void from_json(std::string_view json, bool& out);
void from_json(std::string_view json, std::int32_t& out);
void from_json(std::string_view json, std::int64_t& out);
void from_json(std::string_view json, double& out);

/// `text` laid out for reading: two-space indentation, members in the order given. Text that
/// is not JSON comes back unchanged.
std::string pretty_json(std::string_view text);

/// The JSON text of each element of an array; throws DecodeError when `json` is not an array.
std::vector<std::string> json_array_items(std::string_view json);
/// Each member of an object with its value's JSON text; throws DecodeError when `json` is not
/// an object.
std::vector<std::pair<std::string, std::string>> json_object_members(std::string_view json);

// Declared together first, so that lists of maps and maps of lists find each other.
template <class T>
std::string to_json(const std::vector<T>& values);
template <class T>
std::string to_json(const std::map<std::string, T>& values);
template <class T>
void from_json(std::string_view json, std::vector<T>& out);
template <class T>
void from_json(std::string_view json, std::map<std::string, T>& out);

template <class T>
std::string to_json(const std::map<std::string, T>& values) {
  std::string out = "{";
  for (const auto& [key, value] : values) {
    if (out.size() > 1) out += ',';
    out += to_json(key) + ":" + to_json(value);
  }
  return out + "}";
}

template <class T>
void from_json(std::string_view json, std::map<std::string, T>& out) {
  out.clear();
  for (const auto& [key, text] : json_object_members(json)) {
    try {
      from_json(text, out[key]);
    } catch (const DecodeError& error) {
      std::string token;  // the key as a JSON pointer token
      for (char c : key)
        token += c == '~' ? std::string("~0") : c == '/' ? std::string("~1") : std::string(1, c);
      throw DecodeError("/" + token + error.pointer(), error.problem());
    }
  }
}

template <class T>
std::string to_json(const std::vector<T>& values) {
  std::string out = "[";
  for (const T& value : values) {
    if (out.size() > 1) out += ',';
    out += to_json(value);
  }
  return out + "]";
}

template <class T>
void from_json(std::string_view json, std::vector<T>& out) {
  std::vector<std::string> items = json_array_items(json);
  out.clear();
  out.resize(items.size());
  for (std::size_t i = 0; i < items.size(); ++i) {
    try {
      from_json(items[i], out[i]);
    } catch (const DecodeError& error) {
      throw DecodeError("/" + std::to_string(i) + error.pointer(), error.problem());
    }
  }
}

/// Decodes a model (or any generated type) from JSON text; throws DecodeError with a JSON pointer.
template <class T>
T from_json(std::string_view text) {
  T value;
  from_json(text, value);
  return value;
}

}  // namespace dynamic
