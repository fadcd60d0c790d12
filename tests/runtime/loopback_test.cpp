// The cpprestsdk transport end to end, against a scripted server on 127.0.0.1.
#include <doctest/doctest.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <string>

#include "fake_transport.hpp"
#include "loopback_server.hpp"

using namespace dynamic;
using namespace std::chrono_literals;
using dynamic::testing::LoopbackServer;
using dynamic::testing::ScriptedResponse;

namespace {

ScriptedResponse answer(int status, std::string body, HeaderList headers = {}) {
  ScriptedResponse response;
  response.status = status;
  response.body = std::move(body);
  response.headers = std::move(headers);
  return response;
}

/// A port of 127.0.0.1 with nothing listening on it.
int closed_port() {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  REQUIRE(fd >= 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof(address);
  REQUIRE(::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)) == 0);
  REQUIRE(::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) == 0);
  ::close(fd);
  return ntohs(address.sin_port);
}

}  // namespace

TEST_CASE("loopback: the server sees the exact request line and headers and body") {
  LoopbackServer server;
  server.enqueue(answer(
      201,
      R"({"id": "u1",  "n": [1, 2.50]})",
      {{"Content-Type", "application/json"}, {"X-Request-Id", "req-7"}, {"X-Custom", "yes"}}));
  Pipeline pipeline(testing::loopback_options(server.base_url()));
  ApiRequest request;
  request.method = "POST";
  request.path_template = "/environments/{environmentId}/users";
  request.path_params = {{"environmentId", "e/1 ?#"}};
  request.query = {{"limit", "5"}, {"q", "a b"}};
  request.json_body = R"({"email":"joe@email.com"})";
  RequestOptions call;
  call.extra_headers = {{"X-Trace", "trace-1"}};
  ApiResponse response = pipeline.send(request, call);

  CHECK(response.status == 201);
  CHECK(response.body == R"({"id": "u1",  "n": [1, 2.50]})");
  CHECK(response.request_id == "req-7");
  bool custom = false;
  for (const auto& [name, value] : response.headers) {
    if (name == "X-Custom" || name == "x-custom") custom = value == "yes";
  }
  CHECK(custom);

  auto requests = server.requests();
  REQUIRE(requests.size() == 1);
  const auto& seen = requests[0];
  CHECK(seen.method == "POST");
  CHECK(seen.target == "/api/v0/environments/e%2F1%20%3F%23/users?limit=5&q=a%20b");
  CHECK(seen.headers.at("authorization") == "Bearer " + testing::valid_token());
  CHECK(seen.headers.at("accept") == "application/json");
  CHECK(seen.headers.at("user-agent") == std::string("dynamic-cpp/") + DYNAMIC_TEST_SDK_VERSION);
  CHECK(seen.headers.at("content-type") == "application/json");
  CHECK(seen.headers.at("x-trace") == "trace-1");
  CHECK(seen.body == R"({"email":"joe@email.com"})");
}

TEST_CASE("loopback: GET without a body sends no Content-Type") {
  LoopbackServer server;
  server.enqueue(answer(200, "[]"));
  Pipeline pipeline(testing::loopback_options(server.base_url()));
  ApiRequest request = testing::get("/environments/{id}/users/{user}");
  request.path_params = {{"id", "../x"}, {"user", "a/b"}};
  CHECK(pipeline.send(request).body == "[]");
  auto requests = server.requests();
  REQUIRE(requests.size() == 1);
  CHECK(requests[0].method == "GET");
  CHECK(requests[0].target == "/api/v0/environments/..%2Fx/users/a%2Fb");
  CHECK(requests[0].headers.count("content-type") == 0);
  CHECK(requests[0].body.empty());
}

TEST_CASE("loopback: a 404 JSON body becomes NotFoundError with the message") {
  LoopbackServer server;
  server.enqueue(answer(404,
                        R"({"error":"User not found","code":"not_found"})",
                        {{"Content-Type", "application/json"}, {"x-request-id", "rid-404"}}));
  Pipeline pipeline(testing::loopback_options(server.base_url()));
  try {
    pipeline.send(testing::get("/users/u"));
    FAIL("expected NotFoundError");
  } catch (const NotFoundError& e) {
    CHECK(e.status() == 404);
    CHECK(e.message() == "User not found");
    CHECK(e.request_id() == "rid-404");
    CHECK(e.body().code == std::string("not_found"));
    CHECK(std::string(e.what()) == "NotFoundError: HTTP 404: User not found (request id rid-404)");
  }
}

