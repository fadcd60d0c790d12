// The logging hook and DYNAMIC_LOG: what each record holds, and that no secret reaches one.
#include <doctest/doctest.h>

#include <cstdlib>
#include <iostream>
#include <mutex>
#include <optional>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "fake_transport.hpp"

using namespace dynamic;
using dynamic::testing::Harness;
using dynamic::testing::valid_token;

namespace {

struct Recorder {
  std::shared_ptr<std::mutex> mutex = std::make_shared<std::mutex>();
  std::shared_ptr<std::vector<LogRecord>> records = std::make_shared<std::vector<LogRecord>>();

  Logger logger() const {
    return [mutex = mutex, records = records](const LogRecord& record) {
      std::lock_guard<std::mutex> lock(*mutex);
      records->push_back(record);
    };
  }
  std::vector<LogRecord> of(LogLevel level) const {
    std::lock_guard<std::mutex> lock(*mutex);
    std::vector<LogRecord> out;
    for (const auto& record : *records) {
      if (record.level == level) out.push_back(record);
    }
    return out;
  }
};

std::string header_value(const HeaderList& headers, const std::string& name) {
  for (const auto& [key, value] : headers) {
    if (key == name) return value;
  }
  return "<absent>";
}

/// Everything a record could show, in one string.
std::string flatten(const LogRecord& record) {
  std::string out =
      record.method + " " + record.path + " " + record.message + " " + record.request_id;
  for (const auto& [name, value] : record.request_headers) out += " " + name + "=" + value;
  for (const auto& [name, value] : record.response_headers) out += " " + name + "=" + value;
  return out;
}

class ScopedEnv {
 public:
  ScopedEnv(const char* name, const char* value) : name_(name) {
    if (const char* old = std::getenv(name)) saved_ = old;
    if (value != nullptr) {
      setenv(name, value, 1);
    } else {
      unsetenv(name);
    }
  }
  ~ScopedEnv() {
    if (saved_) {
      setenv(name_, saved_->c_str(), 1);
    } else {
      unsetenv(name_);
    }
  }
  ScopedEnv(const ScopedEnv&) = delete;
  ScopedEnv& operator=(const ScopedEnv&) = delete;

 private:
  const char* name_;
  std::optional<std::string> saved_;
};

/// Collects what is written to std::cerr while alive.
class CaptureStderr {
 public:
  CaptureStderr() : old_(std::cerr.rdbuf(buffer_.rdbuf())) {}
  ~CaptureStderr() { std::cerr.rdbuf(old_); }
  CaptureStderr(const CaptureStderr&) = delete;
  CaptureStderr& operator=(const CaptureStderr&) = delete;
  std::string text() const { return buffer_.str(); }

 private:
  std::ostringstream buffer_;
  std::streambuf* old_;
};

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

}  // namespace

TEST_CASE("logger gets one info record per call with method path status and retries") {
  Harness harness;
  Recorder recorder;
  ClientOptions options = harness.options();
  options.logger = recorder.logger();
  Pipeline pipeline(options);
  // The first attempt takes 30 ms of real time: the record's duration covers the whole call.
  harness.transport->push([](const HttpRequest&) {
    std::this_thread::sleep_for(std::chrono::milliseconds(30));
    return HttpResponse{503, {}, ""};
  });
  harness.transport->reply(200, "{}", {{"X-Request-Id", "req-9"}});
  ApiRequest request = testing::get("/environments/{id}/users");
  request.path_params = {{"id", "env 1"}};
  request.query = {{"limit", "5"}};
  pipeline.send(request);

  auto info = recorder.of(LogLevel::kInfo);
  REQUIRE(info.size() == 1);
  CHECK(info[0].method == "GET");
  CHECK(info[0].path == "/api/v0/environments/env%201/users?limit=5");
  CHECK(info[0].status == std::optional<int>(200));
  CHECK(info[0].attempt == 2);
  CHECK(info[0].retries == 1);
  CHECK(info[0].request_id == "req-9");
  CHECK(info[0].message == "ok");
  CHECK(info[0].duration >= std::chrono::milliseconds(30));
  CHECK(info[0].duration < std::chrono::seconds(30));
  CHECK(info[0].request_headers.empty());
}

