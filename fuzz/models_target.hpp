// A generated model's decoder on arbitrary text, strictly and leniently: the body of the models_*
// targets. A DecodeError is the documented outcome for text that does not fit; anything else
// (another exception, a crash, a sanitizer report) is a bug, and so is a broken invariant:
//  - strict decoding succeeds exactly when lenient decoding succeeds without problems, and then
//    both give the same value (lenient mode only adds what strict mode refuses);
//  - a body lenient decoding refuses altogether (not JSON, root of the wrong kind) strict decoding
//    refuses too;
//  - every decoded value encodes to JSON that decodes strictly to an equal value.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "dynamic/detail/json_codec.hpp"
#include "dynamic/runtime/errors.hpp"
#include "fuzz_check.hpp"

namespace dynamic_fuzz {

template <class T>
struct Decoded {
  std::optional<T> value;
  std::vector<dynamic::DecodeProblem> problems;
};

/// Decodes in a scope of the given strictness (the models' from_json reads the thread's scope).
template <class T>
Decoded<T> decode(std::string_view text, bool strict) {
  Decoded<T> out;
  dynamic::detail::DecodeScope scope(strict);
  try {
    T value;
    from_json(text, value);
    out.value = std::move(value);
  } catch (const dynamic::DecodeError& error) {
    FUZZ_CHECK(error.what() != nullptr);
  }
  out.problems = scope.take_problems();
  if (strict) FUZZ_CHECK(out.problems.empty());
  return out;
}

template <class T>
void check_round_trip(const T& value) {
  const std::string encoded = to_json(value);
  T again;
  try {
    from_json(encoded, again);  // no scope: strict
  } catch (const dynamic::DecodeError& error) {
    std::fprintf(stderr, "re-decoding %s failed: %s\n", encoded.c_str(), error.what());
    FUZZ_CHECK(false);
  }
  if (!(again == value)) {
    std::fprintf(stderr, "encoded: %s\nre-encoded: %s\n", encoded.c_str(), to_json(again).c_str());
    FUZZ_CHECK(again == value);
  }
}

/// Decodes strictly and leniently and checks the invariants above; returns both results for
/// targets that check more.
template <class T>
std::pair<Decoded<T>, Decoded<T>> fuzz_model(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  Decoded<T> strict = decode<T>(text, true);
  Decoded<T> lenient = decode<T>(text, false);
  if (strict.value) {
    FUZZ_CHECK(lenient.value.has_value());
    FUZZ_CHECK(lenient.problems.empty());
    FUZZ_CHECK(*lenient.value == *strict.value);
    check_round_trip(*strict.value);
  }
  if (lenient.value) {
    FUZZ_CHECK(strict.value.has_value() == lenient.problems.empty());
    check_round_trip(*lenient.value);
  } else {
    FUZZ_CHECK(!strict.value.has_value());
  }
  return {std::move(strict), std::move(lenient)};
}

}  // namespace dynamic_fuzz
