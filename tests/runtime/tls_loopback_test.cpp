// TLS verification is on by default (issue 12): an https server on 127.0.0.1 with a self-signed
// certificate made at test time is refused with a ConnectionError that names the TLS problem,
// and accepted with verify_tls = false.
#include <doctest/doctest.h>

#include <chrono>
#include <string>

#include "fake_transport.hpp"
#include "raw_http_server.hpp"

using namespace dynamic;
using namespace std::chrono_literals;
using dynamic::testing::answer;
using dynamic::testing::raw_response;
using dynamic::testing::RawHttpServer;
using dynamic::testing::RawReply;
using dynamic::testing::RawScheme;

namespace {}  // namespace

TEST_CASE("tls loopback: verification is on by default") { CHECK(ClientOptions{}.verify_tls); }

TEST_CASE("tls loopback: a self-signed certificate is refused by default") {
  RawHttpServer server(RawScheme::kHttps);
  server.enqueue(answer(200, R"({"ok":true})"));
  REQUIRE(server.base_url().rfind("https://127.0.0.1:", 0) == 0);
  Pipeline pipeline(testing::loopback_options(server.base_url()));
  try {
    pipeline.send(testing::get("/sdk"));
    FAIL("expected a ConnectionError");
  } catch (const TimeoutError& e) {
    FAIL("a refused certificate is not a timeout: " << e.what());
  } catch (const ConnectionRefusedError& e) {
    FAIL("the connection was made, the certificate refused: " << e.what());
  } catch (const ConnectionError& e) {
    const std::string what = e.what();
    CHECK(what.find("TLS handshake failed: certificate verify failed") != std::string::npos);
    CHECK(what.find("127.0.0.1:" + std::to_string(server.port())) != std::string::npos);
    CHECK(what.find(testing::valid_token()) == std::string::npos);
  }
  CHECK(server.wait_idle(2s));
  CHECK(server.requests() == 0);
  CHECK(server.failed_handshakes() == 1);
}

TEST_CASE("tls loopback: verify_tls false accepts the self-signed certificate") {
  RawHttpServer server(RawScheme::kHttps);
  server.enqueue(answer(200, R"({"ok":true})"));
  server.enqueue(answer(200, R"({"ok":2})"));
  ClientOptions options = testing::loopback_options(server.base_url());
  options.verify_tls = false;
  Pipeline pipeline(options);
  CHECK(pipeline.send(testing::get("/sdk")).body == R"({"ok":true})");
  CHECK(pipeline.send(testing::get("/sdk")).body == R"({"ok":2})");
  CHECK(server.requests() == 2);
  CHECK(server.failed_handshakes() == 0);
}
