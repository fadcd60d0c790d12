// send_async / run_async: results and exceptions through futures, a bounded pool of reused
// threads, and clean shutdown when the last reference to the pipeline goes.
#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <future>
#include <mutex>
#include <set>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "fake_transport.hpp"

using namespace dynamic;
using namespace std::chrono_literals;
using dynamic::testing::FakeTransport;
using dynamic::testing::Harness;

namespace {

/// Holds every request until opened; counts how many wait at once.
class Gate {
 public:
  void pass() {
    std::unique_lock<std::mutex> lock(mutex_);
    ++inside_;
    max_inside_ = std::max(max_inside_, inside_);
    changed_.notify_all();
    changed_.wait(lock, [this] { return open_; });
    --inside_;
  }
  void open() {
    std::lock_guard<std::mutex> lock(mutex_);
    open_ = true;
    changed_.notify_all();
  }
  bool wait_inside(int count, std::chrono::milliseconds timeout) {
    std::unique_lock<std::mutex> lock(mutex_);
    return changed_.wait_for(lock, timeout, [&] { return inside_ >= count; });
  }
  int max_inside() {
    std::lock_guard<std::mutex> lock(mutex_);
    return max_inside_;
  }

 private:
  std::mutex mutex_;
  std::condition_variable changed_;
  bool open_ = false;
  int inside_ = 0;
  int max_inside_ = 0;
};

void gated_replies(FakeTransport& transport, const std::shared_ptr<Gate>& gate, int count) {
  for (int i = 0; i < count; ++i) {
    transport.push([gate, i](const HttpRequest&) {
      gate->pass();
      return HttpResponse{200, {}, std::to_string(i)};
    });
  }
}

/// What a generated resource class does for `xxx_async`: capture by value, call the sync method.
class ThingsApi {
 public:
  explicit ThingsApi(std::shared_ptr<const Pipeline> pipeline) : pipeline_(std::move(pipeline)) {}

  std::string get_thing(const std::string& id, const RequestOptions& options = {}) const {
    ApiRequest request = testing::get("/things/{id}");
    request.path_params = {{"id", id}};
    return pipeline_->send(request, options).body;
  }
  std::future<std::string> get_thing_async(std::string id, RequestOptions options = {}) const {
    return pipeline_->run_async([api = *this, id = std::move(id), options = std::move(options)] {
      return api.get_thing(id, options);
    });
  }

 private:
  std::shared_ptr<const Pipeline> pipeline_;
};

/// A transport that reports when it is destroyed (with the last pipeline holding it).
class WatchedTransport : public FakeTransport {
 public:
  explicit WatchedTransport(std::shared_ptr<std::atomic<bool>> destroyed)
      : destroyed_(std::move(destroyed)) {}
  ~WatchedTransport() override { *destroyed_ = true; }

 private:
  std::shared_ptr<std::atomic<bool>> destroyed_;
};

bool eventually(const std::function<bool()>& condition) {
  for (int i = 0; i < 400; ++i) {
    if (condition()) return true;
    std::this_thread::sleep_for(5ms);
  }
  return condition();
}

}  // namespace

TEST_CASE("send_async returns the answer through the future") {
  Harness harness;
  Pipeline pipeline(harness.options());
  harness.transport->reply(200, R"({"ok":true})", {{"X-Request-Id", "r-1"}});
  std::future<ApiResponse> future = pipeline.send_async(testing::get("/sdk"));
  REQUIRE(future.wait_for(5s) == std::future_status::ready);
  ApiResponse response = future.get();
  CHECK(response.status == 200);
  CHECK(response.body == R"({"ok":true})");
  CHECK(response.request_id == "r-1");
}

TEST_CASE("send_async rethrows the typed error from get()") {
  Harness harness;
  ClientOptions options = harness.options();
  options.max_retries = 0;
  Pipeline pipeline(options);
  harness.transport->reply(404, R"({"error":"nope"})");
  harness.transport->reply(429, "", {{"Retry-After", "3"}});
  harness.transport->fail_connection("reset");
  auto not_found = pipeline.send_async(testing::get("/a"));
  CHECK_THROWS_AS(not_found.get(), NotFoundError);
  auto limited = pipeline.send_async(testing::get("/b"));
  try {
    limited.get();
    FAIL("expected RateLimitError");
  } catch (const RateLimitError& e) {
    CHECK(e.retry_after() == std::chrono::milliseconds(3000));
  }
  auto dropped = pipeline.send_async(testing::get("/c"));
  CHECK_THROWS_AS(dropped.get(), ConnectionError);
}

TEST_CASE("send_async copies its arguments so the caller's may go away") {
  Harness harness;
  Pipeline pipeline(harness.options());
  harness.transport->reply(200, "{}");
  std::future<ApiResponse> future;
  {
    ApiRequest request = testing::get("/users/{id}");
    request.path_params = {{"id", "u-1"}};
    RequestOptions call;
    call.extra_headers = {{"X-Trace", "t"}};
    future = pipeline.send_async(request, call);
  }
  CHECK(future.get().status == 200);
  auto sent = harness.transport->requests();
  REQUIRE(sent.size() == 1);
  CHECK(sent[0].url == "https://api.example.test/api/v0/users/u-1");
  CHECK(testing::header_of(sent[0], "X-Trace") == "t");
}

