// The internal JSON codec: decode errors name the offending value with a JSON pointer.
#include <doctest/doctest.h>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "dynamic/detail/json_codec.hpp"
#include "dynamic/runtime/errors.hpp"
#include "dynamic/runtime/json.hpp"
#include "dynamic/runtime/json_io.hpp"

namespace codec_test {

using dynamic::detail::JsonPath;

struct Item {
  std::string name;
  std::int32_t quantity = 0;
  std::optional<std::vector<std::string>> tags;
};

struct Order {
  std::vector<Item> items;
  std::optional<std::int64_t> total;
  std::optional<dynamic::Json> extra;
};

void decode_json(const dynamic::detail::JsonNode& json, Item& out, const JsonPath& at) {
  const dynamic::detail::JsonNode& object = dynamic::detail::expect_object(json, at);
  dynamic::detail::read_required(object.find("name"), "name", out.name, at);
  dynamic::detail::read_required(object.find("quantity"), "quantity", out.quantity, at);
  dynamic::detail::read_optional(object.find("tags"), "tags", out.tags, at);
}

void decode_json(const dynamic::detail::JsonNode& json, Order& out, const JsonPath& at) {
  const dynamic::detail::JsonNode& object = dynamic::detail::expect_object(json, at);
  dynamic::detail::read_required(object.find("items"), "items", out.items, at);
  dynamic::detail::read_optional(object.find("total"), "total", out.total, at);
  dynamic::detail::read_optional(object.find("extra"), "extra", out.extra, at);
}

void encode_json(dynamic::detail::JsonWriter& out, const Item& item) {
  out.begin_object();
  dynamic::detail::write_required(out, "name", item.name);
  dynamic::detail::write_required(out, "quantity", item.quantity);
  dynamic::detail::write_optional(out, "tags", item.tags);
  out.end_object();
}

}  // namespace codec_test

namespace {

template <class T>
dynamic::DecodeError decode_error(const std::string& text) {
  T value;
  try {
    dynamic::detail::decode_document(text, value);
  } catch (const dynamic::DecodeError& e) {
    return e;
  }
  FAIL("no DecodeError for " << text);
  return dynamic::DecodeError("", "");
}

}  // namespace

using codec_test::Item;
using codec_test::Order;

TEST_CASE("a valid document decodes") {
  Order order;
  dynamic::detail::decode_document(
      R"({"items":[{"name":"a","quantity":2,"tags":["x","y"]},{"name":"b","quantity":3.0,)"
      R"("tags":null}],"total":9007199254740993,"extra":{"k": [1, true]}})",
      order);
  REQUIRE(order.items.size() == 2);
  CHECK(order.items[0].name == "a");
  CHECK(order.items[0].quantity == 2);
  CHECK(order.items[0].tags == std::vector<std::string>{"x", "y"});
  CHECK(order.items[1].quantity == 3);
  CHECK_FALSE(order.items[1].tags.has_value());
  CHECK(order.total == 9007199254740993LL);
  REQUIRE(order.extra.has_value());
  CHECK(order.extra->dump() == R"({"k":[1,true]})");
}

TEST_CASE("wrong type deep in the document names its pointer") {
  auto e = decode_error<Order>(
      R"({"items":[{"name":"a","quantity":1},{"name":"b","quantity":1},{"name":3,"quantity":1}]})");
  CHECK(e.pointer() == "/items/2/name");
  CHECK(std::string(e.what()) == "expected a string, got an integer at /items/2/name");

  e = decode_error<Order>(R"({"items":[{"name":"a","quantity":1,"tags":["ok",false]}]})");
  CHECK(e.pointer() == "/items/0/tags/1");
  CHECK(std::string(e.what()).find("got a boolean") != std::string::npos);

  e = decode_error<Order>(R"({"items":{}})");
  CHECK(e.pointer() == "/items");
  CHECK(std::string(e.what()) == "expected an array, got an object at /items");

  e = decode_error<Order>(R"([])");
  CHECK(e.pointer() == "");
  CHECK(std::string(e.what()) == "expected an object, got an array at (document root)");
}

TEST_CASE("missing required field") {
  auto e = decode_error<Order>(R"({"items":[{"name":"a"}]})");
  CHECK(e.pointer() == "/items/0/quantity");
  CHECK(std::string(e.what()) == "required field is missing at /items/0/quantity");
  e = decode_error<Order>(R"({})");
  CHECK(e.pointer() == "/items");
}

TEST_CASE("integer range and exactness") {
  auto e = decode_error<Order>(R"({"items":[{"name":"a","quantity":3000000000}]})");
  CHECK(e.pointer() == "/items/0/quantity");
  CHECK(std::string(e.what()).find("out of range for a 32-bit integer") != std::string::npos);

  e = decode_error<Order>(R"({"items":[{"name":"a","quantity":-2147483649}]})");
  CHECK(e.pointer() == "/items/0/quantity");

  e = decode_error<Order>(R"({"items":[{"name":"a","quantity":2.5}]})");
  CHECK(e.pointer() == "/items/0/quantity");

  e = decode_error<Order>(R"({"items":[],"total":18446744073709551615})");
  CHECK(e.pointer() == "/total");
  CHECK(std::string(e.what()).find("out of range for a 64-bit integer") != std::string::npos);

  e = decode_error<Order>(R"({"items":[],"total":1e300})");
  CHECK(e.pointer() == "/total");
  e = decode_error<Order>(R"({"items":[],"total":9.3e18})");
  CHECK(e.pointer() == "/total");

  Order ok;
  dynamic::detail::decode_document(R"({"items":[{"name":"a","quantity":-2147483648}]})", ok);
  CHECK(ok.items[0].quantity == INT32_MIN);
  dynamic::detail::decode_document(R"({"items":[],"total":-9.2e18})", ok);
  CHECK(ok.total == -9200000000000000000LL);

  e = decode_error<Order>(R"({"items":[],"total":"12"})");
  CHECK(std::string(e.what()) == "expected a 64-bit integer, got a numeric string at /total");
}

