// Figures that are not timing loops: generating the full document in a child process, and the
// peak memory of a large decode.
#pragma once

#include <cstddef>
#include <optional>
#include <string>

namespace dynamic::bench {

struct GenerateFigures {
  double median_seconds = 0;
  double peak_megabytes = 0;
};

/// Runs `dyngen generate` on `spec` into a fresh folder `runs` times. Empty when the spec is
/// missing (the caller says so); throws when dyngen fails.
std::optional<GenerateFigures> measure_generate(const std::string& spec, int runs);

struct MemoryFigures {
  std::size_t input_bytes = 0;
  std::size_t peak_bytes = 0;
  /// What the decoded value itself holds once decoding is over.
  std::size_t result_bytes = 0;
  std::size_t users = 0;
};

/// Decodes a `users`-user answer and reports the heap's peak while doing it.
MemoryFigures measure_decode_memory(std::size_t users);

}  // namespace dynamic::bench
