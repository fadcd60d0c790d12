// Lists an environment's API tokens.
//
//   DYNAMIC_API_TOKEN=dyn_... DYNAMIC_ENVIRONMENT_ID=... list_tokens [base-url]
#include <cstdlib>
#include <iostream>
#include <vector>

#include "dynamic/client.hpp"
#include "dynamic/models/token.hpp"

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
    dynamic::models::TokensResponse response = client.tokens().get_tokens(environment_id);
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
