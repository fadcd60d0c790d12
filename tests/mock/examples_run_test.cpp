// Every program in examples/ (app_test.cpp aside: it is a test itself) run as a user runs it: a
// child process with a clean environment (DYNAMIC_API_TOKEN, DYNAMIC_BASE_URL,
// DYNAMIC_ENVIRONMENT_ID) against dynamic-mock running in this process (Dynamic::testing's
// MockServer). What they print is checked against what the mock holds, read through the SDK.
// Where the mock cannot show what an example sent (it keeps no environment settings), a scripted
// loopback server records the requests.
#include <doctest/doctest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "dynamic/client.hpp"
#include "dynamic/models/project_settings.hpp"
#include "dynamic/models/project_settings_general.hpp"
#include "dynamic/models/project_settings_privacy.hpp"
#include "dynamic/models/token.hpp"
#include "dynamic/models/tokens_response.hpp"
#include "dynamic/models/user.hpp"
#include "dynamic/models/users_response.hpp"
#include "dynamic/runtime/json_io.hpp"
#include "dynamic/runtime/webhook.hpp"
#include "dynamic/testing.hpp"
#include "dynamic/tokens_api.hpp"
#include "dynamic/users_api.hpp"
#include "loopback_server.hpp"

namespace {

namespace fs = std::filesystem;
using Variables = std::map<std::string, std::string>;

const std::string kEnvironmentId = "2b0f4f3e-8a7c-4d6e-9b1a-5c3d2e1f0a9b";

struct Run {
  int exit_code = -1;
  std::string out;
  std::string err;
};

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string quoted(const std::string& text) {
  REQUIRE(text.find('\'') == std::string::npos);
  return "'" + text + "'";
}

/// What a user of `server` sets in the shell: the token, the mock's base URL, the environment.
Variables variables_for(const dynamic::testing::MockServer& server) {
  return {{"DYNAMIC_API_TOKEN", dynamic::testing::test_token()},
          {"DYNAMIC_BASE_URL", server.base_url()},
          {"DYNAMIC_ENVIRONMENT_ID", kEnvironmentId}};
}

/// Runs examples/<program> with `args`, only `variables` in its environment (and sanitizer
/// settings, for the asan preset), and `input` on stdin.
Run run_example(const std::string& program,
                const std::vector<std::string>& args,
                const Variables& variables,
                const std::string& input = "") {
  static int runs = 0;
  const fs::path dir =
      fs::temp_directory_path() /
      ("dynamic-examples-" + std::to_string(::getpid()) + "-" + std::to_string(++runs));
  fs::create_directories(dir);
  std::ofstream(dir / "in", std::ios::binary) << input;
  std::string command = "env -i";
  for (const char* name : {"ASAN_OPTIONS", "UBSAN_OPTIONS", "LSAN_OPTIONS", "TSAN_OPTIONS"}) {
    if (const char* value = std::getenv(name))
      command += std::string(" ") + name + "=" + quoted(value);
  }
  for (const auto& [name, value] : variables) command += " " + name + "=" + quoted(value);
  command += " " + quoted(std::string(DYNAMIC_EXAMPLES_DIR) + "/" + program);
  for (const std::string& arg : args) command += " " + quoted(arg);
  command += " < " + quoted((dir / "in").string()) + " > " + quoted((dir / "out").string()) +
             " 2> " + quoted((dir / "err").string());
  const int status = std::system(command.c_str());
  Run run;
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  run.out = read_file(dir / "out");
  run.err = read_file(dir / "err");
  fs::remove_all(dir);
  return run;
}

int occurrences(const std::string& text, const std::string& needle) {
  int count = 0;
  for (auto at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) {
    ++count;
  }
  return count;
}

bool contains(const std::string& text, const std::string& needle) {
  return text.find(needle) != std::string::npos;
}

/// The rest of the line that starts with `prefix`, or "" when no line does.
std::string line_after(const std::string& text, const std::string& prefix) {
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);) {
    if (line.rfind(prefix, 0) == 0) return line.substr(prefix.size());
  }
  return "";
}

/// The lines under "== <title>", up to the next "== " line; "" when there is no such title.
std::string section(const std::string& text, const std::string& title) {
  const std::string heading = "== " + title + "\n";
  const auto start = text.rfind(heading, 0) == 0 ? 0 : text.find("\n" + heading);
  if (start == std::string::npos) return "";
  const auto body = text.find(heading, start) + heading.size();
  const auto end = text.find("\n== ", body);
  return text.substr(body, end == std::string::npos ? std::string::npos : end + 1 - body);
}

