// Options for a client and for a single call.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace dynamic {

class Transport;

/// Production host. The alternate host https://app.dynamic.xyz/api/v0 serves the same API.
inline constexpr const char* kDefaultBaseUrl = "https://app.dynamicauth.com/api/v0";

/// Environment variable read when ClientOptions::api_token is empty.
inline constexpr const char* kApiTokenVariable = "DYNAMIC_API_TOKEN";

using HeaderList = std::vector<std::pair<std::string, std::string>>;

struct ClientOptions {
  std::string base_url = kDefaultBaseUrl;
  /// `dyn_` followed by 56 alphanumerics. Empty: taken from DYNAMIC_API_TOKEN.
  std::string api_token;
  std::chrono::milliseconds timeout{std::chrono::seconds(60)};
  /// Retries after the first attempt, for failures that are safe to repeat.
  int max_retries = 2;
  HeaderList default_headers;
  /// Null: the cpprestsdk transport.
  std::shared_ptr<Transport> transport;
  /// Waits between retries. Null: std::this_thread::sleep_for. Tests inject a recorder.
  std::function<void(std::chrono::milliseconds)> sleep;
};

/// Overrides for one call; unset fields fall back to the client's options.
struct RequestOptions {
  std::optional<std::chrono::milliseconds> timeout;
  std::optional<int> max_retries;
  HeaderList extra_headers;
};

}  // namespace dynamic
