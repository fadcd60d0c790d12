// Contract tests through the generated code: every operation of Dynamic's spec is called with
// valid arguments through the generated CLI table (which calls the generated client method)
// against the mock, with strict decoding; then every error status it declares is made to happen
// and must map to its exit code, raise its typed error and carry the declared model as its
// typed body.
#include <doctest/doctest.h>

#include <cxxabi.h>

#include <boost/json.hpp>
#include <cstdlib>
#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "driver.hpp"
#include "fake_transport.hpp"
#include "http_server.hpp"
#include "ir/builder.hpp"
#include "ir/naming.hpp"
#include "mock_service.hpp"
#include "stateless_mock.hpp"

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

using Flags = std::map<std::string, std::string, std::less<>>;

/// The operation's flags with every parameter and the JSON body sampled from the spec.
Flags sampled_flags(const cli::Operation& op,
                    const Route& route,
                    const Sampler& sampler,
                    const SchemaCheck& check) {
  Flags flags;
  for (const cli::ParamSpec& spec : op.params) {
    for (const json::object* param : route.parameters) {
      if (param->at("name").as_string() != spec.name || !param->contains("schema")) continue;
      flags[spec.flag] =
          flag_value(spec, sampler.sample(param->at("schema"), route.pointer + "/" + spec.name));
    }
  }
  if (const json::value* body = route.operation->if_contains("requestBody")) {
    const json::object* object = check.resolve(*body).if_object();
    const json::value* media =
        object ? object->at("content").as_object().if_contains("application/json") : nullptr;
    if (media && media->as_object().contains("schema")) {
      flags["body"] =
          json::serialize(sampler.sample(media->as_object().at("schema"), route.pointer + "/body"));
    }
  }
  return flags;
}

/// `dynamic --strict OPERATION --flag value ...`.
std::vector<std::string> command_line(const std::string& base_url,
                                      const cli::Operation& op,
                                      const Flags& flags) {
  std::vector<std::string> args = {
      "--base-url", base_url, "--strict", "--max-retries", "0", op.name};
  for (const auto& [flag, value] : flags) {
    args.push_back("--" + flag);
    args.push_back(value);
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
  StatelessMock mock(11);
  MockService& service = mock.service;
  const SchemaCheck& check = mock.check;
  const Sampler& sampler = mock.sampler;
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
        command_line(server.base_url(), op, sampled_flags(op, *route, sampler, check));
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

namespace {

/// Whether the error is the class the runtime documents for its status.
bool has_class_for_status(const dynamic::ApiError& error, int status) {
  switch (status) {
    case 400:
      return dynamic_cast<const dynamic::BadRequestError*>(&error) != nullptr;
    case 401:
      return dynamic_cast<const dynamic::AuthenticationError*>(&error) != nullptr;
    case 403:
      return dynamic_cast<const dynamic::PermissionDeniedError*>(&error) != nullptr;
    case 404:
      return dynamic_cast<const dynamic::NotFoundError*>(&error) != nullptr;
    case 409:
      return dynamic_cast<const dynamic::ConflictError*>(&error) != nullptr;
    case 422:
      return dynamic_cast<const dynamic::UnprocessableEntityError*>(&error) != nullptr;
    case 429:
      return dynamic_cast<const dynamic::RateLimitError*>(&error) != nullptr;
    default:
      return status < 500 || dynamic_cast<const dynamic::InternalServerError*>(&error) != nullptr;
  }
}

std::string demangled(const std::type_info& type) {
  int status = 0;
  std::unique_ptr<char, void (*)(void*)> name(
      abi::__cxa_demangle(type.name(), nullptr, nullptr, &status), std::free);
  return status == 0 && name ? std::string(name.get()) : std::string(type.name());
}

const dyngen::Operation* ir_operation(const dyngen::Api& api, const std::string& cli_name) {
  for (const dyngen::Resource& resource : api.resources) {
    for (const dyngen::Operation& op : resource.operations) {
      if (op.cli_name == cli_name) return &op;
    }
  }
  return nullptr;
}

/// The model the spec declares for an error status, empty when the body is not a model.
std::string declared_model(const dyngen::Operation& op, int status) {
  for (const dyngen::ErrorResponse& error : op.errors) {
    if (error.status == status && error.type.kind == dyngen::TypeRef::Kind::kModel) {
      return error.type.model;
    }
  }
  return {};
}

}  // namespace

TEST_CASE("contract: every declared error status raises its typed error with its typed body") {
  StatelessMock mock(11);
  dyngen::Diagnostics diagnostics;
  const dyngen::Api api = dyngen::build_api(mock.document, diagnostics);
  MockService& service = mock.service;
  const SchemaCheck& check = mock.check;
  const Sampler& sampler = mock.sampler;
  HttpServer server(service, 0);
  dynamic::ClientOptions options;
  options.base_url = server.base_url();
  options.api_token = dynamic::testing::valid_token();
  options.max_retries = 0;
  options.strict_responses = true;
  const auto pipeline = std::make_shared<const dynamic::Pipeline>(options);

  std::size_t errors = 0;
  std::size_t typed = 0;
  for (const cli::Operation& op : cli::operations()) {
    const Route* route = route_of(service, op);
    const dyngen::Operation* declared = ir_operation(api, op.name);
    REQUIRE_MESSAGE((route != nullptr && declared != nullptr), op.name);
    const cli::Arguments arguments(sampled_flags(op, *route, sampler, check));
    for (const int status : declared->error_statuses) {
      if (status < 400) continue;  // "default" has no status to inject
      INFO(op.name << " " << status);
      service.set_fault("status=" + std::to_string(status));
      bool raised = false;
      try {
        op.run(pipeline, arguments, dynamic::RequestOptions{});
      } catch (const dynamic::ApiError& error) {
        raised = true;
        CHECK(error.status() == status);
        CHECK(has_class_for_status(error, status));
        CHECK(error.message().find("fault injected by the mock") != std::string::npos);
        const std::string model = declared_model(*declared, status);
        if (!model.empty()) {
          // The mock's body conforms to the declared schema, so the typed body must be there.
          REQUIRE_MESSAGE(error.typed_body_type() != nullptr, error.raw_body());
          CHECK(demangled(*error.typed_body_type()) == "dynamic::models::" + model);
          ++typed;
        }
      }
      CHECK(raised);
      ++errors;
    }
  }
  service.set_fault("");
  CHECK(errors > 700);
  CHECK(typed > 0);
  MESSAGE(errors << " declared error statuses raised, " << typed << " with their typed body");
}
