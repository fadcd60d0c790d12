// The codec helpers behind nullable fields, readOnly handling, oneOf/anyOf variants, query styles
// and form bodies (dynamic/detail/json_codec.hpp), and the public JSON text helpers
// (dynamic/runtime/json_io.hpp).
#include <doctest/doctest.h>

#include <cstdint>
#include <cstdlib>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

#include "dynamic/detail/json_codec.hpp"
#include "dynamic/detail/text.hpp"
#include "dynamic/runtime/errors.hpp"
#include "dynamic/runtime/json.hpp"
#include "dynamic/runtime/json_io.hpp"
#include "dynamic/runtime/nullable.hpp"
#include "dynamic/runtime/query.hpp"

namespace codec_features {

using dynamic::detail::JsonPath;

/// A model whose encoder records whether it ran while a request was being encoded, the way
/// generated encoders decide whether to leave readOnly fields out.
struct Probe {
  std::string name;
  mutable std::vector<bool> seen_request;
};

void encode_json(dynamic::detail::JsonWriter& out, const Probe& probe) {
  probe.seen_request.push_back(dynamic::detail::encoding_request());
  out.begin_object();
  dynamic::detail::write_required(out, "name", probe.name);
  if (!dynamic::detail::encoding_request())
    dynamic::detail::write_required(out, "id", std::string("server-only"));
  out.end_object();
}

/// A model with a public from_json, like the generated ones, for json_io's vector helpers.
struct Point {
  std::int32_t x = 0;
  std::int32_t y = 0;
};

void decode_json(const dynamic::detail::JsonNode& json, Point& out, const JsonPath& at) {
  const dynamic::detail::JsonNode& object = dynamic::detail::expect_object(json, at);
  dynamic::detail::read_required(object.find("x"), "x", out.x, at);
  dynamic::detail::read_required(object.find("y"), "y", out.y, at);
}

void from_json(std::string_view json, Point& out) { dynamic::detail::decode_document(json, out); }

}  // namespace codec_features

namespace {

using dynamic::DecodeError;
using dynamic::Nullable;
using dynamic::QueryStyle;
using dynamic::detail::AlternativeRanking;
using dynamic::detail::JsonKind;
using dynamic::detail::JsonPath;
using dynamic::detail::QueryList;

/// A parsed literal (the tape points into it: literals outlive it).
dynamic::detail::JsonTape object_of(const char* text) {
  return dynamic::detail::JsonTape::parse(text);
}

QueryList query_of(std::string_view json, QueryStyle style, bool explode) {
  QueryList query;
  dynamic::detail::append_query_json(query, "p", boost::json::parse(json), style, explode);
  return query;
}

QueryList pairs(std::initializer_list<std::pair<const char*, const char*>> list) {
  QueryList out;
  for (const auto& [name, value] : list) out.emplace_back(name, value);
  return out;
}

std::vector<std::size_t> ranked(const AlternativeRanking& ranking) { return ranking.order(); }

std::string form_of(std::string_view json) {
  return dynamic::detail::form_encode(boost::json::parse(json));
}

}  // namespace

// ---- Nullable fields -------------------------------------------------------------------------

TEST_CASE("read_nullable keeps absent and null and a value apart") {
  JsonPath root;
  Nullable<std::string> phone = std::string("stale");
  dynamic::detail::read_nullable(
      object_of(R"({"other":1})").root().find("phone"), "phone", phone, root);
  CHECK(phone.is_absent());

  phone = std::string("stale");
  dynamic::detail::read_nullable(
      object_of(R"({"phone":null})").root().find("phone"), "phone", phone, root);
  CHECK(phone.is_null());
  CHECK_FALSE(phone.has_value());

  dynamic::detail::read_nullable(
      object_of(R"({"phone":"555"})").root().find("phone"), "phone", phone, root);
  REQUIRE(phone.has_value());
  CHECK(*phone == "555");

  Nullable<std::int32_t> score;
  dynamic::detail::read_nullable(
      object_of(R"({"score":-7})").root().find("score"), "score", score, root);
  CHECK(score.value_or(0) == -7);
}

