// Internal: JSON encoding and decoding shared by the generated model code. Boost.JSON stays here,
// out of every public header. Decoding never trusts the input: each mismatch throws DecodeError
// with the JSON pointer of the offending value.
#pragma once

#include <boost/json.hpp>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "dynamic/detail/json_tape.hpp"
#include "dynamic/detail/pipeline.hpp"
#include "dynamic/runtime/blob.hpp"
#include "dynamic/runtime/box.hpp"
#include "dynamic/runtime/errors.hpp"
#include "dynamic/runtime/json.hpp"
#include "dynamic/runtime/nullable.hpp"
#include "dynamic/runtime/query.hpp"
#include "dynamic/runtime/response.hpp"

namespace dynamic::detail {

/// Where a value sits in the document, built on the stack while decoding and rendered as a JSON
/// pointer only when an error is reported.
class JsonPath {
 public:
  JsonPath() = default;
  JsonPath field(std::string_view key) const { return JsonPath(this, key, 0); }
  JsonPath item(std::size_t index) const { return JsonPath(this, {}, index + 1); }
  std::string pointer() const;

 private:
  JsonPath(const JsonPath* parent, std::string_view key, std::size_t index_plus_one)
      : parent_(parent), key_(key), index_plus_one_(index_plus_one) {}
  const JsonPath* parent_ = nullptr;
  std::string_view key_;
  std::size_t index_plus_one_ = 0;
};

/// Parses text as JSON into a DOM, every number read exactly (through JsonTape); a syntax error
/// becomes DecodeError naming the byte offset.
boost::json::value parse_document(std::string_view text);

/// Writes compact JSON into a string value by value, with no DOM in between. Commas are placed
/// by the writer: callers only open, name and close.
class JsonWriter {
 public:
  void begin_object();
  void end_object();
  void begin_array();
  void end_array();
  /// An object member's name; its value follows.
  void key(std::string_view name);
  void null();
  void boolean(bool value);
  void integer(std::int64_t value);
  /// The shortest text that reads back as the same double; null for NaN and infinities.
  void number(double value);
  void string(std::string_view value);
  /// A value already in JSON (a Json field, a field the model does not know), copied as it is.
  void raw(std::string_view json);
  /// The text written so far; the writer starts again empty.
  std::string take();
  void reserve(std::size_t bytes);

 private:
  void separate();
  static bool is_plain(std::string_view text);
  void put(std::string_view text);
  /// Makes room for `bytes` more at the end; returns where they go.
  char* grow(std::size_t bytes);

  std::string buffer_;
  std::size_t length_ = 0;
  bool need_comma_ = false;
};

[[noreturn]] void throw_type_mismatch(const JsonPath& at,
                                      std::string_view expected,
                                      const JsonNode& got);

// ---- Lenient and strict decoding --------------------------------------------------------------

/// How the current thread decodes while it lives. Lenient: a field that does not match keeps its
/// default and the mismatch is recorded; a numeric string is read as the number (and recorded).
/// Strict: every mismatch throws DecodeError. Without a scope decoding is strict (from_json).
class DecodeScope {
 public:
  explicit DecodeScope(bool strict);
  ~DecodeScope();
  DecodeScope(const DecodeScope&) = delete;
  DecodeScope& operator=(const DecodeScope&) = delete;
  std::vector<DecodeProblem> take_problems() { return std::move(problems_); }

