// Generated nullable and readOnly handling (golden/nullable) through the real runtime.
#include <doctest/doctest.h>

#include "dynamic/all.hpp"
#include "dynamic/models/profile.hpp"
#include "dynamic/runtime/json_io.hpp"
#include "fake_transport.hpp"

using namespace dynamic;

TEST_CASE("an optional nullable field tells absent from null from a value") {
  auto absent = from_json<models::Profile>(R"({"id":"p","email":"a@b.c"})");
  CHECK(absent.phone.is_absent());
  auto null = from_json<models::Profile>(R"({"id":"p","email":"a@b.c","phone":null})");
  CHECK(null.phone.is_null());
  auto value = from_json<models::Profile>(R"({"id":"p","email":"a@b.c","phone":"555"})");
  REQUIRE(value.phone.has_value());
  CHECK(*value.phone == "555");
  // Nullable through a $ref to a nullable schema, too.
  auto nick = from_json<models::Profile>(R"({"id":"p","email":null,"nickname":null})");
  CHECK(nick.nickname.is_null());
  CHECK_FALSE(nick.email.has_value());
}

TEST_CASE("absent and null both round-trip as they came") {
  for (const char* text : {R"({"id":"p","email":null})",
                           R"({"id":"p","email":"e","phone":null})",
                           R"({"id":"p","email":"e","phone":"1","score":null})"}) {
    INFO(text);
    CHECK(to_json(from_json<models::Profile>(text)) == text);
  }
}

TEST_CASE("a required nullable field must be present but may be null") {
  CHECK_THROWS_AS(from_json<models::Profile>(R"({"id":"p"})"), DecodeError);
  try {
    from_json<models::Profile>(R"({"id":"p"})");
  } catch (const DecodeError& error) {
    CHECK(error.pointer() == "/email");
  }
}

TEST_CASE("readOnly fields are decoded but never sent in a request body") {
  testing::Harness harness;
  harness.transport->reply(200, R"({"id":"server-id","email":"e"})");
  Client client(harness.options());
  models::Profile profile;
  profile.id = "client-side-id";
  profile.email = "e";
  profile.phone = nullptr;  // clear the phone number
  models::Profile saved = client.profiles().update_profile("p1", profile);
  CHECK(saved.id == "server-id");
  REQUIRE(harness.transport->request_count() == 1);
  CHECK(harness.transport->requests()[0].body == R"({"email":"e","phone":null})");
  // Outside a request, to_json shows every field.
  CHECK(to_json(profile) == R"({"id":"client-side-id","email":"e","phone":null})");
}
