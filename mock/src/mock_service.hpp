// The mock's behaviour, apart from any network: one request in, one answer out. It checks the
// bearer token and every parameter and body against the spec, answers with data that conforms
// to the declared response, and injects faults on demand. Thread-safe.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "routes.hpp"
#include "sample.hpp"
#include "schema_check.hpp"
#include "spec/document.hpp"
#include "store.hpp"

namespace dynamic::mock {

struct MockRequest {
  std::string method;
  /// Path and query as sent ("/api/v0/environments/e1/users?limit=5").
  std::string target;
  /// Header names lower-cased.
  std::map<std::string, std::string> headers;
  std::string body;
};

struct MockResponse {
  int status = 200;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  /// Wait this long before answering (a `delay-ms` fault).
  int delay_ms = 0;
  /// Break the connection after this many bytes of the body (`reset-mid-body`: half of it;
  /// `drop`: none), with the full length announced. Negative: answer normally.
  long long cut_after = -1;
};

struct MockOptions {
  /// Seeds generated values: the same seed gives the same answers.
  std::uint64_t seed = 1;
  /// A fault applied to every request without an X-Mock-Fault header (same syntax).
  std::string fault;
  /// Keep what collections create (see store.hpp); off, every answer is generated afresh and
  /// any id is found (what a contract test of every operation wants).
  bool stateful = true;
};

class MockService {
 public:
  MockService(dyngen::Document document, MockOptions options);
  MockService(const MockService&) = delete;
  MockService& operator=(const MockService&) = delete;

  MockResponse handle(const MockRequest& request);

  /// Loads a data set into the collections (see Store::load).
  void load_data(const boost::json::value& data);

  /// Replaces the fault applied to requests without an X-Mock-Fault header ("" for none), for
  /// tests that run the mock in-process.
  void set_fault(std::string fault);

  const Routes& routes() const { return routes_; }

 private:
  /// A request as the service reads it: target and body parsed once.
  struct Incoming {
    const MockRequest& raw;
    std::string path;  // without the query
    bool valid_target = false;
    std::multimap<std::string, std::string> query;  // percent-decoded
    std::optional<boost::json::value> body;         // the JSON body, when it parses
    std::string body_error;                         // why it does not, when it does not
  };
  static Incoming read(const MockRequest& request);

  MockResponse answer(const Match& match, const Incoming& request);
  MockResponse stored_or_generated(const Match& match, const Incoming& request);
  std::optional<MockResponse> stored_answer(const Match& match, const Incoming& request);
  void about_the_id_asked(boost::json::value& body,
                          const Match& match,
                          const boost::json::value& schema) const;
  void end_cursor_list(boost::json::value& body,
                       const Incoming& request,
                       const boost::json::value& schema) const;
  std::vector<Problem> check_request(const Match& match,
                                     const Incoming& request,
                                     bool& malformed) const;
  MockResponse error(const Route* route, int status, const std::string& message) const;
  /// The fault to apply, if any: `times=N` faults apply to their first N requests only.
  std::map<std::string, std::string> take_fault(const MockRequest& request);

  dyngen::Document document_;
  MockOptions options_;
  SchemaCheck check_;
  Sampler sampler_;
  Routes routes_;
  std::mutex mutex_;
  Store store_;  // guarded by mutex_
  std::map<std::string, int> fault_uses_;
};

/// `status=429;retry-after=1` -> {status: 429, retry-after: 1}; a bare word (`drop`) maps to "".
std::map<std::string, std::string> parse_fault(const std::string& text);

}  // namespace dynamic::mock
