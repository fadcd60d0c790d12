// Options for a client and for a single call.
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "dynamic/runtime/logging.hpp"
#include "dynamic/runtime/request_options.hpp"

namespace dynamic {

class Transport;

/// Production host. The alternate host https://app.dynamic.xyz/api/v0 serves the same API.
inline constexpr const char* kDefaultBaseUrl = "https://app.dynamicauth.com/api/v0";

/// Environment variable read when ClientOptions::api_token is empty.
inline constexpr const char* kApiTokenVariable = "DYNAMIC_API_TOKEN";

/// Dynamic's documented rate limits.
inline constexpr int kDynamicRequestsPerMinutePerIp = 1500;
inline constexpr int kDynamicRequestsPerMinutePerEnvironment = 3000;

/// Looks up an environment variable: null when it is not set. The text is copied at once.
using EnvironmentLookup = std::function<const char*(const char* name)>;

/// Default ClientOptions::max_response_bytes: 64 MiB.
inline constexpr std::size_t kDefaultMaxResponseBytes = std::size_t{64} * 1024 * 1024;

/// A client-side token bucket: at most `burst` requests back to back, then `requests_per_minute`
/// on average. Every attempt (retries included) takes a token; a call without one waits (through
/// ClientOptions::sleep) instead of sending and collecting a 429.
struct ThrottleOptions {
  int requests_per_minute = kDynamicRequestsPerMinutePerIp;
  int burst = 25;
};

struct ClientOptions {
  std::string base_url = kDefaultBaseUrl;
  /// `dyn_` followed by 56 alphanumerics. Empty: taken from DYNAMIC_API_TOKEN.
  std::string api_token;
  std::chrono::milliseconds timeout{std::chrono::seconds(60)};
  /// Retries after the first attempt, for failures that are safe to repeat.
  int max_retries = 2;
  /// POST and PATCH are retried only when the request surely was not processed (429, connection
  /// refused). True: retry them on everything GET is retried on (408, 409, 5xx, connection
  /// failures, timeouts); only for operations known to be safe to repeat.
  bool retry_non_idempotent = false;
  HeaderList default_headers;
  /// Null: the cpprestsdk transport.
  std::shared_ptr<Transport> transport;
  /// Waits between retries and for the throttle. Null: std::this_thread::sleep_for. Tests inject
  /// a recorder.
  std::function<void(std::chrono::milliseconds)> sleep;
  /// Wall clock for Retry-After dates and the throttle. Null: std::chrono::system_clock::now for
  /// dates and a steady clock for the throttle. Tests inject a fake one.
  std::function<std::chrono::system_clock::time_point()> clock;
  /// Off by default. See kDynamicRequestsPerMinutePerIp.
  std::optional<ThrottleOptions> throttle;
  /// Threads of the pool behind send_async / run_async (started on first use; at least 1).
  int async_threads = 4;
  /// Receives a record per call and per attempt. Null: DYNAMIC_LOG=info|debug prints to stderr.
  Logger logger;
  /// Header names (case-insensitive) whose values debug records may show, on top of the built-in
  /// allow-list (Accept, Content-Type, Content-Length, User-Agent, request ids, Retry-After, ...).
  /// Authorization is never shown.
  std::vector<std::string> log_allowed_headers;
  /// Plain http:// is refused for any host but loopback (127.0.0.0/8, localhost, [::1]) unless
  /// this is true.
  bool allow_insecure_http = false;
  /// TLS certificate and host name verification. Turn off only for tests against a server with a
  /// self-signed certificate, never in production.
  bool verify_tls = true;
  /// A response body larger than this fails with ResponseTooLargeError.
  std::size_t max_response_bytes = kDefaultMaxResponseBytes;
  /// False (the default): an answer that drifts from the spec is read leniently, each mismatch
  /// listed in Response::problems and logged at info. True: any mismatch is a DecodeError (for
  /// contract tests).
  bool strict_responses = false;
  /// Reads DYNAMIC_API_TOKEN and DYNAMIC_LOG, once, when the client is
  /// created. Null: std::getenv. Tests inject a map.
  EnvironmentLookup environment;
};

}  // namespace dynamic
