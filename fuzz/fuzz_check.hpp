// Shared by the fuzz targets: a failed invariant aborts, which libFuzzer reports as a crash with
// the input, and which fails the replay tests (fuzz/replay_main.cpp) under plain gcc.
#pragma once

#include <cstdio>
#include <cstdlib>

// Not assert(): the targets must check their invariants in release builds too.
#define FUZZ_CHECK(condition)                                                                \
  do {                                                                                       \
    if (!(condition)) {                                                                      \
      std::fprintf(stderr, "%s:%d: invariant failed: %s\n", __FILE__, __LINE__, #condition); \
      std::abort();                                                                          \
    }                                                                                        \
  } while (false)
