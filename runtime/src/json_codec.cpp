#include "dynamic/detail/json_codec.hpp"

#include "dynamic/detail/text.hpp"
#include "dynamic/runtime/json_io.hpp"

#include <algorithm>
#include <boost/url/encode.hpp>
#include <boost/url/rfc/unreserved_chars.hpp>
#include <charconv>
#include <cmath>
#include <cstring>
#include <limits>
#include <optional>

namespace dynamic::detail {
namespace {

std::string_view kind_name(const JsonNode& json) {
  switch (json.kind()) {
    case JsonNode::Kind::kNull:
      return "null";
    case JsonNode::Kind::kBool:
      return "a boolean";
    case JsonNode::Kind::kInt64:
    case JsonNode::Kind::kUint64:
      return "an integer";
    case JsonNode::Kind::kDouble:
      return "a number";
    case JsonNode::Kind::kString:
      return "a string";
    case JsonNode::Kind::kArray:
      return "an array";
    case JsonNode::Kind::kObject:
      return "an object";
  }
  return "a value";
}

void append_escaped(std::string& out, std::string_view token) {
  for (char c : token) {
    if (c == '~') {
      out += "~0";
    } else if (c == '/') {
      out += "~1";
    } else {
      out += c;
    }
  }
}

thread_local DecodeScope* current_scope = nullptr;

/// A number sent as a string ("1"): read in a lenient scope (and recorded), refused otherwise.
template <class Number>
std::optional<Number> numeric_string(const JsonNode& json,
                                     const JsonPath& at,
                                     std::string_view name) {
  if (!json.is_string()) return std::nullopt;
  const std::string_view text = json.string();
  Number value{};
  const char* end = text.data() + text.size();
  auto [stop, error] = std::from_chars(text.data(), end, value);
  if (text.empty() || error != std::errc() || stop != end) return std::nullopt;
  DecodeError problem(at.pointer(), std::string(name), "a numeric string");
  if (!decoding_leniently()) throw problem;
  record_problem(problem);
  return value;
}

template <class Int>
Int decode_integer(const JsonNode& json, const JsonPath& at, std::string_view name) {
  if (json.kind() == JsonNode::Kind::kInt64) {
    const std::int64_t value = json.int64;
    if (value >= std::numeric_limits<Int>::min() && value <= std::numeric_limits<Int>::max()) {
      return static_cast<Int>(value);
    }
  } else if (json.kind() == JsonNode::Kind::kUint64) {
    if (json.uint64 <= static_cast<std::uint64_t>(std::numeric_limits<Int>::max())) {
      return static_cast<Int>(json.uint64);
    }
  } else if (json.kind() == JsonNode::Kind::kDouble) {
    // Some servers write whole numbers as 1.0; accept them when exact and in range. The range
    // check comes first: converting an out-of-range double to an integer is undefined.
    // -(double)min is 2^(bits-1), one past max, exactly representable.
    const double value = json.number;
    constexpr double kLow = static_cast<double>(std::numeric_limits<Int>::min());
    if (value >= kLow && value < -kLow && value == std::trunc(value)) {
      return static_cast<Int>(value);
    }
  } else if (std::optional<Int> number = numeric_string<Int>(json, at, name)) {
    return *number;
  } else {
    throw_type_mismatch(at, name, json);
  }
  throw DecodeError(at.pointer(),
                    "number out of range for " + std::string(name),
                    std::string(name),
                    "a number out of its range");
}

}  // namespace

std::string JsonPath::pointer() const {
  std::vector<const JsonPath*> chain;
  for (const JsonPath* node = this; node != nullptr && node->parent_ != nullptr;
       node = node->parent_) {
    chain.push_back(node);
  }
  std::string out;
  for (auto it = chain.rbegin(); it != chain.rend(); ++it) {
    out += '/';
    if ((*it)->index_plus_one_ != 0) {
      out += std::to_string((*it)->index_plus_one_ - 1);
    } else {
      append_escaped(out, (*it)->key_);
    }
  }
  return out;
}

void throw_type_mismatch(const JsonPath& at, std::string_view expected, const JsonNode& got) {
  throw DecodeError(at.pointer(), std::string(expected), std::string(kind_name(got)));
}

DecodeScope::DecodeScope(bool strict) : previous_(current_scope), strict_(strict) {
  current_scope = this;
}

DecodeScope::~DecodeScope() { current_scope = previous_; }

bool decoding_leniently() { return current_scope != nullptr && !current_scope->strict_; }

void record_problem(const DecodeError& error) {
  if (current_scope == nullptr) return;
  std::string expected = error.expected().empty() ? std::string("valid JSON") : error.expected();
  std::string got = error.got().empty() ? error.problem() : error.got();
  current_scope->problems_.push_back({error.pointer(), std::move(expected), std::move(got)});
}

DecodeError with_answer_context(const DecodeError& error, const ApiResponse& response) {
  // Parse failures are the only errors at the root without an expected kind, and all start so.
  const std::string_view prefix = "body ";
  if (!error.pointer().empty() || !error.expected().empty() ||
      error.problem().compare(0, prefix.size(), prefix) != 0) {
    return error;
  }
  std::string content_type = find_header(response.headers, "Content-Type");
  if (content_type.size() > 100) content_type = content_type.substr(0, 100) + "...";
  const std::string answer =
      "body of HTTP " + std::to_string(response.status) + " (" +
      std::to_string(response.body.size()) + " bytes, " +
      (content_type.empty() ? std::string("no Content-Type") : "Content-Type: " + content_type) +
      ") ";
  return DecodeError("", answer + error.problem().substr(prefix.size()));
}

void missing_required(const JsonPath& field) {
  DecodeError error(field.pointer(),
                    "required field is missing",
                    "a value",
                    "nothing (the required field is missing)");
  if (!decoding_leniently()) throw error;
  record_problem(error);
}

FieldTable::FieldTable(std::string_view names_with_nuls) {
  std::size_t start = 0;
  while (start < names_with_nuls.size()) {
    std::size_t end = names_with_nuls.find('\0', start);
    if (end == std::string_view::npos) end = names_with_nuls.size();
    entries_.push_back({names_with_nuls.substr(start, end - start), entries_.size()});
    start = end + 1;
  }
  std::sort(entries_.begin(), entries_.end(), shorter_or_before);
}

bool FieldTable::shorter_or_before(const Entry& a, const Entry& b) {
  if (a.name.size() != b.name.size()) return a.name.size() < b.name.size();
  return a.name < b.name;
}

std::size_t FieldTable::find(std::string_view name) const {
  const Entry key{name, 0};
  auto found = std::lower_bound(entries_.begin(), entries_.end(), key, shorter_or_before);
  return found != entries_.end() && found->name == name ? found->index : kNotFound;
}

void sort_members(const JsonNode& object,
                  const FieldTable& fields,
                  const JsonNode** slots,
                  std::map<std::string, Json>& unknown) {
  unknown.clear();
  for_each_member(object, [&](std::string_view key, const JsonNode& value) {
    const std::size_t index = fields.find(key);
    if (index != FieldTable::kNotFound) {
      slots[index] = &value;  // a duplicate key: the last one wins, as in a DOM
    } else {
      decode_json(value, unknown[std::string(key)], JsonPath());
    }
  });
}

void write_unknown_fields(JsonWriter& out,
                          const std::map<std::string, Json>& fields,
                          const FieldTable& known) {
  for (const auto& [key, value] : fields) {
    if (known.find(key) != FieldTable::kNotFound) continue;
    out.key(key);
    out.raw(value.dump());
  }
}

const JsonNode& expect_object(const JsonNode& json, const JsonPath& at) {
  if (!json.is_object()) throw_type_mismatch(at, "an object", json);
  return json;
}

void decode_json(const JsonNode& json, std::string& out, const JsonPath& at) {
  if (!json.is_string()) throw_type_mismatch(at, "a string", json);
  out.assign(json.text, json.length);
}

void decode_json(const JsonNode& json, Blob& out, const JsonPath& at) {
  std::string bytes;
  decode_json(json, bytes, at);
  out = Blob::from_bytes(std::move(bytes));
}

void decode_json(const JsonNode& json, bool& out, const JsonPath& at) {
  if (json.kind() != JsonNode::Kind::kBool) throw_type_mismatch(at, "a boolean", json);
  out = json.boolean;
}

void decode_json(const JsonNode& json, std::int32_t& out, const JsonPath& at) {
  out = decode_integer<std::int32_t>(json, at, "a 32-bit integer");
}

void decode_json(const JsonNode& json, std::int64_t& out, const JsonPath& at) {
  out = decode_integer<std::int64_t>(json, at, "a 64-bit integer");
}

void decode_json(const JsonNode& json, double& out, const JsonPath& at) {
  switch (json.kind()) {
    case JsonNode::Kind::kDouble:
      // JSON has no infinity: one here is a number past double's range (1e400), which would be
      // written back as null. Out of range, as for integers.
      if (!std::isfinite(json.number)) {
        throw DecodeError(at.pointer(),
                          "number out of range for a double",
                          "a number",
                          "a number out of its range");
      }
      out = json.number;
      return;
    case JsonNode::Kind::kInt64:
      out = static_cast<double>(json.int64);
      return;
    case JsonNode::Kind::kUint64:
      out = static_cast<double>(json.uint64);
      return;
    default:
      break;
  }
  if (std::optional<double> number = numeric_string<double>(json, at, "a number")) {
    out = *number;
    return;
  }
  throw_type_mismatch(at, "a number", json);
}

// Lets the codec store text it serialised itself, already compact, without parsing it again.
struct JsonAccess {
  static Json from_text(std::string text) {
    Json out;
    out.text_ = std::move(text);
    return out;
  }
};

namespace {

// A subtree of the tape written back as compact JSON, through the same writer as the models.
void write_node(JsonWriter& out, const JsonNode& node) {
  switch (node.kind()) {
    case JsonNode::Kind::kNull:
      out.null();
      return;
    case JsonNode::Kind::kBool:
      out.boolean(node.boolean);
      return;
    case JsonNode::Kind::kInt64:
      out.integer(node.int64);
      return;
    case JsonNode::Kind::kUint64:
      out.raw(std::to_string(node.uint64));
      return;
    case JsonNode::Kind::kDouble:
      out.number(node.number);
      return;
    case JsonNode::Kind::kString:
      out.string(node.string());
      return;
    case JsonNode::Kind::kArray:
      out.begin_array();
      for_each_item(node, [&out](std::size_t, const JsonNode& item) { write_node(out, item); });
      out.end_array();
      return;
    case JsonNode::Kind::kObject:
      out.begin_object();
      for_each_member(node, [&out](std::string_view key, const JsonNode& value) {
        out.key(key);
        write_node(out, value);
      });
      out.end_object();
      return;
  }
}

}  // namespace

std::string compact_text(const JsonNode& node) {
  JsonWriter text;
  write_node(text, node);
  return text.take();
}

void decode_json(const JsonNode& json, Json& out, const JsonPath& /*at*/) {
  // Kept as compact text (metadata, fields the model does not know), with no DOM on the way.
  out = JsonAccess::from_text(compact_text(json));
}

void JsonWriter::begin_object() {
  separate();
  put("{");
  need_comma_ = false;
}

void JsonWriter::end_object() {
  put("}");
  need_comma_ = true;
}

void JsonWriter::begin_array() {
  separate();
  put("[");
  need_comma_ = false;
}

void JsonWriter::end_array() {
  put("]");
  need_comma_ = true;
}

void JsonWriter::key(std::string_view name) {
  if (!is_plain(name)) {
    string(name);
    put(":");
  } else {
    char* at = grow(name.size() + 3 + (need_comma_ ? 1 : 0));
    if (need_comma_) *at++ = ',';
    *at++ = '"';
    std::memcpy(at, name.data(), name.size());
    at[name.size()] = '"';
    at[name.size() + 1] = ':';
  }
  need_comma_ = false;
}

void JsonWriter::null() {
  separate();
  put("null");
}

void JsonWriter::boolean(bool value) {
  separate();
  put(value ? "true" : "false");
}

void JsonWriter::integer(std::int64_t value) {
  separate();
  char digits[24];
  const auto result = std::to_chars(digits, digits + sizeof(digits), value);
  put(std::string_view(digits, static_cast<std::size_t>(result.ptr - digits)));
}

void JsonWriter::number(double value) {
  if (!std::isfinite(value)) {
    null();  // JSON has no NaN or infinity
    return;
  }
  // -0.0 would be written "-0", which reads back as the integer 0: normalised text that did not
  // read back as itself (found by fuzz/models_union.cpp). Every zero is written "0".
  if (value == 0) value = 0.0;
  separate();
  char digits[32];
  const auto result = std::to_chars(digits, digits + sizeof(digits), value);
  put(std::string_view(digits, static_cast<std::size_t>(result.ptr - digits)));
}

void JsonWriter::string(std::string_view value) {
  if (!is_plain(value)) {
    separate();
    put(boost::json::serialize(boost::json::string_view(value.data(), value.size())));
    return;
  }
  // Most strings need no escape: copied in one piece with their quotes (and comma).
  char* at = grow(value.size() + 2 + (need_comma_ ? 1 : 0));
  if (need_comma_) *at++ = ',';
  need_comma_ = true;
  *at++ = '"';
  std::memcpy(at, value.data(), value.size());
  at[value.size()] = '"';
}

void JsonWriter::raw(std::string_view json) {
  separate();
  put(json);
}

std::string JsonWriter::take() {
  buffer_.resize(length_);
  length_ = 0;
  return std::move(buffer_);
}

void JsonWriter::reserve(std::size_t bytes) {
  if (buffer_.size() < bytes) buffer_.resize(bytes);
}

void JsonWriter::separate() {
  if (need_comma_) put(",");
  need_comma_ = true;
}

bool JsonWriter::is_plain(std::string_view text) {
  // Control characters, the quote and the backslash are what JSON strings must escape. No early
  // exit: the loop is then one the compiler turns into vector instructions.
  unsigned char escaped = 0;
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    escaped |= static_cast<unsigned char>((byte < 0x20) | (byte == '"') | (byte == '\\'));
  }
  return escaped == 0;
}

