// Test doubles for the runtime: a scripted Transport and a client set-up that records sleeps.
#pragma once

#include <chrono>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "dynamic/detail/pipeline.hpp"
#include "dynamic/runtime/errors.hpp"
#include "dynamic/runtime/options.hpp"
#include "dynamic/runtime/transport.hpp"

namespace dynamic::testing {

/// A well-formed token: "dyn_" + 56 letters and digits.
inline std::string valid_token() {
  return "dyn_Zq7Wx2Lm9Pk4Rt6Yb1Nc8Vd3Hs5Jf0Ga7Eu2Io4Kp9Ml6Xn1Bq3Cw8Dv";
}

/// Records every request; answers with scripted steps in order (599 when none is left).
class FakeTransport : public Transport {
 public:
  using Step = std::function<HttpResponse(const HttpRequest&)>;

  HttpResponse send(const HttpRequest& request) override {
    Step step;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      requests_.push_back(request);
      if (steps_.empty()) return HttpResponse{599, {}, "no scripted response"};
      step = std::move(steps_.front());
      steps_.pop_front();
    }
    return step(request);
  }

  void reply(int status, std::string body = {}, HeaderList headers = {}) {
    push([=](const HttpRequest&) { return HttpResponse{status, headers, body}; });
  }
  void reply_times(int count, int status, std::string body = {}, HeaderList headers = {}) {
    for (int i = 0; i < count; ++i) reply(status, body, headers);
  }
  void fail_connection(std::string message = "connection refused") {
    push([=](const HttpRequest&) -> HttpResponse { throw ConnectionError(message); });
  }
  void fail_timeout() {
    push([](const HttpRequest&) -> HttpResponse { throw TimeoutError("timed out"); });
  }
  void push(Step step) {
    std::lock_guard<std::mutex> lock(mutex_);
    steps_.push_back(std::move(step));
  }

  std::vector<HttpRequest> requests() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return requests_;
  }
  std::size_t request_count() const { return requests().size(); }

 private:
  mutable std::mutex mutex_;
  std::vector<HttpRequest> requests_;
  std::deque<Step> steps_;
};

/// Client options wired to a FakeTransport, with sleeps recorded instead of slept.
struct Harness {
  std::shared_ptr<FakeTransport> transport = std::make_shared<FakeTransport>();
  std::shared_ptr<std::vector<std::chrono::milliseconds>> sleeps =
      std::make_shared<std::vector<std::chrono::milliseconds>>();

  ClientOptions options() const {
    ClientOptions options;
    options.api_token = valid_token();
    options.base_url = "https://api.example.test/api/v0";
    options.transport = transport;
    auto recorded = sleeps;
    options.sleep = [recorded](std::chrono::milliseconds delay) { recorded->push_back(delay); };
    return options;
  }
};

/// A clock that only moves when the pipeline sleeps: every rule about waiting is checked without
/// waiting. Thread-safe.
class FakeTime {
 public:
  /// Starts at Sun, 06 Nov 1994 08:49:37 GMT.
  FakeTime() : state_(std::make_shared<State>()) {}

  /// Points `options.sleep` and `options.clock` at this clock.
  void install(ClientOptions& options) const {
    auto state = state_;
    options.sleep = [state](std::chrono::milliseconds delay) {
      std::lock_guard<std::mutex> lock(state->mutex);
      state->sleeps.push_back(delay);
      state->now += delay;
    };
    options.clock = [state] {
      std::lock_guard<std::mutex> lock(state->mutex);
      return state->now;
    };
  }
  std::chrono::system_clock::time_point now() const {
    std::lock_guard<std::mutex> lock(state_->mutex);
    return state_->now;
  }
  void advance(std::chrono::milliseconds delay) {
    std::lock_guard<std::mutex> lock(state_->mutex);
    state_->now += delay;
  }
  std::vector<std::chrono::milliseconds> sleeps() const {
    std::lock_guard<std::mutex> lock(state_->mutex);
    return state_->sleeps;
  }
  /// Time slept so far.
  std::chrono::milliseconds elapsed() const {
    std::lock_guard<std::mutex> lock(state_->mutex);
    return std::chrono::duration_cast<std::chrono::milliseconds>(state_->now - kStart);
  }

  static constexpr std::chrono::system_clock::time_point kStart{std::chrono::seconds(784111777)};

 private:
  struct State {
    std::mutex mutex;
    std::chrono::system_clock::time_point now = kStart;
    std::vector<std::chrono::milliseconds> sleeps;
  };
  std::shared_ptr<State> state_;
};

/// Options for a client of a real server on loopback: the test token, a 5 s timeout, retries
/// without waiting between them.
inline ClientOptions loopback_options(const std::string& base_url, int max_retries = 0) {
  ClientOptions options;
  options.api_token = valid_token();
  options.base_url = base_url;
  options.timeout = std::chrono::seconds(5);
  options.max_retries = max_retries;
  options.sleep = [](std::chrono::milliseconds) {};
  return options;
}

inline ApiRequest get(std::string path) {
  ApiRequest request;
  request.method = "GET";
  request.path_template = std::move(path);
  return request;
}

inline ApiRequest post(std::string path, std::string body = "{}") {
  ApiRequest request;
  request.method = "POST";
  request.path_template = std::move(path);
  request.json_body = std::move(body);
  return request;
}

/// Value of the first header with this name (case-insensitive) in a request, or "<absent>".
inline std::string header_of(const HttpRequest& request, const std::string& name) {
  auto lower = [](std::string text) {
    for (char& c : text) c = static_cast<char>((c >= 'A' && c <= 'Z') ? c - 'A' + 'a' : c);
    return text;
  };
  for (const auto& [key, value] : request.headers) {
    if (lower(key) == lower(name)) return value;
  }
  return "<absent>";
}

inline int count_header(const HttpRequest& request, const std::string& name) {
  auto lower = [](std::string text) {
    for (char& c : text) c = static_cast<char>((c >= 'A' && c <= 'Z') ? c - 'A' + 'a' : c);
    return text;
  };
  int count = 0;
  for (const auto& header : request.headers) count += lower(header.first) == lower(name) ? 1 : 0;
  return count;
}

}  // namespace dynamic::testing