TEST_CASE("read_nullable reports a value of the wrong type at the field's pointer") {
  Nullable<std::int32_t> score;
  JsonPath root;
  JsonPath profile = root.field("profile");
  try {
    dynamic::detail::read_nullable(
        object_of(R"({"score":"high"})").root().find("score"), "score", score, profile);
    FAIL("no DecodeError");
  } catch (const DecodeError& error) {
    CHECK(error.pointer() == "/profile/score");
    CHECK(error.problem() == "expected a 32-bit integer, got a string");
  }
}

TEST_CASE("write_nullable leaves absent out and writes null and values") {
  dynamic::detail::JsonWriter out;
  out.begin_object();
  dynamic::detail::write_nullable(out, "absent", Nullable<std::string>());
  dynamic::detail::write_nullable(out, "cleared", Nullable<std::string>(nullptr));
  dynamic::detail::write_nullable(out, "set", Nullable<std::string>(std::string("v")));
  dynamic::detail::write_nullable(out, "count", Nullable<std::int64_t>(std::int64_t{42}));
  out.end_object();
  CHECK(out.take() == R"({"cleared":null,"set":"v","count":42})");
}

TEST_CASE("the writer places commas and escapes what JSON requires") {
  dynamic::detail::JsonWriter out;
  out.begin_array();
  out.begin_object();
  out.key("a\"b");
  out.string("line\nbreak \x01 \\ \xc3\xa9 /");
  out.key("empty");
  out.begin_array();
  out.end_array();
  out.key("n");
  out.number(2.5);
  out.end_object();
  out.number(1e300 * 1e300);  // infinity has no JSON spelling
  out.integer(-9223372036854775807 - 1);
  out.boolean(false);
  out.null();
  out.raw(R"({"kept":[1]})");
  out.end_array();
  const std::string text = out.take();
  CHECK(text ==
        "[{\"a\\\"b\":\"line\\nbreak \\u0001 \\\\ \xc3\xa9 /\",\"empty\":[],\"n\":2.5},null,"
        R"(-9223372036854775808,false,null,{"kept":[1]}])");
  CHECK(boost::json::parse(text).as_array().size() == 6);
}

TEST_CASE("a nullable field round-trips through read and write") {
  for (const char* text : {R"({})", R"({"f":null})", R"({"f":"x"})"}) {
    INFO(text);
    Nullable<std::string> field;
    dynamic::detail::read_nullable(object_of(text).root().find("f"), "f", field, JsonPath());
    dynamic::detail::JsonWriter out;
    out.begin_object();
    dynamic::detail::write_nullable(out, "f", field);
    out.end_object();
    CHECK(out.take() == text);
  }
}

// ---- Request encoding (readOnly) -------------------------------------------------------------

TEST_CASE("RequestEncoding marks the thread while it lives and nests") {
  CHECK_FALSE(dynamic::detail::encoding_request());
  {
    dynamic::detail::RequestEncoding outer;
    CHECK(dynamic::detail::encoding_request());
    {
      dynamic::detail::RequestEncoding inner;
      CHECK(dynamic::detail::encoding_request());
    }
    // The inner scope restores what it found, not false.
    CHECK(dynamic::detail::encoding_request());
    bool other_thread = true;
    std::thread([&] { other_thread = dynamic::detail::encoding_request(); }).join();
    CHECK_FALSE(other_thread);
  }
  CHECK_FALSE(dynamic::detail::encoding_request());
}

