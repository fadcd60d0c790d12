// The optional client-side throttle: a token bucket in front of every attempt.
#pragma once

#include <chrono>
#include <mutex>

#include "dynamic/runtime/options.hpp"
#include "policy.hpp"

namespace dynamic::detail {

/// `burst` tokens, refilled at requests_per_minute / 60 000 per millisecond. A caller takes a
/// token even when none is left (the count goes negative) and waits until it would have been
/// there, so concurrent callers queue up fairly without holding a lock while they wait.
class TokenBucket {
 public:
  /// Throws ConfigurationError unless requests_per_minute >= 1 and burst >= 1.
  TokenBucket(const ThrottleOptions& options, const Timing& timing);

  /// Takes a token; returns how long to wait before using it (zero when one was available).
  std::chrono::milliseconds reserve();

 private:
  const Timing& timing_;
  const double capacity_;
  const double tokens_per_ns_;
  std::mutex mutex_;
  double tokens_;
  std::chrono::nanoseconds last_;
};

/// Waits (through the injected sleep) for a token before each attempt.
class ThrottlePolicy final : public Policy {
 public:
  ThrottlePolicy(const ThrottleOptions& options, const Timing& timing)
      : bucket_(options, timing), timing_(timing) {}
  HttpResponse send(HttpRequest& request,
                    CallContext& context,
                    const NextPolicy& next) const override;

 private:
  mutable TokenBucket bucket_;
  const Timing& timing_;
};

}  // namespace dynamic::detail
