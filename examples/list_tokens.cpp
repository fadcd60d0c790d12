// Lists an environment's API tokens.
//
//   DYNAMIC_API_TOKEN=dyn_... DYNAMIC_ENVIRONMENT_ID=... list_tokens [base-url]
#include <cstdlib>
#include <iostream>
#include <vector>

#include "dynamic/client.hpp"
#include "dynamic/models/token.hpp"
#include "dynamic/models/tokens_response.hpp"
#include "dynamic/runtime/options.hpp"
#include "dynamic/tokens_api.hpp"

int main(int argc, char** argv) {
  const char* environment_id = std::getenv("DYNAMIC_ENVIRONMENT_ID");
  if (environment_id == nullptr) {
    std::cerr << "set DYNAMIC_ENVIRONMENT_ID\n";
    return 1;
  }
  dynamic::ClientOptions options;  // the token comes from DYNAMIC_API_TOKEN
  if (argc > 1) options.base_url = argv[1];
  try {
    dynamic::Client client(options);
    // The environment view binds the id once for every call made through it.
    dynamic::models::TokensResponse response =
        client.environment(environment_id).tokens().get_tokens();
    std::vector<dynamic::models::Token> tokens =
        response.tokens.value_or(std::vector<dynamic::models::Token>{});
    for (const dynamic::models::Token& token : tokens) {
      std::cout << token.id << "  ..." << token.checksum << "  " << token.note.value_or("(no note)")
                << "\n";
    }
  } catch (const dynamic::ApiError& error) {
    std::cerr << "API error " << error.status() << ": " << error.message() << "\n";
    return 3;
  } catch (const dynamic::Error& error) {
    std::cerr << error.what() << "\n";
    return 2;
  }
  return 0;
}
