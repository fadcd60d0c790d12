// The last link of the request pipeline: sends one HTTP request and returns the answer.
#pragma once

#include <chrono>
#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "dynamic/runtime/options.hpp"

namespace dynamic {

/// A forward proxy (http:// only) a request goes through.
struct HttpProxy {
  /// "http://host:port", port always given. Holds no credentials, so it may be shown.
  std::string address;
  /// Sent as Proxy-Authorization: Basic when username is not empty. Never shown.
  std::string username;
  std::string password;
};

struct HttpRequest {
  std::string method;
  /// Absolute URL, path and query already encoded.
  std::string url;
  HeaderList headers;
  std::string body;
  std::chrono::milliseconds timeout{std::chrono::seconds(60)};
  /// A larger answer body must fail with ResponseTooLargeError, ideally before it is all read.
  std::size_t max_response_bytes = kDefaultMaxResponseBytes;
  /// Verify the server's TLS certificate and host name.
  bool verify_tls = true;
  /// None: connect directly. https:// requests are tunnelled with CONNECT, http:// ones are sent
  /// to the proxy with the absolute URL.
  std::optional<HttpProxy> proxy;
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
  /// Returns any HTTP answer, whatever its status. Throws ConnectionError (ConnectionRefusedError
  /// when no connection could be made) or TimeoutError when there is none, and
  /// ResponseTooLargeError for a body over request.max_response_bytes. Called from several
  /// threads at once.
  virtual HttpResponse send(const HttpRequest& request) = 0;
};

/// The cpprestsdk implementation; one http_client (and its keep-alive connections) per scheme,
/// host, port, timeout, TLS setting and proxy, reused across calls. Redirects are not followed (they
/// would carry the Authorization header elsewhere); a 3xx answer is an ApiError.
std::shared_ptr<Transport> make_cpprest_transport();

}  // namespace dynamic
