// run_cli end to end over hand-made operation tables and a scripted loopback server.
#include "driver.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "dynamic/detail/pipeline.hpp"
#include "dynamic/runtime/json.hpp"
#include "loopback_server.hpp"
#include "operation.hpp"

namespace {

using dynamic::ApiRequest;
using dynamic::Pipeline;
using dynamic::RequestOptions;
using dynamic::cli::Arguments;
using dynamic::cli::Operation;
using dynamic::cli::ParamLocation;
using dynamic::cli::ParamSpec;
using dynamic::testing::LoopbackServer;
using dynamic::testing::ScriptedResponse;

const std::string kToken = "dyn_" + std::string(56, 'a');

ParamSpec param(std::string flag,
                std::string name,
                ParamLocation location,
                bool required,
                std::string type,
                std::string description) {
  ParamSpec spec;
  spec.flag = std::move(flag);
  spec.name = std::move(name);
  spec.location = location;
  spec.required = required;
  spec.type = std::move(type);
  spec.description = std::move(description);
  return spec;
}

/// A table shaped like the generated one: path, query and body parameters, calls through the
/// pipeline, returns the response JSON.
const std::vector<Operation>& test_operations() {
  static const std::vector<Operation> ops = [] {
    std::vector<Operation> table;

    Operation health;
    health.name = "get-health";
    health.resource = "Admin";
    health.summary = "Checks the service";
    health.run = [](const std::shared_ptr<const Pipeline>& pipeline,
                    const Arguments&,
                    const RequestOptions& options) {
      ApiRequest request;
      request.method = "GET";
      request.path_template = "/health";
      return pipeline->send(request, options).body;
    };
    table.push_back(health);

    // Sends nothing: reports the options the driver gave the pipeline.
    Operation settings;
    settings.name = "show-settings";
    settings.resource = "Admin";
    settings.summary = "Shows the client settings";
    settings.run = [](const std::shared_ptr<const Pipeline>& pipeline,
                      const Arguments&,
                      const RequestOptions&) {
      return std::string(R"({"allow_insecure_http":)") +
             (pipeline->options().allow_insecure_http ? "true" : "false") + "}";
    };
    table.push_back(settings);

    Operation get;
    get.name = "get-thing";
    get.resource = "Things";
    get.summary = "Gets the things of an environment";
    get.params = {
        param("environment-id",
              "environmentId",
              ParamLocation::kPath,
              true,
              "string",
              "ID of the environment"),
        param("limit", "limit", ParamLocation::kQuery, false, "integer", "Page size"),
        param("include-deleted",
              "includeDeleted",
              ParamLocation::kQuery,
              false,
              "boolean",
              "Also list deleted things"),
        param("min-score", "minScore", ParamLocation::kQuery, false, "number", "Lowest score"),
    };
    get.run = [](const std::shared_ptr<const Pipeline>& pipeline,
                 const Arguments& args,
                 const RequestOptions& options) {
      ApiRequest request;
      request.method = "GET";
      request.path_template = "/environments/{environmentId}/things";
      request.path_params = {{"environmentId", args.text("environment-id")}};
      if (auto limit = args.optional_integer("limit")) {
        request.query.emplace_back("limit", std::to_string(*limit));
      }
      if (auto deleted = args.optional_boolean("include-deleted")) {
        request.query.emplace_back("includeDeleted", *deleted ? "true" : "false");
      }
      // Like generated code: the response is decoded, so a malformed one is a DecodeError.
      return dynamic::Json::parse(pipeline->send(request, options).body).dump();
    };
    table.push_back(get);

    Operation create;
    create.name = "create-thing";
    create.resource = "Things";
    create.summary = "Creates a thing";
    create.params = {param("environment-id",
                           "environmentId",
                           ParamLocation::kPath,
                           true,
                           "string",
                           "ID of the environment")};
    create.has_body = true;
    create.body_required = true;
    create.run = [](const std::shared_ptr<const Pipeline>& pipeline,
                    const Arguments& args,
                    const RequestOptions& options) {
      ApiRequest request;
      request.method = "POST";
      request.path_template = "/environments/{environmentId}/things";
      request.path_params = {{"environmentId", args.text("environment-id")}};
      request.json_body = args.body();
      return pipeline->send(request, options).body;
    };
    table.push_back(create);

    Operation remove;
    remove.name = "delete-thing";
    remove.resource = "Things";
    remove.summary = "Deletes a thing";
    remove.params = {param("thing-id", "thingId", ParamLocation::kPath, true, "string", "")};
    remove.run = [](const std::shared_ptr<const Pipeline>& pipeline,
                    const Arguments& args,
                    const RequestOptions& options) {
      ApiRequest request;
      request.method = "DELETE";
      request.path_template = "/things/{thingId}";
      request.path_params = {{"thingId", args.text("thing-id")}};
      pipeline->send(request, options);
      return std::string();
    };
    table.push_back(remove);

    Operation invalid;
    invalid.name = "reject-thing";
    invalid.resource = "Things";
    invalid.summary = "Always rejects its input";
    invalid.run = [](const std::shared_ptr<const Pipeline>&,
                     const Arguments&,
                     const RequestOptions&) -> std::string {
      throw std::invalid_argument("path parameter thingId must not be empty");
    };
    table.push_back(invalid);
    return table;
  }();
  return ops;
}

struct Outcome {
  int code = -1;
  std::string out;
  std::string err;

