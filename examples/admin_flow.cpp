// A realistic admin session on the SDK: read the environment, create an API token (its secret is
// shown once), page through users, create and delete a webhook (reading it again is a 404), and
// make a call that is rate limited and succeeds after waiting.
//
//   DYNAMIC_API_TOKEN=dyn_... DYNAMIC_ENVIRONMENT_ID=... DYNAMIC_BASE_URL=... admin_flow
//
// Against dynamic-mock (scripts/demo) or Dynamic's API. The X-Mock-Fault header below asks the
// mock for the 429 the real API gives under load; the real API ignores it.
#include <chrono>
#include <cstdlib>
#include <iostream>
#include <string>

#include "dynamic/client.hpp"
#include "dynamic/environments_api.hpp"
#include "dynamic/models/create_token_response.hpp"
#include "dynamic/models/post_token_fields.hpp"
#include "dynamic/models/project_environment.hpp"
#include "dynamic/models/user.hpp"
#include "dynamic/models/webhook.hpp"
#include "dynamic/models/webhook_create_request.hpp"
#include "dynamic/runtime/options.hpp"
#include "dynamic/runtime/pagination.hpp"
#include "dynamic/runtime/response.hpp"
#include "dynamic/tokens_api.hpp"
#include "dynamic/users_api.hpp"
#include "dynamic/webhooks_api.hpp"

namespace {

void step(const std::string& text) { std::cout << "\n== " << text << "\n"; }

/// The first and last characters of a secret, so that a log never holds it whole.
std::string masked(const std::string& secret) {
  return secret.size() < 12 ? "***"
                            : secret.substr(0, 6) + "..." + secret.substr(secret.size() - 4);
}

void show_environment(const dynamic::Environment& env) {
  step("Environment");
  dynamic::models::ProjectEnvironment environment = env.environments().get_environment_by_id();
  std::cout << "id " << environment.id << ", created " << environment.created_at.value_or("?")
            << "\n";
}

void create_token(const dynamic::Environment& env) {
  step("Create an API token");
  dynamic::models::PostTokenFields fields;
  fields.note = "admin_flow example";
  dynamic::models::CreateTokenResponse created = env.tokens().post_token(fields);
  // The only time Dynamic shows a token's text: the caller must store it now.
  std::cout << "token " << created.token.id
            << " created; its secret (shown once, masked here): " << masked(created.token.raw_token)
            << "\n";
}

void page_users(const dynamic::Environment& env) {
  step("Users, a page at a time");
  dynamic::GetEnvironmentUsersParams params;
  params.limit = 2;
  int shown = 0;
  for (const dynamic::models::User& user : env.users().get_environment_users_all(params)) {
    std::cout << "  " << user.id << "  " << user.email.value_or("(no email)") << "\n";
    if (++shown == 6) break;  // the range fetches pages lazily; stop whenever enough is read
  }
}

/// Creates a webhook, deletes it, and shows that reading it again is a 404.
void webhook_round_trip(const dynamic::Environment& env) {
  step("Create and delete a webhook");
  dynamic::models::WebhookCreateRequest request;
  request.url = "https://example.com/hooks/dynamic";
  request.events = {"user.created"};
  request.is_enabled = true;
  dynamic::models::Webhook webhook = env.webhooks().create_webhook(request);
  std::cout << "webhook " << webhook.webhook_id << " -> " << webhook.url << "\n";
  env.webhooks().delete_webhook_by_id(webhook.webhook_id);
  std::cout << "deleted\n";

  step("Read the deleted webhook");
  try {
    env.webhooks().get_webhook(webhook.webhook_id);
    std::cout << "unexpectedly found\n";
  } catch (const dynamic::NotFoundError& error) {
    std::cout << "404, as expected: " << error.message() << "\n";
  }
}

void survive_rate_limit(const dynamic::Environment& env) {
  step("A rate-limited call (429 with Retry-After: 1), retried by the SDK");
  dynamic::RequestOptions options;
  options.extra_headers.emplace_back("X-Mock-Fault", "status=429;retry-after=1;times=1");
  const auto start = std::chrono::steady_clock::now();
  dynamic::Response<dynamic::models::ProjectEnvironment> answer =
      env.environments().get_environment_by_id_with_response(options);
  const auto waited = std::chrono::duration_cast<std::chrono::milliseconds>(
      std::chrono::steady_clock::now() - start);
  std::cout << "status " << answer.status << " after " << waited.count() << " ms\n";
}

}  // namespace

int main() {
  const char* environment_id = std::getenv("DYNAMIC_ENVIRONMENT_ID");
  if (environment_id == nullptr) {
    std::cerr
        << "admin_flow: set DYNAMIC_ENVIRONMENT_ID (and DYNAMIC_API_TOKEN, DYNAMIC_BASE_URL)\n";
    return 2;
  }
  try {
    dynamic::ClientOptions options;  // the token comes from DYNAMIC_API_TOKEN
    if (const char* base_url = std::getenv("DYNAMIC_BASE_URL")) options.base_url = base_url;
    dynamic::Client client(options);
    const dynamic::Environment env = client.environment(environment_id);
    show_environment(env);
    create_token(env);
    page_users(env);
    webhook_round_trip(env);
    survive_rate_limit(env);
  } catch (const dynamic::ApiError& error) {
    std::cerr << "admin_flow: API error " << error.status() << ": " << error.message() << "\n";
    return 3;
  } catch (const dynamic::Error& error) {
    std::cerr << "admin_flow: " << error.what() << "\n";
    return 2;
  }
  return 0;
}
