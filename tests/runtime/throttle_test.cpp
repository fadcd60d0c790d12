// The client-side throttle (token bucket), timed on a fake clock.
#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <mutex>
#include <thread>
#include <vector>

#include "fake_transport.hpp"

using namespace dynamic;
using namespace std::chrono_literals;
using dynamic::testing::FakeTime;
using dynamic::testing::FakeTransport;
using std::chrono::milliseconds;

namespace {

ClientOptions throttled(const std::shared_ptr<FakeTransport>& transport,
                        std::optional<ThrottleOptions> throttle) {
  ClientOptions options;
  options.api_token = testing::valid_token();
  options.base_url = "https://api.example.test/api/v0";
  options.transport = transport;
  options.throttle = throttle;
  return options;
}

ThrottleOptions rate(int per_minute, int burst) {
  ThrottleOptions throttle;
  throttle.requests_per_minute = per_minute;
  throttle.burst = burst;
  return throttle;
}

void send_n(const Pipeline& pipeline, FakeTransport& transport, int count) {
  transport.reply_times(count, 200, "{}");
  for (int i = 0; i < count; ++i) pipeline.send(testing::get("/sdk"));
}

}  // namespace

TEST_CASE("throttle is off by default") {
  auto transport = std::make_shared<FakeTransport>();
  FakeTime time;
  ClientOptions options = throttled(transport, std::nullopt);
  time.install(options);
  CHECK_FALSE(options.throttle.has_value());
  Pipeline pipeline(options);
  send_n(pipeline, *transport, 200);
  CHECK(time.sleeps().empty());
}

TEST_CASE("throttle: a burst goes out at once then one request per interval") {
  auto transport = std::make_shared<FakeTransport>();
  FakeTime time;
  ClientOptions options = throttled(transport, rate(60, 3));
  time.install(options);
  Pipeline pipeline(options);
  send_n(pipeline, *transport, 6);
  CHECK(time.sleeps() == std::vector<milliseconds>{1000ms, 1000ms, 1000ms});
  CHECK(time.elapsed() == 3000ms);
  CHECK(transport->request_count() == 6);
}

TEST_CASE("throttle: tokens come back with time and never beyond the burst") {
  auto transport = std::make_shared<FakeTransport>();
  FakeTime time;
  ClientOptions options = throttled(transport, rate(60, 3));
  time.install(options);
  Pipeline pipeline(options);
  send_n(pipeline, *transport, 3);
  CHECK(time.sleeps().empty());

  time.advance(2000ms);  // two tokens back
  send_n(pipeline, *transport, 3);
  CHECK(time.sleeps() == std::vector<milliseconds>{1000ms});

  time.advance(std::chrono::hours(1));  // a full bucket, not 3,600 tokens
  send_n(pipeline, *transport, 4);
  CHECK(time.sleeps() == std::vector<milliseconds>{1000ms, 1000ms});
}

TEST_CASE("throttle at Dynamic's per-IP limit spaces requests 40 ms apart") {
  auto transport = std::make_shared<FakeTransport>();
  FakeTime time;
  ClientOptions options = throttled(transport, rate(kDynamicRequestsPerMinutePerIp, 1));
  time.install(options);
  Pipeline pipeline(options);
  send_n(pipeline, *transport, 10);
  CHECK(time.sleeps() == std::vector<milliseconds>(9, 40ms));

  // 1,500 requests take a minute of (fake) time.
  FakeTime minute;
  ClientOptions steady = throttled(transport, rate(kDynamicRequestsPerMinutePerIp, 1));
  minute.install(steady);
  Pipeline again(steady);
  send_n(again, *transport, 1501);
  CHECK(minute.elapsed() == 60000ms);
}

TEST_CASE("throttle: every retry takes a token too") {
  auto transport = std::make_shared<FakeTransport>();
  FakeTime time;
  ClientOptions options = throttled(transport, rate(60, 1));
  time.install(options);
  Pipeline pipeline(options);
  transport->reply(503, "", {{"Retry-After", "0"}});
  transport->reply(200, "{}");
  CHECK(pipeline.send(testing::get("/sdk")).status == 200);
  // The retry's own wait (0 ms), then the throttle's for the second attempt.
  CHECK(time.sleeps() == std::vector<milliseconds>{0ms, 1000ms});
}

TEST_CASE("throttle is thread-safe: concurrent callers each get their own slot") {
  auto transport = std::make_shared<FakeTransport>();
  ClientOptions options = throttled(transport, rate(600, 5));  // one token per 100 ms
  // Time stands still, so every wait is decided by the reservations alone.
  const auto frozen = std::chrono::system_clock::now();
  options.clock = [frozen] { return frozen; };
  auto mutex = std::make_shared<std::mutex>();
  auto sleeps = std::make_shared<std::vector<milliseconds>>();
  options.sleep = [mutex, sleeps](milliseconds delay) {
    std::lock_guard<std::mutex> lock(*mutex);
    sleeps->push_back(delay);
  };
  Pipeline pipeline(options);
  constexpr int kThreads = 8;
  constexpr int kCalls = 10;
  transport->reply_times(kThreads * kCalls, 200, "{}");
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < kCalls; ++i) pipeline.send(testing::get("/sdk"));
    });
  }
  for (auto& thread : threads) thread.join();

  std::vector<milliseconds> expected;
  for (int k = 1; k <= kThreads * kCalls - 5; ++k) expected.push_back(milliseconds(100 * k));
  std::vector<milliseconds> got = *sleeps;
  std::sort(got.begin(), got.end());
  CHECK(got == expected);
  CHECK(transport->request_count() == kThreads * kCalls);
}

TEST_CASE("throttle options must be positive") {
  auto transport = std::make_shared<FakeTransport>();
  CHECK_THROWS_AS(Pipeline{throttled(transport, rate(0, 5))}, ConfigurationError);
  CHECK_THROWS_AS(Pipeline{throttled(transport, rate(60, 0))}, ConfigurationError);
  CHECK_NOTHROW(Pipeline{throttled(transport, rate(1, 1))});
}
