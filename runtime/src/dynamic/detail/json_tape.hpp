// Internal: a parsed JSON document as a flat array of nodes in document order (a "tape"), for
// decoding straight into the generated structs. Unlike a DOM it allocates one array, indexes no
// object keys, and points into the input for every string without escapes.
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <vector>

namespace dynamic::detail {

/// One value of the document. A container is followed by its contents: an array by its items,
/// an object by key and value in turn (the key a kString node). `span` counts the nodes of the
/// value itself and all it contains, so the next sibling is at `this + span()`.
struct JsonNode {
  enum class Kind : std::uint8_t {
    kNull,
    kBool,
    kInt64,
    kUint64,
    kDouble,
    kString,
    kArray,
    kObject
  };
  /// A node is 16 bytes: the span shares its word with the kind, so a value may hold up to
  /// 2^28 nodes (documents are capped far below that).
  static constexpr std::uint32_t kMaxSpan = (1u << 28) - 1;
  /// Bytes of a string; items of an array; members of an object.
  std::uint32_t length = 0;

 private:
  std::uint32_t kind_and_span_;

 public:
  union {
    bool boolean;
    std::int64_t int64;
    std::uint64_t uint64;
    double number;
    const char* text;
  };

  explicit JsonNode(Kind kind)
      : kind_and_span_((static_cast<std::uint32_t>(kind) << 28) | 1u), int64(0) {}
  Kind kind() const { return static_cast<Kind>(kind_and_span_ >> 28); }
  /// Nodes of this value and all it contains.
  std::uint32_t span() const { return kind_and_span_ & kMaxSpan; }
  void set_span(std::uint32_t span) { kind_and_span_ = (kind_and_span_ & ~kMaxSpan) | span; }
  bool is_null() const { return kind() == Kind::kNull; }
  bool is_string() const { return kind() == Kind::kString; }
  bool is_object() const { return kind() == Kind::kObject; }
  bool is_array() const { return kind() == Kind::kArray; }
  bool is_number() const {
    return kind() == Kind::kInt64 || kind() == Kind::kUint64 || kind() == Kind::kDouble;
  }
  std::string_view string() const { return {text, length}; }
  const JsonNode* first_child() const { return this + 1; }
  const JsonNode* next_sibling() const { return this + span(); }
  /// The value of an object's member, or null (a linear scan: for unions and discriminators).
  const JsonNode* find(std::string_view key) const;
};

/// Visits an object's members: `visit(std::string_view key, const JsonNode& value)`.
template <class Visit>
void for_each_member(const JsonNode& object, Visit&& visit) {
  const JsonNode* key = object.first_child();
  for (std::uint32_t i = 0; i < object.length; ++i) {
    const JsonNode* value = key + 1;
    visit(key->string(), *value);
    key = value->next_sibling();
  }
}

/// Visits an array's items: `visit(std::size_t index, const JsonNode& item)`.
template <class Visit>
void for_each_item(const JsonNode& array, Visit&& visit) {
  const JsonNode* item = array.first_child();
  for (std::uint32_t i = 0; i < array.length; ++i) {
    visit(static_cast<std::size_t>(i), *item);
    item = item->next_sibling();
  }
}

/// A parsed document. Strings point into the input text, which must outlive the tape, or into
/// the tape's own storage when they had escapes.
class JsonTape {
 public:
  /// Deepest nesting of arrays and objects a document may have (Boost.JSON's default): the
  /// decoders recurse once per level. Deeper documents are refused whole, early and cheaply.
  static constexpr std::size_t kMaxDepth = 32;
  /// Parses `text`; throws DecodeError when it is not one JSON value (naming the offset: where
  /// the parser stopped, or where invalid UTF-8 starts) or nests deeper than kMaxDepth.
  static JsonTape parse(std::string_view text);
  const JsonNode& root() const { return nodes_.front(); }

 private:
  friend class TapeBuilder;
  std::vector<JsonNode> nodes_;
  std::deque<std::string> unescaped_;
};

}  // namespace dynamic::detail
