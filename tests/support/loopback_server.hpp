// A scripted HTTP server on 127.0.0.1 for tests: answers queued responses in order and records
// every request it receives. Built on cpprestsdk's http_listener, kept out of the SDK's headers.
#pragma once

#include <chrono>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace dynamic::testing {

struct RecordedRequest {
  std::string method;
  /// Path and query exactly as received, e.g. "/api/v0/environments/e%2F1/users?limit=5".
  std::string target;
  /// Header names lower-cased.
  std::map<std::string, std::string> headers;
  std::string body;
};

struct ScriptedResponse {
  int status = 200;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  /// Wait this long before answering (for timeout tests).
  std::chrono::milliseconds delay{0};
};

class LoopbackServer {
 public:
  /// Listens on a free port of 127.0.0.1, retrying when another process takes it first.
  LoopbackServer();
  ~LoopbackServer();
  LoopbackServer(const LoopbackServer&) = delete;
  LoopbackServer& operator=(const LoopbackServer&) = delete;

  /// "http://127.0.0.1:<port>/api/v0": use as ClientOptions::base_url.
  std::string base_url() const;
  /// Queue an answer; with the queue empty the server answers 599 with a body saying so.
  void enqueue(ScriptedResponse response);
  std::vector<RecordedRequest> requests() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace dynamic::testing
