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

/// ClientOptions::proxy value that turns proxies off, whatever the environment says (as an empty
/// CURLOPT_PROXY does in curl).
inline constexpr const char* kNoProxy = "";

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
  /// Forward proxy, read the way curl reads it.
  /// - Unset (the default): from the environment. For https:// URLs `https_proxy`, then
  ///   `HTTPS_PROXY`; for http:// URLs `http_proxy` only (upper-case HTTP_PROXY is ignored, as
  ///   curl does: under CGI it can be set by a request's `Proxy:` header, "httpoxy"); then
  ///   `all_proxy`, then `ALL_PROXY`. The first one set wins; set but empty means no proxy.
  /// - A URL, `http://[user:password@]host[:port]` ("http://" when no scheme is given, port 1080
  ///   when none is): every request goes through it; the proxy variables are not read.
  /// - kNoProxy (""): never a proxy, and `no_proxy` is not consulted.
  /// https:// requests are tunnelled with CONNECT (TLS runs end to end, verify_tls applies to the
  /// API server); http:// requests are sent to the proxy with the absolute URL. Only http://
  /// proxies are supported. user:password (percent-decoded) is sent as Proxy-Authorization: Basic
  /// and never appears in logs or error messages. A malformed URL is a ConfigurationError naming
  /// where it came from (the option or the variable), thrown by the constructor for the option
  /// and for the variable base_url needs, otherwise by the first call that would use it.
  std::optional<std::string> proxy;
  /// Hosts reached without a proxy, even an explicit one (as in curl): comma-separated entries,
  /// case-insensitive. An entry `*` covers every host; `example.com` or `.example.com` covers that
  /// host and its subdomains; an IP address covers exactly that address; `host:port` only that
  /// port. Unset: `no_proxy`, then `NO_PROXY`.
  std::optional<std::string> no_proxy;
  /// Reads DYNAMIC_API_TOKEN, DYNAMIC_LOG and the proxy variables, once, when the client is
  /// created. Null: std::getenv. Tests inject a map.
  EnvironmentLookup environment;
};

}  // namespace dynamic
