// Dynamic's own spec through the mock: every operation answers a valid request with a 2xx body
// that conforms to its declared schema, and the SDK works against the mock over loopback
// (strict decoding, retries on 503 and on 429 with Retry-After).
#include <doctest/doctest.h>

#include <atomic>
#include <boost/json.hpp>
#include <boost/url/encode.hpp>
#include <boost/url/rfc/unreserved_chars.hpp>
#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include "dynamic/client.hpp"
#include "dynamic/events_api.hpp"
#include "dynamic/models/event.hpp"
#include "dynamic/models/tokens_response.hpp"
#include "dynamic/models/webhook.hpp"
#include "dynamic/models/webhook_create_request.hpp"
#include "dynamic/runtime/pagination.hpp"
#include "dynamic/tokens_api.hpp"
#include "dynamic/webhooks_api.hpp"
#include "fake_transport.hpp"
#include "http_server.hpp"
#include "mock_service.hpp"
#include "stateless_mock.hpp"

using namespace dynamic::mock;
namespace json = boost::json;

namespace {

std::string text_of(const json::value& value) {
  return value.is_string() ? std::string(value.as_string()) : json::serialize(value);
}

std::string encoded(const std::string& text) {
  return boost::urls::encode(text, boost::urls::unreserved_chars);
}

/// A request every parameter and body schema of `route` accepts, made by the mock's sampler.
MockRequest valid_request(const Route& route, const Sampler& sampler, const SchemaCheck& check) {
  MockRequest request;
  request.method = route.method;
  request.headers["authorization"] = "Bearer " + dynamic::testing::valid_token();
  std::string path = route.path_template;
  std::string query;
  for (const json::object* param : route.parameters) {
    const std::string name(param->at("name").as_string());
    const std::string in(param->at("in").as_string());
    const json::value* required = param->if_contains("required");
    const bool needed = in == "path" || (required && required->is_bool() && required->as_bool());
    const json::value* schema = param->if_contains("schema");
    if (!needed || schema == nullptr) continue;
    const std::string value = text_of(sampler.sample(*schema, route.pointer + "/" + name));
    if (in == "path") {
      path.replace(path.find("{" + name + "}"), name.size() + 2, encoded(value));
    } else if (in == "query") {
      query += (query.empty() ? "?" : "&") + encoded(name) + "=" + encoded(value);
    } else if (in == "header") {
      std::string key = name;
      for (char& c : key) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      request.headers[key] = value;
    }
  }
  request.target = "/api/v0" + path + query;
  if (const json::value* body = route.operation->if_contains("requestBody")) {
    const json::object* object = check.resolve(*body).if_object();
    const json::value* content = object ? object->if_contains("content") : nullptr;
    const json::value* media = content && content->is_object()
                                   ? content->as_object().if_contains("application/json")
                                   : nullptr;
    if (media && media->is_object() && media->as_object().contains("schema")) {
      request.body =
          json::serialize(sampler.sample(media->as_object().at("schema"), route.pointer + "/body"));
    }
  }
  return request;
}

}  // namespace

TEST_CASE(
    "mock: every operation of Dynamic's spec answers a valid request with a conforming body") {
  StatelessMock mock(7);
  MockService& service = mock.service;
  const dyngen::Document& document = mock.document;
  const SchemaCheck& check = mock.check;
  const Sampler& sampler = mock.sampler;
  std::size_t operations = 0;
  for (const Route& route : service.routes().all()) {
    ++operations;
    MockRequest request = valid_request(route, sampler, check);
    MockResponse response = service.handle(request);
    INFO(route.method << " " << route.path_template << " -> " << response.status << " "
                      << response.body.substr(0, 300));
    CHECK(response.status >= 200);
    CHECK(response.status < 300);
    if (response.body.empty()) continue;
    const std::string status = std::to_string(response.status);
    const json::value& schema =
        document.at_pointer(dyngen::pointer_append(route.pointer + "/responses", status) +
                                "/content/application~1json/schema",
                            "");
    std::vector<Problem> problems = check.check(json::parse(response.body), schema);
    CHECK_MESSAGE(problems.empty(),
                  (problems.empty() ? "" : problems[0].pointer + ": " + problems[0].message));
  }
  CHECK(operations == 193);
}

TEST_CASE("mock: every declared error status is answered with a body conforming to its schema") {
  StatelessMock mock(7);
  MockService& service = mock.service;
  const SchemaCheck& check = mock.check;
  const Sampler& sampler = mock.sampler;
  std::size_t bodies = 0;
  for (const Route& route : service.routes().all()) {
    for (const auto& declared : route.operation->at("responses").as_object()) {
      const int status = std::atoi(std::string(declared.key()).c_str());
      if (status < 400) continue;
      const json::object* answer = check.resolve(declared.value()).if_object();
      const json::value* content = answer ? answer->if_contains("content") : nullptr;
      const json::value* media = content && content->is_object()
                                     ? content->as_object().if_contains("application/json")
                                     : nullptr;
      if (media == nullptr || !media->as_object().contains("schema")) continue;
      MockRequest request = valid_request(route, sampler, check);
      request.headers["x-mock-fault"] = "status=" + std::to_string(status);
      MockResponse response = service.handle(request);
      INFO(route.method << " " << route.path_template << " " << status << ": "
                        << response.body.substr(0, 300));
      CHECK(response.status == status);
      std::vector<Problem> problems =
          check.check(json::parse(response.body), media->as_object().at("schema"));
      CHECK_MESSAGE(problems.empty(),
                    (problems.empty() ? "" : problems[0].pointer + ": " + problems[0].message));
      ++bodies;
    }
  }
  CHECK(bodies > 700);
  MESSAGE(bodies << " declared error bodies checked");
}

