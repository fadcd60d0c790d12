// Constructs of real-world documents that dyngen once refused (golden/tolerance), through the
// real runtime: enums that are not string or integer enums, const, type arrays, a $ref beside
// properties, a path item by $ref, union, JSON-content and integer-array query parameters, a
// vendor JSON body, scalar answers, an operation without responses, a webhook payload.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "dynamic/all.hpp"
#include "dynamic/models/dog.hpp"
#include "dynamic/models/dog_adopted_payload.hpp"
#include "dynamic/models/kennel.hpp"
#include "dynamic/models/list_dogs_name.hpp"
#include "dynamic/models/pet.hpp"
#include "dynamic/models/shelter.hpp"
#include "dynamic/runtime/json_io.hpp"
#include "fake_transport.hpp"

using namespace dynamic;
using dynamic::testing::Harness;
using dynamic::testing::header_of;

namespace {

const std::string kBase = "https://api.example.test/api/v0";

HttpRequest only_request(const Harness& harness) {
  std::vector<HttpRequest> requests = harness.transport->requests();
  REQUIRE(requests.size() == 1);
  return requests[0];
}

std::string list_dogs_url(const ListDogsParams& params) {
  Harness harness;
  harness.transport->reply(200, "[]");
  Client client(harness.options());
  CHECK(client.dogs().list_dogs(params).empty());
  return only_request(harness).url;
}

}  // namespace

TEST_CASE("enums of booleans or numbers or mixed kinds are typed by their values") {
  const std::string text =
      R"({"id":"p1","vaccinated":true,"weight":2,"rank":3,"tag":true,"mood":"calm","level":2,)"
      R"("label":"x","kind":"pet","version":2,"size":12,"maybe":null})";
  models::Pet pet = from_json<models::Pet>(text);
  CHECK(pet.vaccinated == true);
  CHECK(pet.weight == 2.0);
  CHECK(pet.rank == 3.0);
  REQUIRE(pet.tag);
  CHECK(pet.tag->dump() == "true");
  CHECK(pet.mood->value() == models::PetMood::Value::kCalm);
  CHECK(pet.level->value() == models::PetLevel::Value::kValue2);
  CHECK(pet.kind == "pet");
  CHECK(pet.version == 2);
  CHECK(pet.size->dump() == "12");
  CHECK(pet.maybe.is_null());
  // An enum that lists null is nullable: null and absent stay apart.
  CHECK(from_json<models::Pet>(R"({"id":"p","mood":null})").mood.is_null());
  CHECK(from_json<models::Pet>(R"({"id":"p"})").mood.is_absent());
  CHECK(from_json<models::Pet>(to_json(pet)) == pet);
  // A type array of string and integer holds either.
  CHECK(from_json<models::Pet>(R"({"id":"p","size":"large"})").size->dump() == R"("large")");
}

TEST_CASE("a $ref beside properties extends the referenced schema") {
  models::Dog dog = from_json<models::Dog>(R"({"id":"d1","mood":"wild","barks":true})");
  CHECK(dog.id == "d1");
  CHECK(dog.mood->value() == models::PetMood::Value::kWild);
  CHECK(dog.barks == true);
}

TEST_CASE("a union with a null alternative is its other alternative and nullable") {
  models::Kennel kennel = from_json<models::Kennel>(
      R"({"owner":{"id":"p1"},"either":7,"nothing":null,"dogs":[{"id":"d1","barks":true}]})");
  REQUIRE(kennel.owner.has_value());
  CHECK(kennel.owner.value().id == "p1");
  REQUIRE(kennel.either.has_value());
  REQUIRE(std::holds_alternative<std::int64_t>(kennel.either.value().value));
  CHECK(std::get<std::int64_t>(kennel.either.value().value) == 7);
  // The $ref into a response's schema reads that schema.
  REQUIRE(kennel.dogs);
  CHECK(kennel.dogs->at(0).barks == true);
  models::Kennel empty = from_json<models::Kennel>(R"({"owner":null,"either":null})");
  CHECK(empty.owner.is_null());
  CHECK(empty.either.is_null());
  // Fields with a default hold it, so they are sent.
  CHECK(to_json(empty) == R"({"owner":null,"either":null,"capacity":0,"weightLimit":0})");
}

