// Load against the mock over loopback: 20,000 requests from 16 concurrent clients. No call may
// fail, every answer must be the one its own request asked for, and the process's memory must not
// grow with the number of requests served.
#include <doctest/doctest.h>

#include <unistd.h>

#include <atomic>
#include <cstddef>
#include <cstdio>
#include <string>
#include <thread>
#include <vector>

#include "dynamic/client.hpp"
#include "dynamic/models/webhook.hpp"
#include "dynamic/models/webhook_create_request.hpp"
#include "dynamic/webhooks_api.hpp"
#include "fake_transport.hpp"
#include "http_server.hpp"
#include "mock_service.hpp"

#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define DYNAMIC_TEST_SANITIZED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer)
#define DYNAMIC_TEST_SANITIZED 1
#endif
#endif

#ifdef DYNAMIC_TEST_SANITIZED
// From the sanitizers' common allocator interface (ASan, TSan, in gcc's and clang's runtimes);
// gcc ships no header for it.
extern "C" std::size_t __sanitizer_get_current_allocated_bytes();
#endif

using namespace dynamic::mock;

namespace {

constexpr int kClients = 16;
constexpr int kRequestsPerClient = 1250;  // 20,000 in all
constexpr int kWarmUpPerClient = 63;      // about the first thousand
constexpr int kNearEnd = 19000;
const std::string kEnvironment = "2b0f4f3e-8a7c-4d6e-9b1a-5c3d2e1f0a9b";

#ifdef DYNAMIC_TEST_SANITIZED
/// Under a sanitizer the resident set grows with its own bookkeeping (quarantine, shadow, access
/// history), so the measure is the heap the program holds, from the sanitizer's allocator.
long memory_in_use_kib() {
  return static_cast<long>(__sanitizer_get_current_allocated_bytes() / 1024);
}
const std::string kMemoryMeasure = "heap in use";
#else
/// Resident set size in KiB, from /proc/self/statm.
long memory_in_use_kib() {
  long pages_total = 0;
  long pages_resident = 0;
  if (FILE* statm = std::fopen("/proc/self/statm", "r")) {
    if (std::fscanf(statm, "%ld %ld", &pages_total, &pages_resident) != 2) pages_resident = 0;
    std::fclose(statm);
  }
  return pages_resident * (sysconf(_SC_PAGESIZE) / 1024);
}
const std::string kMemoryMeasure = "resident";
#endif

}  // namespace

TEST_CASE("mock: 20000 requests from 16 clients all succeed and match and memory stays flat") {
  MockService service(dyngen::Document::load(DYNAMIC_SPEC_PATH), MockOptions{});
  HttpServer server(service, 0);
  dynamic::ClientOptions options;
  options.api_token = dynamic::testing::valid_token();
  options.base_url = server.base_url();
  options.strict_responses = true;

  // One webhook per client, each with a URL naming its client: an answer that went to the wrong
  // request would carry another client's URL.
  std::vector<std::string> ids(kClients);
  {
    dynamic::Client setup(options);
    for (int c = 0; c < kClients; ++c) {
      dynamic::models::WebhookCreateRequest request;
      request.url = "https://example.com/client/" + std::to_string(c);
      request.events = {"user.created"};
      ids[c] = setup.webhooks().create_webhook(kEnvironment, request).webhook_id;
    }
  }

  std::atomic<int> failed{0};
  std::atomic<int> mismatched{0};
  std::atomic<int> served{0};
  std::atomic<int> warmed_up{0};
  std::atomic<long> after_warm_up_kib{0};
  std::atomic<long> near_end_kib{0};
  auto run_client = [&](int c) {
    dynamic::Client client(options);  // each its own connection pool
    const std::string url = "https://example.com/client/" + std::to_string(c);
    for (int i = 0; i < kRequestsPerClient; ++i) {
      try {
        dynamic::models::Webhook read = client.webhooks().get_webhook(kEnvironment, ids[c]);
        if (read.webhook_id != ids[c] || read.url != url) ++mismatched;
      } catch (const std::exception& error) {
        if (++failed == 1) MESSAGE("first failure: " << error.what());
      }
      const int served_now = ++served;
      // The last client to finish its warm-up takes the baseline: about 1,000 requests served.
      if (i + 1 == kWarmUpPerClient && ++warmed_up == kClients)
        after_warm_up_kib = memory_in_use_kib();
      // The 19,000th request takes the other end, under load (a client that has finished has
      // freed its pool, which only lowers the figure: a leak is what is never freed).
      if (served_now == kNearEnd) near_end_kib = memory_in_use_kib();
    }
  };
  std::vector<std::thread> clients;
  for (int c = 0; c < kClients; ++c) clients.emplace_back(run_client, c);
  for (std::thread& client : clients) client.join();

  MESSAGE("served " << served.load() << " requests; " << kMemoryMeasure << " "
                    << after_warm_up_kib.load() << " KiB after the first ~1,000, "
                    << near_end_kib.load() << " KiB after " << kNearEnd);
  CHECK(served == kClients * kRequestsPerClient);
  CHECK(failed == 0);
  CHECK(mismatched == 0);
  REQUIRE(after_warm_up_kib > 0);
  REQUIRE(near_end_kib > 0);
  // Flat: 18,000 more requests may not add more than 16 MiB (a leak of 1 KiB per request would
  // add 17 MiB; allocator caches settle in the warm-up).
  CHECK(near_end_kib - after_warm_up_kib < 16 * 1024);
}
