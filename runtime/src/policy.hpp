// The request pipeline as a chain of small policies (retry, throttle, logging, size limit) that
// ends in the Transport. Each policy handles one concern and calls the rest of the chain.
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <vector>

#include "dynamic/runtime/transport.hpp"

namespace dynamic::detail {

/// One call's settings, resolved from ClientOptions and RequestOptions, and its progress.
struct CallContext {
  int max_retries = 0;
  /// GET, PUT, DELETE, HEAD, OPTIONS.
  bool idempotent = false;
  /// RequestOptions / ClientOptions::retry_non_idempotent.
  bool retry_non_idempotent = false;
  /// 0-based index of the attempt in progress (set by the retry policy).
  int attempt = 0;
};

class Policy;

/// The rest of the chain after a policy.
class NextPolicy {
 public:
  NextPolicy(const std::vector<std::unique_ptr<Policy>>& policies,
             std::size_t index,
             Transport& transport)
      : policies_(policies), index_(index), transport_(transport) {}

  HttpResponse operator()(HttpRequest& request, CallContext& context) const;

 private:
  const std::vector<std::unique_ptr<Policy>>& policies_;
  std::size_t index_;
  Transport& transport_;
};

/// A link of the chain. Policies are shared by every call of a pipeline: send() is const and
/// must be thread-safe.
class Policy {
 public:
  virtual ~Policy() = default;
  /// Returns the answer (any status) or throws what the transport threw.
  virtual HttpResponse send(HttpRequest& request,
                            CallContext& context,
                            const NextPolicy& next) const = 0;
};

/// Runs `request` through `policies` in order, then `transport`.
HttpResponse run_chain(const std::vector<std::unique_ptr<Policy>>& policies,
                       Transport& transport,
                       HttpRequest& request,
                       CallContext& context);

/// The injectable sleep and clock of ClientOptions, with their defaults.
class Timing {
 public:
  Timing(std::function<void(std::chrono::milliseconds)> sleep,
         std::function<std::chrono::system_clock::time_point()> clock)
      : sleep_(std::move(sleep)), clock_(std::move(clock)) {}

  void sleep(std::chrono::milliseconds delay) const;
  /// Wall-clock time (Retry-After dates).
  std::chrono::system_clock::time_point wall_now() const;
  /// Time that only moves forward (the throttle): the injected clock, else a steady clock.
  std::chrono::nanoseconds monotonic_now() const;

 private:
  std::function<void(std::chrono::milliseconds)> sleep_;
  std::function<std::chrono::system_clock::time_point()> clock_;
};

/// Fails an answer whose body is over HttpRequest::max_response_bytes, for transports that do not
/// enforce it themselves (the cpprest transport stops reading at the limit).
class ResponseLimitPolicy final : public Policy {
 public:
  HttpResponse send(HttpRequest& request,
                    CallContext& context,
                    const NextPolicy& next) const override;
};

}  // namespace dynamic::detail