TEST_CASE("nullable fields with a numeric default start at it and null stays null") {
  models::Kennel fresh;
  CHECK(fresh.capacity.value() == 0);
  CHECK(fresh.weight_limit.value() == 0.0);
  models::Kennel absent = from_json<models::Kennel>("{}");
  CHECK(absent.capacity.value() == 0);
  CHECK(from_json<models::Kennel>(R"({"capacity":null})").capacity.is_null());
}

TEST_CASE("an allOf with a union part has every alternative's properties as optional fields") {
  models::Shelter city = from_json<models::Shelter>(R"({"name":"North","city":"Oslo"})");
  CHECK(city.name == "North");
  CHECK(city.city == "Oslo");
  CHECK_FALSE(city.url);
  models::Shelter online = from_json<models::Shelter>(R"({"name":"Web","url":"https://x"})");
  CHECK(online.url == "https://x");
  CHECK_FALSE(online.city);
  CHECK(to_json(online) == R"({"name":"Web","url":"https://x"})");
}

TEST_CASE("query parameters: integer arrays and unions and JSON content and free-form JSON") {
  ListDogsParams ids;
  ids.ids = std::vector<std::int64_t>{1, 22};
  CHECK(list_dogs_url(ids) == kBase + "/dogs?ids=1&ids=22");

  ListDogsParams one_name;
  one_name.name = models::ListDogsName{std::string("rex")};
  CHECK(list_dogs_url(one_name) == kBase + "/dogs?name=rex");
  ListDogsParams names;
  names.name = models::ListDogsName{std::vector<std::string>{"rex", "fido"}};
  CHECK(list_dogs_url(names) == kBase + "/dogs?name=rex&name=fido");

  ListDogsParams filter;
  filter.filter = models::Pet{};
  filter.filter->id = "p 1";
  CHECK(list_dogs_url(filter) == kBase + "/dogs?filter=%7B%22id%22%3A%22p%201%22%7D");

  ListDogsParams any;
  any.any = Json::parse("[true,3]");
  CHECK(list_dogs_url(any) == kBase + "/dogs?any=true&any=3");

  ListDogsParams header;
  header.x_trace = std::vector<std::string>{"a", "b"};
  Harness harness;
  harness.transport->reply(200, "[]");
  Client(harness.options()).dogs().list_dogs(header);
  CHECK(header_of(only_request(harness), "X-Trace") == "a,b");
}

TEST_CASE("a path item given by $ref becomes operations like any other") {
  CHECK(list_dogs_url({}) == kBase + "/dogs");
}

TEST_CASE("a vendor JSON body is sent with its own media type") {
  Harness harness;
  harness.transport->reply(200, R"({"id":"d1","barks":false})");
  Client client(harness.options());
  models::Dog patch;
  patch.id = "d1";
  patch.barks = false;
  models::Dog answer = client.dogs().patch_dog("d1", patch);
  CHECK(answer.barks == false);
  HttpRequest sent = only_request(harness);
  CHECK(sent.method == "PATCH");
  CHECK(header_of(sent, "Content-Type") == "application/merge-patch+json");
  CHECK(sent.body == R"({"id":"d1","barks":false})");
}

TEST_CASE("scalar answers decode to their C++ type") {
  Harness harness;
  harness.transport->reply(200, "42");
  harness.transport->reply(200, R"("good dog")");
  Client client(harness.options());
  CHECK(client.dogs().count_dogs() == 42);
  CHECK(client.dogs().get_motto() == "good dog");
}

TEST_CASE("an operation without responses keeps its answer as text") {
  Harness harness;
  harness.transport->reply(200, "whatever came back");
  Client client(harness.options());
  CHECK(client.dogs().touch_dog("d1") == "whatever came back");
  CHECK(only_request(harness).method == "HEAD");
}

TEST_CASE("a webhook's payload is a model receivers can decode") {
  auto payload = from_json<models::DogAdoptedPayload>(
      R"({"dog":{"id":"d1","barks":true},"at":"2026-11-30T12:00:00Z"})");
  REQUIRE(payload.dog);
  CHECK(payload.dog->barks == true);
  CHECK(payload.at == "2026-11-30T12:00:00Z");
}
