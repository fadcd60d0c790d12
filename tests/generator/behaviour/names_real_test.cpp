// Names real documents use (golden/names_real): each spelling keeps its own C++ name and its
// own wire name, so nothing is merged or lost on the way in or out.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "dynamic/all.hpp"
#include "dynamic/runtime/json_io.hpp"
#include "fake_transport.hpp"

using namespace dynamic;
using dynamic::testing::Harness;

TEST_CASE("properties that differ only in case or punctuation stay separate fields") {
  const std::string text =
      R"({"$ref":"r","@type":"t","ユーザー":"jp","name":"a","Name":"b","NAME":"c",)"
      R"("first-name":"d","first_name":"e","firstName":"f","unknown_fields":"u","int":3,)"
      R"("":"empty","kind":"asc","extra":true})";
  models::ComExamplePet pet = from_json<models::ComExamplePet>(text);
  CHECK(pet.ref == "r");
  CHECK(pet.type == "t");
  CHECK(pet.u30e6_u30fc_u30b6_u30fc == "jp");
  CHECK(pet.name == "a");
  CHECK(pet.name_ == "b");
  CHECK(pet.name__ == "c");
  CHECK(pet.first_name == "d");
  CHECK(pet.first_name_ == "e");
  CHECK(pet.first_name__ == "f");
  CHECK(pet.unknown_fields_ == "u");
  CHECK(pet.int_ == 3);
  CHECK(pet.unnamed == "empty");
  REQUIRE(pet.kind);
  CHECK(pet.kind->value() == models::ComExampleKind::Value::kAsc_);
  CHECK(pet.unknown_fields.size() == 1);
  CHECK(Json::parse(to_json(pet)) == Json::parse(text));
}

TEST_CASE("enum values that differ only in case or punctuation stay separate") {
  using Kind = models::ComExampleKind;
  CHECK(Kind::from_string("ASC").value() == Kind::Value::kAsc);
  CHECK(Kind::from_string("asc").value() == Kind::Value::kAsc_);
  CHECK(Kind::from_string("a b").value() == Kind::Value::kAB);
  CHECK(Kind::from_string("A-B").value() == Kind::Value::kAB_);
  CHECK(Kind::from_string("a_b").value() == Kind::Value::kAB__);
  CHECK(Kind::from_string("ö").value() == Kind::Value::kO);
  CHECK(Kind::from_string("").value() == Kind::Value::kEmpty);
  CHECK(Kind::from_string("+").to_string() == "+");
}

TEST_CASE("schemas whose keys collide get names in key order") {
  // "Pet" sorts before "pet": it keeps the plain name whatever order the schemas are reached in.
  models::Pet pet = from_json<models::Pet>(R"({"id":7})");
  CHECK(pet.id == 7);
  models::Pet2 pet2 = from_json<models::Pet2>(R"({"id":"seven"})");
  CHECK(pet2.id == "seven");
  CHECK(from_json<models::PetItem>(R"({"x":"1"})").x == "1");
  CHECK(from_json<models::PetItem2>(R"({"y":"2"})").y == "2");
  CHECK(from_json<models::Preference>(R"({"value":"v"})").value == "v");
}

TEST_CASE("parameters with dots and brackets and dollars keep their wire names") {
  Harness harness;
  harness.transport->reply(200, "{}");
  Client client(harness.options());
  PetsListParams params;
  params.filter_name = "a";
  params.filter_name_param = "b";
  params.page_size = 5;
  params.top = 1;
  params.x_request_id = "h";
  params.x_request_id_param = "q";
  params.grosse = "xl";
  client.pets_store().pets_list("p.1", params);
  std::vector<HttpRequest> requests = harness.transport->requests();
  REQUIRE(requests.size() == 1);
  CHECK(requests[0].url ==
        "https://api.example.test/api/v0/v1/pets.list/p.1?filter%5Bname%5D=a&filter%5BName%5D=b"
        "&page.size=5&%24top=1&x-request-id=q&gr%C3%B6%C3%9Fe=xl");
  CHECK(dynamic::testing::header_of(requests[0], "X-Request-ID") == "h");
}

TEST_CASE("operationIds that collide get numbered methods in operationId order") {
  Harness harness;
  harness.transport->reply(204, "");
  harness.transport->reply(200, R"({"id":"x"})");
  Client client(harness.options());
  client.pets_store().pets_get("1");                     // Pets_Get: DELETE
  CHECK(client.pets_store().pets_get_2("2").id == "x");  // pets/get: GET
  std::vector<HttpRequest> requests = harness.transport->requests();
  REQUIRE(requests.size() == 2);
  CHECK(requests[0].method == "DELETE");
  CHECK(requests[1].method == "GET");
}
