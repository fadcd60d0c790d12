// The cpprest transport against a bare-sockets server: keep-alive reuse (counted TCP
// connections), dropped connections and half answers, refused connections, oversized bodies.
#include <doctest/doctest.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <future>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "fake_transport.hpp"
#include "raw_http_server.hpp"

using namespace dynamic;
using namespace std::chrono_literals;
using dynamic::testing::answer;
using dynamic::testing::raw_response;
using dynamic::testing::RawHttpServer;
using dynamic::testing::RawReply;

namespace {

struct Sleeps {
  std::shared_ptr<std::vector<std::chrono::milliseconds>> recorded =
      std::make_shared<std::vector<std::chrono::milliseconds>>();
};

RawReply drop_on_accept() {
  RawReply reply;
  reply.close_on_accept = true;
  return reply;
}

/// Reads the request, then writes `bytes` (possibly nothing) and hangs up.
RawReply hang_up_after(std::string bytes) {
  RawReply reply;
  reply.bytes = std::move(bytes);
  reply.close = true;
  return reply;
}

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

void check_connection_error_not_timeout(const Pipeline& pipeline, const ApiRequest& request) {
  try {
    pipeline.send(request);
    FAIL("expected ConnectionError");
  } catch (const TimeoutError& e) {
    FAIL("not a timeout: " << e.what());
  } catch (const ConnectionError& e) {
    CHECK(std::string(e.what()).find(testing::valid_token()) == std::string::npos);
  }
}

}  // namespace

TEST_CASE("raw loopback: sequential calls share one keep-alive connection") {
  RawHttpServer server;
  for (int i = 0; i < 8; ++i) server.enqueue(answer(200, "{\"n\":" + std::to_string(i) + "}"));
  Pipeline pipeline(testing::loopback_options(server.base_url()));
  for (int i = 0; i < 7; ++i) {
    CHECK(pipeline.send(testing::get("/sdk")).body == "{\"n\":" + std::to_string(i) + "}");
    // cpprest hands a connection back to its pool just after the caller has the answer; a short
    // pause makes the count exact (back-to-back calls are covered below).
    std::this_thread::sleep_for(15ms);
  }
  CHECK(pipeline.send(testing::post("/environments", R"({"a":1})")).body == R"({"n":7})");
  CHECK(server.requests() == 8);
  CHECK(server.connections() == 1);
}

TEST_CASE("raw loopback: back-to-back calls reuse pooled connections") {
  RawHttpServer server;
  constexpr int kCalls = 30;
  for (int i = 0; i < kCalls; ++i) server.enqueue(answer(200, "{}"));
  Pipeline pipeline(testing::loopback_options(server.base_url()));
  for (int i = 0; i < kCalls; ++i) CHECK(pipeline.send(testing::get("/sdk")).status == 200);
  CHECK(server.requests() == kCalls);
  // Without reuse this would be 30; an occasional extra one comes from the hand-back race.
  CHECK(server.connections() <= 5);
}

TEST_CASE("raw loopback: concurrent async calls reuse a few connections") {
  RawHttpServer server;
  for (int i = 0; i < 24; ++i) server.enqueue(answer(200, "{}"));
  ClientOptions options = testing::loopback_options(server.base_url());
  options.async_threads = 3;
  Pipeline pipeline(options);
  std::vector<std::future<ApiResponse>> futures;
  for (int i = 0; i < 24; ++i) futures.push_back(pipeline.send_async(testing::get("/sdk")));
  for (auto& future : futures) CHECK(future.get().status == 200);
  CHECK(server.requests() == 24);
  CHECK(server.connections() >= 1);
  CHECK(server.connections() <= 8);
}

TEST_CASE("raw loopback: a connection closed on accept is a ConnectionError") {
  RawHttpServer server;
  server.enqueue(drop_on_accept());
  Pipeline pipeline(testing::loopback_options(server.base_url()));
  check_connection_error_not_timeout(pipeline, testing::get("/sdk"));
  CHECK(server.connections() == 1);
}

TEST_CASE("raw loopback: a server hanging up without answering is a ConnectionError") {
  RawHttpServer server;
  server.enqueue(hang_up_after(""));
  Pipeline pipeline(testing::loopback_options(server.base_url()));
  check_connection_error_not_timeout(pipeline, testing::get("/sdk"));
  CHECK(server.requests() == 1);
}

TEST_CASE("raw loopback: half a status line or half a body is a ConnectionError") {
  RawHttpServer server;
  server.enqueue(hang_up_after("HTTP/1.1 200 OK\r\nContent-Le"));
  server.enqueue(hang_up_after("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n{\"partial\":"));
  server.enqueue(answer(200, R"({"after":"drop"})"));
  Pipeline pipeline(testing::loopback_options(server.base_url()));
  check_connection_error_not_timeout(pipeline, testing::get("/half-headers"));
  check_connection_error_not_timeout(pipeline, testing::get("/half-body"));
  // The client recovers on a fresh connection.
  CHECK(pipeline.send(testing::get("/sdk")).body == R"({"after":"drop"})");
  CHECK(server.connections() == 3);
}

TEST_CASE("raw loopback: a dropped GET is retried on a new connection but a POST is not") {
  RawHttpServer server;
  server.enqueue(hang_up_after(""));
  server.enqueue(answer(200, R"({"ok":true})"));
  Pipeline retrying(testing::loopback_options(server.base_url(), 1));
  CHECK(retrying.send(testing::get("/sdk")).body == R"({"ok":true})");
  CHECK(server.requests() == 2);
  CHECK(server.connections() == 2);

  RawHttpServer post_server;
  post_server.enqueue(hang_up_after(""));
  post_server.enqueue(answer(200, "{}"));
  Pipeline posting(testing::loopback_options(post_server.base_url(), 2));
  CHECK_THROWS_AS(posting.send(testing::post("/environments")), ConnectionError);
  CHECK(post_server.requests() == 1);
}

