#include "dynamic/detail/json_tape.hpp"

#include <boost/json/basic_parser_impl.hpp>
#include <charconv>
#include <functional>
#include <limits>
#include <optional>
#include <string>
#include <system_error>

#include "dynamic/runtime/errors.hpp"

namespace dynamic::detail {

/// Boost.JSON's SAX parser calls this for every token; it appends nodes to the tape.
class TapeBuilder {
 public:
  static constexpr std::size_t kMax = std::numeric_limits<std::uint32_t>::max();
  static constexpr std::size_t max_object_size = kMax;
  static constexpr std::size_t max_array_size = kMax;
  static constexpr std::size_t max_key_size = kMax;
  static constexpr std::size_t max_string_size = kMax;

  TapeBuilder(JsonTape& tape, std::string_view input) : tape_(tape), input_(input) {}

  bool on_document_begin(boost::json::error_code&) { return true; }
  bool on_document_end(boost::json::error_code&) { return true; }
  bool on_array_begin(boost::json::error_code&) { return open(JsonNode::Kind::kArray); }
  bool on_array_end(std::size_t n, boost::json::error_code&) { return close(n); }
  bool on_object_begin(boost::json::error_code&) { return open(JsonNode::Kind::kObject); }
  bool on_object_end(std::size_t n, boost::json::error_code&) { return close(n); }
  bool on_string_part(boost::json::string_view s, std::size_t, boost::json::error_code&) {
    partial_.append(s.data(), s.size());
    return true;
  }
  bool on_string(boost::json::string_view s, std::size_t, boost::json::error_code&) {
    return text(s);
  }
  bool on_key_part(boost::json::string_view s, std::size_t n, boost::json::error_code& ec) {
    return on_string_part(s, n, ec);
  }
  bool on_key(boost::json::string_view s, std::size_t, boost::json::error_code&) { return text(s); }
  bool on_number_part(boost::json::string_view s, boost::json::error_code&) {
    number_.append(s.data(), s.size());
    return true;
  }
  bool on_double(double d, boost::json::string_view s, boost::json::error_code&) {
    // Boost.JSON 1.81 reads some long numbers one unit in the last place off, so a value that
    // was written as the shortest text of a double read back as its neighbour, and a decode,
    // encode, decode round trip changed it (fuzz/models_users.cpp). std::from_chars rounds
    // correctly; out of its range Boost's reading stands.
    std::string_view text(s.data(), s.size());
    if (!number_.empty()) text = number_.append(text);  // a number split across buffers
    double exact = d;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), exact);
    push(JsonNode::Kind::kDouble).number =
        error == std::errc() && end == text.data() + text.size() ? exact : d;
    number_.clear();
    return true;
  }
  bool on_int64(std::int64_t i, boost::json::string_view, boost::json::error_code&) {
    number_.clear();
    push(JsonNode::Kind::kInt64).int64 = i;
    return true;
  }
  bool on_uint64(std::uint64_t u, boost::json::string_view, boost::json::error_code&) {
    number_.clear();
    push(JsonNode::Kind::kUint64).uint64 = u;
    return true;
  }
  bool on_bool(bool b, boost::json::error_code&) {
    push(JsonNode::Kind::kBool).boolean = b;
    return true;
  }
  bool on_null(boost::json::error_code&) {
    push(JsonNode::Kind::kNull);
    return true;
  }
  bool on_comment_part(boost::json::string_view, boost::json::error_code&) { return true; }
  bool on_comment(boost::json::string_view, boost::json::error_code&) { return true; }

 private:
  JsonNode& push(JsonNode::Kind kind) { return tape_.nodes_.emplace_back(kind); }
  bool open(JsonNode::Kind kind) {
    open_.push_back(tape_.nodes_.size());
    push(kind);
    return true;
  }
  bool close(std::size_t count) {
    const std::size_t index = open_.back();
    open_.pop_back();
    JsonNode& node = tape_.nodes_[index];
    node.length = static_cast<std::uint32_t>(count);
    if (tape_.nodes_.size() - index > JsonNode::kMaxSpan) {
      throw DecodeError("", "document too large to decode");
    }
    node.set_span(static_cast<std::uint32_t>(tape_.nodes_.size() - index));
    return true;
  }
  // A string the parser read in one piece and without escapes lies in the input: point there.
  // Otherwise (escapes, or split in parts) it is kept by the tape.
  bool text(boost::json::string_view last) {
    JsonNode& node = push(JsonNode::Kind::kString);
    // std::less: a total order even between pointers into different arrays.
    const std::less<const char*> before;
    const bool in_input = partial_.empty() && !before(last.data(), input_.data()) &&
                          !before(input_.data() + input_.size(), last.data() + last.size());
    if (in_input) {
      node.text = last.data();
      node.length = static_cast<std::uint32_t>(last.size());
      return true;
    }
    partial_.append(last.data(), last.size());
    const std::string& kept = tape_.unescaped_.emplace_back(std::move(partial_));
    partial_.clear();
    node.text = kept.data();
    node.length = static_cast<std::uint32_t>(kept.size());
    return true;
  }

  JsonTape& tape_;
  std::string_view input_;
  std::vector<std::size_t> open_;
  std::string partial_;
  std::string number_;  // a number's text split across on_number_part calls
};

