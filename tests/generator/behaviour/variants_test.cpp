// Generated oneOf/anyOf code (golden/variants) decoding and encoding through the real runtime.
#include <doctest/doctest.h>

#include "dynamic/all.hpp"
#include "dynamic/models/drawing.hpp"
#include "dynamic/models/pet.hpp"
#include "dynamic/models/shape.hpp"
#include "dynamic/runtime/json_io.hpp"
#include "fake_transport.hpp"

using namespace dynamic;

TEST_CASE("a discriminator picks the alternative its mapping names") {
  auto cat = from_json<models::Pet>(R"({"kind":"cat","lives":9})");
  REQUIRE(cat.value.index() == 1);
  CHECK(std::get<1>(cat.value).lives == 9);
  auto dog = from_json<models::Pet>(R"({"kind":"dog","goodBoy":true})");
  REQUIRE(dog.value.index() == 2);
  CHECK(std::get<2>(dog.value).good_boy == true);
}

TEST_CASE("an unknown discriminator value is kept as raw JSON and sent back unchanged") {
  std::string text = R"({"kind":"axolotl","gills":6})";
  auto pet = from_json<models::Pet>(text);
  REQUIRE(pet.value.index() == 0);
  CHECK(std::get<0>(pet.value).dump() == text);
  CHECK(to_json(pet) == text);
}

TEST_CASE("without a discriminator the best-fitting alternative wins") {
  CHECK(from_json<models::Shape>(R"({"radius":1.5})").value.index() == 1);
  CHECK(from_json<models::Shape>(R"({"side":2,"label":"s"})").value.index() == 2);
  auto text = from_json<models::Shape>(R"("freehand")");
  REQUIRE(text.value.index() == 3);
  CHECK(std::get<3>(text.value) == "freehand");
  // Fits neither object (no required field) nor string: kept as it came.
  CHECK(from_json<models::Shape>(R"({"points":[1,2]})").value.index() == 0);
}

TEST_CASE("an alternative whose fields fail to decode falls through to the next") {
  // radius has the wrong type: Circle fails, Square lacks `side`, so the raw JSON is kept.
  auto shape = from_json<models::Shape>(R"({"radius":"big"})");
  CHECK(shape.value.index() == 0);
}

TEST_CASE("variants round-trip inside arrays and through a request body") {
  std::string text = R"({"shapes":[{"radius":1.5},{"side":2E0,"label":"s"},"freehand"]})";
  auto drawing = from_json<models::Drawing>(text);
  REQUIRE(drawing.shapes);
  REQUIRE(drawing.shapes->size() == 3);
  CHECK(to_json(drawing) == R"({"shapes":[{"radius":1.5},{"side":2,"label":"s"},"freehand"]})");

  testing::Harness harness;
  harness.transport->reply(200, R"({"shapes":[]})");
  Client client(harness.options());
  models::Shape shape;
  shape.value.emplace<2>(models::Square{3.0, std::string("sq")});
  client.shapes().add_shape(shape);
  REQUIRE(harness.transport->request_count() == 1);
  CHECK(harness.transport->requests()[0].body == R"({"side":3,"label":"sq"})");
}
