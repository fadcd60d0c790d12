// Dynamic::testing: for an application's own tests. Two ways to stand in for Dynamic's API:
//
// - MockServer runs dynamic-mock in the test's process on a free port of 127.0.0.1: a Client
//   made from its client_options() gets answers that conform to the spec, checked requests, and
//   collections that remember what they create.
// - ExpectingTransport answers from a script of expected requests ("the next GET
//   /environments/{environmentId}/users returns this body"); any other request fails with a
//   message naming it.
//
// Neither header pulls in cpprestsdk or Boost.
#pragma once

#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>

#include "dynamic/runtime/options.hpp"
#include "dynamic/runtime/transport.hpp"

namespace dynamic::testing {

/// A token of the documented shape (dyn_ and 56 letters or digits), accepted by MockServer.
std::string test_token();

struct MockServerOptions {
  /// The OpenAPI document to serve; empty: the SDK's own spec, compiled into this library.
  std::string spec_path;
  /// Seeds generated values: the same seed gives the same answers.
  std::uint64_t seed = 1;
  /// Remember what collections create (404 for unknown ids); off, any id is found.
  bool stateful = true;
};

class MockServer {
 public:
  explicit MockServer(MockServerOptions options = {});
  ~MockServer();
  MockServer(const MockServer&) = delete;
  MockServer& operator=(const MockServer&) = delete;

  /// "http://127.0.0.1:PORT/api/v0".
  std::string base_url() const;
  /// Options for a Client of this server: its base URL and test_token().
  ClientOptions client_options() const;
  /// Makes every following request answer this fault (X-Mock-Fault syntax, e.g.
  /// "status=503;times=2"); "" turns it off.
  void set_fault(const std::string& fault);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

/// A request ExpectingTransport did not expect, or one that came when none was left.
class UnexpectedRequest : public std::logic_error {
 public:
  using std::logic_error::logic_error;
};

class ExpectingTransport : public Transport {
 public:
  /// The next request must be `method` on `path` (relative to the base URL, without the query;
  /// `{name}` matches any one segment). It is answered with `status` and `body` (JSON).
  ExpectingTransport& expect(std::string method,
                             std::string path,
                             int status,
                             std::string body = {});

  /// Answers the next expectation, or throws UnexpectedRequest naming the request and what was
  /// expected.
  HttpResponse send(const HttpRequest& request) override;

  /// Throws UnexpectedRequest listing the expectations no request met.
  void verify() const;

  /// Options for a Client that sends through this transport (made with make_shared).
  static ClientOptions client_options(const std::shared_ptr<ExpectingTransport>& transport);

 private:
  struct Expectation {
    std::string method;
    std::string path;
    int status;
    std::string body;
  };
  mutable std::mutex mutex_;
  std::deque<Expectation> expected_;
};

}  // namespace dynamic::testing
