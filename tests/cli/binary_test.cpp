// The real `dynamic` binary, run as a child process against a loopback server: what a user sees.
#include <doctest/doctest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "loopback_server.hpp"

namespace {

namespace fs = std::filesystem;
using dynamic::testing::LoopbackServer;
using dynamic::testing::ScriptedResponse;

const std::string kToken = "dyn_" + std::string(56, 'Q');

struct RunResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

std::string read_file(const fs::path& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// Runs the CLI with a controlled environment; arguments are single-quoted for the shell.
RunResult run(const std::string& args,
              const std::string& token = kToken,
              const std::string& base_url = "") {
  fs::path dir = fs::temp_directory_path() / ("dynamic-cli-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  // A clean environment, but sanitizer settings pass through (the asan preset's suppressions).
  std::string sanitizers;
  for (const char* name : {"ASAN_OPTIONS", "UBSAN_OPTIONS", "LSAN_OPTIONS", "TSAN_OPTIONS"}) {
    if (const char* value = std::getenv(name))
      sanitizers += std::string(" ") + name + "='" + value + "'";
  }
  std::string command = "env -i" + sanitizers + " DYNAMIC_API_TOKEN='" + token + "'" +
                        (base_url.empty() ? "" : " DYNAMIC_BASE_URL='" + base_url + "'") +
                        " DYNAMIC_ENVIRONMENT_ID=env-1 '" + DYNAMIC_CLI_PATH + "' " + args +
                        " > '" + (dir / "out").string() + "' 2> '" + (dir / "err").string() + "'";
  int status = std::system(command.c_str());
  RunResult result;
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  result.out = read_file(dir / "out");
  result.err = read_file(dir / "err");
  fs::remove_all(dir);
  return result;
}

int count_lines(const std::string& text) {
  int lines = 0;
  for (char c : text) lines += c == '\n';
  return lines;
}

}  // namespace

TEST_CASE("get-tokens prints the tokens as the server sent them with unknown fields") {
  LoopbackServer server;
  std::string body =
      R"({"tokens":[{"id":"t-1","checksum":"abc123","createdBy":{"id":"u-1"},)"
      R"("createdAt":"2026-11-01T00:00:00Z","note":"deploys","scopes":["environment.users.read"],)"
      R"("expiresIn":{"days":30}}],"nextPage":null})";
  server.enqueue(ScriptedResponse{200, {{"Content-Type", "application/json"}}, body, {}});
  RunResult result = run("get-tokens", kToken, server.base_url());
  CHECK(result.exit_code == 0);
  CHECK(result.err.empty());
  CHECK(result.out == body + "\n");
  REQUIRE(server.requests().size() == 1);
  CHECK(server.requests()[0].method == "GET");
  CHECK(server.requests()[0].target == "/api/v0/environments/env-1/tokens");
  CHECK(server.requests()[0].headers.at("authorization") == "Bearer " + kToken);
}

TEST_CASE("a query parameter and a request body reach the server") {
  LoopbackServer server;
  server.enqueue(ScriptedResponse{200, {}, R"({"count":0,"users":[]})", {}});
  RunResult users =
      run("get-environment-users --limit 5 --include-sessions true", kToken, server.base_url());
  CHECK(users.exit_code == 0);
  server.enqueue(
      ScriptedResponse{201,
                       {},
                       R"({"token":{"id":"t","rawToken":"r","checksum":"c","createdBy":{"id":"u"},)"
                       R"("createdAt":"now"}})",
                       {}});
  RunResult created = run(R"(post-token --body '{"note":"n","scopes":["environment.users.read"]}')",
                          kToken,
                          server.base_url());
  CHECK(created.exit_code == 0);
  REQUIRE(server.requests().size() == 2);
  CHECK(server.requests()[0].target ==
        "/api/v0/environments/env-1/users?limit=5&includeSessions=true");
  CHECK(server.requests()[1].method == "POST");
  CHECK(server.requests()[1].body == R"({"note":"n","scopes":["environment.users.read"]})");
}

TEST_CASE("a 404 exits 3 with one line on stderr") {
  LoopbackServer server;
  server.enqueue(ScriptedResponse{
      404, {{"x-request-id", "req-9"}}, R"({"error":"Not found","code":"not_found"})", {}});
  RunResult result = run("get-user --user-id nobody", kToken, server.base_url());
  CHECK(result.exit_code == 3);
  CHECK(result.out.empty());
  CHECK(count_lines(result.err) == 1);
  CHECK(result.err.find("404") != std::string::npos);
  CHECK(result.err.find("Not found") != std::string::npos);
  CHECK(result.err.find("req-9") != std::string::npos);
}

TEST_CASE("a 429 after the retries exits 4 and a 500 exits 5") {
  LoopbackServer server;
  server.enqueue(ScriptedResponse{429, {{"Retry-After", "0"}}, "slow down", {}});
  server.enqueue(ScriptedResponse{429, {{"Retry-After", "0"}}, "slow down", {}});
  RunResult limited = run("--max-retries 1 get-tokens", kToken, server.base_url());
  CHECK(limited.exit_code == 4);
  CHECK(server.requests().size() == 2);
  server.enqueue(ScriptedResponse{500, {}, R"({"error":"boom"})", {}});
  RunResult failed = run("--max-retries 0 get-tokens", kToken, server.base_url());
  CHECK(failed.exit_code == 5);
  CHECK(count_lines(failed.err) == 1);
}

TEST_CASE("a malformed token exits 2 without echoing it and usage errors exit 1") {
  std::string bad = "dyn_" + std::string(10, 'Z') + "SECRETPART";
  RunResult result = run("get-tokens", bad, "http://127.0.0.1:9/api/v0");
  CHECK(result.exit_code == 2);
  CHECK(result.err.find("SECRETPART") == std::string::npos);
  CHECK(run("get-tokens --no-such-flag 1").exit_code == 1);
  CHECK(run("no-such-operation").exit_code == 1);
}

TEST_CASE("--help lists the operations by resource") {
  RunResult result = run("--help");
  CHECK(result.exit_code == 0);
  for (const char* name : {"get-tokens",
                           "post-token",
                           "delete-token-by-id",
                           "get-environment-by-id",
                           "get-environment-users",
                           "get-user"}) {
    CHECK(result.out.find(name) != std::string::npos);
  }
}

TEST_CASE("an answer that drifts from the spec succeeds by default and fails with --strict") {
  LoopbackServer server;
  // Dynamic's own example: networkId as a string where the spec says number.
  std::string body =
      R"({"id":"env-1","projectId":"p","name":"sandbox","settings":{"chains":[{"name":"EVM",)"
      R"("enabled":true,"networks":[{"networkId":"1","enabled":true,"chainName":"Ethereum"}]}],)"
      R"("kyc":[],"design":{},"general":{},"privacy":{},"sdk":{},"security":{}}})";
  server.enqueue(ScriptedResponse{200, {{"Content-Type", "application/json"}}, body, {}});
  RunResult lenient = run("get-environment-by-id", kToken, server.base_url());
  CHECK(lenient.exit_code == 0);
  CHECK(lenient.out == body + "\n");
  server.enqueue(ScriptedResponse{200, {{"Content-Type", "application/json"}}, body, {}});
  RunResult strict = run("--strict get-environment-by-id", kToken, server.base_url());
  CHECK(strict.exit_code == 5);
  CHECK(strict.out.empty());
  CHECK(strict.err.find("/settings/chains/0/networks/0/networkId") != std::string::npos);
  CHECK(count_lines(strict.err) == 1);
}

TEST_CASE("--pretty indents the body and keeps its order") {
  LoopbackServer server;
  server.enqueue(ScriptedResponse{200, {}, R"({"tokens":[],"zeta":1,"alpha":{}})", {}});
  RunResult result = run("--pretty get-tokens", kToken, server.base_url());
  CHECK(result.exit_code == 0);
  CHECK(result.out == "{\n  \"tokens\": [],\n  \"zeta\": 1,\n  \"alpha\": {}\n}\n");
}

TEST_CASE("a user id of .. cannot reach another path") {
  LoopbackServer server;
  server.enqueue(ScriptedResponse{404, {}, R"({"error":"no such user"})", {}});
  RunResult result = run("get-user --user-id ..", kToken, server.base_url());
  CHECK(result.exit_code == 3);
  REQUIRE(server.requests().size() == 1);
  CHECK(server.requests()[0].target == "/api/v0/environments/env-1/users/%2E%2E");
}

TEST_CASE("--version names the SDK version and the spec the operations come from") {
  RunResult result = run("--version");
  CHECK(result.exit_code == 0);
  CHECK(result.out ==
        std::string("dynamic ") + DYNAMIC_SDK_VERSION + ", generated from Dashboard API 1.0.0\n");
  CHECK(result.err.empty());
}

TEST_CASE(
    "verify-webhook in the real binary: a signature from openssl holds and a tampered body does not") {
  const fs::path body =
      fs::temp_directory_path() / ("dynamic-cli-webhook-" + std::to_string(::getpid()));
  std::ofstream(body) << R"({"eventId":"e9","eventName":"user.updated"})";
  // openssl computes the signature (a second implementation of HMAC-SHA256).
  const std::string sign = "printf 'sha256=%s' \"$(openssl dgst -sha256 -hmac k9 -r '" +
                           body.string() + "' | cut -d' ' -f1)\"";
  FILE* pipe = popen(sign.c_str(), "r");
  REQUIRE(pipe != nullptr);
  char signature[128] = {};
  const bool read = fgets(signature, sizeof(signature), pipe) != nullptr;
  pclose(pipe);
  if (!read || std::string(signature).size() != 71) {
    MESSAGE("skipped: the openssl command is not available to sign the body");
    fs::remove(body);
    return;
  }
  RunResult valid = run("verify-webhook --secret k9 --signature '" + std::string(signature) +
                        "' --body '@" + body.string() + "'");
  CHECK(valid.exit_code == 0);
  CHECK(valid.out == "valid\n");
  std::ofstream(body, std::ios::app) << " ";
  RunResult tampered = run("verify-webhook --secret k9 --signature '" + std::string(signature) +
                           "' --body '@" + body.string() + "'");
  CHECK(tampered.exit_code == 3);
  CHECK(count_lines(tampered.err) == 1);
  CHECK(tampered.err.find("k9") == std::string::npos);
  fs::remove(body);
}
