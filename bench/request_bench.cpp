// request_overhead_small and request_overhead_users: SDK calls against a loopback server that
// answers fixed bodies, against raw cpprestsdk http_client requests (parsed with
// boost::json::parse) to the same server.
#include <benchmark/benchmark.h>

#include <cpprest/http_client.h>
#include <boost/json.hpp>
#include <memory>
#include <string>

#include "dynamic/client.hpp"
#include "dynamic/models/tokens_response.hpp"
#include "dynamic/models/users_response.hpp"
#include "dynamic/runtime/options.hpp"
#include "dynamic/tokens_api.hpp"
#include "dynamic/users_api.hpp"
#include "fixtures.hpp"
#include "loopback_listener.hpp"

namespace dynamic::bench {
namespace {

namespace http = web::http;
constexpr const char* kEnvironment = "2b0f4f3e-8a7c-4d6e-9b1a-5c3d2e1f0a9b";
// `dyn_` and 56 alphanumerics: the shape the SDK checks.
constexpr const char* kToken =
    "dyn_"
    "benchbenchbenchbenchbenchbenchbenchbenchbenchbenchbench1";

/// Answers /tokens with the 20-token body and /users with the 100-user body.
class FixedServer {
 public:
  FixedServer()
      : open_(dynamic::mock::listen_on_loopback(
            0,
            [](http::http_request request) {
              const std::string path = request.relative_uri().path();
              const bool users =
                  path.size() >= 6 && path.compare(path.size() - 6, 6, "/users") == 0;
              request.reply(
                  http::status_codes::OK, users ? users_body() : tokens_body(), "application/json");
            })),
        base_url_("http://127.0.0.1:" + std::to_string(open_.port) + "/api/v0") {}
  ~FixedServer() { open_.listener->close().wait(); }
  const std::string& base_url() const { return base_url_; }

 private:
  dynamic::mock::LoopbackListener open_;
  std::string base_url_;
};

FixedServer& server() {
  static FixedServer instance;
  return instance;
}

Client& sdk_client() {
  static Client client = [] {
    ClientOptions options;
    options.base_url = server().base_url();
    options.api_token = kToken;
    return Client(options);
  }();
  return client;
}

http::client::http_client& raw_client() {
  static http::client::http_client client(server().base_url());
  return client;
}

void raw_get(const std::string& path) {
  http::http_request request(http::methods::GET);
  request.set_request_uri(path);
  request.headers().add("Authorization", std::string("Bearer ") + kToken);
  http::http_response response = raw_client().request(request).get();
  const std::string body = response.extract_string(true).get();
  boost::json::value dom = boost::json::parse(body);
  benchmark::DoNotOptimize(dom);
}

void raw_tokens(benchmark::State& state) {
  const std::string path = std::string("environments/") + kEnvironment + "/tokens";
  for (auto _ : state) raw_get(path);
}

void sdk_tokens(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(sdk_client().tokens().get_tokens(kEnvironment));
}

void raw_users(benchmark::State& state) {
  const std::string path = std::string("environments/") + kEnvironment + "/users";
  for (auto _ : state) raw_get(path);
}

void sdk_users(benchmark::State& state) {
  for (auto _ : state) {
    benchmark::DoNotOptimize(sdk_client().users().get_environment_users(kEnvironment));
  }
}

}  // namespace

void register_request_benchmarks() {
  server();  // started before timing
  for (int threads : {1, 8}) {
    const std::string suffix = "/c" + std::to_string(threads);
    benchmark::RegisterBenchmark(("raw_tokens" + suffix).c_str(), raw_tokens)
        ->Threads(threads)
        ->UseRealTime();
    benchmark::RegisterBenchmark(("sdk_tokens" + suffix).c_str(), sdk_tokens)
        ->Threads(threads)
        ->UseRealTime();
    benchmark::RegisterBenchmark(("raw_users" + suffix).c_str(), raw_users)
        ->Threads(threads)
        ->UseRealTime();
    benchmark::RegisterBenchmark(("sdk_users" + suffix).c_str(), sdk_users)
        ->Threads(threads)
        ->UseRealTime();
  }
}

}  // namespace dynamic::bench
