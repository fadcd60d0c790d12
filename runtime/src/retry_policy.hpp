// Retries: which failures are repeated, and how long to wait before the next attempt.
#pragma once

#include <chrono>
#include <optional>
#include <string_view>

#include "logging_policy.hpp"
#include "policy.hpp"

namespace dynamic::detail {

/// A server asking for a longer wait than this is not retried; the error surfaces instead.
inline constexpr std::chrono::milliseconds kMaxServerDelay{60'000};

/// GET, PUT, DELETE, HEAD and OPTIONS.
bool is_idempotent(std::string_view method);

/// IMF-fixdate ("Sun, 06 Nov 1994 08:49:37 GMT"), the form RFC 9110 requires senders to use.
/// A date system_clock cannot hold gives its first or last instant.
std::optional<std::chrono::system_clock::time_point> parse_http_date(std::string_view text);

/// The wait the server asked for: retry-after-ms, else Retry-After (seconds or an HTTP date,
/// relative to `now`).
std::optional<std::chrono::milliseconds> server_delay(const HttpResponse& response,
                                                      std::chrono::system_clock::time_point now);

/// 500 ms * 2^retry capped at 8 s, minus up to 25 % random jitter.
std::chrono::milliseconds backoff_delay(int retry);

/// Repeats the rest of the chain while the failure is retryable and retries are left:
///  - 429 and connection refused, for every method (the request surely was not processed);
///  - 408, 409, 5xx, connection failures and timeouts, for idempotent methods, and for POST and
///    PATCH when the call opts in (retry_non_idempotent).
/// Waits for what the server asked (up to kMaxServerDelay; beyond it the answer is returned as
/// is), else exponential backoff. Returns the last answer, whatever its status.
class RetryPolicy final : public Policy {
 public:
  RetryPolicy(const Timing& timing, const LogSink& log) : timing_(timing), log_(log) {}
  HttpResponse send(HttpRequest& request,
                    CallContext& context,
                    const NextPolicy& next) const override;

 private:
  void wait(const HttpRequest& request,
            const CallContext& context,
            std::chrono::milliseconds delay,
            std::optional<int> status,
            const std::string& reason) const;

  const Timing& timing_;
  const LogSink& log_;
};

}  // namespace dynamic::detail
