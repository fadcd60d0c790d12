// A field that may be absent, present as null, or present with a value: the three differ on the
// wire (absent leaves the server's value alone; null clears it), so an optional and nullable
// field keeps them apart instead of folding null into "absent".
#pragma once

#include <cstddef>
#include <optional>
#include <stdexcept>
#include <utility>

namespace dynamic {

template <class T>
class Nullable {
 public:
  /// Absent.
  Nullable() = default;
  /// Present as null.
  Nullable(std::nullptr_t) : state_(State::kNull) {}  // NOLINT(google-explicit-constructor)
  /// Present with a value.
  Nullable(T value)  // NOLINT(google-explicit-constructor)
      : value_(std::move(value)), state_(State::kValue) {}

  bool is_absent() const { return state_ == State::kAbsent; }
  bool is_null() const { return state_ == State::kNull; }
  bool has_value() const { return state_ == State::kValue; }
  explicit operator bool() const { return has_value(); }

  /// Throws std::logic_error when there is no value (absent or null).
  const T& value() const {
    if (!has_value()) throw std::logic_error("Nullable has no value");
    return *value_;
  }
  T& value() {
    if (!has_value()) throw std::logic_error("Nullable has no value");
    return *value_;
  }
  const T& operator*() const { return value(); }
  T& operator*() { return value(); }
  const T* operator->() const { return &value(); }
  T* operator->() { return &value(); }
  T value_or(T fallback) const { return has_value() ? *value_ : std::move(fallback); }

  /// Back to absent.
  void reset() {
    value_.reset();
    state_ = State::kAbsent;
  }

  friend bool operator==(const Nullable& a, const Nullable& b) {
    return a.state_ == b.state_ && a.value_ == b.value_;
  }
  friend bool operator!=(const Nullable& a, const Nullable& b) { return !(a == b); }

 private:
  enum class State { kAbsent, kNull, kValue };
  std::optional<T> value_;
  State state_ = State::kAbsent;
};

}  // namespace dynamic
