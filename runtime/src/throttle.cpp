#include "throttle.hpp"

#include <algorithm>
#include <cmath>

#include "dynamic/runtime/errors.hpp"

namespace dynamic::detail {
namespace {

const ThrottleOptions& checked(const ThrottleOptions& options) {
  if (options.requests_per_minute < 1) {
    throw ConfigurationError("ThrottleOptions::requests_per_minute must be at least 1");
  }
  if (options.burst < 1) throw ConfigurationError("ThrottleOptions::burst must be at least 1");
  return options;
}

}  // namespace

TokenBucket::TokenBucket(const ThrottleOptions& options, const Timing& timing)
    : timing_(timing),
      capacity_(static_cast<double>(checked(options).burst)),
      tokens_per_ns_(static_cast<double>(options.requests_per_minute) / 60e9),
      tokens_(capacity_),
      last_(timing.monotonic_now()) {}

std::chrono::milliseconds TokenBucket::reserve() {
  std::lock_guard<std::mutex> lock(mutex_);
  const std::chrono::nanoseconds now = timing_.monotonic_now();
  if (now > last_) {
    tokens_ =
        std::min(capacity_, tokens_ + static_cast<double>((now - last_).count()) * tokens_per_ns_);
    last_ = now;
  }
  tokens_ -= 1.0;
  if (tokens_ >= 0.0) return std::chrono::milliseconds(0);
  // Time until the count is back at zero; a hair of tolerance keeps float noise from adding 1 ms.
  const double wait_ms = -tokens_ / tokens_per_ns_ / 1e6;
  return std::chrono::milliseconds(static_cast<long long>(std::ceil(wait_ms - 1e-6)));
}

HttpResponse ThrottlePolicy::send(HttpRequest& request,
                                  CallContext& context,
                                  const NextPolicy& next) const {
  const std::chrono::milliseconds wait = bucket_.reserve();
  if (wait.count() > 0) timing_.sleep(wait);
  return next(request, context);
}

}  // namespace dynamic::detail