void JsonWriter::put(std::string_view text) {
  std::memcpy(grow(text.size()), text.data(), text.size());
}

// The buffer is kept larger than what was written (length_), growing by doubling, so that
// appending never zero-fills byte by byte.
char* JsonWriter::grow(std::size_t bytes) {
  if (length_ + bytes > buffer_.size()) {
    buffer_.resize(std::max(buffer_.size() * 2, length_ + bytes));
  }
  char* at = buffer_.data() + length_;
  length_ += bytes;
  return at;
}

void encode_json(JsonWriter& out, const std::string& value) { out.string(value); }
void encode_json(JsonWriter& out, const Blob& value) { out.string(value.bytes()); }
void encode_json(JsonWriter& out, bool value) { out.boolean(value); }
void encode_json(JsonWriter& out, std::int32_t value) { out.integer(value); }
void encode_json(JsonWriter& out, std::int64_t value) { out.integer(value); }
void encode_json(JsonWriter& out, double value) { out.number(value); }
void encode_json(JsonWriter& out, const Json& value) { out.raw(value.dump()); }

namespace {

/// A tape's value as a Boost.JSON DOM. The tape read every number exactly (std::from_chars);
/// Boost.JSON 1.81's own parser reads some long doubles one unit in the last place off, so a
/// value sent as a query or form field could differ from the one the caller set.
boost::json::value to_dom(const JsonNode& node) {
  switch (node.kind()) {
    case JsonNode::Kind::kNull:
      return nullptr;
    case JsonNode::Kind::kBool:
      return node.boolean;
    case JsonNode::Kind::kInt64:
      return node.int64;
    case JsonNode::Kind::kUint64:
      return node.uint64;
    case JsonNode::Kind::kDouble:
      return node.number;
    case JsonNode::Kind::kString:
      return boost::json::string(node.string());
    case JsonNode::Kind::kArray: {
      boost::json::array items;
      items.reserve(node.length);
      for_each_item(node,
                    [&](std::size_t, const JsonNode& item) { items.push_back(to_dom(item)); });
      return items;
    }
    case JsonNode::Kind::kObject: {
      boost::json::object members;
      members.reserve(node.length);
      for_each_member(
          node, [&](std::string_view key, const JsonNode& value) { members[key] = to_dom(value); });
      return members;
    }
  }
  return nullptr;
}

}  // namespace