  std::size_t err_lines() const {
    return static_cast<std::size_t>(std::count(err.begin(), err.end(), '\n'));
  }
  /// Failures write exactly one newline-terminated line.
  bool one_error_line() const { return err_lines() == 1 && !err.empty() && err.back() == '\n'; }
};

using Env = std::map<std::string, std::string>;

Outcome run(const std::vector<std::string>& args,
            const Env& env = {{"DYNAMIC_API_TOKEN", kToken}}) {
  std::ostringstream out;
  std::ostringstream err;
  Outcome outcome;
  outcome.code = dynamic::cli::run_cli(
      args,
      test_operations(),
      [&env](const char* name) -> const char* {
        const auto found = env.find(name);
        return found == env.end() ? nullptr : found->second.c_str();
      },
      out,
      err);
  outcome.out = out.str();
  outcome.err = err.str();
  return outcome;
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

ScriptedResponse json_response(int status, std::string body) {
  ScriptedResponse response;
  response.status = status;
  response.headers = {{"Content-Type", "application/json"}};
  response.body = std::move(body);
  return response;
}

}  // namespace

TEST_CASE("run_cli: prints the response JSON and sends the expected request") {
  LoopbackServer server;
  server.enqueue(json_response(200, R"({"things":[{"id":"t1"}]})"));
  const Outcome outcome = run({"--base-url",
                               server.base_url(),
                               "get-thing",
                               "--environment-id",
                               "env 1",
                               "--limit",
                               "5",
                               "--include-deleted=true"});
  CHECK(outcome.code == 0);
  CHECK(outcome.out == "{\"things\":[{\"id\":\"t1\"}]}\n");
  CHECK(outcome.err.empty());
  const auto requests = server.requests();
  REQUIRE(requests.size() == 1);
  CHECK(requests[0].method == "GET");
  CHECK(requests[0].target == "/api/v0/environments/env%201/things?limit=5&includeDeleted=true");
  CHECK(requests[0].headers.at("authorization") == "Bearer " + kToken);
}

TEST_CASE("run_cli: DYNAMIC_BASE_URL and DYNAMIC_ENVIRONMENT_ID fill in") {
  LoopbackServer server;
  server.enqueue(json_response(200, "{}"));
  const Outcome outcome = run({"get-thing"},
                              {{"DYNAMIC_API_TOKEN", kToken},
                               {"DYNAMIC_BASE_URL", server.base_url()},
                               {"DYNAMIC_ENVIRONMENT_ID", "env-from-env"}});
  CHECK(outcome.code == 0);
  CHECK(outcome.out == "{}\n");
  const auto requests = server.requests();
  REQUIRE(requests.size() == 1);
  CHECK(requests[0].target == "/api/v0/environments/env-from-env/things");
}

TEST_CASE("run_cli: an explicit --environment-id wins over DYNAMIC_ENVIRONMENT_ID") {
  LoopbackServer server;
  server.enqueue(json_response(200, "{}"));
  const Outcome outcome =
      run({"--base-url=" + server.base_url(), "get-thing", "--environment-id=explicit"},
          {{"DYNAMIC_API_TOKEN", kToken}, {"DYNAMIC_ENVIRONMENT_ID", "from-env"}});
  CHECK(outcome.code == 0);
  const auto requests = server.requests();
  REQUIRE(requests.size() == 1);
  CHECK(requests[0].target == "/api/v0/environments/explicit/things");
}

TEST_CASE("run_cli: --base-url wins over DYNAMIC_BASE_URL") {
  LoopbackServer server;
  server.enqueue(json_response(200, "{}"));
  const Outcome outcome =
      run({"--base-url", server.base_url(), "get-health"},
          {{"DYNAMIC_API_TOKEN", kToken}, {"DYNAMIC_BASE_URL", "http://127.0.0.1:1/api/v0"}});
  CHECK(outcome.code == 0);
  CHECK(server.requests().size() == 1);
}

TEST_CASE("run_cli: --body inline and from a file") {
  LoopbackServer server;
  server.enqueue(json_response(201, R"({"id":"new"})"));
  server.enqueue(json_response(201, R"({"id":"file"})"));

  Outcome outcome = run({"--base-url",
                         server.base_url(),
                         "create-thing",
                         "--environment-id",
                         "e1",
                         "--body",
                         R"({"name":"inline"})"});
  CHECK(outcome.code == 0);
  CHECK(outcome.out == "{\"id\":\"new\"}\n");

  const std::filesystem::path path =
      std::filesystem::temp_directory_path() / "dynamic_cli_driver_body.json";
  {
    std::ofstream file(path, std::ios::binary);
    file << R"({"name":"from file"})";
  }
  outcome = run({"--base-url",
                 server.base_url(),
                 "create-thing",
                 "--environment-id",
                 "e1",
                 "--body",
                 "@" + path.string()});
  std::filesystem::remove(path);
  CHECK(outcome.code == 0);
  CHECK(outcome.out == "{\"id\":\"file\"}\n");

  const auto requests = server.requests();
  REQUIRE(requests.size() == 2);
  CHECK(requests[0].method == "POST");
  CHECK(requests[0].target == "/api/v0/environments/e1/things");
  CHECK(requests[0].body == R"({"name":"inline"})");
  CHECK(contains(requests[0].headers.at("content-type"), "application/json"));
  CHECK(requests[1].body == R"({"name":"from file"})");
}

TEST_CASE("run_cli: bad --body is a usage error before any request") {
  LoopbackServer server;
  for (const std::string& body :
       {std::string("{not json"), std::string("@/nonexistent/dir/body.json")}) {
    CAPTURE(body);
    const Outcome outcome = run({"--base-url",
                                 server.base_url(),
                                 "create-thing",
                                 "--environment-id",
                                 "e1",
                                 "--body",
                                 body});
    CHECK(outcome.code == 1);
    CHECK(outcome.one_error_line());
    CHECK(contains(outcome.err, "--body"));
  }
  CHECK(server.requests().empty());
}

TEST_CASE("run_cli: an operation without a response body prints nothing") {
  LoopbackServer server;
  ScriptedResponse no_content;
  no_content.status = 204;
  server.enqueue(no_content);
  const Outcome outcome =
      run({"--base-url", server.base_url(), "delete-thing", "--thing-id", "t1"});
  CHECK(outcome.code == 0);
  CHECK(outcome.out.empty());
  CHECK(outcome.err.empty());
  const auto requests = server.requests();
  REQUIRE(requests.size() == 1);
  CHECK(requests[0].method == "DELETE");
  CHECK(requests[0].target == "/api/v0/things/t1");
}

TEST_CASE("run_cli: 404 exits 3 with one line naming the status and the message") {
  LoopbackServer server;
  ScriptedResponse not_found =
      json_response(404, R"({"error":"Thing not found","code":"not_found"})");
  not_found.headers.emplace_back("x-request-id", "req-123");
  server.enqueue(not_found);
  const Outcome outcome =
      run({"--base-url", server.base_url(), "get-thing", "--environment-id", "e1"});
  CHECK(outcome.code == 3);
  CHECK(outcome.out.empty());
  CHECK(outcome.one_error_line());
  CHECK(contains(outcome.err, "404"));
  CHECK(contains(outcome.err, "Thing not found"));
  CHECK(contains(outcome.err, "NotFoundError"));
  CHECK(outcome.err.rfind("dynamic: ", 0) == 0);
}

TEST_CASE("run_cli: other 4xx answers exit 3") {
  LoopbackServer server;
  server.enqueue(json_response(401, R"({"error":"Unauthorized"})"));
  server.enqueue(json_response(422, R"({"error":"Bad name","code":"invalid"})"));
  Outcome outcome = run({"--base-url", server.base_url(), "get-health"});
  CHECK(outcome.code == 3);
  CHECK(outcome.one_error_line());
  CHECK(contains(outcome.err, "401"));
  outcome = run(
      {"--base-url", server.base_url(), "create-thing", "--environment-id", "e1", "--body", "{}"});
  CHECK(outcome.code == 3);
  CHECK(outcome.one_error_line());
  CHECK(contains(outcome.err, "422"));
  CHECK(contains(outcome.err, "Bad name"));
}

TEST_CASE("run_cli: 429 after the retries exits 4") {
  LoopbackServer server;
  ScriptedResponse limited = json_response(429, R"({"error":"Too many requests"})");
  limited.headers.emplace_back("Retry-After", "0");
  server.enqueue(limited);
  const Outcome outcome =
      run({"--base-url", server.base_url(), "--max-retries", "0", "get-health"});
  CHECK(outcome.code == 4);
  CHECK(outcome.one_error_line());
  CHECK(contains(outcome.err, "429"));
  CHECK(server.requests().size() == 1);
}

TEST_CASE("run_cli: 500 exits 5") {
  LoopbackServer server;
  server.enqueue(json_response(500, R"({"error":"Boom"})"));
  const Outcome outcome =
      run({"--base-url", server.base_url(), "--max-retries", "0", "get-health"});
  CHECK(outcome.code == 5);
  CHECK(outcome.out.empty());
  CHECK(outcome.one_error_line());
  CHECK(contains(outcome.err, "500"));
  CHECK(contains(outcome.err, "Boom"));
}

TEST_CASE("run_cli: --max-retries sets how many times a 503 is retried") {
  ScriptedResponse unavailable = json_response(503, R"({"error":"Unavailable"})");
  unavailable.headers.emplace_back("Retry-After", "0");
  SUBCASE("--max-retries 0: one attempt") {
    LoopbackServer server;
    server.enqueue(unavailable);
    server.enqueue(unavailable);
    const Outcome outcome =
        run({"--base-url", server.base_url(), "--max-retries", "0", "get-health"});
    CHECK(outcome.code == 5);
    CHECK(outcome.one_error_line());
    CHECK(server.requests().size() == 1);
  }
  SUBCASE("--max-retries 1: two attempts") {
    LoopbackServer server;
    server.enqueue(unavailable);
    server.enqueue(unavailable);
    server.enqueue(unavailable);
    const Outcome outcome = run({"--base-url", server.base_url(), "--max-retries=1", "get-health"});
    CHECK(outcome.code == 5);
    CHECK(outcome.one_error_line());
    CHECK(server.requests().size() == 2);
  }
  SUBCASE("--max-retries 1: a retry that succeeds") {
    LoopbackServer server;
    server.enqueue(unavailable);
    server.enqueue(json_response(200, R"({"ok":true})"));
    const Outcome outcome =
        run({"--base-url", server.base_url(), "--max-retries", "1", "get-health"});
    CHECK(outcome.code == 0);
    CHECK(outcome.out == "{\"ok\":true}\n");
    CHECK(server.requests().size() == 2);
  }
}

TEST_CASE("run_cli: --timeout applies to the call") {
  LoopbackServer server;
  ScriptedResponse slow = json_response(200, R"({"ok":true})");
  slow.delay = std::chrono::milliseconds(1500);
  server.enqueue(slow);
  const Outcome outcome = run(
      {"--base-url", server.base_url(), "--timeout", "0.2", "--max-retries", "0", "get-health"});
  CHECK(outcome.code == 5);
  CHECK(outcome.out.empty());
  CHECK(outcome.one_error_line());
  CHECK(contains(outcome.err, "TimeoutError"));
}

TEST_CASE("run_cli: a refused connection exits 5") {
  // Nothing listens on a port whose server has gone away.
  std::string base_url;
  {
    LoopbackServer server;
    base_url = server.base_url();
  }
  const Outcome outcome = run({"--base-url", base_url, "--max-retries", "0", "get-health"});
  CHECK(outcome.code == 5);
  CHECK(outcome.out.empty());
  CHECK(outcome.one_error_line());
  CHECK(contains(outcome.err, "ConnectionError"));
}

TEST_CASE("run_cli: a malformed response exits 5") {
  LoopbackServer server;
  server.enqueue(json_response(200, "{\"things\": [oops"));
  const Outcome outcome =
      run({"--base-url", server.base_url(), "get-thing", "--environment-id", "e1"});
  CHECK(outcome.code == 5);
  CHECK(outcome.out.empty());
  CHECK(outcome.one_error_line());
  CHECK(contains(outcome.err, "DecodeError"));
}

TEST_CASE("run_cli: a missing token exits 2 before any request") {
  LoopbackServer server;
  for (const Env& env : {Env{}, Env{{"DYNAMIC_API_TOKEN", ""}}}) {
    const Outcome outcome = run({"--base-url", server.base_url(), "get-health"}, env);
    CHECK(outcome.code == 2);
    CHECK(outcome.one_error_line());
    CHECK(contains(outcome.err, "DYNAMIC_API_TOKEN"));
  }
  CHECK(server.requests().empty());
}

TEST_CASE("run_cli: a malformed token exits 2 and is never printed") {
  LoopbackServer server;
  const std::string secret = "dyn_SuperSecretValue1234";
  const Outcome outcome =
      run({"--base-url", server.base_url(), "get-health"}, {{"DYNAMIC_API_TOKEN", secret}});
  CHECK(outcome.code == 2);
  CHECK(outcome.one_error_line());
  CHECK_FALSE(contains(outcome.err, secret));
  CHECK_FALSE(contains(outcome.err, "SuperSecretValue"));
  CHECK_FALSE(contains(outcome.out, "SuperSecretValue"));
  CHECK(server.requests().empty());
}

TEST_CASE("run_cli: a bad base URL exits 2") {
  for (const std::string url : {"ftp://example.com", "not a url", "https://"}) {
    CAPTURE(url);
    const Outcome outcome = run({"--base-url", url, "get-health"});
    CHECK(outcome.code == 2);
    CHECK(outcome.one_error_line());
  }
}

TEST_CASE("run_cli: std::invalid_argument from the call exits 1") {
  const Outcome outcome = run({"reject-thing"});
  CHECK(outcome.code == 1);
  CHECK(outcome.one_error_line());
  CHECK(contains(outcome.err, "thingId must not be empty"));
}

TEST_CASE("run_cli: usage errors exit 1 with one line and no request") {
  LoopbackServer server;
  const std::string url = server.base_url();
  struct Case {
    std::vector<std::string> args;
    std::string expected;
  };
  const std::vector<Case> cases = {
      {{"--base-url", url, "get-thing", "--environment-id", "e1", "--colour", "red"}, "--colour"},
      {{"--base-url", url, "get-thing"}, "--environment-id"},
      {{"--base-url", url, "get-thing", "--environment-id", "e1", "--limit", "abc"},
       "--limit: expected an integer, got 'abc'"},
      {{"--base-url", url, "get-thing", "--environment-id", "e1", "--include-deleted", "yes"},
       "--include-deleted"},
      {{"--base-url", url, "get-thing", "--environment-id", "e1", "--min-score", "high"},
       "--min-score"},
      {{"--base-url", url, "get-thing", "--environment-id"}, "--environment-id: missing value"},
      {{"--base-url", url, "get-thing", "--environment-id", "--limit", "5"},
       "--environment-id: missing value"},
      {{"--base-url", url, "get-thing", "--environment-id", "a", "--environment-id", "b"},
       "more than once"},
      {{"--base-url", url, "get-thing", "e1"}, "unexpected argument 'e1'"},
      {{"--base-url", url, "create-thing", "--environment-id", "e1"}, "--body"},
      {{"--base-url", url, "get-health", "--body", "{}"}, "--body"},
      {{"--base-url", url, "get-thng"}, "did you mean 'get-thing'"},
      {{"--base-url", url, "frobnicate"}, "unknown operation 'frobnicate'"},
      {{"--base-url"}, "--base-url: missing value"},
      {{"--base-url", url}, "missing operation"},
      {{"--verbose", "get-health"}, "unknown global option '--verbose'"},
      {{"--timeout", "0", "get-health"}, "--timeout"},
      {{"--timeout", "-1", "get-health"}, "--timeout"},
      {{"--timeout", "soon", "get-health"}, "--timeout"},
      {{"--max-retries", "-1", "get-health"}, "--max-retries"},
      {{"--max-retries", "1.5", "get-health"}, "--max-retries"},
  };
  for (const Case& c : cases) {
    std::string joined;
    for (const std::string& arg : c.args) joined += arg + " ";
    CAPTURE(joined);
    const Outcome outcome = run(c.args);
    CHECK(outcome.code == 1);
    CHECK(outcome.out.empty());
    CHECK(outcome.one_error_line());
    CHECK(contains(outcome.err, c.expected));
  }
  CHECK(server.requests().empty());
}

TEST_CASE("run_cli: usage errors come before configuration errors") {
  const Outcome outcome = run({"get-thing", "--limit", "abc", "--environment-id", "e"}, Env{});
  CHECK(outcome.code == 1);
}

TEST_CASE("run_cli: --help lists the global options and the operations by resource") {
  for (const std::vector<std::string>& args :
       {std::vector<std::string>{},
        std::vector<std::string>{"--help"},
        std::vector<std::string>{"-h"},
        std::vector<std::string>{"--timeout", "3", "--help"}}) {
    const Outcome outcome = run(args, Env{});
    CHECK(outcome.code == 0);
    CHECK(outcome.err.empty());
    const std::string& help = outcome.out;
    CHECK(contains(help, "Usage: dynamic"));
    CHECK(contains(help, "--base-url"));
    CHECK(contains(help, "--timeout"));
    CHECK(contains(help, "--max-retries"));
    CHECK(contains(help, "DYNAMIC_API_TOKEN"));
    CHECK(contains(help, "DYNAMIC_BASE_URL"));
    CHECK(contains(help, "DYNAMIC_ENVIRONMENT_ID"));
    const std::size_t admin = help.find("Admin:");
    const std::size_t health = help.find("get-health");
    const std::size_t things = help.find("Things:");
    const std::size_t get = help.find("get-thing");
    REQUIRE(admin != std::string::npos);
    REQUIRE(things != std::string::npos);
    CHECK(admin < health);
    CHECK(health < things);
    CHECK(things < get);
    CHECK(contains(help, "Gets the things of an environment"));
    CHECK(contains(help, "create-thing"));
  }
}

TEST_CASE("run_cli: OP --help lists the operation's flags") {
  Outcome outcome = run({"get-thing", "--help"}, Env{});
  CHECK(outcome.code == 0);
  CHECK(outcome.err.empty());
  CHECK(contains(outcome.out, "Gets the things of an environment"));
  CHECK(contains(outcome.out, "--environment-id <string>"));
  CHECK(contains(outcome.out, "required"));
  CHECK(contains(outcome.out, "ID of the environment"));
  CHECK(contains(outcome.out, "--limit <integer>"));
  CHECK(contains(outcome.out, "optional"));
  CHECK(contains(outcome.out, "Page size"));
  CHECK(contains(outcome.out, "--include-deleted <boolean>"));
  CHECK_FALSE(contains(outcome.out, "--body"));

  // Help wins over otherwise incomplete or wrong flags.
  outcome = run({"create-thing", "--environment-id", "e1", "-h"}, Env{});
  CHECK(outcome.code == 0);
  CHECK(contains(outcome.out, "--body <JSON|@file>"));
  CHECK(contains(outcome.out, "Creates a thing"));
}

TEST_CASE("run_cli: plain http to a host that is not loopback needs --allow-insecure-http") {
  // The operation sends nothing, so no traffic leaves the machine.
  const std::string url = "http://api.example.invalid/api/v0";
  Outcome refused = run({"--base-url", url, "show-settings"});
  CHECK(refused.code == 2);
  CHECK(refused.one_error_line());
  Outcome allowed = run({"--allow-insecure-http", "--base-url", url, "show-settings"});
  CHECK(allowed.code == 0);
  CHECK(allowed.out == "{\"allow_insecure_http\":true}\n");
  CHECK(run({"--allow-insecure-http=yes", "show-settings"}).code == 1);
  CHECK(contains(run({"--help"}).out, "--allow-insecure-http"));
}
