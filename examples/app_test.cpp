// How an application tests its own code against Dynamic::testing, without Dynamic's API: once
// against the mock running in the test process, once against a scripted transport.
#include <doctest/doctest.h>

#include <memory>
#include <string>

#include "dynamic/client.hpp"
#include "dynamic/models/token.hpp"
#include "dynamic/models/tokens_response.hpp"
#include "dynamic/testing.hpp"
#include "dynamic/tokens_api.hpp"

namespace {

const std::string kEnvironment = "2b0f4f3e-8a7c-4d6e-9b1a-5c3d2e1f0a9b";

/// The application code under test: how many of an environment's tokens have a note.
int noted_tokens(const dynamic::Client& client, const std::string& environment_id) {
  dynamic::models::TokensResponse response = client.tokens().get_tokens(environment_id);
  int noted = 0;
  for (const dynamic::models::Token& token :
       response.tokens.value_or(std::vector<dynamic::models::Token>{})) {
    noted += token.note && !token.note->empty() ? 1 : 0;
  }
  return noted;
}

}  // namespace

TEST_CASE("example: application code against the in-process mock") {
  dynamic::testing::MockServer server;
  dynamic::Client client(server.client_options());
  const int noted = noted_tokens(client, kEnvironment);
  CHECK(noted >= 0);
  CHECK(noted <= 3);  // the mock seeds a collection with three entries
  // Faults: the application sees the SDK's typed errors.
  server.set_fault("status=403");
  CHECK_THROWS_AS(noted_tokens(client, kEnvironment), dynamic::PermissionDeniedError);
}

TEST_CASE("example: application code against a scripted transport") {
  auto transport = std::make_shared<dynamic::testing::ExpectingTransport>();
  transport->expect("GET",
                    "/environments/{environmentId}/tokens",
                    200,
                    R"({"tokens":[{"id":"t1","checksum":"c1","createdAt":"2026-01-01T00:00:00Z",)"
                    R"("createdBy":{"id":"u1"},"note":"ci"},)"
                    R"({"id":"t2","checksum":"c2","createdAt":"2026-01-01T00:00:00Z",)"
                    R"("createdBy":{"id":"u1"}}]})");
  dynamic::Client client(dynamic::testing::ExpectingTransport::client_options(transport));
  CHECK(noted_tokens(client, kEnvironment) == 1);
  transport->verify();
  // A request nobody expected fails with a message naming it.
  CHECK_THROWS_WITH_AS(
      noted_tokens(client, kEnvironment),
      "unexpected request GET /environments/2b0f4f3e-8a7c-4d6e-9b1a-5c3d2e1f0a9b/tokens: "
      "no more requests were expected",
      dynamic::testing::UnexpectedRequest);
}
