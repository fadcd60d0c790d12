// What the pipeline hands the transport: method, URL encoding, headers, body, timeout.
#include <doctest/doctest.h>

#include <atomic>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "fake_transport.hpp"

using namespace dynamic;
using namespace std::chrono_literals;
using dynamic::testing::Harness;

namespace {

HttpRequest send_one(const ApiRequest& request,
                     const RequestOptions& call = {},
                     ClientOptions* options_override = nullptr) {
  Harness harness;
  harness.transport->reply(200, "{}");
  ClientOptions options = options_override ? *options_override : harness.options();
  options.transport = harness.transport;
  Pipeline pipeline(options);
  pipeline.send(request, call);
  REQUIRE(harness.transport->request_count() == 1);
  return harness.transport->requests()[0];
}

std::string invalid_argument_text(const ApiRequest& request, const RequestOptions& call = {}) {
  Harness harness;
  Pipeline pipeline(harness.options());
  try {
    pipeline.send(request, call);
  } catch (const std::invalid_argument& e) {
    CHECK(harness.transport->request_count() == 0);
    return e.what();
  }
  FAIL("expected std::invalid_argument");
  return "";
}

}  // namespace

TEST_CASE("request line: method and URL with encoded path parameters and query") {
  ApiRequest request = testing::get("/environments/{environmentId}/users/{userId}");
  request.path_params = {{"environmentId", "env-1"}, {"userId", "u_2.3~"}};
  request.query = {{"limit", "5"}, {"filter[name]", "a b&c=d"}, {"q", "\xc3\xa9/?#"}};
  HttpRequest sent = send_one(request);
  CHECK(sent.method == "GET");
  CHECK(sent.url ==
        "https://api.example.test/api/v0/environments/env-1/users/u_2.3~"
        "?limit=5&filter%5Bname%5D=a%20b%26c%3Dd&q=%C3%A9%2F%3F%23");
}

TEST_CASE("path parameters cannot change the path") {
  ApiRequest request = testing::get("/environments/{environmentId}/users/{userId}");
  SUBCASE("slash") {
    request.path_params = {{"environmentId", "a/b"}, {"userId", "1"}};
    CHECK(send_one(request).url == "https://api.example.test/api/v0/environments/a%2Fb/users/1");
  }
  SUBCASE("dot segments") {
    // "..%2Fx" is one segment named "../x"; a bare ".." or "." would climb, so it is encoded.
    request.path_params = {{"environmentId", "../x"}, {"userId", ".."}};
    CHECK(send_one(request).url ==
          "https://api.example.test/api/v0/environments/..%2Fx/users/%2E%2E");
    request.path_params = {{"environmentId", "."}, {"userId", "..."}};
    CHECK(send_one(request).url == "https://api.example.test/api/v0/environments/%2E/users/...");
  }
  SUBCASE("a dot segment made of two values") {
    request = testing::get("/environments/{environmentId}{userId}/users");
    request.path_params = {{"environmentId", "."}, {"userId", "."}};
    CHECK(send_one(request).url == "https://api.example.test/api/v0/environments/%2E%2E/users");
    request.path_params = {{"environmentId", "."}, {"userId", "x"}};
    CHECK(send_one(request).url == "https://api.example.test/api/v0/environments/.x/users");
  }
  SUBCASE("query and fragment delimiters") {
    request.path_params = {{"environmentId", "?#"}, {"userId", "a%2Fb"}};
    CHECK(send_one(request).url ==
          "https://api.example.test/api/v0/environments/%3F%23/users/a%252Fb");
  }
}

TEST_CASE("no query string without query parameters and a path without leading slash") {
  CHECK(send_one(testing::get("/sdk")).url == "https://api.example.test/api/v0/sdk");
  CHECK(send_one(testing::get("sdk")).url == "https://api.example.test/api/v0/sdk");
}

TEST_CASE("path parameter mismatches are std::invalid_argument naming the parameter") {
  ApiRequest request = testing::get("/environments/{environmentId}");
  std::string text = invalid_argument_text(request);
  CHECK(text.find("environmentId") != std::string::npos);

  request.path_params = {{"environmentId", "e"}, {"userId", "u"}};
  text = invalid_argument_text(request);
  CHECK(text.find("userId") != std::string::npos);

  request.path_params = {{"environmentId", ""}};
  text = invalid_argument_text(request);
  CHECK(text.find("environmentId") != std::string::npos);

  request.path_template = "/environments/{environmentId";
  request.path_params = {{"environmentId", "e"}};
  CHECK_FALSE(invalid_argument_text(request).empty());
}

TEST_CASE(
    "default headers: authorization and accept and user agent but no content type without body") {
  HttpRequest sent = send_one(testing::get("/sdk"));
  CHECK(testing::header_of(sent, "Authorization") == "Bearer " + testing::valid_token());
  CHECK(testing::header_of(sent, "Accept") == "application/json");
  CHECK(testing::header_of(sent, "User-Agent") ==
        std::string("dynamic-cpp/") + DYNAMIC_TEST_SDK_VERSION);
  CHECK(testing::header_of(sent, "Content-Type") == "<absent>");
  CHECK(sent.body.empty());
}