TEST_CASE("mock: the SDK decodes the mock's answers strictly over loopback") {
  MockService service(dyngen::Document::load(DYNAMIC_SPEC_PATH), MockOptions{});
  HttpServer server(service, 0);
  dynamic::ClientOptions options;
  options.api_token = dynamic::testing::valid_token();
  options.base_url = server.base_url();
  options.strict_responses = true;
  options.sleep = [](std::chrono::milliseconds) {};
  dynamic::Client client(options);
  const std::string environment = "2b0f4f3e-8a7c-4d6e-9b1a-5c3d2e1f0a9b";
  dynamic::models::TokensResponse tokens = client.tokens().get_tokens(environment);
  REQUIRE(tokens.tokens);
  CHECK_FALSE(tokens.tokens->empty());

  // A cursor list ends: two pages, then no cursor.
  dynamic::CursorRange<dynamic::models::Event> events = client.events().get_events_all(environment);
  std::size_t count = 0;
  for (const dynamic::models::Event& event : events) count += event.event_id.empty() ? 0 : 1;
  CHECK(count == 4);
  CHECK_FALSE(events.repeated_cursor());
  // 503 twice, then success: the runtime's retries absorb it.
  dynamic::RequestOptions flaky;
  flaky.extra_headers.emplace_back("X-Mock-Fault", "status=503;times=2");
  CHECK(client.tokens().get_tokens(environment, flaky).tokens == tokens.tokens);
  // 429 with Retry-After, once.
  dynamic::RequestOptions limited;
  limited.extra_headers.emplace_back("X-Mock-Fault", "status=429;retry-after=0;times=1");
  CHECK(client.tokens().get_tokens(environment, limited).tokens == tokens.tokens);
  // A server that stalls past the timeout: TimeoutError, after the retries.
  dynamic::RequestOptions slow;
  slow.timeout = std::chrono::milliseconds(200);
  slow.max_retries = 1;
  slow.extra_headers.emplace_back("X-Mock-Fault", "delay-ms=1000");
  CHECK_THROWS_AS(client.tokens().get_tokens(environment, slow), dynamic::TimeoutError);
  // A connection broken mid-body, or before any body: ConnectionError, never a partial decode.
  for (const char* fault : {"reset-mid-body", "drop"}) {
    dynamic::RequestOptions broken;
    broken.max_retries = 0;
    broken.extra_headers.emplace_back("X-Mock-Fault", fault);
    CHECK_THROWS_AS(client.tokens().get_tokens(environment, broken), dynamic::ConnectionError);
  }
  // A bad path value is the mock's 400, the SDK's BadRequestError.
  CHECK_THROWS_AS(client.tokens().get_tokens("not-an-id"), dynamic::BadRequestError);
}

TEST_CASE("mock: 16 concurrent clients each get their own answers") {
  MockService service(dyngen::Document::load(DYNAMIC_SPEC_PATH), MockOptions{});
  HttpServer server(service, 0);
  const std::string environment = "2b0f4f3e-8a7c-4d6e-9b1a-5c3d2e1f0a9b";
  std::atomic<int> mixed{0};
  std::atomic<int> failed{0};
  std::vector<std::thread> clients;
  for (int c = 0; c < 16; ++c) {
    clients.emplace_back([&, c] {
      dynamic::ClientOptions options;
      options.api_token = dynamic::testing::valid_token();
      options.base_url = server.base_url();
      options.strict_responses = true;
      dynamic::Client client(options);
      for (int i = 0; i < 10; ++i) {
        try {
          dynamic::models::WebhookCreateRequest request;
          request.url = "https://example.com/" + std::to_string(c) + "/" + std::to_string(i);
          request.events = {"user.created"};
          dynamic::models::Webhook created = client.webhooks().create_webhook(environment, request);
          dynamic::models::Webhook read =
              client.webhooks().get_webhook(environment, created.webhook_id);
          if (created.url != request.url || read.url != request.url) ++mixed;
        } catch (const std::exception&) {
          ++failed;
        }
      }
    });
  }
  for (std::thread& client : clients) client.join();
  CHECK(failed == 0);
  CHECK(mixed == 0);
}

TEST_CASE("mock: the demo data set loads into Dynamic's spec and the SDK reads it") {
  MockService service(dyngen::Document::load(DYNAMIC_SPEC_PATH), MockOptions{});
  service.load_data(dyngen::Document::load(DYNAMIC_DEMO_DATA_PATH).root());
  HttpServer server(service, 0);
  dynamic::ClientOptions options;
  options.api_token = dynamic::testing::valid_token();
  options.base_url = server.base_url();
  options.strict_responses = true;
  dynamic::Client client(options);
  const std::string environment = "2b0f4f3e-8a7c-4d6e-9b1a-5c3d2e1f0a9b";
  dynamic::models::Webhook webhook =
      client.webhooks().get_webhook(environment, "7c2d0e9f-8a1b-4c3d-9e4f-6a7b8c9d0e1f");
  CHECK(webhook.url == "https://hooks.example.com/dynamic");
  CHECK(webhook.events == std::vector<std::string>{"user.created", "user.deleted"});
  dynamic::models::TokensResponse tokens = client.tokens().get_tokens(environment);
  REQUIRE(tokens.tokens);
  REQUIRE(tokens.tokens->size() == 2);
  CHECK(tokens.tokens->at(0).note == "CI deploys");
}