boost::json::value parse_document(std::string_view text) {
  return to_dom(JsonTape::parse(text).root());
}

}  // namespace dynamic::detail

namespace dynamic {

Json::Json() : text_("null") {}

Json Json::parse(std::string_view text) {
  // Normalised exactly as a decoded value is, so that equal JSON compares equal.
  const detail::JsonTape tape = detail::JsonTape::parse(text);
  Json out;
  detail::decode_json(tape.root(), out, detail::JsonPath());
  return out;
}

}  // namespace dynamic

namespace dynamic::detail {

// Shortest text that reads back as the same double (JSON's number spelling).
// The shortest text that reads back as the same double, in plain decimal where it is short
// ("1.5", "100", "1e-07"): Boost.JSON would write "1.5E0", which a server parsing a query or
// form value as a number may reject.
std::string query_text(double value) {
  char buffer[32];
  std::to_chars_result result = std::to_chars(buffer, buffer + sizeof buffer, value);
  return std::string(buffer, result.ptr);
}

}  // namespace dynamic::detail

namespace dynamic::detail {
namespace {

thread_local bool encoding_request_flag = false;

bool kind_matches(JsonKind kind, const JsonNode& json) {
  switch (kind) {
    case JsonKind::kAny:
      return true;
    case JsonKind::kObject:
      return json.is_object();
    case JsonKind::kArray:
      return json.is_array();
    case JsonKind::kString:
      return json.is_string();
    case JsonKind::kInteger:
      return json.kind() == JsonNode::Kind::kInt64 || json.kind() == JsonNode::Kind::kUint64;
    case JsonKind::kNumber:
      return json.is_number();
    case JsonKind::kBoolean:
      return json.kind() == JsonNode::Kind::kBool;
  }
  return false;
}

// The text of a scalar inside a query string; null and containers have none.
std::optional<std::string> scalar_text(const boost::json::value& json) {
  if (const boost::json::string* text = json.if_string()) return std::string(*text);
  if (const bool* flag = json.if_bool()) return std::string(*flag ? "true" : "false");
  if (const double* number = json.if_double()) return query_text(*number);
  if (json.is_number()) return boost::json::serialize(json);
  return std::nullopt;
}

void append_deep(QueryList& query, const std::string& prefix, const boost::json::value& json) {
  if (const boost::json::object* object = json.if_object()) {
    for (const auto& entry : *object) {
      append_deep(query, prefix + "[" + std::string(entry.key()) + "]", entry.value());
    }
  } else if (const boost::json::array* array = json.if_array()) {
    for (const boost::json::value& item : *array) append_deep(query, prefix, item);
  } else if (std::optional<std::string> text = scalar_text(json)) {
    query.emplace_back(prefix, *text);
  }
}

}  // namespace

bool encoding_request() { return encoding_request_flag; }

RequestEncoding::RequestEncoding() : previous_(encoding_request_flag) {
  encoding_request_flag = true;
}

RequestEncoding::~RequestEncoding() { encoding_request_flag = previous_; }

AlternativeRanking::Candidate& AlternativeRanking::at(std::size_t index) {
  if (candidates_.size() <= index) candidates_.resize(index + 1);
  return candidates_[index];
}

void AlternativeRanking::expect(std::size_t index, JsonKind kind) { at(index).kind = kind; }

void AlternativeRanking::require(std::size_t index, std::string_view key) {
  if (json_.find(key) == nullptr) at(index).missing_required = true;
}

void AlternativeRanking::know(std::size_t index, std::string_view key) {
  if (json_.find(key) != nullptr) ++at(index).known;
}

std::vector<std::size_t> AlternativeRanking::order() const {
  std::vector<std::size_t> order;
  for (std::size_t i = 0; i < candidates_.size(); ++i) {
    if (!candidates_[i].missing_required && kind_matches(candidates_[i].kind, json_)) {
      order.push_back(i);
    }
  }
  std::stable_sort(order.begin(), order.end(), [this](std::size_t a, std::size_t b) {
    return candidates_[a].known > candidates_[b].known;
  });
  return order;
}

std::string discriminator_value(const JsonNode& json, std::string_view property) {
  const JsonNode* value = json.find(property);
  if (value == nullptr || !value->is_string()) return {};
  return std::string(value->string());
}

void append_query_json(QueryList& query,
                       const std::string& name,
                       const boost::json::value& json,
                       QueryStyle style,
                       bool explode) {
  const char* separator = style == QueryStyle::kSpaceDelimited  ? " "
                          : style == QueryStyle::kPipeDelimited ? "|"
                                                                : ",";
  if (const boost::json::array* array = json.if_array()) {
    std::string joined;
    bool any = false;  // not joined.empty(): an empty string is a value too
    for (const boost::json::value& item : *array) {
      std::optional<std::string> text = scalar_text(item);
      if (!text) continue;  // null and nested values have no query form, exploded or not
      if (explode) {
        query.emplace_back(name, *text);
      } else {
        joined += (any ? separator : "") + *text;
        any = true;
      }
    }
    if (!explode && any) query.emplace_back(name, joined);
    return;
  }
  if (const boost::json::object* object = json.if_object()) {
    if (style == QueryStyle::kDeepObject) {
      append_deep(query, name, json);
      return;
    }
    std::string joined;
    bool any = false;
    for (const auto& entry : *object) {
      std::optional<std::string> text = scalar_text(entry.value());
      if (!text) continue;
      if (explode) {
        query.emplace_back(std::string(entry.key()), *text);
      } else {
        joined += (any ? separator : "") + std::string(entry.key()) + separator + *text;
        any = true;
      }
    }
    if (!explode && any) query.emplace_back(name, joined);
    return;
  }
  if (std::optional<std::string> text = scalar_text(json)) query.emplace_back(name, *text);
}

namespace {

// application/x-www-form-urlencoded: unreserved characters stay, space is '+', the rest %XX.
void append_form_escaped(std::string& out, std::string_view text) {
  boost::urls::encoding_opts options;
  options.space_as_plus = true;
  boost::urls::encode(
      text, boost::urls::unreserved_chars, options, boost::urls::string_token::append_to(out));
}

}  // namespace

std::string form_encode(const boost::json::value& json) {
  QueryList pairs;
  if (const boost::json::object* object = json.if_object()) {
    for (const auto& entry : *object) append_deep(pairs, std::string(entry.key()), entry.value());
  }
  std::string out;
  for (const auto& [key, value] : pairs) {
    if (!out.empty()) out += '&';
    append_form_escaped(out, key);
    out += '=';
    append_form_escaped(out, value);
  }
  return out;
}

}  // namespace dynamic::detail

