// What `xxx_async` operations return.
#pragma once

#include <future>
#include <utility>

namespace dynamic {

/// A std::future with a name of the SDK's own, so that resource headers can declare `_async`
/// methods without including <future>. Everything std::future offers works on it, and it
/// converts to one: `std::future<T> f = api.get_user_async(...);`.
template <class T>
class Future : public std::future<T> {
 public:
  Future() noexcept = default;
  Future(std::future<T>&& future) noexcept : std::future<T>(std::move(future)) {}  // NOLINT
};

}  // namespace dynamic
