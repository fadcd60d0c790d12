// Proxies end to end (issue 13): the cpprest transport through a CONNECT proxy on loopback to a
// TLS server, NO_PROXY, the environment (injected), proxy credentials (sent, never shown), plain
// http through the proxy, and a proxy that is not there or never answers.
#include <doctest/doctest.h>

#include <unistd.h>

#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "connect_proxy.hpp"
#include "fake_transport.hpp"
#include "loopback_socket.hpp"
#include "raw_http_server.hpp"

using namespace dynamic;
using namespace std::chrono_literals;
using dynamic::testing::answer;
using dynamic::testing::ConnectProxy;
using dynamic::testing::raw_response;
using dynamic::testing::RawHttpServer;
using dynamic::testing::RawReply;
using dynamic::testing::RawScheme;

namespace {

ClientOptions options_for(const std::string& base_url) {
  ClientOptions options = testing::loopback_options(base_url);
  options.verify_tls = false;  // the server's certificate is self-signed
  // Whatever the machine's environment holds, only what a test puts here counts.
  options.environment = [](const char*) -> const char* { return nullptr; };
  return options;
}

EnvironmentLookup environment_of(std::map<std::string, std::string> variables) {
  auto shared = std::make_shared<const std::map<std::string, std::string>>(std::move(variables));
  return [shared](const char* name) -> const char* {
    auto found = shared->find(name);
    return found == shared->end() ? nullptr : found->second.c_str();
  };
}

std::string connect_line(const RawHttpServer& server) {
  return "CONNECT 127.0.0.1:" + std::to_string(server.port()) + " HTTP/1.1";
}

/// Every record's text, flattened, for checks that a secret appears nowhere.
struct LogText {
  std::shared_ptr<std::mutex> mutex = std::make_shared<std::mutex>();
  std::shared_ptr<std::string> text = std::make_shared<std::string>();

  Logger logger() const {
    return [mutex = mutex, text = text](const LogRecord& record) {
      std::lock_guard<std::mutex> lock(*mutex);
      *text += record.method + " " + record.path + " " + record.message + "\n";
      for (const auto& [name, value] : record.request_headers) *text += name + ": " + value + "\n";
      for (const auto& [name, value] : record.response_headers) *text += name + ": " + value + "\n";
    };
  }
  std::string read() const {
    std::lock_guard<std::mutex> lock(*mutex);
    return *text;
  }
};

constexpr const char* kSecret = "s3cr3t!";
/// base64("al ice:s3cr3t!")
constexpr const char* kBasicCredentials = "Basic YWwgaWNlOnMzY3IzdCE=";

std::string proxy_url_with_credentials(int port) {
  return "http://al%20ice:s3cr3t%21@127.0.0.1:" + std::to_string(port);
}

void check_secret_absent(const std::string& text) {
  CHECK(text.find(kSecret) == std::string::npos);
  CHECK(text.find("s3cr3t%21") == std::string::npos);
  CHECK(text.find("YWwgaWNlOnMzY3IzdCE") == std::string::npos);
}

}  // namespace

TEST_CASE("proxy loopback: https goes through the proxy with CONNECT") {
  RawHttpServer server(RawScheme::kHttps);
  server.enqueue(answer(200, R"({"n":1})"));
  server.enqueue(answer(200, R"({"n":2})"));
  ConnectProxy proxy;
  ClientOptions options = options_for(server.base_url());
  options.proxy = proxy.url();
  Pipeline pipeline(options);
  CHECK(pipeline.send(testing::get("/sdk")).body == R"({"n":1})");
  CHECK(pipeline.send(testing::get("/sdk")).body == R"({"n":2})");
  CHECK(server.requests() == 2);
  // One CONNECT per tunnel; the second call usually reuses the first's (unless it asks before
  // cpprest has handed the connection back to its pool).
  const auto seen = proxy.requests();
  REQUIRE(!seen.empty());
  CHECK(seen.size() <= 2);
  for (const auto& request : seen) {
    CHECK(request.request_line == connect_line(server));
    CHECK_FALSE(request.proxy_authorization.has_value());
  }
}

TEST_CASE("proxy loopback: TLS runs end to end through the tunnel and is verified") {
  RawHttpServer server(RawScheme::kHttps);
  ConnectProxy proxy;
  ClientOptions options = options_for(server.base_url());
  options.verify_tls = true;
  options.proxy = proxy.url();
  Pipeline pipeline(options);
  CHECK_THROWS_WITH_AS(pipeline.send(testing::get("/sdk")),
                       doctest::Contains("failed: TLS handshake failed: certificate verify failed"),
                       ConnectionError);
  REQUIRE(proxy.requests().size() == 1);
  CHECK(proxy.requests()[0].request_line == connect_line(server));
  CHECK(server.wait_idle(2s));
  CHECK(server.failed_handshakes() == 1);
}

TEST_CASE("proxy loopback: the proxy is taken from the environment") {
  RawHttpServer server(RawScheme::kHttps);
  server.enqueue(answer(200, "{}"));
  ConnectProxy proxy;
  ClientOptions options = options_for(server.base_url());
  options.environment = environment_of({{"HTTPS_PROXY", proxy.url()}});
  Pipeline pipeline(options);
  CHECK(pipeline.send(testing::get("/sdk")).status == 200);
  const auto seen = proxy.requests();
  REQUIRE(seen.size() == 1);
  CHECK(seen[0].request_line == connect_line(server));
}

