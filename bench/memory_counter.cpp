#include "memory_counter.hpp"

#include <malloc.h>

#include <atomic>
#include <cstdlib>
#include <new>

namespace {

std::atomic<bool> counting{false};
std::atomic<long long> live{0};
std::atomic<long long> peak{0};

void note_allocated(void* pointer) {
  if (pointer == nullptr || !counting.load(std::memory_order_relaxed)) return;
  const long long now = live.fetch_add(static_cast<long long>(malloc_usable_size(pointer))) +
                        static_cast<long long>(malloc_usable_size(pointer));
  long long seen = peak.load(std::memory_order_relaxed);
  while (now > seen && !peak.compare_exchange_weak(seen, now)) {
  }
}

void note_freed(void* pointer) {
  if (pointer == nullptr || !counting.load(std::memory_order_relaxed)) return;
  live.fetch_sub(static_cast<long long>(malloc_usable_size(pointer)));
}

void* allocate(std::size_t size) {
  void* pointer = std::malloc(size == 0 ? 1 : size);
  if (pointer == nullptr) throw std::bad_alloc();
  note_allocated(pointer);
  return pointer;
}

void release(void* pointer) noexcept {
  note_freed(pointer);
  std::free(pointer);
}

}  // namespace

namespace dynamic::bench {

void start_counting() {
  live = 0;
  peak = 0;
  counting = true;
}

std::size_t live_bytes() {
  const long long now = live.load();
  return now > 0 ? static_cast<std::size_t>(now) : 0;
}

std::size_t stop_counting() {
  counting = false;
  return static_cast<std::size_t>(peak.load());
}

}  // namespace dynamic::bench

// A block allocated before counting started and freed during it would make the peak read low;
// the measured code (decoding a document held by the caller) frees nothing it did not allocate.
void* operator new(std::size_t size) { return allocate(size); }
void* operator new[](std::size_t size) { return allocate(size); }
void* operator new(std::size_t size, const std::nothrow_t&) noexcept {
  try {
    return allocate(size);
  } catch (...) {
    return nullptr;
  }
}
void* operator new[](std::size_t size, const std::nothrow_t& tag) noexcept {
  return operator new(size, tag);
}
void operator delete(void* pointer) noexcept { release(pointer); }
void operator delete[](void* pointer) noexcept { release(pointer); }
void operator delete(void* pointer, std::size_t) noexcept { release(pointer); }
void operator delete[](void* pointer, std::size_t) noexcept { release(pointer); }