TEST_CASE("a number past the range of a double is out of range and never infinity") {
  // Boost reads 1e400 as infinity, which JSON cannot hold: encoded again it would become null.
  for (const char* text : {"1e400", "-1e400"}) {
    CAPTURE(text);
    CHECK_THROWS_WITH_AS(dynamic::from_json<double>(text),
                         "number out of range for a double at (document root)",
                         dynamic::DecodeError);
    dynamic::detail::DecodeScope lenient(false);
    std::optional<double> value = 1.0;
    const auto tape = dynamic::detail::JsonTape::parse(std::string("[") + text + "]");
    dynamic::detail::read_optional(
        tape.root().first_child(), "price", value, dynamic::detail::JsonPath());
    CHECK_FALSE(value.has_value());
    CHECK(lenient.take_problems() ==
          std::vector<dynamic::DecodeProblem>{{"/price", "a number", "a number out of its range"}});
  }
  // Tiny numbers are merely rounded, as any decimal is.
  CHECK(dynamic::from_json<double>("1e-400") == 0.0);
  CHECK(dynamic::from_json<double>("1.7976931348623157e308") > 1e308);
}

TEST_CASE("map keys are escaped in the pointer") {
  auto e = decode_error<std::map<std::string, std::int32_t>>(R"({"ok":1,"a/b~c":"x"})");
  CHECK(e.pointer() == "/a~1b~0c");
}

TEST_CASE("text that is not JSON is a DecodeError at the document root") {
  auto e = decode_error<Order>("<html>");
  CHECK(e.pointer() == "");
  CHECK(std::string(e.what()).find("not valid JSON") != std::string::npos);
  CHECK(std::string(e.what()).find("(document root)") != std::string::npos);
  CHECK_THROWS_AS(dynamic::Json::parse(""), dynamic::DecodeError);
  CHECK_THROWS_AS(dynamic::Json::parse("{\"a\":1"), dynamic::DecodeError);
}

TEST_CASE("a body that cannot be parsed names the answer it came in") {
  // The caller of a failed call gets no Response: the error says what the answer was.
  auto parse_error = [](const std::string& body) {
    try {
      dynamic::detail::JsonTape::parse(body);
    } catch (const dynamic::DecodeError& error) {
      return error;
    }
    FAIL("no DecodeError for " << body);
    return dynamic::DecodeError("", "");
  };
  dynamic::ApiResponse page{200, {{"content-type", "text/html; charset=utf-8"}}, "<html>", ""};
  dynamic::DecodeError error = dynamic::detail::with_answer_context(parse_error(page.body), page);
  CHECK(error.pointer().empty());
  CHECK(std::string(error.what()) ==
        "body of HTTP 200 (6 bytes, Content-Type: text/html; charset=utf-8) is not valid JSON "
        "(syntax error at byte 0) at (document root)");
  dynamic::ApiResponse empty{204, {}, "", ""};
  CHECK(
      dynamic::detail::with_answer_context(parse_error(""), empty).problem() ==
      "body of HTTP 204 (0 bytes, no Content-Type) is not valid JSON (incomplete JSON at byte 0)");
  // Errors about a value, or about the root's kind, are left as they are.
  const dynamic::DecodeError field("/a", "a string", "an integer");
  CHECK(std::string(dynamic::detail::with_answer_context(field, page).what()) ==
        "expected a string, got an integer at /a");
  const dynamic::DecodeError root("", "an object", "an array");
  CHECK(dynamic::detail::with_answer_context(root, page).problem() ==
        "expected an object, got an array");
}

TEST_CASE("Json normalises to compact text") {
  CHECK(dynamic::Json().is_null());
  CHECK(dynamic::Json::parse(" { \"a\" : [ 1 , 2 ] } ").dump() == R"({"a":[1,2]})");
  CHECK(dynamic::Json::parse("[1]") == dynamic::Json::parse(" [ 1 ] "));
  CHECK(dynamic::Json::parse("[1]") != dynamic::Json::parse("[2]"));
}

TEST_CASE("encoding leaves absent optionals out") {
  Item item{"n", 4, std::nullopt};
  CHECK(dynamic::detail::encode_document(item) == R"({"name":"n","quantity":4})");
  item.tags = std::vector<std::string>{"t"};
  CHECK(dynamic::detail::encode_document(item) == R"({"name":"n","quantity":4,"tags":["t"]})");
}

TEST_CASE("from_json and to_json text of maps and of lists of maps") {
  using Map = std::map<std::string, std::vector<std::int64_t>>;
  Map map = dynamic::from_json<Map>(R"({"a":[1,2],"b/c":[]})");
  CHECK(map.at("a") == std::vector<std::int64_t>{1, 2});
  CHECK(map.at("b/c").empty());
  CHECK(dynamic::to_json(map) == R"({"a":[1,2],"b/c":[]})");
  std::vector<Map> list = dynamic::from_json<std::vector<Map>>(R"([{"x":[3]}])");
  CHECK(list.at(0).at("x").at(0) == 3);
  // A mismatch names the member by JSON pointer, its key escaped.
  try {
    dynamic::from_json<Map>(R"({"b/c":[1,"two"]})");
    FAIL("expected a DecodeError");
  } catch (const dynamic::DecodeError& error) {
    CHECK(error.pointer() == "/b~1c/1");
  }
  CHECK_THROWS_AS(dynamic::from_json<Map>("[]"), dynamic::DecodeError);
}
