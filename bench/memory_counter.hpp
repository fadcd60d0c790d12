// Counts the bytes the program holds on the heap (every operator new and delete of the process
// goes through memory_counter.cpp), for peak-memory figures without a second process.
#pragma once

#include <cstddef>

namespace dynamic::bench {

/// Starts counting from zero: live bytes and the peak since now.
void start_counting();
/// Bytes allocated since start_counting() and not freed yet.
std::size_t live_bytes();
/// Stops counting; returns the peak of live bytes allocated since start_counting().
std::size_t stop_counting();

}  // namespace dynamic::bench
