// A value held on the heap, for schemas that contain themselves (a tree node with a parent
// node). It copies deeply like a plain member would, and the type may be incomplete where a
// Box<T> member is declared: copying and deleting are captured when a value is put in.
#pragma once

#include <stdexcept>
#include <utility>

namespace dynamic {

template <class T>
class Box {
 public:
  /// Empty (what a required recursive field holds before it is decoded or assigned).
  Box() = default;
  Box(T value)  // NOLINT(google-explicit-constructor): a Box stands in for its value
      : value_(new T(std::move(value))), copy_(&copy_value), destroy_(&destroy_value) {}
  Box(const Box& other)
      : value_(other.value_ != nullptr ? other.copy_(other.value_) : nullptr),
        copy_(other.copy_),
        destroy_(other.destroy_) {}
  Box(Box&& other) noexcept
      : value_(std::exchange(other.value_, nullptr)),
        copy_(other.copy_),
        destroy_(other.destroy_) {}
  Box& operator=(Box other) noexcept {
    std::swap(value_, other.value_);
    std::swap(copy_, other.copy_);
    std::swap(destroy_, other.destroy_);
    return *this;
  }
  ~Box() {
    if (value_ != nullptr) destroy_(value_);
  }

  bool has_value() const { return value_ != nullptr; }
  /// Throws std::logic_error when empty.
  const T& operator*() const { return get(); }
  T& operator*() { return get(); }
  const T* operator->() const { return &get(); }
  T* operator->() { return &get(); }

  friend bool operator==(const Box& a, const Box& b) {
    if (a.value_ == nullptr || b.value_ == nullptr) return a.value_ == b.value_;
    return *a.value_ == *b.value_;
  }

 private:
  static T* copy_value(const T* value) { return new T(*value); }
  static void destroy_value(T* value) { delete value; }
  T& get() const {
    if (value_ == nullptr) throw std::logic_error("Box is empty");
    return *value_;
  }

  T* value_ = nullptr;
  T* (*copy_)(const T*) = nullptr;
  void (*destroy_)(T*) = nullptr;
};

}  // namespace dynamic