TEST_CASE("run_async runs any work and passes values and exceptions") {
  Harness harness;
  Pipeline pipeline(harness.options());
  CHECK(pipeline.run_async([] { return 6 * 7; }).get() == 42);
  std::atomic<bool> ran{false};
  pipeline.run_async([&] { ran = true; }).get();
  CHECK(ran);
  auto failing = pipeline.run_async([]() -> int { throw std::runtime_error("boom"); });
  CHECK_THROWS_WITH_AS(failing.get(), "boom", std::runtime_error);
  // The pool survives a failed task.
  CHECK(pipeline.run_async([] { return std::string("still here"); }).get() == "still here");
}

TEST_CASE("the async pool is bounded by async_threads") {
  Harness harness;
  ClientOptions options = harness.options();
  options.async_threads = 2;
  Pipeline pipeline(options);
  auto gate = std::make_shared<Gate>();
  gated_replies(*harness.transport, gate, 6);
  std::vector<std::future<ApiResponse>> futures;
  for (int i = 0; i < 6; ++i) futures.push_back(pipeline.send_async(testing::get("/sdk")));
  CHECK(gate->wait_inside(2, 5s));
  std::this_thread::sleep_for(50ms);  // room for a third thread, were there one
  CHECK(gate->max_inside() == 2);
  gate->open();
  for (auto& future : futures) CHECK(future.get().status == 200);
  CHECK(gate->max_inside() == 2);
}

TEST_CASE("async work reuses the pool's threads instead of one thread per call") {
  Harness harness;
  ClientOptions options = harness.options();
  options.async_threads = 3;
  Pipeline pipeline(options);
  std::mutex mutex;
  std::condition_variable all_in;
  int inside = 0;
  std::set<std::thread::id> threads;
  std::vector<std::future<void>> futures;
  // The first three calls wait until all three run at once: that takes three pool threads.
  for (int i = 0; i < 3; ++i) {
    futures.push_back(pipeline.run_async([&] {
      std::unique_lock<std::mutex> lock(mutex);
      threads.insert(std::this_thread::get_id());
      ++inside;
      all_in.notify_all();
      all_in.wait_for(lock, 10s, [&] { return inside == 3; });
    }));
  }
  for (int i = 0; i < 40; ++i) {
    futures.push_back(pipeline.run_async([&] {
      std::this_thread::sleep_for(1ms);
      std::lock_guard<std::mutex> lock(mutex);
      threads.insert(std::this_thread::get_id());
    }));
  }
  for (auto& future : futures) future.get();
  CHECK(inside == 3);
  CHECK(threads.size() == 3);  // 43 calls, 3 threads: reused, never one per call
  CHECK(threads.count(std::this_thread::get_id()) == 0);
}

TEST_CASE("generated-style xxx_async capturing the API by value") {
  Harness harness;
  auto pipeline = std::make_shared<const Pipeline>(harness.options());
  harness.transport->reply(200, R"({"id":"a/b"})");
  ThingsApi api(pipeline);
  std::future<std::string> future = api.get_thing_async("a/b");
  CHECK(future.get() == R"({"id":"a/b"})");
  CHECK(harness.transport->requests()[0].url == "https://api.example.test/api/v0/things/a%2Fb");
}

TEST_CASE("destroying the pipeline drops queued work and finishes running work") {
  Harness harness;
  ClientOptions options = harness.options();
  options.async_threads = 1;
  auto pipeline = std::make_unique<Pipeline>(options);
  auto gate = std::make_shared<Gate>();
  gated_replies(*harness.transport, gate, 1);
  harness.transport->reply_times(3, 200, "{}");
  auto running = pipeline->send_async(testing::get("/first"));
  REQUIRE(gate->wait_inside(1, 5s));
  std::vector<std::future<ApiResponse>> queued;
  for (int i = 0; i < 3; ++i) queued.push_back(pipeline->send_async(testing::get("/queued")));

  std::thread destroyer([&] { pipeline.reset(); });
  // The queued calls are dropped at once, while the running one is still held at the gate.
  for (auto& future : queued) {
    REQUIRE(future.wait_for(5s) == std::future_status::ready);
    try {
      future.get();
      FAIL("expected broken_promise");
    } catch (const std::future_error& e) {
      const bool broken = e.code() == std::future_errc::broken_promise;
      CHECK(broken);
    }
  }
  gate->open();
  destroyer.join();
  CHECK(running.get().status == 200);
  CHECK(harness.transport->request_count() == 1);
}

TEST_CASE("the last reference dropped by async work itself shuts the pool down cleanly") {
  auto destroyed = std::make_shared<std::atomic<bool>>(false);
  auto transport = std::make_shared<WatchedTransport>(destroyed);
  transport->reply_times(2, 200, "{}");
  ClientOptions options;
  options.api_token = testing::valid_token();
  options.base_url = "https://api.example.test/api/v0";
  options.transport = transport;
  auto pipeline = std::make_shared<const Pipeline>(options);
  options.transport.reset();
  transport.reset();  // The pipeline holds the only reference now.

  auto done = std::make_shared<std::atomic<int>>(0);
  // A second, idle thread exists too: the pool must join it from the worker thread.
  pipeline->run_async([] {}).get();
  {
    ThingsApi api(pipeline);
    auto first = api.get_thing_async("1");
    CHECK(first.get() == "{}");
    // Fire and forget: the task's copy of the API is the last reference once ours are gone.
    (void)pipeline->run_async([api, done] {
      std::this_thread::sleep_for(20ms);
      api.get_thing("2");
      ++*done;
    });
  }
  std::weak_ptr<const Pipeline> weak = pipeline;
  pipeline.reset();
  CHECK(eventually([&] { return done->load() == 1; }));
  CHECK(eventually([&] { return weak.expired(); }));
  CHECK(eventually([&] { return destroyed->load(); }));
}
