// Reading an environment variable through ClientOptions::environment.
#pragma once

#include <cstdlib>
#include <optional>
#include <string>

#include "dynamic/runtime/options.hpp"

namespace dynamic::detail {

/// The variable's value (possibly empty), or none when it is not set. Null `lookup`: std::getenv.
inline std::optional<std::string> read_environment(const EnvironmentLookup& lookup,
                                                   const char* name) {
  const char* value = lookup ? lookup(name) : std::getenv(name);
  if (value == nullptr) return std::nullopt;
  return std::string(value);
}

}  // namespace dynamic::detail
