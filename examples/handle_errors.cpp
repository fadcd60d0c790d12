// Handling the SDK's errors by type. Each scenario below makes one failure happen for real and
// shows what its exception carries: a 404, a 422 with its typed body, a 429, a 401, a refused
// connection, a body that does not decode, and a malformed token.
//
//   handle_errors
//
// with DYNAMIC_API_TOKEN, DYNAMIC_ENVIRONMENT_ID and (optionally) DYNAMIC_BASE_URL set.
// Against dynamic-mock (scripts/mock) every scenario fails as described. Dynamic's API gives the
// same errors except the 429: the X-Mock-Fault header that asks the mock for it is ignored there.
//
// Exit codes: 0 every scenario ran, 2 configuration failure.
#include <cstdlib>
#include <functional>
#include <iostream>
#include <string>

#include "dynamic/client.hpp"
#include "dynamic/models/create_token_response.hpp"
#include "dynamic/models/post_token_fields.hpp"
#include "dynamic/models/token_scopes.hpp"
#include "dynamic/models/tokens_response.hpp"
#include "dynamic/models/unprocessable_entity.hpp"
#include "dynamic/models/unprocessable_entity_error_code.hpp"
#include "dynamic/models/user.hpp"
#include "dynamic/models/user_response.hpp"
#include "dynamic/runtime/json_io.hpp"
#include "dynamic/runtime/options.hpp"
#include "dynamic/tokens_api.hpp"
#include "dynamic/users_api.hpp"

namespace {

/// What every ApiError carries. Quote the request id when you contact Dynamic's support.
void print_api_error(const dynamic::ApiError& error) {
  std::cout << "  status " << error.status() << ", message \"" << error.message()
            << "\", request id " << (error.request_id().empty() ? "(none)" : error.request_id())
            << "\n";
}

/// Runs `call` and reports the error it raised. The handlers go from the most specific class to
/// the most general: a catch of a base class (ApiError, Error) placed first would take them all.
void scenario(const std::string& title, const std::function<void()>& call) {
  std::cout << "== " << title << "\n";
  try {
    call();
    std::cout << "  no error\n";
  } catch (const dynamic::NotFoundError& error) {
    std::cout << "  caught NotFoundError\n";
    print_api_error(error);
    // Some 404 answers carry a code naming what was missing; raw_body() is the body as sent.
    if (error.body().code) std::cout << "  code " << *error.body().code << "\n";
  } catch (const dynamic::UnprocessableEntityError& error) {
    std::cout << "  caught UnprocessableEntityError\n";
    print_api_error(error);
    // The body decoded as the model the operation declares for a 422: its `code` says which
    // rule failed, in a form code can switch on (an open enum: unknown codes are kept as text).
    if (const auto* body = error.typed_body<dynamic::models::UnprocessableEntity>()) {
      std::cout << "  typed body: code "
                << (body->code ? body->code->to_string() : std::string("(none)")) << "\n";
    }
  } catch (const dynamic::RateLimitError& error) {
    // Thrown once the SDK's own retries are used up (none here: see the scenario).
    std::cout << "  caught RateLimitError\n";
    print_api_error(error);
    // How long the server asked to wait: come back after that, not in a tight loop.
    if (error.retry_after()) {
      std::cout << "  retry after " << error.retry_after()->count() << " ms\n";
    }
  } catch (const dynamic::AuthenticationError& error) {
    std::cout << "  caught AuthenticationError\n";
    print_api_error(error);
  } catch (const dynamic::ApiError& error) {
    // Every other status: 400, 403, 409, 5xx, ... each has its own class too (errors.hpp).
    std::cout << "  caught ApiError\n";
    print_api_error(error);
  } catch (const dynamic::ConnectionError& error) {
    // No HTTP answer at all; TimeoutError and ConnectionRefusedError derive from it.
    std::cout << "  caught ConnectionError\n  " << error.what() << "\n";
  } catch (const dynamic::DecodeError& error) {
    // pointer() is the JSON pointer of the value that did not fit.
    std::cout << "  caught DecodeError\n  at \"" << error.pointer() << "\": " << error.problem()
              << "\n";
  } catch (const dynamic::Error& error) {
    // The base of everything above, and of ConfigurationError: one line, no token in it.
    std::cout << "  caught Error\n  " << error.what() << "\n";
  }
}

}  // namespace

int main() {
  const char* environment_id = std::getenv("DYNAMIC_ENVIRONMENT_ID");
  if (environment_id == nullptr) {
    std::cerr
        << "handle_errors: set DYNAMIC_ENVIRONMENT_ID (and DYNAMIC_API_TOKEN, DYNAMIC_BASE_URL)\n";
    return 2;
  }
  dynamic::ClientOptions options;  // the token comes from DYNAMIC_API_TOKEN
  if (const char* base_url = std::getenv("DYNAMIC_BASE_URL")) options.base_url = base_url;
  try {
    const dynamic::Client client(options);
    const dynamic::Environment env = client.environment(environment_id);

    scenario("a user that does not exist", [&] {
      // A well-formed id that no user has (a malformed one would be a 400 instead).
      env.users().get_user("00000000-0000-4000-8000-000000000000");
    });

    scenario("a token with a scope the API does not know", [&] {
      dynamic::models::PostTokenFields fields;
      fields.note = "handle_errors example";
      fields.scopes = {dynamic::models::TokenScopes::from_string("environment.everything")};
      const dynamic::models::CreateTokenResponse created = env.tokens().post_token(fields);
      // Not expected; if a server ever accepts it, leave nothing behind.
      env.tokens().delete_token_by_id(created.token.id);
    });

    scenario("a rate-limited call", [&] {
      dynamic::RequestOptions call;
      // The SDK retries a 429 by itself, waiting as long as the server asks; no retries here, so
      // that the error reaches this code.
      call.max_retries = 0;
      call.extra_headers.emplace_back("X-Mock-Fault", "status=429;retry-after=30");
      env.tokens().get_tokens(call);
    });

    scenario("a token Dynamic never issued", [&] {
      dynamic::ClientOptions forged = options;
      forged.api_token = "dyn_" + std::string(56, '0');  // well formed, so the client accepts it
      dynamic::RequestOptions call;
      // The mock checks a token's shape only; this asks it for the 401 the API gives.
      call.extra_headers.emplace_back("X-Mock-Fault", "status=401");
      dynamic::Client(forged).environment(environment_id).tokens().get_tokens(call);
    });

    scenario("a server that is not there", [&] {
      dynamic::ClientOptions nowhere = options;
      nowhere.base_url = "http://127.0.0.1:1/api/v0";  // port 1: nothing listens there
      nowhere.max_retries = 0;                         // a refused connection is retried by default
      dynamic::Client(nowhere).environment(environment_id).tokens().get_tokens();
    });

    scenario("a stored user whose id is a number", [] {
      // from_json is always strict. Answers are read leniently unless
      // ClientOptions::strict_responses is set; then a call throws the same DecodeError.
      dynamic::from_json<dynamic::models::User>(R"({"id": 42, "projectEnvironmentId": "e"})");
    });

    scenario("a malformed token", [&] {
      dynamic::ClientOptions malformed = options;
      malformed.api_token = "dyn_short";
      // A ConfigurationError (caught above as its base, Error), thrown before any request.
      dynamic::Client rejected(malformed);
    });
  } catch (const dynamic::Error& error) {
    std::cerr << "handle_errors: " << error.what() << "\n";
    return 2;
  }
  return 0;
}
