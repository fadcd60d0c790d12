// Retries: which failures are repeated, how often, and how long the pipeline waits.
#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <ctime>
#include <string>

#include "fake_transport.hpp"

using namespace dynamic;
using namespace std::chrono_literals;
using dynamic::testing::Harness;
using std::chrono::milliseconds;

namespace {

struct Client {
  Harness harness;
  Pipeline pipeline;
  explicit Client(int max_retries = 2) : pipeline(options_with(harness, max_retries)) {}
  static ClientOptions options_with(const Harness& harness, int max_retries) {
    ClientOptions options = harness.options();
    options.max_retries = max_retries;
    return options;
  }
  testing::FakeTransport& transport() { return *harness.transport; }
  std::vector<milliseconds> sleeps() const { return *harness.sleeps; }
};

std::string http_date(std::chrono::system_clock::time_point when) {
  std::time_t t = std::chrono::system_clock::to_time_t(when);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buffer[64];
  std::strftime(buffer, sizeof(buffer), "%a, %d %b %Y %H:%M:%S GMT", &tm);
  return buffer;
}

}  // namespace

TEST_CASE("GET is retried on 503 up to max_retries then InternalServerError") {
  Client client(2);
  client.transport().reply_times(3, 503, R"({"error":"busy"})");
  CHECK_THROWS_AS(client.pipeline.send(testing::get("/sdk")), InternalServerError);
  CHECK(client.transport().request_count() == 3);
  CHECK(client.sleeps().size() == 2);
}

TEST_CASE("GET succeeds after a transient 503") {
  Client client(2);
  client.transport().reply(503);
  client.transport().reply(200, R"({"ok":true})");
  ApiResponse response = client.pipeline.send(testing::get("/sdk"));
  CHECK(response.status == 200);
  CHECK(response.body == R"({"ok":true})");
  CHECK(client.transport().request_count() == 2);
  CHECK(client.sleeps().size() == 1);
}

TEST_CASE("PUT DELETE HEAD OPTIONS are retried on 5xx and 408 and 409") {
  for (const char* method : {"PUT", "DELETE", "HEAD", "OPTIONS", "GET"}) {
    for (int status : {408, 409, 500, 502, 504}) {
      CAPTURE(method);
      CAPTURE(status);
      Client client(1);
      client.transport().reply(status);
      client.transport().reply(200);
      ApiRequest request = testing::get("/x");
      request.method = method;
      CHECK(client.pipeline.send(request).status == 200);
      CHECK(client.transport().request_count() == 2);
    }
  }
}

TEST_CASE("POST is not retried on 503 or 500 or 408 or 409") {
  for (int status : {503, 500, 408, 409}) {
    CAPTURE(status);
    Client client(3);
    client.transport().reply(status);
    client.transport().reply(200);
    CHECK_THROWS_AS(client.pipeline.send(testing::post("/environments")), ApiError);
    CHECK(client.transport().request_count() == 1);
    CHECK(client.sleeps().empty());
  }
  Client patch(3);
  patch.transport().reply(503);
  ApiRequest request = testing::post("/x");
  request.method = "PATCH";
  CHECK_THROWS_AS(patch.pipeline.send(request), InternalServerError);
  CHECK(patch.transport().request_count() == 1);
}

TEST_CASE("POST is retried on 429") {
  Client client(2);
  client.transport().reply(429, R"({"error":"slow down"})", {{"Retry-After", "1"}});
  client.transport().reply(201, "{}");
  CHECK(client.pipeline.send(testing::post("/environments")).status == 201);
  CHECK(client.transport().request_count() == 2);
  REQUIRE(client.sleeps().size() == 1);
  CHECK(client.sleeps()[0] == 1000ms);
}

TEST_CASE("429 after the retries is a RateLimitError carrying retry_after") {
  Client client(2);
  client.transport().reply(429, R"({"error":"slow down"})", {{"Retry-After", "1"}});
  client.transport().reply(429, R"({"error":"slow down"})", {{"Retry-After", "2"}});
  client.transport().reply(429, R"({"error":"still"})", {{"Retry-After", "3"}});
  try {
    client.pipeline.send(testing::post("/environments"));
    FAIL("expected RateLimitError");
  } catch (const RateLimitError& e) {
    CHECK(e.status() == 429);
    CHECK(e.message() == "still");
    REQUIRE(e.retry_after().has_value());
    CHECK(*e.retry_after() == 3000ms);
  }
  CHECK(client.transport().request_count() == 3);
  CHECK(client.sleeps() == std::vector<milliseconds>{1000ms, 2000ms});
}