// Boost.JSON 1.81 reads these two one unit in the last place off (2.2222222222222225e+64); query
// and form encoders walk a DOM of the encoded value, which is now read through the tape.
TEST_CASE("a double sent in a query or a form keeps every digit") {
  for (double value : {1.1111111111111112e+60, 2.2222222222222222e+64}) {
    CAPTURE(value);
    QueryList query;
    dynamic::detail::append_query(query, "p", std::vector<double>{value}, QueryStyle::kForm, true);
    REQUIRE(query.size() == 1);
    CHECK(std::strtod(query[0].second.c_str(), nullptr) == value);
    const std::string form =
        dynamic::detail::encode_form(std::map<std::string, double>{{"x", value}});
    // The exponent's sign is percent-encoded in a form ("1.1111111111111112e%2B60").
    const std::size_t plus = form.find("%2B");
    REQUIRE(form.rfind("x=", 0) == 0);
    REQUIRE(plus != std::string::npos);
    const std::string text = form.substr(2, plus - 2) + "+" + form.substr(plus + 3);
    CHECK(std::strtod(text.c_str(), nullptr) == value);
  }
}

TEST_CASE("request bodies forms and query values are encoded as requests but documents are not") {
  codec_features::Probe probe{"p", {}};
  CHECK(dynamic::detail::encode_document(probe) == R"({"name":"p","id":"server-only"})");
  CHECK(dynamic::detail::encode_request_document(probe) == R"({"name":"p"})");
  CHECK(dynamic::detail::encode_form(probe) == "name=p");
  QueryList query;
  dynamic::detail::append_query(query, "probe", probe, QueryStyle::kDeepObject, true);
  CHECK(query == pairs({{"probe[name]", "p"}}));
  CHECK(probe.seen_request == std::vector<bool>{false, true, true, true});
  // Each helper restores the flag when it returns.
  CHECK_FALSE(dynamic::detail::encoding_request());
}

// ---- oneOf / anyOf ranking -------------------------------------------------------------------
// AlternativeRanking keeps a reference to the value it ranks: each value below outlives it.

TEST_CASE("AlternativeRanking drops alternatives of another JSON kind") {
  const dynamic::detail::JsonTape object_json_tape = dynamic::detail::JsonTape::parse(R"({"a":1})");
  const dynamic::detail::JsonNode& object_json = object_json_tape.root();
  AlternativeRanking object(object_json);
  object.expect(0, JsonKind::kString);
  object.expect(1, JsonKind::kObject);
  object.expect(2, JsonKind::kArray);
  object.expect(3, JsonKind::kAny);
  CHECK(ranked(object) == std::vector<std::size_t>{1, 3});

  const dynamic::detail::JsonTape fraction_json_tape = dynamic::detail::JsonTape::parse("1.5");
  const dynamic::detail::JsonNode& fraction_json = fraction_json_tape.root();
  AlternativeRanking fraction(fraction_json);
  fraction.expect(0, JsonKind::kInteger);
  fraction.expect(1, JsonKind::kNumber);
  fraction.expect(2, JsonKind::kBoolean);
  CHECK(ranked(fraction) == std::vector<std::size_t>{1});

  const dynamic::detail::JsonTape whole_json_tape = dynamic::detail::JsonTape::parse("2");
  const dynamic::detail::JsonNode& whole_json = whole_json_tape.root();
  AlternativeRanking whole(whole_json);
  whole.expect(0, JsonKind::kInteger);
  whole.expect(1, JsonKind::kNumber);
  whole.expect(2, JsonKind::kString);
  CHECK(ranked(whole) == std::vector<std::size_t>{0, 1});

  const dynamic::detail::JsonTape flag_json_tape = dynamic::detail::JsonTape::parse("true");
  const dynamic::detail::JsonNode& flag_json = flag_json_tape.root();
  AlternativeRanking flag(flag_json);
  flag.expect(0, JsonKind::kString);
  flag.expect(1, JsonKind::kBoolean);
  CHECK(ranked(flag) == std::vector<std::size_t>{1});
}

