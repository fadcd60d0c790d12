// Creates an API token with a note and a narrow scope, shows its secret once, checks that it is
// listed, then revokes it: the life of a short-lived token handed to one job.
//
//   create_and_revoke_token [NOTE]
//
// with DYNAMIC_API_TOKEN, DYNAMIC_ENVIRONMENT_ID and (optionally) DYNAMIC_BASE_URL set.
//
// Exit codes: 0 created and revoked, 1 the token list did not show what was expected,
// 2 configuration or connection failure, 3 API error.
#include <algorithm>
#include <cstdlib>
#include <iostream>
#include <string>
#include <vector>

#include "dynamic/client.hpp"
#include "dynamic/models/create_token_response.hpp"
#include "dynamic/models/post_token_fields.hpp"
#include "dynamic/models/token.hpp"
#include "dynamic/models/token_scopes.hpp"
#include "dynamic/models/tokens_response.hpp"
#include "dynamic/runtime/options.hpp"
#include "dynamic/tokens_api.hpp"

namespace {

bool is_listed(const dynamic::EnvironmentTokensApi& tokens, const std::string& token_id) {
  const std::vector<dynamic::models::Token> listed =
      tokens.get_tokens().tokens.value_or(std::vector<dynamic::models::Token>{});
  return std::any_of(listed.begin(), listed.end(), [&](const dynamic::models::Token& token) {
    return token.id == token_id;
  });
}

}  // namespace

int main(int argc, char** argv) {
  const char* environment_id = std::getenv("DYNAMIC_ENVIRONMENT_ID");
  if (environment_id == nullptr) {
    std::cerr << "create_and_revoke_token: set DYNAMIC_ENVIRONMENT_ID (and DYNAMIC_API_TOKEN, "
                 "DYNAMIC_BASE_URL)\n";
    return 2;
  }
  try {
    dynamic::ClientOptions options;  // the token comes from DYNAMIC_API_TOKEN
    if (const char* base_url = std::getenv("DYNAMIC_BASE_URL")) options.base_url = base_url;
    dynamic::Client client(options);
    const dynamic::EnvironmentTokensApi tokens = client.environment(environment_id).tokens();

    dynamic::models::PostTokenFields fields;
    // The note is how people tell tokens apart later: the secret itself is never shown again.
    fields.note = argc > 1 ? argv[1] : "create_and_revoke_token example";
    // The least the job needs: a read-only token cannot change anything if it leaks.
    fields.scopes = {dynamic::models::TokenScopes::Value::kEnvironmentUsersRead};
    const dynamic::models::CreateTokenResponse created = tokens.post_token(fields);
    const std::string token_id = created.token.id;

    // The only time Dynamic returns the token's text, and so the only place it may be printed:
    // hand it to the person or secret store that needs it, and never write it to a log.
    std::cout << "created token " << token_id << " (" << created.token.note.value_or(fields.note)
              << ")\n"
              << "secret, shown once; store it now: " << created.token.raw_token << "\n";

    // From here on the token is known by its id and checksum only.
    if (!is_listed(tokens, token_id)) {
      std::cerr << "create_and_revoke_token: token " << token_id << " is not listed\n";
      return 1;
    }
    std::cout << "listed: " << token_id << " ..." << created.token.checksum << "\n";

    tokens.delete_token_by_id(token_id);
    if (is_listed(tokens, token_id)) {
      std::cerr << "create_and_revoke_token: token " << token_id << " is still listed\n";
      return 1;
    }
    std::cout << "revoked: " << token_id << "\n";
  } catch (const dynamic::ApiError& error) {
    // Error messages never hold a token: the SDK masks anything shaped like one as dyn_***.
    std::cerr << "create_and_revoke_token: API error " << error.status() << ": " << error.message()
              << "\n";
    return 3;
  } catch (const dynamic::Error& error) {
    std::cerr << "create_and_revoke_token: " << error.what() << "\n";
    return 2;
  }
  return 0;
}
