// Internal: how generated code fills request bodies that are not JSON documents: multipart forms
// (one part per field; files as they are, text as text, anything else as JSON) and bytes or text
// sent as they are.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "dynamic/detail/json_codec.hpp"
#include "dynamic/detail/pipeline.hpp"
#include "dynamic/detail/text.hpp"
#include "dynamic/runtime/blob.hpp"
#include "dynamic/runtime/nullable.hpp"

namespace dynamic::detail {

using MultipartParts = std::vector<MultipartPart>;

/// A file part: the blob's bytes (read now), file name and content type.
void add_part(MultipartParts& parts, std::string_view name, const Blob& value);

// Declared together first, so that each overload sees the others (optional<vector<Blob>>).
template <class T>
void add_part(MultipartParts& parts, std::string_view name, const T& value);
template <class T>
void add_part(MultipartParts& parts, std::string_view name, const std::optional<T>& value);
template <class T>
void add_part(MultipartParts& parts, std::string_view name, const Nullable<T>& value);
template <class T>
void add_part(MultipartParts& parts, std::string_view name, const std::vector<T>& values);

template <class T, class = void>
struct is_text_value : std::false_type {};
template <class T>
struct is_text_value<T, std::void_t<decltype(query_text(std::declval<const T&>()))>>
    : std::true_type {};

/// A value part: strings, numbers, booleans and enums as their text; models, maps and JSON
/// values as their JSON document.
template <class T>
void add_part(MultipartParts& parts, std::string_view name, const T& value) {
  if constexpr (is_text_value<T>::value) {
    parts.push_back({std::string(name), {}, {}, std::string(query_text(value))});
  } else {
    parts.push_back({std::string(name), {}, "application/json", encode_request_document(value)});
  }
}

/// Absent fields send no part.
template <class T>
void add_part(MultipartParts& parts, std::string_view name, const std::optional<T>& value) {
  if (value) add_part(parts, name, *value);
}
template <class T>
void add_part(MultipartParts& parts, std::string_view name, const Nullable<T>& value) {
  if (value.has_value()) add_part(parts, name, value.value());
}

/// An array sends one part per item, under the same name (how forms send several files).
template <class T>
void add_part(MultipartParts& parts, std::string_view name, const std::vector<T>& values) {
  for (const T& value : values) add_part(parts, name, value);
}

/// Sends the blob's bytes as the body. A media type with a wildcard (`*/*`, `image/*`) takes the
/// blob's own content type, or application/octet-stream.
void set_raw_body(ApiRequest& request, const Blob& body, std::string_view media);
/// Sends the text as the body, as `media`.
void set_raw_body(ApiRequest& request, std::string body, std::string_view media);

/// The multipart/form-data body of `parts`, delimited by `boundary` (RFC 7578).
std::string encode_multipart(const MultipartParts& parts, std::string_view boundary);
/// A random boundary that occurs in no part.
std::string choose_boundary(const MultipartParts& parts);

}  // namespace dynamic::detail