namespace {

/// Length of the valid UTF-8 sequence at `at` (RFC 3629: no overlong forms, no surrogates,
/// nothing past U+10FFFF), or 0 when it is not one.
std::size_t utf8_sequence(std::string_view text, std::size_t at) {
  const auto byte = [&](std::size_t i) {
    return at + i < text.size() ? static_cast<unsigned char>(text[at + i]) : 0u;
  };
  const unsigned lead = byte(0);
  if (lead < 0x80) return 1;
  std::size_t length = 0;
  unsigned low = 0x80;  // the first continuation byte's range, narrowed for some leads
  unsigned high = 0xBF;
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    if (lead == 0xE0) low = 0xA0;   // overlong
    if (lead == 0xED) high = 0x9F;  // surrogates
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    if (lead == 0xF0) low = 0x90;   // overlong
    if (lead == 0xF4) high = 0x8F;  // past U+10FFFF
  } else {
    return 0;
  }
  if (byte(1) < low || byte(1) > high) return 0;
  for (std::size_t i = 2; i < length; ++i) {
    if (byte(i) < 0x80 || byte(i) > 0xBF) return 0;
  }
  return length;
}

/// Where the first invalid UTF-8 sequence starts, if one starts at or before `limit`.
std::optional<std::size_t> invalid_utf8_before(std::string_view text, std::size_t limit) {
  for (std::size_t at = 0; at <= limit && at < text.size();) {
    const std::size_t length = utf8_sequence(text, at);
    if (length == 0) return at;
    at += length;
  }
  return std::nullopt;
}

}  // namespace

JsonTape JsonTape::parse(std::string_view text) {
  JsonTape tape;
  // Typical API JSON has a node per 10 to 15 bytes: one allocation for most documents.
  tape.nodes_.reserve(text.size() / 10 + 16);
  boost::json::parse_options options;
  options.max_depth = kMaxDepth;
  boost::json::basic_parser<TapeBuilder> parser(options, tape, text);
  boost::json::error_code ec;
  const std::size_t consumed = parser.write_some(false, text.data(), text.size(), ec);
  if (!ec && consumed != text.size()) ec = boost::json::error::extra_data;
  if (!ec) return tape;
  // Boost calls both of these a "syntax error" or "too deep": say what it is.
  if (ec == boost::json::error::too_deep) {
    throw DecodeError("",
                      "body nests arrays and objects deeper than " + std::to_string(kMaxDepth) +
                          " levels (at byte " + std::to_string(consumed) + ")");
  }
  std::string reason = ec.message();
  std::size_t at = consumed;
  if (ec == boost::json::error::syntax) {
    // A bad sequence makes the parser stop at its first byte, or up to 3 bytes later.
    if (std::optional<std::size_t> bad = invalid_utf8_before(text, consumed)) {
      reason = "invalid UTF-8";
      at = *bad;
    }
  }
  throw DecodeError("",
                    "body is not valid JSON (" + reason + " at byte " + std::to_string(at) + ")");
}

const JsonNode* JsonNode::find(std::string_view key) const {
  if (kind() != Kind::kObject) return nullptr;
  const JsonNode* found = nullptr;
  for_each_member(*this, [&](std::string_view name, const JsonNode& value) {
    if (name == key) found = &value;  // the last of duplicates, as a DOM would keep
  });
  return found;
}

}  // namespace dynamic::detail
