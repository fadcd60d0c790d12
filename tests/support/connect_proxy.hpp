// A forward proxy on 127.0.0.1 for tests, on bare sockets. `CONNECT host:port` to a loopback
// target is answered "200 Connection established" and relayed both ways (the client's TLS runs
// through it untouched). A plain request with an absolute URI (`GET http://...`) is not
// forwarded: the proxy answers it itself, 200 with {"answered_by":"proxy"}, and closes. Every
// request line is recorded, so a test can tell that a client really went through it.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace dynamic::testing {

struct ProxiedRequest {
  /// "CONNECT 127.0.0.1:4431 HTTP/1.1" or "GET http://127.0.0.1:8080/api/v0/x HTTP/1.1".
  std::string request_line;
  /// The Proxy-Authorization header's value, when the request had one.
  std::optional<std::string> proxy_authorization;
};

class ConnectProxy {
 public:
  /// Listens on a free port of 127.0.0.1.
  ConnectProxy();
  ~ConnectProxy();
  ConnectProxy(const ConnectProxy&) = delete;
  ConnectProxy& operator=(const ConnectProxy&) = delete;

  /// "http://127.0.0.1:<port>".
  std::string url() const;
  int port() const;
  /// From now on a request without exactly this Proxy-Authorization value is answered 407.
  void require_authorization(std::string value);
  std::vector<ProxiedRequest> requests() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace dynamic::testing