TEST_CASE("AlternativeRanking drops alternatives missing a required key") {
  const dynamic::detail::JsonTape ranking_json_tape =
      dynamic::detail::JsonTape::parse(R"({"email":"e","kind":"user"})");
  const dynamic::detail::JsonNode& ranking_json = ranking_json_tape.root();
  AlternativeRanking ranking(ranking_json);
  ranking.expect(0, JsonKind::kObject);
  ranking.require(0, "walletAddress");
  ranking.expect(1, JsonKind::kObject);
  ranking.require(1, "email");
  ranking.require(1, "kind");
  CHECK(ranked(ranking) == std::vector<std::size_t>{1});

  // A required key cannot be present in a value that is not an object.
  const dynamic::detail::JsonTape text_json_tape = dynamic::detail::JsonTape::parse(R"("email")");
  const dynamic::detail::JsonNode& text_json = text_json_tape.root();
  AlternativeRanking text(text_json);
  text.expect(0, JsonKind::kAny);
  text.require(0, "email");
  text.expect(1, JsonKind::kAny);
  CHECK(ranked(text) == std::vector<std::size_t>{1});
}

TEST_CASE("AlternativeRanking puts the alternative knowing more keys first") {
  const dynamic::detail::JsonTape ranking_json_tape =
      dynamic::detail::JsonTape::parse(R"({"id":"1","email":"e","phone":"p"})");
  const dynamic::detail::JsonNode& ranking_json = ranking_json_tape.root();
  AlternativeRanking ranking(ranking_json);
  ranking.expect(0, JsonKind::kObject);
  ranking.know(0, "id");
  ranking.know(0, "walletAddress");
  ranking.expect(1, JsonKind::kObject);
  ranking.know(1, "id");
  ranking.know(1, "email");
  ranking.know(1, "phone");
  ranking.expect(2, JsonKind::kObject);
  ranking.know(2, "id");
  ranking.know(2, "email");
  CHECK(ranked(ranking) == std::vector<std::size_t>{1, 2, 0});
}

TEST_CASE("AlternativeRanking keeps the declared order between equals") {
  const dynamic::detail::JsonTape ranking_json_tape =
      dynamic::detail::JsonTape::parse(R"({"id":"1","x":2})");
  const dynamic::detail::JsonNode& ranking_json = ranking_json_tape.root();
  AlternativeRanking ranking(ranking_json);
  for (std::size_t i = 0; i < 4; ++i) {
    ranking.expect(i, JsonKind::kObject);
    ranking.know(i, "id");
  }
  ranking.know(2, "x");
  CHECK(ranked(ranking) == std::vector<std::size_t>{2, 0, 1, 3});

  const dynamic::detail::JsonTape none_json_tape =
      dynamic::detail::JsonTape::parse(R"({"unknown":true})");
  const dynamic::detail::JsonNode& none_json = none_json_tape.root();
  AlternativeRanking none(none_json);
  none.expect(0, JsonKind::kObject);
  none.know(0, "id");
  none.expect(1, JsonKind::kObject);
  none.know(1, "email");
  CHECK(ranked(none) == std::vector<std::size_t>{0, 1});
}

TEST_CASE("discriminator_value reads a string property and nothing else") {
  using dynamic::detail::discriminator_value;
  CHECK(discriminator_value(dynamic::detail::JsonTape::parse(R"({"type":"wallet","x":1})").root(),
                            "type") == "wallet");
  CHECK(discriminator_value(dynamic::detail::JsonTape::parse(R"({"x":1})").root(), "type").empty());
  CHECK(discriminator_value(dynamic::detail::JsonTape::parse(R"({"type":3})").root(), "type")
            .empty());
  CHECK(discriminator_value(dynamic::detail::JsonTape::parse(R"({"type":null})").root(), "type")
            .empty());
  CHECK(
      discriminator_value(dynamic::detail::JsonTape::parse(R"(["type"])").root(), "type").empty());
  CHECK(discriminator_value(dynamic::detail::JsonTape::parse(R"("type")").root(), "type").empty());
  CHECK(discriminator_value(dynamic::detail::JsonTape::parse(R"({"Type":"x"})").root(), "type")
            .empty());
}

