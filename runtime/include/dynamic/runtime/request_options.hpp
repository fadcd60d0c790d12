// Per-call options. Kept apart from ClientOptions so that resource headers, which every method
// declaration needs this for, stay cheap to include.
#pragma once

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace dynamic {

using HeaderList = std::vector<std::pair<std::string, std::string>>;

/// Overrides for one call; unset fields fall back to the client's options.
struct RequestOptions {
  std::optional<std::chrono::milliseconds> timeout;
  std::optional<int> max_retries;
  HeaderList extra_headers;
  /// Another base URL for this call (same rules as ClientOptions::base_url).
  std::optional<std::string> base_url;
  /// See ClientOptions::retry_non_idempotent.
  std::optional<bool> retry_non_idempotent;
  std::optional<std::size_t> max_response_bytes;
};

}  // namespace dynamic