TEST_CASE("JSON body is sent with Content-Type: application/json") {
  HttpRequest sent = send_one(testing::post("/environments", R"({"name":"x"})"));
  CHECK(sent.method == "POST");
  CHECK(testing::header_of(sent, "Content-Type") == "application/json");
  CHECK(sent.body == R"({"name":"x"})");
}

TEST_CASE("method is upper-cased and a bad method is rejected") {
  ApiRequest request = testing::get("/sdk");
  request.method = "delete";
  CHECK(send_one(request).method == "DELETE");
  request.method = "GET /x HTTP/1.1\r\n";
  CHECK_FALSE(invalid_argument_text(request).empty());
}

TEST_CASE("client default headers then per-call extra headers replace by name") {
  Harness harness;
  ClientOptions options = harness.options();
  options.default_headers = {{"X-Team", "client"}, {"accept", "application/vnd+json"}};
  RequestOptions call;
  call.extra_headers = {{"x-team", "call"}, {"X-Trace", "t-1"}};
  HttpRequest sent = send_one(testing::get("/sdk"), call, &options);
  CHECK(testing::header_of(sent, "X-Team") == "call");
  CHECK(testing::count_header(sent, "X-Team") == 1);
  CHECK(testing::header_of(sent, "Accept") == "application/vnd+json");
  CHECK(testing::count_header(sent, "Accept") == 1);
  CHECK(testing::header_of(sent, "X-Trace") == "t-1");
  CHECK(testing::header_of(sent, "Authorization") == "Bearer " + testing::valid_token());
}

TEST_CASE("CR or LF in a header is rejected naming the header but not the value") {
  RequestOptions call;
  call.extra_headers = {{"X-Evil", "ok\r\nX-Injected: secretvalue"}};
  std::string text = invalid_argument_text(testing::get("/sdk"), call);
  CHECK(text.find("X-Evil") != std::string::npos);
  CHECK(text.find("secretvalue") == std::string::npos);

  call.extra_headers = {{"X-Evil\nX-Other", "v"}};
  CHECK_FALSE(invalid_argument_text(testing::get("/sdk"), call).empty());

  Harness harness;
  ClientOptions options = harness.options();
  options.default_headers = {{"X-Default", "a\nb"}};
  Pipeline pipeline(options);
  CHECK_THROWS_AS(pipeline.send(testing::get("/sdk")), std::invalid_argument);
  CHECK(harness.transport->request_count() == 0);
}

TEST_CASE("timeout: per call else client") {
  Harness harness;
  ClientOptions options = harness.options();
  options.timeout = 1234ms;
  CHECK(send_one(testing::get("/sdk"), {}, &options).timeout == 1234ms);
  RequestOptions call;
  call.timeout = 200ms;
  CHECK(send_one(testing::get("/sdk"), call, &options).timeout == 200ms);
}

TEST_CASE("2xx answers come back with status and headers and body and request id") {
  Harness harness;
  Pipeline pipeline(harness.options());
  harness.transport->reply(201, R"({"id":"1"})", {{"X-Request-Id", "req-1"}, {"X-Other", "o"}});
  ApiResponse response = pipeline.send(testing::post("/environments"));
  CHECK(response.status == 201);
  CHECK(response.body == R"({"id":"1"})");
  CHECK(response.request_id == "req-1");
  CHECK(response.headers.size() == 2);

  harness.transport->reply(204, "", {{"Request-Id", "req-2"}});
  CHECK(pipeline.send(testing::get("/sdk")).request_id == "req-2");
  harness.transport->reply(200, "{}", {{"x-amzn-RequestId", "req-3"}});
  CHECK(pipeline.send(testing::get("/sdk")).request_id == "req-3");
  harness.transport->reply(200, "{}", {{"request-id", "second"}, {"x-request-id", "first"}});
  CHECK(pipeline.send(testing::get("/sdk")).request_id == "first");
  harness.transport->reply(200, "{}");
  CHECK(pipeline.send(testing::get("/sdk")).request_id.empty());
}

TEST_CASE("HttpResponse::header is case-insensitive") {
  HttpResponse response{200, {{"Content-Type", "a"}, {"content-type", "b"}}, ""};
  CHECK(response.header("content-type") == "a");
  CHECK(response.header("CONTENT-TYPE") == "a");
  CHECK(response.header("missing").empty());
}

TEST_CASE("concurrent sends through one pipeline") {
  Harness harness;
  Pipeline pipeline(harness.options());
  constexpr int kThreads = 8;
  constexpr int kCalls = 25;
  harness.transport->reply_times(kThreads * kCalls, 200, "{}");
  std::vector<std::thread> threads;
  std::atomic<int> ok{0};
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kCalls; ++i) {
        ApiRequest request = testing::get("/users/{id}");
        request.path_params = {{"id", std::to_string(t) + "-" + std::to_string(i)}};
        if (pipeline.send(request).status == 200) ++ok;
      }
    });
  }
  for (auto& thread : threads) thread.join();
  CHECK(ok == kThreads * kCalls);
  CHECK(harness.transport->request_count() == kThreads * kCalls);
}
