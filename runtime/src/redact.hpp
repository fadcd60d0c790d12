// Internal text helpers of the runtime: secret redaction and ASCII case handling.
#pragma once

#include <string>
#include <string_view>

namespace dynamic::detail {

/// Replaces every `dyn_` followed by one or more ASCII letters or digits with `dyn_***`, so that
/// an API token echoed by a server or a library never reaches a message.
std::string redact_secrets(std::string_view text);

/// ASCII case-insensitive comparison (HTTP header names).
bool iequals(std::string_view a, std::string_view b);

/// ASCII lower-case copy.
std::string ascii_lower(std::string_view text);

}  // namespace dynamic::detail
