// The last link of the request pipeline: sends one HTTP request and returns the answer.
#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <string_view>

#include "dynamic/runtime/options.hpp"

namespace dynamic {

struct HttpRequest {
  std::string method;
  /// Absolute URL, path and query already encoded.
  std::string url;
  HeaderList headers;
  std::string body;
  std::chrono::milliseconds timeout{std::chrono::seconds(60)};
};

struct HttpResponse {
  int status = 0;
  HeaderList headers;
  std::string body;

  /// First header with this name (case-insensitive), or empty.
  std::string header(std::string_view name) const;
};

class Transport {
 public:
  virtual ~Transport() = default;
  /// Returns any HTTP answer, whatever its status. Throws ConnectionError or TimeoutError when
  /// there is none.
  virtual HttpResponse send(const HttpRequest& request) = 0;
};

/// The cpprestsdk implementation; one http_client per base URL, reused across calls.
std::shared_ptr<Transport> make_cpprest_transport();

}  // namespace dynamic
