// The generated client for spec/dynamic.openapi.json: paging, raw responses and async calls.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "dynamic/all.hpp"
#include "dynamic/models/not_found.hpp"
#include "dynamic/models/unprocessable_entity.hpp"
#include "dynamic/models/user.hpp"
#include "fake_transport.hpp"

using namespace dynamic;

namespace {

std::string users_page(int first, int count, int total) {
  std::string users;
  for (int i = first; i < first + count; ++i) {
    if (!users.empty()) users += ",";
    users += R"({"id":"u)" + std::to_string(i) + R"(","projectEnvironmentId":"e"})";
  }
  return R"({"count":)" + std::to_string(total) + R"(,"users":[)" + users + "]}";
}

}  // namespace

TEST_CASE("the _all range walks every page lazily and stops at the reported count") {
  testing::Harness harness;
  harness.transport->reply(200, users_page(0, 2, 5));
  harness.transport->reply(200, users_page(2, 2, 5));
  harness.transport->reply(200, users_page(4, 1, 5));
  Client client(harness.options());
  GetEnvironmentUsersParams params;
  params.limit = 2;
  auto users = client.users().get_environment_users_all("env", params);
  CHECK(harness.transport->request_count() == 0);  // nothing fetched before iterating
  std::vector<std::string> ids;
  for (const models::User& user : users) ids.push_back(user.id);
  CHECK(ids == std::vector<std::string>{"u0", "u1", "u2", "u3", "u4"});
  auto requests = harness.transport->requests();
  REQUIRE(requests.size() == 3);
  CHECK(requests[0].url ==
        "https://api.example.test/api/v0/environments/env/users?offset=0&limit=2");
  CHECK(requests[2].url ==
        "https://api.example.test/api/v0/environments/env/users?offset=4&limit=2");
}

TEST_CASE("the _all range uses the largest page the spec allows by default") {
  testing::Harness harness;
  harness.transport->reply(200, users_page(0, 1, 1));
  Client client(harness.options());
  for (const models::User& user : client.users().get_environment_users_all("env"))
    CHECK(user.id == "u0");
  REQUIRE(harness.transport->request_count() == 1);
  CHECK(harness.transport->requests()[0].url.find("limit=100") != std::string::npos);
}

TEST_CASE("_with_response carries status and headers beside the value") {
  testing::Harness harness;
  harness.transport->reply(200, R"({"tokens":[]})", {{"X-Request-Id", "req-42"}});
  Client client(harness.options());
  Response<models::TokensResponse> response = client.tokens().get_tokens_with_response("env");
  CHECK(response.status == 200);
  CHECK(response.request_id == "req-42");
  REQUIRE(response.value.tokens);
  CHECK(response.value.tokens->empty());
  harness.transport->reply(204);
  Response<void> deleted = client.tokens().delete_token_by_id_with_response("env", "t1");
  CHECK(deleted.status == 204);
}

TEST_CASE("_async returns the value through a future and errors through it too") {
  testing::Harness harness;
  harness.transport->reply(200, R"({"user":{"id":"u1","projectEnvironmentId":"e"}})");
  harness.transport->reply(404, R"({"error":"Not found","code":"not_found"})");
  Client client(harness.options());
  auto found = client.users().get_user_async("env", "u1");
  REQUIRE(found.get().user);
  auto missing = client.users().get_user_async("env", "nobody");
  CHECK_THROWS_AS(missing.get(), NotFoundError);
}

TEST_CASE("an error status the operation declares carries its typed body") {
  testing::Harness harness;
  harness.transport->reply(
      422, R"({"error":"Note is too long","code":"invalid_token_note","payload":{"max":100}})");
  harness.transport->reply(404, R"(<html>not json</html>)");
  Client client(harness.options());
  models::PostTokenFields fields;
  fields.note = std::string(200, 'n');
  try {
    client.tokens().post_token("env", fields);
    FAIL("expected UnprocessableEntityError");
  } catch (const UnprocessableEntityError& error) {
    const auto* body = error.typed_body<models::UnprocessableEntity>();
    REQUIRE(body != nullptr);
    CHECK(body->error == "Note is too long");
    REQUIRE(body->code);
    CHECK(body->code->to_string() == "invalid_token_note");
    CHECK(error.typed_body<models::NotFound>() == nullptr);  // not the declared type
  }
  try {
    client.tokens().delete_token_by_id("env", "t1");
    FAIL("expected NotFoundError");
  } catch (const NotFoundError& error) {
    CHECK(error.typed_body<models::NotFound>() == nullptr);  // the body did not match
    CHECK(error.raw_body() == "<html>not json</html>");
  }
}

TEST_CASE("an error body with an odd field keeps its typed body unless responses are strict") {
  const std::string odd =
      R"({"error":"Email taken","code":"email_already_exists","payload":{"email":7}})";
  for (const bool strict : {false, true}) {
    testing::Harness harness;
    harness.transport->reply(422, odd);
    ClientOptions options = harness.options();
    options.strict_responses = strict;
    Client client(options);
    try {
      client.tokens().post_token("env", models::PostTokenFields{});
      FAIL("expected UnprocessableEntityError");
    } catch (const UnprocessableEntityError& error) {
      CHECK(error.raw_body() == odd);
      const auto* body = error.typed_body<models::UnprocessableEntity>();
      if (strict) {
        CHECK(body == nullptr);
      } else {
        REQUIRE(body != nullptr);
        CHECK(body->error == "Email taken");
        REQUIRE(body->payload);
        CHECK_FALSE(body->payload->email);  // the odd field keeps its default
      }
    }
  }
}

TEST_CASE("an environment view binds the environment id once for every resource") {
  testing::Harness harness;
  harness.transport->reply(200, R"({"user":{"id":"u-1","projectEnvironmentId":"env-9"}})");
  harness.transport->reply(200, users_page(0, 1, 1));
  harness.transport->reply(200, R"({"tokens":[]})");
  Client client(harness.options());
  Environment environment = client.environment("env-9");
  CHECK(environment.id() == "env-9");
  EnvironmentUsersApi users = environment.users();
  CHECK(users.environment_id() == "env-9");
  CHECK(users.get_user("u-1").user->id == "u-1");
  GetEnvironmentUsersParams params;
  params.limit = 5;
  std::vector<std::string> ids;
  for (const models::User& user : users.get_environment_users_all(params)) ids.push_back(user.id);
  CHECK(ids == std::vector<std::string>{"u0"});
  CHECK(environment.tokens()
            .get_tokens_async()
            .get()
            .tokens.value_or(std::vector<models::Token>{})
            .empty());
  auto requests = harness.transport->requests();
  REQUIRE(requests.size() == 3);
  CHECK(requests[0].url == "https://api.example.test/api/v0/environments/env-9/users/u-1");
  CHECK(requests[1].url ==
        "https://api.example.test/api/v0/environments/env-9/users?offset=0&limit=5");
  CHECK(requests[2].url == "https://api.example.test/api/v0/environments/env-9/tokens");
}

TEST_CASE("operations without an environment id stay on the client") {
  testing::Harness harness;
  harness.transport->reply(200, R"({"organizations":[]})");
  Client client(harness.options());
  client.organizations().get_organizations_for_member();
  auto requests = harness.transport->requests();
  REQUIRE(requests.size() == 1);
  CHECK(requests[0].url == "https://api.example.test/api/v0/organizations");
}