TEST_CASE("debug records: one per attempt and one per retry decision") {
  Harness harness;
  Recorder recorder;
  ClientOptions options = harness.options();
  options.logger = recorder.logger();
  Pipeline pipeline(options);
  harness.transport->reply(503, "", {{"Retry-After", "2"}});
  harness.transport->reply(200, "{}");
  pipeline.send(testing::get("/sdk"));

  auto debug = recorder.of(LogLevel::kDebug);
  REQUIRE(debug.size() == 3);
  CHECK(debug[0].attempt == 1);
  CHECK(debug[0].status == std::optional<int>(503));
  CHECK(header_value(debug[0].response_headers, "Retry-After") == "2");
  CHECK(debug[1].message == "HTTP 503; retry 1 of 2 in 2000 ms");
  CHECK(debug[2].attempt == 2);
  CHECK(debug[2].retries == 1);
  CHECK(debug[2].status == std::optional<int>(200));
}

TEST_CASE("a failed call is logged with the error and no status") {
  Harness harness;
  Recorder recorder;
  ClientOptions options = harness.options();
  options.logger = recorder.logger();
  options.max_retries = 0;
  Pipeline pipeline(options);
  harness.transport->fail_connection("connection reset while sending " + valid_token());
  CHECK_THROWS_AS(pipeline.send(testing::get("/sdk")), ConnectionError);
  auto info = recorder.of(LogLevel::kInfo);
  REQUIRE(info.size() == 1);
  CHECK_FALSE(info[0].status.has_value());
  CHECK(info[0].message == "connection reset while sending dyn_***");

  harness.transport->reply(404, R"({"error":"gone"})");
  CHECK_THROWS_AS(pipeline.send(testing::get("/sdk")), NotFoundError);
  info = recorder.of(LogLevel::kInfo);
  REQUIRE(info.size() == 2);
  CHECK(info[1].status == std::optional<int>(404));
  CHECK(info[1].message == "failed with HTTP 404");
}

TEST_CASE("records never show the token: Authorization and dyn_ values are redacted") {
  Harness harness;
  Recorder recorder;
  ClientOptions options = harness.options();
  options.logger = recorder.logger();
  options.default_headers = {{"X-Api-Key", "secret-value"}, {"X-Trace", "trace-1"}};
  Pipeline pipeline(options);
  const std::string token = valid_token();
  harness.transport->reply(
      200, "{}", {{"X-Request-Id", "id-" + token}, {"Set-Cookie", "session=abc"}});
  ApiRequest request = testing::get("/tokens/{token}");
  request.path_params = {{"token", token}};
  request.query = {{"q", token}};
  pipeline.send(request);

  for (const auto& record : *recorder.records) {
    const std::string all = flatten(record);
    CHECK(all.find(token) == std::string::npos);
    CHECK(all.find(token.substr(4, 20)) == std::string::npos);
    CHECK(all.find("secret-value") == std::string::npos);
  }
  auto debug = recorder.of(LogLevel::kDebug);
  REQUIRE(debug.size() == 1);
  CHECK(debug[0].path == "/api/v0/tokens/dyn_***?q=dyn_***");
  CHECK(header_value(debug[0].request_headers, "Authorization") == "REDACTED");
  CHECK(header_value(debug[0].request_headers, "X-Api-Key") == "REDACTED");
  CHECK(header_value(debug[0].request_headers, "X-Trace") == "REDACTED");
  CHECK(header_value(debug[0].request_headers, "Accept") == "application/json");
  CHECK(header_value(debug[0].request_headers, "User-Agent").rfind("dynamic-cpp/", 0) == 0);
  CHECK(header_value(debug[0].response_headers, "X-Request-Id") == "id-dyn_***");
  CHECK(header_value(debug[0].response_headers, "Set-Cookie") == "REDACTED");
  CHECK(recorder.of(LogLevel::kInfo).at(0).request_id == "id-dyn_***");
}