// ---- Query parameters ------------------------------------------------------------------------

TEST_CASE("an exploded array query parameter repeats the name for each scalar") {
  CHECK(query_of(R"(["a","b"])", QueryStyle::kForm, true) == pairs({{"p", "a"}, {"p", "b"}}));
  CHECK(query_of(R"([2,true,"x y",-1])", QueryStyle::kForm, true) ==
        pairs({{"p", "2"}, {"p", "true"}, {"p", "x y"}, {"p", "-1"}}));
  // null and nested containers have no query text and are skipped.
  CHECK(query_of(R"([null,"a",[1],{"k":1}])", QueryStyle::kForm, true) == pairs({{"p", "a"}}));
  CHECK(query_of("[]", QueryStyle::kForm, true).empty());
}

TEST_CASE("an array query parameter without explode joins the values with commas") {
  CHECK(query_of(R"(["a","b","c"])", QueryStyle::kForm, false) == pairs({{"p", "a,b,c"}}));
  CHECK(query_of(R"([1,false])", QueryStyle::kForm, false) == pairs({{"p", "1,false"}}));
  CHECK(query_of(R"(["a","","b"])", QueryStyle::kForm, false) == pairs({{"p", "a,,b"}}));
  CHECK(query_of("[]", QueryStyle::kForm, false).empty());
  // An array is an array whatever style is asked for.
  CHECK(query_of(R"(["a","b"])", QueryStyle::kDeepObject, false) == pairs({{"p", "a,b"}}));
}

TEST_CASE("a deepObject query parameter nests keys in brackets") {
  CHECK(query_of(R"({"a":"x","b":true})", QueryStyle::kDeepObject, true) ==
        pairs({{"p[a]", "x"}, {"p[b]", "true"}}));
  CHECK(query_of(R"({"outer":{"inner":{"leaf":1}},"s":"v"})", QueryStyle::kDeepObject, false) ==
        pairs({{"p[outer][inner][leaf]", "1"}, {"p[s]", "v"}}));
  // Arrays inside repeat their key; nulls are left out.
  CHECK(query_of(R"({"ids":["u1","u2"],"gone":null,"n":{"tags":[1,2]}})",
                 QueryStyle::kDeepObject,
                 true) ==
        pairs({{"p[ids]", "u1"}, {"p[ids]", "u2"}, {"p[n][tags]", "1"}, {"p[n][tags]", "2"}}));
  CHECK(query_of("{}", QueryStyle::kDeepObject, true).empty());
}

TEST_CASE("a form style object is spelled key=value when exploded") {
  CHECK(query_of(R"({"a":"x","b":2})", QueryStyle::kForm, true) == pairs({{"a", "x"}, {"b", "2"}}));
  // Only scalar members have a form spelling.
  CHECK(query_of(R"({"a":"x","nested":{"k":1},"list":[1],"none":null})", QueryStyle::kForm, true) ==
        pairs({{"a", "x"}}));
  CHECK(query_of("{}", QueryStyle::kForm, true).empty());
}

TEST_CASE("a form style object without explode is one parameter of key and value pairs") {
  CHECK(query_of(R"({"a":"x","b":2})", QueryStyle::kForm, false) == pairs({{"p", "a,x,b,2"}}));
  CHECK(query_of(R"({"a":"","b":"y"})", QueryStyle::kForm, false) == pairs({{"p", "a,,b,y"}}));
  CHECK(query_of(R"({"nested":{"k":1}})", QueryStyle::kForm, false).empty());
}