// ---- Public JSON text helpers (dynamic/runtime/json_io.hpp) ---------------------------------

namespace dynamic {

std::string to_json(const Json& value) { return value.dump(); }
std::string to_json(const std::string& value) { return detail::encode_document(value); }
std::string to_json(bool value) { return detail::encode_document(value); }
std::string to_json(std::int32_t value) { return detail::encode_document(value); }
std::string to_json(std::int64_t value) { return detail::encode_document(value); }
std::string to_json(double value) { return detail::encode_document(value); }

void from_json(std::string_view json, Json& out) { detail::decode_document(json, out); }
void from_json(std::string_view json, std::string& out) { detail::decode_document(json, out); }
void from_json(std::string_view json, bool& out) { detail::decode_document(json, out); }
void from_json(std::string_view json, std::int32_t& out) { detail::decode_document(json, out); }
void from_json(std::string_view json, std::int64_t& out) { detail::decode_document(json, out); }
void from_json(std::string_view json, double& out) { detail::decode_document(json, out); }

std::vector<std::string> json_array_items(std::string_view json) {
  const detail::JsonTape tape = detail::JsonTape::parse(json);
  const detail::JsonNode& root = tape.root();
  if (!root.is_array()) detail::throw_type_mismatch(detail::JsonPath(), "an array", root);
  std::vector<std::string> items;
  items.reserve(root.length);
  detail::for_each_item(root, [&items](std::size_t, const detail::JsonNode& item) {
    items.push_back(detail::compact_text(item));
  });
  return items;
}

std::vector<std::pair<std::string, std::string>> json_object_members(std::string_view json) {
  const detail::JsonTape tape = detail::JsonTape::parse(json);
  const detail::JsonNode& root = tape.root();
  if (!root.is_object()) detail::throw_type_mismatch(detail::JsonPath(), "an object", root);
  std::vector<std::pair<std::string, std::string>> members;
  members.reserve(root.length);
  detail::for_each_member(root, [&members](std::string_view key, const detail::JsonNode& value) {
    members.emplace_back(std::string(key), detail::compact_text(value));
  });
  return members;
}

}  // namespace dynamic

