// Retry rules added for production use: POST opt-in, refused connections, Retry-After dates
// against the injected clock, the 60 s cap and the jitter bounds, all without real waiting.
#include <doctest/doctest.h>

#include <chrono>
#include <string>
#include <vector>

#include "fake_transport.hpp"

using namespace dynamic;
using namespace std::chrono_literals;
using dynamic::testing::FakeTime;
using dynamic::testing::FakeTransport;
using std::chrono::milliseconds;

namespace {

struct Client {
  std::shared_ptr<FakeTransport> transport = std::make_shared<FakeTransport>();
  FakeTime time;
  std::unique_ptr<Pipeline> pipeline;

  explicit Client(int max_retries = 2, bool retry_non_idempotent = false) {
    ClientOptions options;
    options.api_token = testing::valid_token();
    options.base_url = "https://api.example.test/api/v0";
    options.transport = transport;
    options.max_retries = max_retries;
    options.retry_non_idempotent = retry_non_idempotent;
    time.install(options);
    pipeline = std::make_unique<Pipeline>(options);
  }
  std::size_t attempts() const { return transport->request_count(); }
};

ApiRequest patch(std::string path) {
  ApiRequest request = testing::post(std::move(path));
  request.method = "PATCH";
  return request;
}

void fail_refused(FakeTransport& transport) {
  transport.push([](const HttpRequest&) -> HttpResponse {
    throw ConnectionRefusedError("connection refused");
  });
}

}  // namespace

TEST_CASE("retry_non_idempotent on the client retries POST and PATCH on 5xx and 408 and 409") {
  for (int status : {408, 409, 500, 502, 503, 504}) {
    CAPTURE(status);
    Client client(2, true);
    client.transport->reply(status);
    client.transport->reply(201, "{}");
    CHECK(client.pipeline->send(testing::post("/environments")).status == 201);
    CHECK(client.attempts() == 2);

    Client patcher(2, true);
    patcher.transport->reply(status);
    patcher.transport->reply(200, "{}");
    CHECK(patcher.pipeline->send(patch("/environments/e")).status == 200);
    CHECK(patcher.attempts() == 2);
  }
}

TEST_CASE("retry_non_idempotent per call overrides the client either way") {
  Client client(2, false);
  client.transport->reply(503);
  client.transport->reply(200, "{}");
  RequestOptions opt_in;
  opt_in.retry_non_idempotent = true;
  CHECK(client.pipeline->send(testing::post("/x"), opt_in).status == 200);
  CHECK(client.attempts() == 2);

  Client eager(2, true);
  eager.transport->reply(503);
  eager.transport->reply(200, "{}");
  RequestOptions opt_out;
  opt_out.retry_non_idempotent = false;
  CHECK_THROWS_AS(eager.pipeline->send(testing::post("/x"), opt_out), InternalServerError);
  CHECK(eager.attempts() == 1);
}

TEST_CASE("POST with the opt-in is retried on connection errors and timeouts") {
  Client client(2, true);
  client.transport->fail_connection("reset by peer");
  client.transport->fail_timeout();
  client.transport->reply(201, "{}");
  CHECK(client.pipeline->send(testing::post("/x")).status == 201);
  CHECK(client.attempts() == 3);
  CHECK(client.time.sleeps().size() == 2);
}

TEST_CASE("POST without the opt-in is not retried on a timeout") {
  Client client(2);
  client.transport->fail_timeout();
  client.transport->reply(201, "{}");
  CHECK_THROWS_AS(client.pipeline->send(testing::post("/x")), TimeoutError);
  CHECK(client.attempts() == 1);
}

TEST_CASE("a refused connection is retried for POST and PATCH too") {
  Client client(2);
  fail_refused(*client.transport);
  fail_refused(*client.transport);
  client.transport->reply(201, "{}");
  CHECK(client.pipeline->send(testing::post("/x")).status == 201);
  CHECK(client.attempts() == 3);
  REQUIRE(client.time.sleeps().size() == 2);
  CHECK(client.time.sleeps()[0] >= 375ms);
  CHECK(client.time.sleeps()[0] <= 500ms);
  CHECK(client.time.sleeps()[1] >= 750ms);
  CHECK(client.time.sleeps()[1] <= 1000ms);

  Client patcher(1);
  fail_refused(*patcher.transport);
  fail_refused(*patcher.transport);
  CHECK_THROWS_AS(patcher.pipeline->send(patch("/x")), ConnectionRefusedError);
  CHECK(patcher.attempts() == 2);
}

TEST_CASE("429 is retried for POST and PATCH and the last one carries retry_after") {
  Client client(1);
  client.transport->reply(429, "<html>slow down</html>", {{"retry-after-ms", "250"}});
  client.transport->reply(429, "not json either", {{"Retry-After", "4"}});
  try {
    client.pipeline->send(patch("/x"));
    FAIL("expected RateLimitError");
  } catch (const RateLimitError& e) {
    CHECK(e.raw_body() == "not json either");
    CHECK(e.message() == "Too Many Requests");
    REQUIRE(e.retry_after().has_value());
    CHECK(*e.retry_after() == 4000ms);
  }
  CHECK(client.time.sleeps() == std::vector<milliseconds>{250ms});
}

