// Lets an API error escape main on purpose, with debug logging on: std::terminate prints the
// error's what() and the log went to stderr. tests/sdk/no_token_in_crash.cmake reads all of it
// and checks that the token never shows, although the server echoed it in its answer.
#include <memory>
#include <string>

#include "dynamic/client.hpp"
#include "dynamic/models/tokens_response.hpp"
#include "dynamic/testing.hpp"
#include "dynamic/tokens_api.hpp"

int main() {
  auto transport = std::make_shared<dynamic::testing::ExpectingTransport>();
  const std::string token = dynamic::testing::test_token();
  transport->expect("GET",
                    "/environments/{environmentId}/tokens",
                    401,
                    R"({"error": "the token )" + token + R"( has been revoked"})");
  dynamic::Client client(dynamic::testing::ExpectingTransport::client_options(transport));
  client.tokens().get_tokens("2b0f4f3e-8a7c-4d6e-9b1a-5c3d2e1f0a9b");  // throws, uncaught
  return 0;
}
