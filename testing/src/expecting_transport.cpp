#include <vector>

#include "dynamic/testing.hpp"

namespace dynamic::testing {
namespace {

constexpr const char* kBaseUrl = "https://expected.example.test/api/v0";

std::vector<std::string> segments(const std::string& path) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start < path.size()) {
    std::size_t end = path.find('/', start);
    if (end == std::string::npos) end = path.size();
    if (end > start) out.push_back(path.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

bool path_matches(const std::string& pattern, const std::string& path) {
  const std::vector<std::string> want = segments(pattern);
  const std::vector<std::string> got = segments(path);
  if (want.size() != got.size()) return false;
  for (std::size_t i = 0; i < want.size(); ++i) {
    const bool placeholder = want[i].size() > 2 && want[i].front() == '{' && want[i].back() == '}';
    if (!placeholder && want[i] != got[i]) return false;
  }
  return true;
}

/// The request's path relative to the base URL, without the query.
std::string relative_path(const std::string& url) {
  std::string path = url.rfind(kBaseUrl, 0) == 0 ? url.substr(std::string(kBaseUrl).size()) : url;
  return path.substr(0, path.find('?'));
}

}  // namespace

ExpectingTransport& ExpectingTransport::expect(std::string method,
                                               std::string path,
                                               int status,
                                               std::string body) {
  std::lock_guard<std::mutex> lock(mutex_);
  expected_.push_back({std::move(method), std::move(path), status, std::move(body)});
  return *this;
}

HttpResponse ExpectingTransport::send(const HttpRequest& request) {
  std::lock_guard<std::mutex> lock(mutex_);
  const std::string path = relative_path(request.url);
  const std::string seen = request.method + " " + path;
  if (expected_.empty()) {
    throw UnexpectedRequest("unexpected request " + seen + ": no more requests were expected");
  }
  const Expectation next = expected_.front();
  if (next.method != request.method || !path_matches(next.path, path)) {
    throw UnexpectedRequest("unexpected request " + seen + " (expected " + next.method + " " +
                            next.path + ")");
  }
  expected_.pop_front();
  HttpResponse response;
  response.status = next.status;
  if (!next.body.empty()) response.headers.emplace_back("Content-Type", "application/json");
  response.body = next.body;
  return response;
}

void ExpectingTransport::verify() const {
  std::lock_guard<std::mutex> lock(mutex_);
  if (expected_.empty()) return;
  std::string list;
  for (const Expectation& left : expected_) list += "\n  " + left.method + " " + left.path;
  throw UnexpectedRequest("expected requests that never came:" + list);
}

ClientOptions ExpectingTransport::client_options(
    const std::shared_ptr<ExpectingTransport>& transport) {
  ClientOptions options;
  options.api_token = test_token();
  options.base_url = kBaseUrl;
  options.transport = transport;
  options.max_retries = 0;
  return options;
}

std::string test_token() { return "dyn_" + std::string(56, 'T'); }

}  // namespace dynamic::testing