namespace dynamic {
namespace {

void write_pretty(std::string& out, const boost::json::value& value, std::size_t depth) {
  std::string indent(2 * (depth + 1), ' ');
  std::string closing(2 * depth, ' ');
  if (const boost::json::object* object = value.if_object(); object && !object->empty()) {
    out += "{\n";
    std::size_t i = 0;
    for (const auto& member : *object) {
      out += indent + boost::json::serialize(boost::json::string(member.key())) + ": ";
      write_pretty(out, member.value(), depth + 1);
      out += ++i == object->size() ? "\n" : ",\n";
    }
    out += closing + "}";
  } else if (const boost::json::array* array = value.if_array(); array && !array->empty()) {
    out += "[\n";
    for (std::size_t i = 0; i < array->size(); ++i) {
      out += indent;
      write_pretty(out, (*array)[i], depth + 1);
      out += i + 1 == array->size() ? "\n" : ",\n";
    }
    out += closing + "]";
  } else {
    out += boost::json::serialize(value);
  }
}

}  // namespace

std::string pretty_json(std::string_view text) {
  boost::json::error_code ec;
  boost::json::value value = boost::json::parse(text, ec);
  if (ec) return std::string(text);
  std::string out;
  write_pretty(out, value, 0);
  return out;
}

}  // namespace dynamic
