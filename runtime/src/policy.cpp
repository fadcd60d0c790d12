#include "policy.hpp"

#include <thread>
#include <utility>

#include "dynamic/runtime/errors.hpp"

namespace dynamic::detail {

HttpResponse NextPolicy::operator()(HttpRequest& request, CallContext& context) const {
  if (index_ >= policies_.size()) return transport_.send(request);
  return policies_[index_]->send(request, context, NextPolicy(policies_, index_ + 1, transport_));
}

HttpResponse run_chain(const std::vector<std::unique_ptr<Policy>>& policies,
                       Transport& transport,
                       HttpRequest& request,
                       CallContext& context) {
  return NextPolicy(policies, 0, transport)(request, context);
}

void Timing::sleep(std::chrono::milliseconds delay) const {
  if (sleep_) {
    sleep_(delay);
  } else if (delay.count() > 0) {
    std::this_thread::sleep_for(delay);
  }
}

std::chrono::system_clock::time_point Timing::wall_now() const {
  return clock_ ? clock_() : std::chrono::system_clock::now();
}

std::chrono::nanoseconds Timing::monotonic_now() const {
  if (clock_) return clock_().time_since_epoch();
  return std::chrono::steady_clock::now().time_since_epoch();
}

HttpResponse ResponseLimitPolicy::send(HttpRequest& request,
                                       CallContext& context,
                                       const NextPolicy& next) const {
  HttpResponse response = next(request, context);
  if (response.body.size() > request.max_response_bytes) {
    throw ResponseTooLargeError(request.max_response_bytes, response.status);
  }
  return response;
}

}  // namespace dynamic::detail
