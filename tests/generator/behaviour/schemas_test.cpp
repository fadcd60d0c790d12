// Generated recursive models, integer enums, defaults and maps (golden/schemas) at run time.
#include <doctest/doctest.h>

#include "dynamic/all.hpp"
#include "dynamic/models/node.hpp"
#include "dynamic/models/owner.hpp"
#include "dynamic/models/settings.hpp"
#include "dynamic/runtime/json_io.hpp"
#include "fake_transport.hpp"

using namespace dynamic;

TEST_CASE("recursive models decode and encode to any depth and copy deeply") {
  std::string text =
      R"({"name":"leaf","parent":{"name":"mid","parent":{"name":"root"}},)"
      R"("children":[{"name":"c1"}],"owner":{"email":"o@x","favourite":{"name":"fav"}}})";
  models::Node node = from_json<models::Node>(text);
  REQUIRE(node.parent);
  CHECK((*node.parent)->name == "mid");
  CHECK((*(*node.parent)->parent)->name == "root");
  CHECK((*(*node.owner)->favourite)->name == "fav");
  CHECK(to_json(node) == text);
  models::Node copy = node;
  (*copy.parent)->name = "changed";
  CHECK((*node.parent)->name == "mid");  // the copy is deep
}

TEST_CASE("integer enums keep unknown numbers and send them back") {
  auto known = from_json<models::Node>(R"({"name":"n","priority":2})");
  REQUIRE(known.priority);
  CHECK(known.priority->value() == models::Priority::Value::kValue2);
  auto negative = from_json<models::Node>(R"({"name":"n","priority":-1})");
  CHECK(negative.priority->value() == models::Priority::Value::kMinus1);
  auto unknown = from_json<models::Node>(R"({"name":"n","priority":7})");
  CHECK_FALSE(unknown.priority->is_known());
  CHECK(to_json(unknown) == R"({"name":"n","priority":7})");
  CHECK_THROWS_AS(from_json<models::Node>(R"({"name":"n","priority":"high"})"), DecodeError);
}

TEST_CASE("an integer enum query parameter is sent as its number") {
  testing::Harness harness;
  harness.transport->reply(200, R"({"name":"n"})");
  Client client(harness.options());
  GetNodeParams params;
  params.priority = models::Priority::Value::kValue3;
  client.nodes().get_node("n1", params);
  REQUIRE(harness.transport->request_count() == 1);
  CHECK(harness.transport->requests()[0].url.find("/nodes/n1?priority=3") != std::string::npos);
}

TEST_CASE("spec defaults fill new structs and absent fields") {
  models::Settings fresh;
  CHECK(fresh.theme == std::optional<std::string>("dark"));
  CHECK(fresh.retries == std::optional<std::int32_t>(3));
  CHECK(fresh.enabled == std::optional<bool>(true));
  REQUIRE(fresh.priority);
  CHECK(fresh.priority->to_int() == 2);
  auto decoded = from_json<models::Settings>(R"({"theme":"light"})");
  CHECK(*decoded.theme == "light");
  CHECK(*decoded.retries == 3);
  CHECK(*decoded.ratio == doctest::Approx(0.5));
}

TEST_CASE("additionalProperties true keeps any values and a schema types them") {
  auto settings =
      from_json<models::Settings>(R"({"labels":{"a":1,"b":{"c":[true]}},"limits":{"x":5}})");
  REQUIRE(settings.labels);
  CHECK(settings.labels->at("b").dump() == R"({"c":[true]})");
  CHECK(settings.limits->at("x") == 5);
  CHECK_THROWS_AS(from_json<models::Settings>(R"({"limits":{"x":"five"}})"), DecodeError);
}

TEST_CASE("arrays of arrays decode and round-trip") {
  auto node = from_json<models::Node>(R"({"name":"n","grid":[[1,2],[],[3]]})");
  REQUIRE(node.grid);
  REQUIRE(node.grid->size() == 3);
  CHECK((*node.grid)[0] == std::vector<std::int32_t>{1, 2});
  CHECK((*node.grid)[1].empty());
  CHECK(to_json(node) == R"({"name":"n","grid":[[1,2],[],[3]]})");
  try {
    from_json<models::Node>(R"({"name":"n","grid":[[1],[2,"x"]]})");
    FAIL("expected a DecodeError");
  } catch (const DecodeError& error) {
    CHECK(error.pointer() == "/grid/1/1");
  }
}

TEST_CASE("fields the spec does not know are kept at every depth and sent back") {
  const char* text =
      R"({"name":"n","addedLater":{"deep":[1,2,3]},"another":null,"owner":{"surprise":true},)"
      R"("parent":{"name":"p","parentOnly":1}})";
  auto node = from_json<models::Node>(text);
  CHECK(node.name == "n");
  REQUIRE(node.owner);
  CHECK_FALSE((*node.owner)->email);
  CHECK(node.unknown_fields.at("addedLater").dump() == R"({"deep":[1,2,3]})");
  CHECK(node.unknown_fields.at("another").is_null());
  CHECK((*node.owner)->unknown_fields.at("surprise").dump() == "true");
  CHECK((*node.parent)->unknown_fields.at("parentOnly").dump() == "1");
  // A recursive model round-trips decode-encode-decode, unknown fields included.
  auto again = from_json<models::Node>(to_json(node));
  CHECK(again == node);
  (*again.parent)->unknown_fields.clear();
  CHECK(again != node);
}