std::vector<std::string> token_ids(const dynamic::Client& client) {
  std::vector<std::string> ids;
  for (const dynamic::models::Token& token :
       client.tokens()
           .get_tokens(kEnvironmentId)
           .tokens.value_or(std::vector<dynamic::models::Token>{})) {
    ids.push_back(token.id);
  }
  return ids;
}

std::vector<dynamic::models::User> all_users(const dynamic::Client& client) {
  dynamic::GetEnvironmentUsersParams params;
  params.limit = 100;
  return client.users()
      .get_environment_users(kEnvironmentId, params)
      .users.value_or(std::vector<dynamic::models::User>{});
}

}  // namespace

TEST_CASE("the README's quick start runs as it stands against the mock") {
  dynamic::testing::MockServer server;
  const dynamic::Client client(server.client_options());
  const std::size_t tokens_before = token_ids(client).size();
  const std::size_t users = all_users(client).size();

  const Run run = run_example("readme_quick_start", {}, variables_for(server));
  CHECK(run.exit_code == 0);
  CHECK(run.err == "");
  CHECK(contains(run.out, "tokens: " + std::to_string(tokens_before) + "\n"));
  CHECK(contains(run.out, "created token "));
  CHECK(token_ids(client).size() == tokens_before + 1);  // the mock kept what it created
  CHECK(contains(run.out, "users: " + std::to_string(std::min<std::size_t>(users, 50)) + "\n"));
}

TEST_CASE("list_tokens prints each token by id and checksum") {
  dynamic::testing::MockServer server;
  const std::vector<dynamic::models::Token> tokens =
      dynamic::Client(server.client_options())
          .tokens()
          .get_tokens(kEnvironmentId)
          .tokens.value_or(std::vector<dynamic::models::Token>{});
  REQUIRE(!tokens.empty());
  Variables variables = variables_for(server);
  variables.erase("DYNAMIC_BASE_URL");  // list_tokens takes it as its argument

  const Run run = run_example("list_tokens", {server.base_url()}, variables);
  CHECK(run.exit_code == 0);
  CHECK(run.err == "");
  for (const dynamic::models::Token& token : tokens) {
    CHECK_MESSAGE(contains(run.out, token.id + "  ..." + token.checksum + "  "), token.id);
  }
}

TEST_CASE("admin_flow runs the demo's session against the mock") {
  dynamic::testing::MockServer server;
  const std::vector<dynamic::models::User> users =
      all_users(dynamic::Client(server.client_options()));
  REQUIRE(!users.empty());

  const Run run = run_example("admin_flow", {}, variables_for(server));
  CHECK(run.exit_code == 0);
  CHECK(run.err == "");
  const std::string listed = section(run.out, "Users, a page at a time");
  for (std::size_t i = 0; i < users.size() && i < 6; ++i) {
    CHECK_MESSAGE(contains(listed, users[i].id), users[i].id);
  }
  CHECK(contains(section(run.out, "Create an API token"), "(shown once, masked here): "));
  CHECK(contains(section(run.out, "Read the deleted webhook"), "404, as expected: "));
  CHECK(contains(run.out, "status 200 after "));
}

TEST_CASE("verify_webhook accepts a signed delivery and refuses a tampered one") {
  const std::string secret = "whsec_examples_test_secret";
  const std::string body =
      R"({"eventId":"6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f","environmentId":")" + kEnvironmentId +
      R"(","environmentName":"sandbox","eventName":"user.created",)"
      R"("timestamp":"2026-01-02T03:04:05Z","data":{"email":"a@example.com"},"context":{}})";
  const std::string signature = dynamic::sign_webhook_body(secret, body);
  const Variables variables = {{"DYNAMIC_WEBHOOK_SECRET", secret}};

  const Run signed_run = run_example("verify_webhook", {signature}, variables, body);
  CHECK(signed_run.exit_code == 0);
  CHECK(signed_run.err == "");
  CHECK(signed_run.out ==
        "user.created 6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f at 2026-01-02T03:04:05Z\n");

  std::string tampered = body;
  tampered.replace(tampered.find("a@example.com"), 1, "b");
  const Run tampered_run = run_example("verify_webhook", {signature}, variables, tampered);
  CHECK(tampered_run.exit_code == 3);
  CHECK(tampered_run.out == "");
  CHECK(contains(tampered_run.err, "refused: "));
  CHECK_FALSE(contains(tampered_run.err, secret));
}

