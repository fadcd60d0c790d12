// Serves a MockService over HTTP on 127.0.0.1 with cpprestsdk's listener.
#pragma once

#include <memory>
#include <string>

#include "mock_service.hpp"

namespace dynamic::mock {

/// A port of 127.0.0.1 that was free a moment ago (cpprestsdk's listener cannot bind port 0:
/// callers try it and take another if someone was faster). Throws std::runtime_error.
int free_loopback_port();

class HttpServer {
 public:
  /// Listens on 127.0.0.1:`port`; port 0 picks a free one (the listener cannot bind port 0
  /// itself, so a free port is found first and another is tried if it is taken meanwhile).
  /// Throws std::runtime_error when it cannot listen.
  HttpServer(MockService& service, int port);
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  int port() const;
  /// "http://127.0.0.1:PORT" plus the spec's base path ("/api/v0").
  std::string base_url() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace dynamic::mock
