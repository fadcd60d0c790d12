// Contract tests through the generated code: every operation of Dynamic's spec is called with
// valid arguments through the generated CLI table (which calls the generated client method)
// against the mock, with strict decoding; then every error status it declares is made to happen
// and must map to its exit code.
#include <doctest/doctest.h>

#include <boost/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "driver.hpp"
#include "fake_transport.hpp"
#include "http_server.hpp"
#include "ir/naming.hpp"
#include "mock_service.hpp"

using namespace dynamic::mock;
namespace json = boost::json;
namespace cli = dynamic::cli;

namespace {

std::string text_of(const json::value& value) {
  return value.is_string() ? std::string(value.as_string()) : json::serialize(value);
}

/// The flag value of a sampled parameter: lists comma-joined, objects as JSON.
std::string flag_value(const cli::ParamSpec& spec, const json::value& value) {
  if (spec.type == "list" && value.is_array()) {
    std::string joined;
    for (const json::value& item : value.as_array()) {
      joined += (joined.empty() ? "" : ",") + text_of(item);
    }
    return joined;
  }
  return text_of(value);
}

const Route* route_of(const MockService& service, const cli::Operation& op) {
  for (const Route& route : service.routes().all()) {
    const json::value* id = route.operation->if_contains("operationId");
    if (id && id->is_string() && dyngen::kebab_case(std::string(id->as_string())) == op.name) {
      return &route;
    }
  }
  return nullptr;
}

/// `dynamic --strict OPERATION --flag value ...` with every parameter and the body sampled.
std::vector<std::string> command_line(const std::string& base_url,
                                      const cli::Operation& op,
                                      const Route& route,
                                      const Sampler& sampler,
                                      const SchemaCheck& check) {
  std::vector<std::string> args = {
      "--base-url", base_url, "--strict", "--max-retries", "0", op.name};
  for (const cli::ParamSpec& spec : op.params) {
    for (const json::object* param : route.parameters) {
      if (param->at("name").as_string() != spec.name || !param->contains("schema")) continue;
      args.push_back("--" + spec.flag);
      args.push_back(
          flag_value(spec, sampler.sample(param->at("schema"), route.pointer + "/" + spec.name)));
    }
  }
  if (const json::value* body = route.operation->if_contains("requestBody")) {
    const json::object* object = check.resolve(*body).if_object();
    const json::value* media =
        object ? object->at("content").as_object().if_contains("application/json") : nullptr;
    if (media && media->as_object().contains("schema")) {
      args.push_back("--body");
      args.push_back(json::serialize(
          sampler.sample(media->as_object().at("schema"), route.pointer + "/body")));
    }
  }
  return args;
}

/// Whether a declared response's JSON body has a `code` property.
bool declares_code(const SchemaCheck& check, const json::value& response) {
  const json::object* object = check.resolve(response).if_object();
  const json::value* content = object ? object->if_contains("content") : nullptr;
  const json::value* media = content && content->is_object()
                                 ? content->as_object().if_contains("application/json")
                                 : nullptr;
  if (media == nullptr || !media->is_object() || !media->as_object().contains("schema")) {
    return false;
  }
  const json::object* schema = check.resolve(media->as_object().at("schema")).if_object();
  const json::value* properties = schema ? schema->if_contains("properties") : nullptr;
  return properties && properties->is_object() && properties->as_object().contains("code");
}

int expected_exit(int status) {
  if (status == 429) return cli::kExitRateLimited;
  return status >= 500 ? cli::kExitServerError : cli::kExitClientError;
}

}  // namespace

TEST_CASE(
    "contract: every generated operation succeeds against the mock and every declared error maps") {
  dyngen::Document document = dyngen::Document::load(DYNAMIC_SPEC_PATH);
  SchemaCheck check(document);
  Sampler sampler(check, 11);
  // Stateless: any id is found, so that every operation can be called with sampled arguments.
  MockOptions stateless;
  stateless.stateful = false;
  MockService service(dyngen::Document::load(DYNAMIC_SPEC_PATH), stateless);
  HttpServer server(service, 0);
  const std::string token = dynamic::testing::valid_token();
  auto getenv = [&](const char* name) -> const char* {
    return std::string(name) == "DYNAMIC_API_TOKEN" ? token.c_str() : nullptr;
  };
  std::size_t calls = 0;
  std::size_t errors = 0;
  std::size_t coded = 0;
  for (const cli::Operation& op : cli::operations()) {
    const Route* route = route_of(service, op);
    REQUIRE_MESSAGE(route != nullptr, op.name);
    const std::vector<std::string> args =
        command_line(server.base_url(), op, *route, sampler, check);
    std::ostringstream out;
    std::ostringstream err;
    service.set_fault("");
    const int code = cli::run_cli(args, cli::operations(), getenv, out, err);
    CHECK_MESSAGE(code == cli::kExitOk, op.name << ": " << err.str());
    ++calls;
    for (const auto& response : route->operation->at("responses").as_object()) {
      const int status = std::atoi(std::string(response.key()).c_str());
      if (status < 400) continue;
      service.set_fault("status=" + std::to_string(status));
      std::ostringstream quiet;
      std::ostringstream error_line;
      const int failed = cli::run_cli(args, cli::operations(), getenv, quiet, error_line);
      CHECK_MESSAGE(failed == expected_exit(status),
                    op.name << " " << status << ": " << error_line.str());
      CHECK_MESSAGE(error_line.str().find("fault injected by the mock") != std::string::npos,
                    op.name << " " << status << ": " << error_line.str());
      // Bodies with a `code` (Dynamic's 422 enum) are decoded: the CLI shows it.
      if (declares_code(check, response.value())) {
        CHECK_MESSAGE(error_line.str().find("[code ") != std::string::npos,
                      op.name << " " << status << ": " << error_line.str());
        ++coded;
      }
      ++errors;
    }
  }
  service.set_fault("");
  CHECK(calls == 193);
  CHECK(coded > 0);
  MESSAGE(calls << " operations, " << errors << " declared error statuses, " << coded
                << " with a code");
}