TEST_CASE("log_allowed_headers extends the allow-list but never to Authorization") {
  Harness harness;
  Recorder recorder;
  ClientOptions options = harness.options();
  options.logger = recorder.logger();
  options.log_allowed_headers = {"x-trace", "AUTHORIZATION", "Cookie"};
  options.default_headers = {{"X-Trace", "trace-1"}, {"Cookie", "c=1"}};
  Pipeline pipeline(options);
  harness.transport->reply(200, "{}");
  pipeline.send(testing::get("/sdk"));
  auto debug = recorder.of(LogLevel::kDebug);
  REQUIRE(debug.size() == 1);
  CHECK(header_value(debug[0].request_headers, "X-Trace") == "trace-1");
  CHECK(header_value(debug[0].request_headers, "Authorization") == "REDACTED");
  CHECK(header_value(debug[0].request_headers, "Cookie") == "REDACTED");
}

TEST_CASE("a throwing logger does not change the outcome") {
  Harness harness;
  ClientOptions options = harness.options();
  options.logger = [](const LogRecord&) { throw std::runtime_error("logger broke"); };
  Pipeline pipeline(options);
  harness.transport->reply(200, "{}");
  CHECK(pipeline.send(testing::get("/sdk")).status == 200);
}

TEST_CASE("DYNAMIC_LOG=info prints one line per call to stderr") {
  ScopedEnv env(kLogVariable, "info");
  Harness harness;
  Pipeline pipeline(harness.options());
  harness.transport->reply(503);
  harness.transport->reply(200, "{}", {{"x-request-id", "r-2"}});
  CaptureStderr captured;
  pipeline.send(testing::get("/sdk"));
  auto lines = lines_of(captured.text());
  REQUIRE(lines.size() == 1);
  CHECK(lines[0].rfind("dynamic: GET /api/v0/sdk -> 200 (", 0) == 0);
  CHECK(lines[0].find("1 retry, request id r-2): ok") != std::string::npos);
}

TEST_CASE("DYNAMIC_LOG=debug prints attempts with allow-listed headers and no token") {
  ScopedEnv env(kLogVariable, "DEBUG");
  Harness harness;
  Pipeline pipeline(harness.options());
  harness.transport->reply(200, "{}", {{"Content-Type", "application/json"}});
  CaptureStderr captured;
  pipeline.send(testing::get("/sdk"));
  const std::string text = captured.text();
  auto lines = lines_of(text);
  REQUIRE(lines.size() == 2);
  CHECK(lines[0].rfind("dynamic: [debug] GET /api/v0/sdk attempt 1 -> 200 (", 0) == 0);
  CHECK(lines[0].find("Authorization: REDACTED") != std::string::npos);
  CHECK(lines[0].find("response headers {Content-Type: application/json}") != std::string::npos);
  CHECK(lines[1].rfind("dynamic: GET /api/v0/sdk -> 200", 0) == 0);
  CHECK(text.find(valid_token()) == std::string::npos);
}

TEST_CASE("stderr stays quiet without DYNAMIC_LOG or with a logger set") {
  {
    ScopedEnv env(kLogVariable, nullptr);
    Harness harness;
    Pipeline pipeline(harness.options());
    harness.transport->reply(200, "{}");
    CaptureStderr captured;
    pipeline.send(testing::get("/sdk"));
    CHECK(captured.text().empty());
  }
  {
    ScopedEnv env(kLogVariable, "verbose");
    Harness harness;
    Pipeline pipeline(harness.options());
    harness.transport->reply(200, "{}");
    CaptureStderr captured;
    pipeline.send(testing::get("/sdk"));
    CHECK(captured.text().empty());
  }
  {
    ScopedEnv env(kLogVariable, "debug");
    Harness harness;
    Recorder recorder;
    ClientOptions options = harness.options();
    options.logger = recorder.logger();
    Pipeline pipeline(options);
    harness.transport->reply(200, "{}");
    CaptureStderr captured;
    pipeline.send(testing::get("/sdk"));
    CHECK(captured.text().empty());
    CHECK(recorder.records->size() == 2);
  }
}