 private:
  friend bool decoding_leniently();
  friend void record_problem(const DecodeError& error);
  DecodeScope* previous_;
  bool strict_;
  std::vector<DecodeProblem> problems_;
};

/// True inside a lenient DecodeScope.
bool decoding_leniently();
/// Adds a mismatch to the current lenient scope.
void record_problem(const DecodeError& error);

/// After a lenient failure, a container or optional may hold part of a value: empty it. Scalars
/// throw before writing and keep their default.
template <class T>
void clear_partial(T& /*value*/) {}
template <class T>
void clear_partial(std::vector<T>& value) {
  value.clear();
}
template <class T>
void clear_partial(std::map<std::string, T>& value) {
  value.clear();
}
template <class T>
void clear_partial(std::optional<T>& value) {
  value.reset();
}

/// Decodes one field: in a lenient scope a mismatch is recorded and the field left as it was.
template <class T>
void decode_field(const JsonNode& json, T& out, const JsonPath& at) {
  if (!decoding_leniently()) {
    decode_json(json, out, at);
    return;
  }
  try {
    decode_json(json, out, at);
  } catch (const DecodeError& error) {
    record_problem(error);
    clear_partial(out);
  }
}

/// A required field that is absent: an error, or a recorded problem in a lenient scope.
void missing_required(const JsonPath& field);

// ---- Fields the spec does not list ------------------------------------------------------------

/// The names of the fields a model knows, given as one literal of \0-terminated names (a static
/// of the generated decoder); a name's index is its position in the literal.
class FieldTable {
 public:
  static constexpr std::size_t kNotFound = static_cast<std::size_t>(-1);
  /// From a string literal: its whole length counts, embedded \0s included.
  template <std::size_t N>
  explicit FieldTable(const char (&names_with_nuls)[N])
      : FieldTable(std::string_view(names_with_nuls, N - 1)) {}
  explicit FieldTable(std::string_view names_with_nuls);
  /// The name's index, or kNotFound.
  std::size_t find(std::string_view name) const;
  std::size_t size() const { return entries_.size(); }

