// Safety rules: HTTPS outside loopback, per-call base URL, TLS verification, the response size
// cap; and the Response<T> wrapper.
#include <doctest/doctest.h>

#include <string>
#include <type_traits>

#include "dynamic/runtime/response.hpp"
#include "fake_transport.hpp"

using namespace dynamic;
using dynamic::testing::Harness;

namespace {

/// The ConfigurationError text for `base_url` ("" when accepted).
std::string base_url_error(const std::string& base_url, bool allow_insecure_http = false) {
  Harness harness;
  ClientOptions options = harness.options();
  options.base_url = base_url;
  options.allow_insecure_http = allow_insecure_http;
  try {
    Pipeline pipeline(options);
  } catch (const ConfigurationError& e) {
    return e.what();
  }
  return "";
}

}  // namespace

TEST_CASE("plain http is refused for hosts that are not loopback") {
  for (const char* url : {"http://api.example.test/api/v0",
                          "http://app.dynamicauth.com/api/v0",
                          "HTTP://api.example.test",
                          "http://128.0.0.1/api",
                          "http://127.0.0.1.evil.test/api",
                          "http://localhost.evil.test/api",
                          "http://127.0.0.1@evil.test/api",
                          "http://127.0.0.1:80@evil.test/",
                          "http://evil.test#@127.0.0.1",
                          "http://0x7f.0.0.1/",
                          "http://127.0.0.256/",
                          "http://[::2]:8080/"}) {
    CAPTURE(url);
    std::string error = base_url_error(url);
    CHECK(error.find("plain http://") != std::string::npos);
    CHECK(error.find("allow_insecure_http") != std::string::npos);
  }
}

TEST_CASE("plain http is allowed for loopback hosts") {
  for (const char* url : {"http://127.0.0.1:8080/api/v0",
                          "http://127.0.0.1",
                          "http://127.1.2.3/x",
                          "http://localhost:3000/api",
                          "http://LocalHost/api",
                          "http://[::1]:8080/api/v0",
                          "http://[0:0::1]/api/v0",
                          "http://user:pw@127.0.0.1:9/api"}) {
    CAPTURE(url);
    CHECK(base_url_error(url).empty());
  }
}

TEST_CASE("a host name that starts with an IPv4 address keeps its whole name or is refused") {
  // Boost 1.81's URL parser misreads such names (boostorg/url#755); whatever the Boost version,
  // a request must never go to a host cut short.
  const std::string base = "https://127.0.0.1.example.test/api";
  Harness harness;
  ClientOptions options = harness.options();
  options.base_url = base;
  try {
    Pipeline pipeline(options);
    harness.transport->reply(200, "{}");
    pipeline.send(testing::get("/environments"));
    CHECK(harness.transport->requests().at(0).url == base + "/environments");
  } catch (const ConfigurationError& e) {
    CHECK(std::string(e.what()).find("starts with an IPv4 address") != std::string::npos);
  }
}

TEST_CASE("a base URL keeps its query and refuses a fragment") {
  Harness harness;
  ClientOptions options = harness.options();
  options.base_url = "https://api.example.test/api/v0/?tenant=a%20b";
  Pipeline pipeline(options);
  harness.transport->reply(200, "{}");
  ApiRequest request = testing::get("/environments");
  request.query = {{"limit", "5"}};
  pipeline.send(request);
  CHECK(harness.transport->requests().at(0).url ==
        "https://api.example.test/api/v0/environments?tenant=a%20b&limit=5");
  CHECK(base_url_error("https://api.example.test/api/v0#part").find("fragment") !=
        std::string::npos);
}

TEST_CASE("allow_insecure_http lets plain http reach any host and https always works") {
  CHECK(base_url_error("http://api.example.test/api/v0", true).empty());
  CHECK(base_url_error("https://api.example.test/api/v0").empty());
  CHECK(base_url_error("https://203.0.113.9:8443").empty());
}

TEST_CASE("a base URL error never shows a token") {
  const std::string token = testing::valid_token();
  std::string error = base_url_error("http://evil.test/?key=" + token);
  CHECK_FALSE(error.empty());
  CHECK(error.find(token) == std::string::npos);
}

TEST_CASE("per-call base_url replaces the client's for that call only") {
  Harness harness;
  Pipeline pipeline(harness.options());
  harness.transport->reply_times(2, 200, "{}");
  RequestOptions call;
  call.base_url = "https://app.dynamic.xyz/api/v0/";
  pipeline.send(testing::get("/environments"), call);
  pipeline.send(testing::get("/environments"));
  auto sent = harness.transport->requests();
  REQUIRE(sent.size() == 2);
  CHECK(sent[0].url == "https://app.dynamic.xyz/api/v0/environments");
  CHECK(sent[1].url == "https://api.example.test/api/v0/environments");
}