TEST_CASE("list_users prints every user once through the range and once by offset") {
  dynamic::testing::MockServer server;
  const std::vector<dynamic::models::User> users =
      all_users(dynamic::Client(server.client_options()));
  REQUIRE(users.size() > 2);  // more than one page of 2

  const Run run = run_example("list_users", {"2"}, variables_for(server));
  CHECK(run.exit_code == 0);
  CHECK(run.err == "");
  for (const dynamic::models::User& user : users) {
    CHECK_MESSAGE(occurrences(run.out, user.id) == 2, user.id);
  }
  const std::string count = std::to_string(users.size());
  const std::string pages = std::to_string((users.size() + 1) / 2);
  CHECK(contains(run.out, "\n" + count + " users in " + pages + " pages\n"));
  CHECK(contains(run.out, "\n" + count + " users\n"));
}

TEST_CASE("list_users refuses a page size the API does not allow") {
  dynamic::testing::MockServer server;
  for (const std::string size : {"0", "101", "many"}) {
    const Run run = run_example("list_users", {size}, variables_for(server));
    CHECK(run.exit_code == 1);
    CHECK(contains(run.err, "usage: list_users"));
    CHECK(run.out == "");
  }
}

TEST_CASE("create_and_revoke_token shows the secret once and leaves no token behind") {
  dynamic::testing::MockServer server;
  const dynamic::Client client(server.client_options());
  const std::vector<std::string> before = token_ids(client);

  const Run run = run_example("create_and_revoke_token", {"nightly export"}, variables_for(server));
  CHECK(run.exit_code == 0);
  CHECK(run.err == "");
  const std::string created = line_after(run.out, "created token ");
  const std::string token_id = created.substr(0, created.find(' '));
  REQUIRE(token_id != "");
  CHECK(created == token_id + " (nightly export)");
  CHECK(std::find(before.begin(), before.end(), token_id) == before.end());
  const std::string secret = line_after(run.out, "secret, shown once; store it now: ");
  REQUIRE(secret != "");
  CHECK(occurrences(run.out, secret) == 1);
  CHECK(contains(run.out, "listed: " + token_id + " ..."));
  CHECK(contains(run.out, "revoked: " + token_id + "\n"));
  // Revoked for real: the environment's tokens are those it had before.
  CHECK(token_ids(client) == before);
}

TEST_CASE("handle_errors provokes each error and catches it by its type") {
  dynamic::testing::MockServer server;
  const dynamic::Client client(server.client_options());
  const std::vector<std::string> tokens_before = token_ids(client);

  const Run run = run_example("handle_errors", {}, variables_for(server));
  CHECK(run.exit_code == 0);
  CHECK(run.err == "");
  CHECK_FALSE(contains(run.out, "no error"));
  CHECK_FALSE(contains(run.out, dynamic::testing::test_token()));
  const std::vector<std::pair<std::string, std::vector<std::string>>> expected = {
      {"a user that does not exist", {"caught NotFoundError\n", "status 404, "}},
      // The mock checked the body against the spec: the message names the scope it refused.
      {"a token with a scope the API does not know",
       {"caught UnprocessableEntityError\n",
        "status 422, message \"/body/scopes/0: ",
        "typed body: code "}},
      {"a rate-limited call", {"caught RateLimitError\n", "status 429, ", "retry after 30000 ms"}},
      {"a token Dynamic never issued", {"caught AuthenticationError\n", "status 401, "}},
      {"a server that is not there", {"caught ConnectionError\n"}},
      {"a stored user whose id is a number",
       {"caught DecodeError\n", "at \"/id\": expected a string, got an integer"}},
      {"a malformed token", {"caught Error\n", "malformed API token"}}};
  // Named members, not structured bindings: doctest's *_MESSAGE macros capture them in lambdas,
  // which C++17 (clang) refuses.
  for (const auto& entry : expected) {
    const auto& title = entry.first;
    const auto& lines = entry.second;
    const std::string text = section(run.out, title);
    REQUIRE_MESSAGE(text != "", title);
    for (const std::string& line : lines)
      CHECK_MESSAGE(contains(text, line), title << ": " << text);
  }
  // The refused token was not created.
  CHECK(token_ids(client) == tokens_before);
}