 private:
  struct Entry {
    std::string_view name;
    std::size_t index;
  };
  // Ordered by length first: most comparisons of a lookup are one integer comparison.
  static bool shorter_or_before(const Entry& a, const Entry& b);
  std::vector<Entry> entries_;
};

/// One pass over `object`: the value of each member the model knows goes to its field's slot
/// (slots[index], left null when absent), every other member to `unknown` as raw JSON, so that
/// what the server sent survives a decode-edit-encode round trip.
void sort_members(const JsonNode& object,
                  const FieldTable& fields,
                  const JsonNode** slots,
                  std::map<std::string, Json>& unknown);
/// Writes them back; a member the model already wrote wins.
/// Writes them back, except a name the model itself knows (the model's own value wins).
void write_unknown_fields(JsonWriter& out,
                          const std::map<std::string, Json>& fields,
                          const FieldTable& known);

/// The value itself when it is an object; throws DecodeError otherwise.
const JsonNode& expect_object(const JsonNode& json, const JsonPath& at);

// Scalars.
void decode_json(const JsonNode& json, std::string& out, const JsonPath& at);
void decode_json(const JsonNode& json, bool& out, const JsonPath& at);
void decode_json(const JsonNode& json, std::int32_t& out, const JsonPath& at);
void decode_json(const JsonNode& json, std::int64_t& out, const JsonPath& at);
void decode_json(const JsonNode& json, double& out, const JsonPath& at);
void decode_json(const JsonNode& json, Json& out, const JsonPath& at);
/// The value as compact JSON text, normalised as every Json value is.
std::string compact_text(const JsonNode& node);
/// A `format: binary` string inside a JSON document: its text is the bytes.
void decode_json(const JsonNode& json, Blob& out, const JsonPath& at);
void encode_json(JsonWriter& out, const std::string& value);
void encode_json(JsonWriter& out, bool value);
void encode_json(JsonWriter& out, std::int32_t value);
void encode_json(JsonWriter& out, std::int64_t value);
void encode_json(JsonWriter& out, double value);
void encode_json(JsonWriter& out, const Json& value);
void encode_json(JsonWriter& out, const Blob& value);

// Containers; declared together so each can hold the others.
template <class T>
void decode_json(const JsonNode& json, std::vector<T>& out, const JsonPath& at);
template <class T>
void decode_json(const JsonNode& json, std::map<std::string, T>& out, const JsonPath& at);
template <class T>
void decode_json(const JsonNode& json, std::optional<T>& out, const JsonPath& at);
template <class T>
void decode_json(const JsonNode& json, Box<T>& out, const JsonPath& at);
template <class T>
void encode_json(JsonWriter& out, const Box<T>& value);
template <class T>
void encode_json(JsonWriter& out, const std::vector<T>& values);
template <class T>
void encode_json(JsonWriter& out, const std::map<std::string, T>& values);
template <class T>
void encode_json(JsonWriter& out, const std::optional<T>& value);

template <class T>
void decode_json(const JsonNode& json, std::vector<T>& out, const JsonPath& at) {
  if (!json.is_array()) throw_type_mismatch(at, "an array", json);
  out.clear();
  out.resize(json.length);
  for_each_item(
      json, [&](std::size_t i, const JsonNode& item) { decode_json(item, out[i], at.item(i)); });
}

template <class T>
void decode_json(const JsonNode& json, std::map<std::string, T>& out, const JsonPath& at) {
  expect_object(json, at);
  out.clear();
  for_each_member(json, [&](std::string_view key, const JsonNode& value) {
    decode_json(value, out[std::string(key)], at.field(key));
  });
}

// null decodes to an empty optional.
template <class T>
void decode_json(const JsonNode& json, std::optional<T>& out, const JsonPath& at) {
  if (json.is_null()) {
    out.reset();
    return;
  }
  decode_json(json, out.emplace(), at);
}

template <class T>
void decode_json(const JsonNode& json, Box<T>& out, const JsonPath& at) {
  T value{};
  decode_json(json, value, at);
  out = Box<T>(std::move(value));
}

template <class T>
void encode_json(JsonWriter& out, const Box<T>& value) {
  if (!value.has_value()) {
    out.null();
    return;
  }
  encode_json(out, *value);
}

template <class T>
void encode_json(JsonWriter& out, const std::vector<T>& values) {
  out.begin_array();
  for (const T& value : values) encode_json(out, value);
  out.end_array();
}

template <class T>
void encode_json(JsonWriter& out, const std::map<std::string, T>& values) {
  out.begin_object();
  for (const auto& [key, value] : values) {
    out.key(key);
    encode_json(out, value);
  }
  out.end_object();
}

template <class T>
void encode_json(JsonWriter& out, const std::optional<T>& value) {
  if (!value) {
    out.null();
    return;
  }
  encode_json(out, *value);
}

/// Reads a field the schema requires from its slot; absent (null slot) is an error.
template <class T>
void read_required(const JsonNode* json, std::string_view key, T& out, const JsonPath& at) {
  JsonPath field = at.field(key);
  if (json == nullptr) {
    missing_required(field);
    return;
  }
  decode_field(*json, out, field);
}

/// Reads an optional field from its slot; absent and null both leave it empty.
template <class T>
void read_optional(const JsonNode* json,
                   std::string_view key,
                   std::optional<T>& out,
                   const JsonPath& at) {
  if (json == nullptr) {
    out.reset();
    return;
  }
  decode_field(*json, out, at.field(key));
}

template <class T>
void write_required(JsonWriter& out, std::string_view key, const T& value) {
  out.key(key);
  encode_json(out, value);
}

/// Absent optionals are left out rather than sent as null.
template <class T>
void write_optional(JsonWriter& out, std::string_view key, const std::optional<T>& value) {
  if (!value) return;
  out.key(key);
  encode_json(out, *value);
}

/// Reads an optional, nullable field: absent, null and a value stay distinct.
template <class T>
void read_nullable(const JsonNode* json,
                   std::string_view key,
                   Nullable<T>& out,
                   const JsonPath& at) {
  if (json == nullptr) {
    out.reset();
  } else if (json->is_null()) {
    out = nullptr;
  } else {
    T value{};
    JsonPath field = at.field(key);
    if (!decoding_leniently()) {
      decode_json(*json, value, field);
    } else {
      try {
        decode_json(*json, value, field);
      } catch (const DecodeError& error) {
        record_problem(error);
        out.reset();
        return;
      }
    }
    out = std::move(value);
  }
}

template <class T>
void write_nullable(JsonWriter& out, std::string_view key, const Nullable<T>& value) {
  if (value.is_null()) {
    out.key(key);
    out.null();
  } else if (value.has_value()) {
    out.key(key);
    encode_json(out, *value);
  }
}

/// True while a request body or query value is being encoded: readOnly fields are left out then.
bool encoding_request();

/// Marks the current thread as encoding a request for its lifetime.
class RequestEncoding {
 public:
  RequestEncoding();
  ~RequestEncoding();
  RequestEncoding(const RequestEncoding&) = delete;
  RequestEncoding& operator=(const RequestEncoding&) = delete;