TEST_CASE("RateLimitError without a Retry-After has no retry_after") {
  Client client(0);
  client.transport().reply(429, "");
  try {
    client.pipeline.send(testing::get("/sdk"));
    FAIL("expected RateLimitError");
  } catch (const RateLimitError& e) {
    CHECK_FALSE(e.retry_after().has_value());
    CHECK(e.message() == "Too Many Requests");
  }
}

TEST_CASE("connection errors are retried for GET but not for POST") {
  Client get_client(2);
  get_client.transport().fail_connection();
  get_client.transport().fail_timeout();
  get_client.transport().reply(200, "{}");
  CHECK(get_client.pipeline.send(testing::get("/sdk")).status == 200);
  CHECK(get_client.transport().request_count() == 3);
  CHECK(get_client.sleeps().size() == 2);

  Client post_client(2);
  post_client.transport().fail_connection("refused");
  post_client.transport().reply(200, "{}");
  CHECK_THROWS_WITH_AS(
      post_client.pipeline.send(testing::post("/environments")), "refused", ConnectionError);
  CHECK(post_client.transport().request_count() == 1);

  Client timeout_client(1);
  timeout_client.transport().fail_timeout();
  timeout_client.transport().fail_timeout();
  CHECK_THROWS_AS(timeout_client.pipeline.send(testing::get("/sdk")), TimeoutError);
  CHECK(timeout_client.transport().request_count() == 2);
}

TEST_CASE("per-call max_retries overrides the client's") {
  Client client(2);
  client.transport().reply_times(10, 503);
  RequestOptions none;
  none.max_retries = 0;
  CHECK_THROWS_AS(client.pipeline.send(testing::get("/sdk"), none), InternalServerError);
  CHECK(client.transport().request_count() == 1);

  RequestOptions more;
  more.max_retries = 4;
  CHECK_THROWS_AS(client.pipeline.send(testing::get("/sdk"), more), InternalServerError);
  CHECK(client.transport().request_count() == 1 + 5);

  RequestOptions negative;
  negative.max_retries = -3;
  CHECK_THROWS_AS(client.pipeline.send(testing::get("/sdk"), negative), InternalServerError);
  CHECK(client.transport().request_count() == 1 + 5 + 1);
}

TEST_CASE("negative client max_retries means a single attempt") {
  Client client(-1);
  client.transport().reply_times(3, 503);
  CHECK_THROWS_AS(client.pipeline.send(testing::get("/sdk")), InternalServerError);
  CHECK(client.transport().request_count() == 1);
}

TEST_CASE("retry-after-ms and Retry-After are honoured") {
  SUBCASE("Retry-After seconds") {
    Client client(1);
    client.transport().reply(503, "", {{"Retry-After", "7"}});
    client.transport().reply(200);
    client.pipeline.send(testing::get("/sdk"));
    CHECK(client.sleeps() == std::vector<milliseconds>{7000ms});
  }
  SUBCASE("retry-after-ms wins over Retry-After") {
    Client client(1);
    client.transport().reply(503, "", {{"Retry-After", "7"}, {"Retry-After-Ms", "150"}});
    client.transport().reply(200);
    client.pipeline.send(testing::get("/sdk"));
    CHECK(client.sleeps() == std::vector<milliseconds>{150ms});
  }
  SUBCASE("fractional retry-after-ms rounds up") {
    Client client(1);
    client.transport().reply(429, "", {{"retry-after-ms", "12.2"}});
    client.transport().reply(200);
    client.pipeline.send(testing::post("/x"));
    CHECK(client.sleeps() == std::vector<milliseconds>{13ms});
  }
  SUBCASE("Retry-After: 0") {
    Client client(1);
    client.transport().reply(429, "", {{"Retry-After", "0"}});
    client.transport().reply(200);
    client.pipeline.send(testing::get("/sdk"));
    CHECK(client.sleeps() == std::vector<milliseconds>{0ms});
  }
  SUBCASE("Retry-After as an HTTP date") {
    Client client(1);
    client.transport().reply(
        503, "", {{"Retry-After", http_date(std::chrono::system_clock::now() + 10s)}});
    client.transport().reply(200);
    client.pipeline.send(testing::get("/sdk"));
    REQUIRE(client.sleeps().size() == 1);
    CHECK(client.sleeps()[0] > 8000ms);
    CHECK(client.sleeps()[0] <= 10000ms);
  }
  SUBCASE("Retry-After date in the past") {
    Client client(1);
    client.transport().reply(503, "", {{"Retry-After", "Sun, 06 Nov 1994 08:49:37 GMT"}});
    client.transport().reply(200);
    client.pipeline.send(testing::get("/sdk"));
    CHECK(client.sleeps() == std::vector<milliseconds>{0ms});
  }
  SUBCASE("unreadable Retry-After falls back to backoff") {
    Client client(1);
    client.transport().reply(503, "", {{"Retry-After", "soon"}, {"retry-after-ms", "-5"}});
    client.transport().reply(200);
    client.pipeline.send(testing::get("/sdk"));
    REQUIRE(client.sleeps().size() == 1);
    CHECK(client.sleeps()[0] >= 375ms);
    CHECK(client.sleeps()[0] <= 500ms);
  }
}