TEST_CASE("raw loopback: a refused connection is ConnectionRefusedError and retried for POST") {
  const int port = closed_port();
  Sleeps sleeps;
  ClientOptions options =
      testing::loopback_options("http://127.0.0.1:" + std::to_string(port) + "/api/v0", 2);
  options.sleep = [recorded = sleeps.recorded](std::chrono::milliseconds delay) {
    recorded->push_back(delay);
  };
  Pipeline pipeline(options);
  CHECK_THROWS_AS(pipeline.send(testing::post("/environments")), ConnectionRefusedError);
  CHECK(sleeps.recorded->size() == 2);
}

TEST_CASE("raw loopback: a declared Content-Length over the cap fails before the body is read") {
  RawHttpServer server;
  RawReply big;
  big.bytes =
      "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 8388608\r\n\r\n";
  big.filler_bytes = 8388608;
  server.enqueue(big);
  server.enqueue(answer(200, "{}"));
  ClientOptions options = testing::loopback_options(server.base_url());
  options.max_response_bytes = 1024;
  Pipeline pipeline(options);
  try {
    pipeline.send(testing::get("/big"));
    FAIL("expected ResponseTooLargeError");
  } catch (const ResponseTooLargeError& e) {
    CHECK(e.limit() == 1024);
    CHECK(e.status() == 200);
  }
  // The oversized answer's connection is not reused; the next call gets its own.
  CHECK(pipeline.send(testing::get("/small")).body == "{}");
  CHECK(server.connections() == 2);
}

TEST_CASE("raw loopback: a body without a length stops being read at the cap") {
  RawHttpServer server;
  RawReply endless;
  endless.bytes = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n";
  endless.filler_bytes = 48u * 1024u * 1024u;
  endless.close = true;
  server.enqueue(endless);
  ClientOptions options = testing::loopback_options(server.base_url());
  options.max_response_bytes = 256 * 1024;
  Pipeline pipeline(options);
  CHECK_THROWS_AS(pipeline.send(testing::get("/endless")), ResponseTooLargeError);
  // The client hung up: the server could not push the whole 48 MiB.
  CHECK(server.wait_idle(10s));
  CHECK(server.filler_bytes_written() < 24u * 1024u * 1024u);
}

TEST_CASE("raw loopback: a body exactly at the cap is accepted") {
  RawHttpServer server;
  const std::string body(4096, 'a');
  server.enqueue(answer(200, body));
  RawReply chunkless;
  chunkless.bytes = "HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n" + body;
  chunkless.close = true;
  server.enqueue(chunkless);
  ClientOptions options = testing::loopback_options(server.base_url());
  options.max_response_bytes = 4096;
  Pipeline pipeline(options);
  CHECK(pipeline.send(testing::get("/exact")).body == body);
  CHECK(pipeline.send(testing::get("/exact-no-length")).body == body);
}

TEST_CASE("raw loopback: an answer slower than the timeout is a TimeoutError") {
  RawHttpServer server;
  RawReply slow = answer(200, "{}");
  slow.delay = 2s;
  server.enqueue(slow);
  ClientOptions options = testing::loopback_options(server.base_url());
  options.timeout = 150ms;
  Pipeline pipeline(options);
  const auto start = std::chrono::steady_clock::now();
  CHECK_THROWS_AS(pipeline.send(testing::get("/slow")), TimeoutError);
  CHECK(std::chrono::steady_clock::now() - start < 1500ms);
}

TEST_CASE("raw loopback: a keep-alive connection the server closed between requests is replaced") {
  // The server answers in full without "Connection: close", then hangs up while the client keeps
  // the connection in its pool: the next request meets a dead socket.
  RawHttpServer server;
  RawReply first = answer(200, R"({"n":1})");
  first.close = true;
  server.enqueue(first);
  server.enqueue(answer(200, R"({"n":2})"));
  Pipeline pipeline(testing::loopback_options(server.base_url(), 1));
  CHECK(pipeline.send(testing::get("/sdk")).body == R"({"n":1})");
  REQUIRE(server.wait_idle(2s));  // the server's side is closed
  CHECK(pipeline.send(testing::get("/sdk")).body == R"({"n":2})");
  CHECK(server.connections() == 2);

  // A POST on a dead pooled connection is not repeated blindly: it succeeds on a fresh connection
  // or fails as a ConnectionError, never twice and never hanging.
  RawHttpServer post_server;
  RawReply created = answer(201, R"({"id":"a"})");
  created.close = true;
  post_server.enqueue(created);
  post_server.enqueue(answer(201, R"({"id":"b"})"));
  Pipeline posting(testing::loopback_options(post_server.base_url(), 0));
  CHECK(posting.send(testing::post("/environments")).body == R"({"id":"a"})");
  REQUIRE(post_server.wait_idle(2s));
  std::string body;
  try {
    body = posting.send(testing::post("/environments")).body;
  } catch (const ConnectionError& error) {
    MESSAGE("a POST on a dead keep-alive connection: " << error.what());
  }
  CHECK((body.empty() ? post_server.requests() == 1 : body == R"({"id":"b"})"));
  CHECK(post_server.requests() <= 2);
}