 private:
  bool previous_;
};

/// Calls encode_json with every overload in view (for code outside dynamic::detail).
template <class T>
void encode_value(JsonWriter& out, const T& value) {
  encode_json(out, value);
}

template <class T>
std::string encode_document(const T& value) {
  JsonWriter out;
  out.reserve(1024);
  encode_json(out, value);
  return out.take();
}

/// The value as a Boost.JSON DOM, for the encoders that walk one (query styles, forms).
template <class T>
boost::json::value encode_dom(const T& value) {
  return parse_document(encode_document(value));
}

/// Decodes into a fresh T (for alternatives of a variant).
template <class T>
T decode_as(const JsonNode& json, const JsonPath& at) {
  T value{};
  decode_json(json, value, at);
  return value;
}

// ---- oneOf / anyOf ----------------------------------------------------------------------------

enum class JsonKind { kAny, kObject, kArray, kString, kInteger, kNumber, kBoolean };

/// Orders the alternatives of a variant for decoding. Candidates are the alternatives whose JSON
/// kind matches and whose required keys are all present; among objects the one that knows more
/// of the value's keys comes first; ties keep the spec's order.
class AlternativeRanking {
 public:
  explicit AlternativeRanking(const JsonNode& json) : json_(json) {}
  void expect(std::size_t index, JsonKind kind);
  void require(std::size_t index, std::string_view key);
  void know(std::size_t index, std::string_view key);
  std::vector<std::size_t> order() const;

 private:
  struct Candidate {
    JsonKind kind = JsonKind::kAny;
    bool missing_required = false;
    std::size_t known = 0;
  };
  Candidate& at(std::size_t index);
  const JsonNode& json_;
  std::vector<Candidate> candidates_;
};

/// The discriminator property's value when it is a string, else empty.
std::string discriminator_value(const JsonNode& json, std::string_view property);

// ---- Query ------------------------------------------------------------------------------------

using QueryList = std::vector<std::pair<std::string, std::string>>;

/// Appends an array or object query parameter in the given style (see QueryStyle); arrays with
/// `explode` repeat the name, without it join the values with commas.
void append_query_json(QueryList& query,
                       const std::string& name,
                       const boost::json::value& json,
                       QueryStyle style,
                       bool explode);

template <class T>
void append_query(
    QueryList& query, const std::string& name, const T& value, QueryStyle style, bool explode) {
  RequestEncoding request;
  append_query_json(query, name, encode_dom(value), style, explode);
}

template <class T>
void decode_document(std::string_view text, T& out) {
  // Straight from a tape of the document to the structs: no DOM is built.
  const JsonTape tape = JsonTape::parse(text);
  decode_json(tape.root(), out, JsonPath());
}

/// A body that could not be parsed at all says which answer it was: status, size and
/// Content-Type ("body of HTTP 200 (47 bytes, Content-Type: text/html) is not valid JSON ..."),
/// since the caller gets no Response to look at. Other errors come back unchanged.
DecodeError with_answer_context(const DecodeError& error, const ApiResponse& response);

/// Decodes a 2xx answer's body for a generated operation: leniently unless the client asks for
/// strict responses; what was read leniently goes to `response.problems` and the log.
template <class T>
void decode_response(const Pipeline& pipeline,
                     const ApiRequest& request,
                     ApiResponse& response,
                     T& out) {
  DecodeScope scope(pipeline.options().strict_responses);
  try {
    decode_document(response.body, out);
  } catch (const DecodeError& error) {
    throw with_answer_context(error, response);
  }
  response.problems = scope.take_problems();
  if (!response.problems.empty()) pipeline.report_problems(request, response);
}

/// Spells an encoded object as application/x-www-form-urlencoded (`key=value&...`); nested
/// objects and arrays use the deepObject convention (`key[sub]=value`).
std::string form_encode(const boost::json::value& json);

template <class T>
std::string encode_form(const T& value) {
  RequestEncoding request;
  return form_encode(encode_dom(value));
}

/// ErrorBodyDecoder for a model: a body that does not match leaves no typed body.
template <class T>
void decode_error_body(ApiError& error) {
  auto body = std::make_shared<T>();
  try {
    decode_document(error.raw_body(), *body);
  } catch (const DecodeError&) {
    return;
  }
  error.set_typed_body(std::move(body), typeid(T));
}

/// Serialises a request body: readOnly fields are left out.
template <class T>
std::string encode_request_document(const T& value) {
  RequestEncoding request;
  return encode_document(value);
}

}  // namespace dynamic::detail
