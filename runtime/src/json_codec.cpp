#include "dynamic/detail/json_codec.hpp"

#include "dynamic/detail/text.hpp"

#include <cmath>
#include <limits>

namespace dynamic::detail {
namespace {

std::string_view kind_name(const boost::json::value& json) {
  switch (json.kind()) {
    case boost::json::kind::null:
      return "null";
    case boost::json::kind::bool_:
      return "a boolean";
    case boost::json::kind::int64:
    case boost::json::kind::uint64:
      return "an integer";
    case boost::json::kind::double_:
      return "a number";
    case boost::json::kind::string:
      return "a string";
    case boost::json::kind::array:
      return "an array";
    case boost::json::kind::object:
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

template <class Int>
Int decode_integer(const boost::json::value& json, const JsonPath& at, std::string_view name) {
  if (const std::int64_t* value = json.if_int64()) {
    if (*value >= std::numeric_limits<Int>::min() && *value <= std::numeric_limits<Int>::max()) {
      return static_cast<Int>(*value);
    }
  } else if (const std::uint64_t* value = json.if_uint64()) {
    if (*value <= static_cast<std::uint64_t>(std::numeric_limits<Int>::max())) {
      return static_cast<Int>(*value);
    }
  } else if (const double* value = json.if_double()) {
    // Some servers write whole numbers as 1.0; accept them when exact and in range. The range
    // check comes first: converting an out-of-range double to an integer is undefined.
    // -(double)min is 2^(bits-1), one past max, exactly representable.
    constexpr double kLow = static_cast<double>(std::numeric_limits<Int>::min());
    if (*value >= kLow && *value < -kLow && *value == std::trunc(*value)) {
      return static_cast<Int>(*value);
    }
  } else {
    throw_type_mismatch(at, name, json);
  }
  throw DecodeError(at.pointer(), std::string("number out of range for ") + std::string(name));
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

void throw_type_mismatch(const JsonPath& at,
                         std::string_view expected,
                         const boost::json::value& got) {
  throw DecodeError(at.pointer(),
                    "expected " + std::string(expected) + ", got " + std::string(kind_name(got)));
}

const boost::json::object& expect_object(const boost::json::value& json, const JsonPath& at) {
  const boost::json::object* object = json.if_object();
  if (object == nullptr) throw_type_mismatch(at, "an object", json);
  return *object;
}

void decode_json(const boost::json::value& json, std::string& out, const JsonPath& at) {
  const boost::json::string* text = json.if_string();
  if (text == nullptr) throw_type_mismatch(at, "a string", json);
  out.assign(text->data(), text->size());
}

void decode_json(const boost::json::value& json, bool& out, const JsonPath& at) {
  const bool* value = json.if_bool();
  if (value == nullptr) throw_type_mismatch(at, "a boolean", json);
  out = *value;
}

void decode_json(const boost::json::value& json, std::int32_t& out, const JsonPath& at) {
  out = decode_integer<std::int32_t>(json, at, "a 32-bit integer");
}

void decode_json(const boost::json::value& json, std::int64_t& out, const JsonPath& at) {
  out = decode_integer<std::int64_t>(json, at, "a 64-bit integer");
}

void decode_json(const boost::json::value& json, double& out, const JsonPath& at) {
  if (!json.is_number()) throw_type_mismatch(at, "a number", json);
  out = json.to_number<double>();
}

void decode_json(const boost::json::value& json, Json& out, const JsonPath& /*at*/) {
  out = Json::parse(boost::json::serialize(json));
}

boost::json::value encode_json(const std::string& value) { return boost::json::string(value); }
boost::json::value encode_json(bool value) { return value; }
boost::json::value encode_json(std::int32_t value) { return static_cast<std::int64_t>(value); }
boost::json::value encode_json(std::int64_t value) { return value; }
boost::json::value encode_json(double value) { return value; }
boost::json::value encode_json(const Json& value) { return parse_document(value.dump()); }

boost::json::value parse_document(std::string_view text) {
  boost::json::error_code ec;
  boost::json::value json = boost::json::parse(text, ec);
  if (ec) {
    throw DecodeError("", "body is not valid JSON (" + ec.message() + ")");
  }
  return json;
}

}  // namespace dynamic::detail

namespace dynamic {

Json::Json() : text_("null") {}

Json Json::parse(std::string_view text) {
  Json json;
  json.text_ = boost::json::serialize(detail::parse_document(text));
  return json;
}

}  // namespace dynamic

namespace dynamic::detail {

// Shortest text that reads back as the same double (JSON's number spelling).
std::string query_text(double value) { return boost::json::serialize(boost::json::value(value)); }

}  // namespace dynamic::detail