TEST_CASE("update_settings writes settings the mock accepts") {
  dynamic::testing::MockServer server;
  // The mock checks the PUT body against the spec's ProjectSettings (a 400 and exit code 3
  // otherwise); it answers with generated settings, so only what was sent is compared here.
  const Run run = run_example("update_settings", {"Example Wallet"}, variables_for(server));
  CHECK(run.exit_code == 0);
  CHECK(run.err == "");
  CHECK(contains(run.out, " -> Example Wallet\n"));
  CHECK(contains(run.out, "\nsaved\n"));
}

TEST_CASE("update_settings sends back what it read with only the display name changed") {
  // What a newer server might send: fields this SDK's spec does not list (futureSetting,
  // futureGeneral) and a null (supportEmail) that must stay null rather than vanish.
  const std::string settings =
      R"({"chains":[{"name":"ETH","enabled":true}],)"
      R"("kyc":[{"name":"email","required":true,"enabled":true,"unique":true,"verify":true}],)"
      R"("design":{},"general":{"displayName":"Old Name","supportEmail":null,)"
      R"("futureGeneral":"kept"},"privacy":{"collectIp":false},"sdk":{},"security":{},)"
      R"("futureSetting":{"rollout":0.5}})";
  dynamic::testing::LoopbackServer server;
  const std::vector<std::pair<std::string, std::string>> headers = {
      {"Content-Type", "application/json"}};
  server.enqueue(
      {200, headers, R"({"id":")" + kEnvironmentId + R"(","settings":)" + settings + "}", {}});
  server.enqueue({200, headers, settings, {}});
  Variables variables = {{"DYNAMIC_API_TOKEN", dynamic::testing::test_token()},
                         {"DYNAMIC_BASE_URL", server.base_url()},
                         {"DYNAMIC_ENVIRONMENT_ID", kEnvironmentId}};

  const Run run = run_example("update_settings", {"New Name"}, variables);
  CHECK(run.exit_code == 0);
  CHECK(run.err == "");
  CHECK(contains(run.out, "display name: Old Name -> New Name\n"));
  CHECK(
      contains(run.out, "fields kept that this SDK does not know: 1 in settings, 1 in general\n"));
  const std::vector<dynamic::testing::RecordedRequest> requests = server.requests();
  REQUIRE(requests.size() == 2);
  CHECK(requests[0].method == "GET");
  CHECK(requests[1].method == "PUT");
  CHECK(requests[1].target == "/api/v0/environments/" + kEnvironmentId);

  auto sent = dynamic::from_json<dynamic::models::ProjectSettings>(requests[1].body);
  CHECK(sent.general.display_name == std::optional<std::string>("New Name"));
  using Fields = std::map<std::string, dynamic::Json>;
  CHECK(sent.unknown_fields ==
        Fields{{"futureSetting", dynamic::Json::parse(R"({"rollout":0.5})")}});
  CHECK(sent.general.unknown_fields ==
        Fields{{"futureGeneral", dynamic::Json::parse(R"("kept")")}});
  CHECK(sent.general.support_email.is_null());
  // Everything else as it was read.
  auto expected = dynamic::from_json<dynamic::models::ProjectSettings>(settings);
  expected.general.display_name = "New Name";
  CHECK(sent == expected);
}

TEST_CASE("the examples say what is missing when DYNAMIC_ENVIRONMENT_ID is not set") {
  dynamic::testing::MockServer server;
  Variables variables = variables_for(server);
  variables.erase("DYNAMIC_ENVIRONMENT_ID");
  for (const auto& entry : std::vector<std::pair<std::string, std::vector<std::string>>>{
           {"list_users", {}},
           {"create_and_revoke_token", {}},
           {"handle_errors", {}},
           {"update_settings", {"Name"}}}) {
    const std::string& program = entry.first;
    const std::vector<std::string>& args = entry.second;
    const Run run = run_example(program, args, variables);
    CHECK_MESSAGE(run.exit_code == 2, program);
    CHECK_MESSAGE(contains(run.err, program + ": set DYNAMIC_ENVIRONMENT_ID"), run.err);
  }
}