TEST_CASE("Retry-After as an HTTP date is measured against the injected clock") {
  SUBCASE("ten seconds ahead") {
    Client client(1);
    client.transport->reply(503, "", {{"Retry-After", "Sun, 06 Nov 1994 08:49:47 GMT"}});
    client.transport->reply(200);
    client.pipeline->send(testing::get("/sdk"));
    CHECK(client.time.sleeps() == std::vector<milliseconds>{10000ms});
  }
  SUBCASE("exactly at the cap is waited for") {
    Client client(1);
    client.transport->reply(429, "", {{"Retry-After", "Sun, 06 Nov 1994 08:50:37 GMT"}});
    client.transport->reply(200);
    client.pipeline->send(testing::get("/sdk"));
    CHECK(client.time.sleeps() == std::vector<milliseconds>{60000ms});
  }
  SUBCASE("beyond the cap is not retried and the error carries the wait") {
    Client client(3);
    client.transport->reply(429, "", {{"Retry-After", "Sun, 06 Nov 1994 08:50:38 GMT"}});
    try {
      client.pipeline->send(testing::get("/sdk"));
      FAIL("expected RateLimitError");
    } catch (const RateLimitError& e) {
      REQUIRE(e.retry_after().has_value());
      CHECK(*e.retry_after() == 61000ms);
    }
    CHECK(client.attempts() == 1);
    CHECK(client.time.sleeps().empty());
  }
  SUBCASE("a date across a month and a year boundary") {
    Client client(1);
    // 06 Nov 1994 08:49:37 + 55 days 15:09:53 = 31 Dec 1994 23:59:30.
    client.time.advance(std::chrono::hours(24 * 55 + 15) + std::chrono::minutes(9) +
                        std::chrono::seconds(53));
    client.transport->reply(503, "", {{"Retry-After", "Sun, 01 Jan 1995 00:00:10 GMT"}});
    client.transport->reply(200);
    client.pipeline->send(testing::get("/sdk"));
    CHECK(client.time.sleeps() == std::vector<milliseconds>{40000ms});
  }
  SUBCASE("a date whose weekday or day does not exist falls back to backoff") {
    for (const char* date : {"Mon, 06 Nov 1994 08:49:47 GMT",
                             "Wed, 30 Feb 1994 08:49:47 GMT",
                             "Sun, 06 Nov 1994 24:00:00 GMT",
                             "Sun, 06 Nov 1994 08:49:47 UTC"}) {
      const std::string text = date;
      CAPTURE(text);
      Client client(1);
      client.transport->reply(503, "", {{"Retry-After", text}});
      client.transport->reply(200);
      client.pipeline->send(testing::get("/sdk"));
      REQUIRE(client.time.sleeps().size() == 1);
      CHECK(client.time.sleeps()[0] <= 500ms);
    }
  }
  SUBCASE("a date that is not IMF-fixdate falls back to backoff") {
    Client client(1);
    client.transport->reply(503, "", {{"Retry-After", "Sunday, 06-Nov-94 08:49:47 GMT"}});
    client.transport->reply(200);
    client.pipeline->send(testing::get("/sdk"));
    REQUIRE(client.time.sleeps().size() == 1);
    CHECK(client.time.sleeps()[0] >= 375ms);
    CHECK(client.time.sleeps()[0] <= 500ms);
  }
}

TEST_CASE("retry-after-ms beyond the cap is not retried even for 429 on GET") {
  Client client(2);
  client.transport->reply(429, "", {{"retry-after-ms", "60000.5"}});
  CHECK_THROWS_AS(client.pipeline->send(testing::get("/sdk")), RateLimitError);
  CHECK(client.attempts() == 1);
}

TEST_CASE("jitter stays within 75 to 100 percent of the base at every step") {
  Client client(8);
  client.transport->reply_times(9, 502);
  CHECK_THROWS_AS(client.pipeline->send(testing::get("/sdk")), InternalServerError);
  const std::vector<milliseconds> base{
      500ms, 1000ms, 2000ms, 4000ms, 8000ms, 8000ms, 8000ms, 8000ms};
  const auto sleeps = client.time.sleeps();
  REQUIRE(sleeps.size() == base.size());
  for (std::size_t n = 0; n < base.size(); ++n) {
    CAPTURE(n);
    CHECK(sleeps[n] >= base[n] * 3 / 4);
    CHECK(sleeps[n] <= base[n]);
  }
  // The whole sequence was "waited" on the fake clock only.
  milliseconds total{0};
  for (auto sleep : sleeps) total += sleep;
  CHECK(client.time.elapsed() == total);
}

TEST_CASE("ResponseTooLargeError is never retried") {
  Client client(3);
  client.transport->push([](const HttpRequest& request) -> HttpResponse {
    throw ResponseTooLargeError(request.max_response_bytes, 200);
  });
  client.transport->reply(200, "{}");
  CHECK_THROWS_AS(client.pipeline->send(testing::get("/sdk")), ResponseTooLargeError);
  CHECK(client.attempts() == 1);
}