TEST_CASE("a server asking for more than 60 s is not retried") {
  Client client(3);
  client.transport().reply(429, R"({"error":"later"})", {{"Retry-After", "120"}});
  client.transport().reply(200);
  try {
    client.pipeline.send(testing::get("/sdk"));
    FAIL("expected RateLimitError");
  } catch (const RateLimitError& e) {
    REQUIRE(e.retry_after().has_value());
    CHECK(*e.retry_after() == 120000ms);
  }
  CHECK(client.transport().request_count() == 1);
  CHECK(client.sleeps().empty());

  Client busy(3);
  busy.transport().reply(503, "", {{"retry-after-ms", "60001"}});
  CHECK_THROWS_AS(busy.pipeline.send(testing::get("/sdk")), InternalServerError);
  CHECK(busy.transport().request_count() == 1);

  Client exactly(3);
  exactly.transport().reply(503, "", {{"Retry-After", "60"}});
  exactly.transport().reply(200);
  CHECK(exactly.pipeline.send(testing::get("/sdk")).status == 200);
  CHECK(exactly.sleeps() == std::vector<milliseconds>{60000ms});
}

TEST_CASE("exponential backoff: 500 ms times 2^n capped at 8 s minus up to 25 percent jitter") {
  const std::vector<milliseconds> base{500ms, 1000ms, 2000ms, 4000ms, 8000ms, 8000ms, 8000ms};
  Client client(static_cast<int>(base.size()));
  client.transport().reply_times(static_cast<int>(base.size()) + 1, 503);
  CHECK_THROWS_AS(client.pipeline.send(testing::get("/sdk")), InternalServerError);
  std::vector<milliseconds> sleeps = client.sleeps();
  REQUIRE(sleeps.size() == base.size());
  for (std::size_t n = 0; n < base.size(); ++n) {
    CAPTURE(n);
    CHECK(sleeps[n] <= base[n]);
    CHECK(sleeps[n] >= base[n] * 3 / 4);
  }
}

TEST_CASE("backoff jitter varies") {
  Client client(40);
  client.transport().reply_times(41, 500);
  CHECK_THROWS_AS(client.pipeline.send(testing::get("/sdk")), InternalServerError);
  std::vector<milliseconds> sleeps = client.sleeps();
  REQUIRE(sleeps.size() == 40);
  std::vector<milliseconds> late(sleeps.begin() + 5, sleeps.end());
  REQUIRE(late.size() == 35);
  auto [low, high] = std::minmax_element(late.begin(), late.end());
  CHECK(*low < *high);
  CHECK(*low >= 6000ms);
  CHECK(*high <= 8000ms);
}

TEST_CASE("4xx other than 408/409/429 is never retried") {
  for (int status : {400, 401, 403, 404, 422}) {
    CAPTURE(status);
    Client client(3);
    client.transport().reply(status);
    client.transport().reply(200);
    CHECK_THROWS_AS(client.pipeline.send(testing::get("/sdk")), ApiError);
    CHECK(client.transport().request_count() == 1);
  }
}