TEST_CASE("a scalar query value is sent as its text and null sends nothing") {
  for (QueryStyle style : {QueryStyle::kForm, QueryStyle::kDeepObject}) {
    for (bool explode : {true, false}) {
      CHECK(query_of(R"("a b")", style, explode) == pairs({{"p", "a b"}}));
      CHECK(query_of("-12", style, explode) == pairs({{"p", "-12"}}));
      CHECK(query_of("18446744073709551615", style, explode) ==
            pairs({{"p", "18446744073709551615"}}));
      CHECK(query_of("false", style, explode) == pairs({{"p", "false"}}));
      CHECK(query_of("null", style, explode).empty());
    }
  }
}

TEST_CASE("append_query_json appends after what the list already holds") {
  QueryList query = pairs({{"limit", "5"}});
  dynamic::detail::append_query_json(
      query, "ids", boost::json::parse(R"(["a"])"), QueryStyle::kForm, true);
  dynamic::detail::append_query_json(
      query, "f", boost::json::parse(R"({"k":"v"})"), QueryStyle::kDeepObject, true);
  CHECK(query == pairs({{"limit", "5"}, {"ids", "a"}, {"f[k]", "v"}}));
}

// ---- Form bodies -----------------------------------------------------------------------------

TEST_CASE("form encoding turns spaces into plus signs and escapes reserved characters") {
  CHECK(form_of(R"({"q":"a b"})") == "q=a+b");
  CHECK(form_of(R"({"q":"x&y=z"})") == "q=x%26y%3Dz");
  CHECK(form_of(R"({"q":"1+1"})") == "q=1%2B1");
  CHECK(form_of(R"({"q":"50%/?#[]"})") == "q=50%25%2F%3F%23%5B%5D");
  // RFC 3986 unreserved characters stay as they are.
  CHECK(form_of(R"({"q":"AZaz09-._~"})") == "q=AZaz09-._~");
  // Keys are escaped the same way.
  CHECK(form_of(R"({"a b&c":"d"})") == "a+b%26c=d");
}

TEST_CASE("form encoding percent-encodes each UTF-8 byte") {
  CHECK(form_of(R"({"name":"\u00e9"})") == "name=%C3%A9");
  CHECK(form_of(R"({"name":"\u4e2d\u6587"})") == "name=%E4%B8%AD%E6%96%87");
  CHECK(form_of(R"({"name":"\ud83d\ude00"})") == "name=%F0%9F%98%80");
  CHECK(form_of(R"({"ctl":"\n\t"})") == "ctl=%0A%09");
}

TEST_CASE("form encoding joins fields with ampersands and nests containers") {
  CHECK(form_of(R"({"username":"a b","remember":true,"age":3})") ==
        "username=a+b&remember=true&age=3");
  CHECK(form_of(R"({"o":{"p":"v"},"list":[1,2],"gone":null})") == "o%5Bp%5D=v&list=1&list=2");
  CHECK(form_of("{}").empty());
  // Only an object has fields to encode.
  CHECK(form_of(R"(["a"])").empty());
  CHECK(form_of(R"("a")").empty());
}

// ---- json_io ---------------------------------------------------------------------------------

TEST_CASE("to_json writes scalars as JSON text") {
  CHECK(dynamic::to_json(std::string("a\"b\\c\n")) == R"("a\"b\\c\n")");
  CHECK(dynamic::to_json(std::string("\xC3\xA9")) == "\"\xC3\xA9\"");
  CHECK(dynamic::to_json(true) == "true");
  CHECK(dynamic::to_json(std::int32_t{-2147483647 - 1}) == "-2147483648");
  CHECK(dynamic::to_json(std::int64_t{9007199254740993}) == "9007199254740993");
  CHECK(dynamic::to_json(dynamic::Json::parse(R"( { "k" : [ 1 ] } )")) == R"({"k":[1]})");
  // Doubles read back exactly (Boost.JSON spells them in exponent form).
  double back = 0;
  dynamic::from_json(dynamic::to_json(0.1), back);
  CHECK(back == 0.1);
  dynamic::from_json(dynamic::to_json(-1234.5), back);
  CHECK(back == -1234.5);
}

TEST_CASE("from_json reads scalars and rejects the wrong type") {
  CHECK(dynamic::from_json<std::string>(R"("x\u00e9")") == "x\xC3\xA9");
  CHECK(dynamic::from_json<bool>("false") == false);
  CHECK(dynamic::from_json<std::int32_t>("-5") == -5);
  CHECK(dynamic::from_json<std::int64_t>("9007199254740993") == 9007199254740993LL);
  CHECK(dynamic::from_json<double>("2") == 2.0);
  CHECK(dynamic::from_json<dynamic::Json>("[ 1 , 2 ]").dump() == "[1,2]");
  CHECK_THROWS_AS(dynamic::from_json<std::int32_t>("3000000000"), DecodeError);
  CHECK_THROWS_AS(dynamic::from_json<bool>(R"("true")"), DecodeError);
  CHECK_THROWS_AS(dynamic::from_json<std::string>("not json"), DecodeError);
}

TEST_CASE("to_json and from_json handle vectors") {
  CHECK(dynamic::to_json(std::vector<std::int64_t>{1, 2, 3}) == "[1,2,3]");
  CHECK(dynamic::to_json(std::vector<std::string>{"a", "b,c"}) == R"(["a","b,c"])");
  CHECK(dynamic::to_json(std::vector<bool>{}) == "[]");
  CHECK(dynamic::to_json(std::vector<std::vector<std::int32_t>>{{1}, {}, {2, 3}}) ==
        "[[1],[],[2,3]]");

  auto numbers = dynamic::from_json<std::vector<std::int32_t>>(" [ 4 , 5 ] ");
  CHECK(numbers == std::vector<std::int32_t>{4, 5});
  auto nested = dynamic::from_json<std::vector<std::vector<std::string>>>(R"([["a"],[],["b"]])");
  CHECK(nested == std::vector<std::vector<std::string>>{{"a"}, {}, {"b"}});
  std::vector<std::string> reused{"old", "values"};
  dynamic::from_json("[]", reused);
  CHECK(reused.empty());
}

TEST_CASE("a bad element of a vector is reported under its index") {
  try {
    dynamic::from_json<std::vector<std::int32_t>>(R"([1,2,"three"])");
    FAIL("no DecodeError");
  } catch (const DecodeError& error) {
    CHECK(error.pointer() == "/2");
    CHECK(error.problem() == "expected a 32-bit integer, got a string");
  }
  try {
    dynamic::from_json<std::vector<codec_features::Point>>(
        R"([{"x":1,"y":2},{"x":3,"y":4},{"x":5,"y":"six"}])");
    FAIL("no DecodeError");
  } catch (const DecodeError& error) {
    CHECK(error.pointer() == "/2/y");
    CHECK(std::string(error.what()) == "expected a 32-bit integer, got a string at /2/y");
  }
  try {
    dynamic::from_json<std::vector<std::vector<codec_features::Point>>>(
        R"([[],[{"x":1,"y":2}],[{"x":1,"y":2},{"y":2}]])");
    FAIL("no DecodeError");
  } catch (const DecodeError& error) {
    CHECK(error.pointer() == "/2/1/x");
    CHECK(error.problem() == "required field is missing");
  }
}

TEST_CASE("a vector is decoded only from a JSON array") {
  try {
    dynamic::from_json<std::vector<std::string>>(R"({"0":"a"})");
    FAIL("no DecodeError");
  } catch (const DecodeError& error) {
    CHECK(error.pointer() == "");
    CHECK(error.problem() == "expected an array, got an object");
  }
  CHECK_THROWS_AS(dynamic::from_json<std::vector<std::string>>("[1,"), DecodeError);
  CHECK(dynamic::json_array_items(R"([1, {"a" : 2}, "x"])") ==
        std::vector<std::string>{"1", R"({"a":2})", R"("x")"});
}

TEST_CASE("query values spell doubles in plain decimal") {
  CHECK(dynamic::detail::query_text(1.5) == "1.5");
  CHECK(dynamic::detail::query_text(100.0) == "100");
  CHECK(dynamic::detail::query_text(0.1) == "0.1");
  dynamic::detail::QueryList query;
  dynamic::detail::append_query_json(
      query, "r", boost::json::parse("[2.5]"), dynamic::QueryStyle::kForm, true);
  REQUIRE(query.size() == 1);
  CHECK(query[0].second == "2.5");
}

TEST_CASE("a joined array keeps empty strings") {
  dynamic::detail::QueryList query;
  dynamic::detail::append_query_json(
      query, "p", boost::json::parse(R"(["","a"])"), dynamic::QueryStyle::kForm, false);
  dynamic::detail::append_query_json(
      query, "q", boost::json::parse(R"(["",""])"), dynamic::QueryStyle::kForm, false);
  REQUIRE(query.size() == 2);
  CHECK(query[0].second == ",a");
  CHECK(query[1].second == ",");
}

TEST_CASE("a field table finds each name at its position in the literal and nothing else") {
  // Same lengths ("id", "ab"), a prefix ("name" of "names"), an empty name.
  static const dynamic::detail::FieldTable fields(
      "names\0"
      "id\0"
      "name\0"
      "ab\0"
      "\0");
  CHECK(fields.size() == 5);
  CHECK(fields.find("names") == 0);
  CHECK(fields.find("id") == 1);
  CHECK(fields.find("name") == 2);
  CHECK(fields.find("ab") == 3);
  CHECK(fields.find("") == 4);
  for (const char* other : {"nam", "namesx", "Id", "ac", "i", "aa"}) {
    INFO(other);
    CHECK(fields.find(other) == dynamic::detail::FieldTable::kNotFound);
  }
}

TEST_CASE("sort_members puts known values in their slots and keeps every other member") {
  static const dynamic::detail::FieldTable fields(
      "id\0"
      "name\0"
      "tags\0");
  const dynamic::detail::JsonTape json_tape =
      dynamic::detail::JsonTape::parse(R"({"name":"Ada","extra":{"a":[1,null]},"id":7,"z":null})");
  const dynamic::detail::JsonNode& json = json_tape.root();
  const dynamic::detail::JsonNode* slots[3] = {};
  std::map<std::string, dynamic::Json> unknown = {{"stale", dynamic::Json::parse("1")}};
  dynamic::detail::sort_members(json, fields, slots, unknown);
  REQUIRE(slots[0] != nullptr);
  CHECK(slots[0]->int64 == 7);
  REQUIRE(slots[1] != nullptr);
  CHECK(slots[1]->string() == "Ada");
  CHECK(slots[2] == nullptr);    // absent
  REQUIRE(unknown.size() == 2);  // the stale entry is gone
  CHECK(unknown.at("extra").dump() == R"({"a":[1,null]})");
  CHECK(unknown.at("z").is_null());
}

TEST_CASE("Json values parsed by hand and decoded from a body are normalised alike") {
  const char* text =
      R"({ "n" : 2.5, "big" : 18446744073709551615, "s" : "a\"b\u00e9", "l" : [ ] })";
  const dynamic::Json parsed = dynamic::Json::parse(text);
  CHECK(parsed.dump() ==
        "{\"n\":2.5,\"big\":18446744073709551615,\"s\":\"a\\\"b\xc3\xa9\",\"l\":[]}");
  const dynamic::detail::JsonTape tape = dynamic::detail::JsonTape::parse(text);
  dynamic::Json decoded;
  dynamic::detail::decode_json(tape.root(), decoded, JsonPath());
  CHECK(decoded == parsed);
  CHECK(boost::json::parse(parsed.dump()) == boost::json::parse(text));
}