TEST_CASE("loopback: a non-JSON body labelled JSON comes back untouched") {
  LoopbackServer server;
  server.enqueue(answer(500, "<html>oops</html>", {{"Content-Type", "application/json"}}));
  server.enqueue(answer(200, "not json", {{"Content-Type", "application/json"}}));
  Pipeline pipeline(testing::loopback_options(server.base_url()));
  try {
    pipeline.send(testing::get("/sdk"));
    FAIL("expected InternalServerError");
  } catch (const InternalServerError& e) {
    CHECK(e.raw_body() == "<html>oops</html>");
    CHECK(e.message() == "Internal Server Error");
  }
  CHECK(pipeline.send(testing::get("/sdk")).body == "not json");
}

TEST_CASE("loopback: an answer slower than the timeout is a TimeoutError") {
  LoopbackServer server;
  ScriptedResponse slow = answer(200, "{}");
  slow.delay = 2s;
  server.enqueue(slow);
  Pipeline pipeline(testing::loopback_options(server.base_url()));
  RequestOptions call;
  call.timeout = 200ms;
  auto start = std::chrono::steady_clock::now();
  CHECK_THROWS_WITH_AS(
      pipeline.send(testing::get("/sdk"), call), "request timed out after 200 ms", TimeoutError);
  auto elapsed = std::chrono::steady_clock::now() - start;
  CHECK(elapsed >= 150ms);
  CHECK(elapsed < 1500ms);
}

TEST_CASE("loopback: nothing listening is a ConnectionError") {
  const int port = closed_port();
  Pipeline pipeline(
      testing::loopback_options("http://127.0.0.1:" + std::to_string(port) + "/api/v0"));
  try {
    pipeline.send(testing::get("/sdk"));
    FAIL("expected ConnectionError");
  } catch (const TimeoutError& e) {
    FAIL("a refused connection is not a timeout: " << e.what());
  } catch (const ConnectionError& e) {
    std::string what = e.what();
    CHECK(what.find("127.0.0.1:" + std::to_string(port)) != std::string::npos);
    CHECK(what.find(testing::valid_token()) == std::string::npos);
  }
}

TEST_CASE("loopback: sequential calls reuse the transport") {
  LoopbackServer server;
  server.enqueue(answer(200, R"({"n":1})"));
  server.enqueue(answer(200, R"({"n":2})"));
  server.enqueue(answer(204, ""));
  Pipeline pipeline(testing::loopback_options(server.base_url()));
  CHECK(pipeline.send(testing::get("/a")).body == R"({"n":1})");
  CHECK(pipeline.send(testing::get("/b")).body == R"({"n":2})");
  ApiResponse empty = pipeline.send(testing::get("/c"));
  CHECK(empty.status == 204);
  CHECK(empty.body.empty());
  auto requests = server.requests();
  REQUIRE(requests.size() == 3);
  CHECK(requests[0].target == "/api/v0/a");
  CHECK(requests[1].target == "/api/v0/b");
  CHECK(requests[2].target == "/api/v0/c");
}

TEST_CASE("loopback: retries go through the real transport") {
  LoopbackServer server;
  server.enqueue(answer(503, R"({"error":"busy"})", {{"Retry-After", "0"}}));
  server.enqueue(answer(200, "{}"));
  ClientOptions options = testing::loopback_options(server.base_url());
  options.max_retries = 2;
  Pipeline pipeline(options);
  CHECK(pipeline.send(testing::get("/sdk")).status == 200);
  CHECK(server.requests().size() == 2);
}

TEST_CASE("loopback: an unlisted 5xx status is retried then raised with its body") {
  LoopbackServer server;
  for (int i = 0; i < 3; ++i) server.enqueue(answer(598, "gateway melted " + std::to_string(i)));
  server.enqueue(answer(200, "{}"));  // never reached: the retries run out first
  ClientOptions options = testing::loopback_options(server.base_url());
  options.max_retries = 2;
  Pipeline pipeline(options);
  try {
    pipeline.send(testing::get("/sdk"));
    FAIL("expected InternalServerError");
  } catch (const InternalServerError& e) {
    CHECK(e.status() == 598);
    CHECK(e.raw_body() == "gateway melted 2");  // the last answer's body, whole
  }
  CHECK(server.requests().size() == 3);
}