TEST_CASE("per-call base_url follows the same rules") {
  Harness harness;
  Pipeline pipeline(harness.options());
  RequestOptions call;
  call.base_url = "http://api.example.test/api/v0";
  CHECK_THROWS_AS(pipeline.send(testing::get("/sdk"), call), ConfigurationError);
  call.base_url = "ftp://api.example.test";
  CHECK_THROWS_AS(pipeline.send(testing::get("/sdk"), call), ConfigurationError);
  CHECK(harness.transport->request_count() == 0);

  ClientOptions insecure = harness.options();
  insecure.allow_insecure_http = true;
  Pipeline lenient(insecure);
  harness.transport->reply(200, "{}");
  call.base_url = "http://api.example.test/api/v0";
  CHECK(lenient.send(testing::get("/sdk"), call).status == 200);
}

TEST_CASE("TLS verification is on unless turned off") {
  Harness harness;
  harness.transport->reply_times(2, 200, "{}");
  Pipeline verifying(harness.options());
  verifying.send(testing::get("/sdk"));
  ClientOptions testing_only = harness.options();
  testing_only.verify_tls = false;
  Pipeline trusting(testing_only);
  trusting.send(testing::get("/sdk"));
  auto sent = harness.transport->requests();
  REQUIRE(sent.size() == 2);
  CHECK(sent[0].verify_tls);
  CHECK_FALSE(sent[1].verify_tls);
  CHECK(ClientOptions{}.verify_tls);
}

TEST_CASE("the response size cap defaults to 64 MiB and can be set per client and per call") {
  CHECK(ClientOptions{}.max_response_bytes == 64u * 1024u * 1024u);
  Harness harness;
  harness.transport->reply_times(2, 200, "{}");
  ClientOptions options = harness.options();
  Pipeline pipeline(options);
  pipeline.send(testing::get("/sdk"));
  RequestOptions call;
  call.max_response_bytes = 4096;
  pipeline.send(testing::get("/sdk"), call);
  auto sent = harness.transport->requests();
  CHECK(sent[0].max_response_bytes == kDefaultMaxResponseBytes);
  CHECK(sent[1].max_response_bytes == 4096);

  options.max_response_bytes = 0;
  CHECK_THROWS_AS(Pipeline{options}, ConfigurationError);
  call.max_response_bytes = 0;
  CHECK_THROWS_AS(pipeline.send(testing::get("/sdk"), call), std::invalid_argument);
}

TEST_CASE("a body over the cap is a ResponseTooLargeError whatever the transport") {
  Harness harness;
  ClientOptions options = harness.options();
  options.max_response_bytes = 10;
  Pipeline pipeline(options);
  harness.transport->reply(200, "0123456789");
  CHECK(pipeline.send(testing::get("/sdk")).body == "0123456789");
  harness.transport->reply(200, "0123456789A");
  try {
    pipeline.send(testing::get("/sdk"));
    FAIL("expected ResponseTooLargeError");
  } catch (const ResponseTooLargeError& e) {
    CHECK(e.limit() == 10);
    CHECK(e.status() == 200);
    CHECK(std::string(e.what()).find("larger than the limit of 10 bytes") != std::string::npos);
  }
  static_assert(std::is_base_of_v<Error, ResponseTooLargeError>);
  static_assert(!std::is_base_of_v<ConnectionError, ResponseTooLargeError>);
  static_assert(std::is_base_of_v<ConnectionError, ConnectionRefusedError>);
}

TEST_CASE("other options are checked when the client is made") {
  Harness harness;
  ClientOptions options = harness.options();
  options.async_threads = 0;
  CHECK_THROWS_AS(Pipeline{options}, ConfigurationError);
  ClientOptions defaults;
  CHECK(defaults.max_retries == 2);
  CHECK(defaults.timeout == std::chrono::seconds(60));
  CHECK_FALSE(defaults.retry_non_idempotent);
  CHECK_FALSE(defaults.throttle.has_value());
  CHECK_FALSE(defaults.allow_insecure_http);
  CHECK(defaults.async_threads == 4);
}

TEST_CASE("Response<T> pairs the value with status and headers and request id") {
  ApiResponse raw{201, {{"X-Request-Id", "req-1"}, {"ETag", "\"v2\""}}, R"({"id":"1"})", "req-1"};
  Response<std::string> response = make_response(raw, std::string("decoded"));
  CHECK(response.value == "decoded");
  CHECK(response.status == 201);
  CHECK(response.request_id == "req-1");
  CHECK(response.header("etag") == "\"v2\"");
  CHECK(response.header("missing").empty());

  Response<void> empty = make_response(ApiResponse{204, {{"x-request-id", "req-2"}}, "", "req-2"});
  CHECK(empty.status == 204);
  CHECK(empty.request_id == "req-2");
  CHECK(empty.header("X-REQUEST-ID") == "req-2");
}