TEST_CASE("proxy loopback: a host NO_PROXY covers is reached directly") {
  RawHttpServer server(RawScheme::kHttps);
  server.enqueue(answer(200, "{}"));
  server.enqueue(answer(200, "{}"));
  ConnectProxy proxy;
  ClientOptions options = options_for(server.base_url());
  options.environment = environment_of({{"https_proxy", proxy.url()}, {"NO_PROXY", "127.0.0.1"}});
  CHECK(Pipeline(options).send(testing::get("/sdk")).status == 200);
  // An explicit proxy too (as in curl).
  options.environment = environment_of({{"no_proxy", "localhost, 127.0.0.1"}});
  options.proxy = proxy.url();
  CHECK(Pipeline(options).send(testing::get("/sdk")).status == 200);
  CHECK(server.requests() == 2);
  CHECK(proxy.requests().empty());
}

TEST_CASE("proxy loopback: credentials go in Proxy-Authorization and are never shown") {
  RawHttpServer server(RawScheme::kHttps);
  server.enqueue(answer(200, "{}"));
  ConnectProxy proxy;
  proxy.require_authorization(kBasicCredentials);
  ClientOptions options = options_for(server.base_url());
  options.proxy = proxy_url_with_credentials(proxy.port());
  LogText log;
  options.logger = log.logger();
  Pipeline pipeline(options);
  CHECK(pipeline.send(testing::get("/sdk")).status == 200);
  const auto seen = proxy.requests();
  REQUIRE(seen.size() == 1);
  CHECK(seen[0].request_line == connect_line(server));
  CHECK(seen[0].proxy_authorization == std::string(kBasicCredentials));
  CHECK_FALSE(log.read().empty());
  check_secret_absent(log.read());
}

TEST_CASE("proxy loopback: credentials the proxy refuses give a ConnectionError without them") {
  RawHttpServer server(RawScheme::kHttps);
  ConnectProxy proxy;
  proxy.require_authorization("Basic c29tZW9uZTplbHNl");
  ClientOptions options = options_for(server.base_url());
  options.proxy = proxy_url_with_credentials(proxy.port());
  LogText log;
  options.logger = log.logger();
  Pipeline pipeline(options);
  try {
    pipeline.send(testing::get("/sdk"));
    FAIL("expected a ConnectionError");
  } catch (const ConnectionError& e) {
    const std::string what = e.what();
    CHECK(what.find("407") != std::string::npos);
    CHECK(what.find("via proxy http://127.0.0.1:" + std::to_string(proxy.port())) !=
          std::string::npos);
    check_secret_absent(what);
  }
  check_secret_absent(log.read());
  CHECK(server.requests() == 0);
}

TEST_CASE("proxy loopback: plain http is sent to the proxy with the absolute URI") {
  RawHttpServer server;  // never reached: the proxy answers plain requests itself
  ConnectProxy proxy;
  ClientOptions options = options_for(server.base_url());
  options.environment = environment_of({{"http_proxy", proxy_url_with_credentials(proxy.port())}});
  LogText log;
  options.logger = log.logger();
  Pipeline pipeline(options);
  CHECK(pipeline.send(testing::get("/sdk")).body == R"({"answered_by":"proxy"})");
  const auto seen = proxy.requests();
  REQUIRE(seen.size() == 1);
  CHECK(seen[0].request_line ==
        "GET http://127.0.0.1:" + std::to_string(server.port()) + "/api/v0/sdk HTTP/1.1");
  CHECK(seen[0].proxy_authorization == std::string(kBasicCredentials));
  CHECK(server.connections() == 0);
  check_secret_absent(log.read());
}

TEST_CASE("proxy loopback: a proxy nothing listens on is a refused connection naming it") {
  RawHttpServer server(RawScheme::kHttps);  // reachable, but only directly
  const int port = testing::closed_loopback_port();
  ClientOptions options = options_for(server.base_url());
  options.proxy = proxy_url_with_credentials(port);
  LogText log;
  options.logger = log.logger();
  Pipeline pipeline(options);
  const auto start = std::chrono::steady_clock::now();
  try {
    pipeline.send(testing::get("/sdk"));
    FAIL("expected a ConnectionRefusedError");
  } catch (const ConnectionRefusedError& e) {
    const std::string what = e.what();
    CHECK(what.find("via proxy http://127.0.0.1:" + std::to_string(port)) != std::string::npos);
    CHECK(what.find("proxy") != std::string::npos);
    check_secret_absent(what);
    CHECK(what.find("al ice") == std::string::npos);
  }
  CHECK(std::chrono::steady_clock::now() - start < 2s);
  check_secret_absent(log.read());
  CHECK(server.connections() == 0);
}

TEST_CASE("proxy loopback: a proxy that never answers times out naming it") {
  // Listening but never accepting: the kernel completes the TCP handshake, nothing answers.
  const testing::LoopbackSocket silent = testing::listen_on_free_loopback_port("silent proxy");
  ClientOptions options = options_for("https://127.0.0.1:9/api/v0");
  options.proxy = "http://127.0.0.1:" + std::to_string(silent.port);
  options.timeout = 300ms;
  Pipeline pipeline(options);
  const auto start = std::chrono::steady_clock::now();
  CHECK_THROWS_WITH_AS(
      pipeline.send(testing::get("/sdk")),
      ("request timed out after 300 ms via proxy http://127.0.0.1:" + std::to_string(silent.port))
          .c_str(),
      TimeoutError);
  CHECK(std::chrono::steady_clock::now() - start < 2s);
  ::close(silent.fd);
}
