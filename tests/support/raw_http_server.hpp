// A bare-sockets HTTP/1.1 server on 127.0.0.1 for transport tests that need control the
// cpprest listener does not give: counting TCP connections (keep-alive), dropping a connection,
// sending half an answer, streaming a body larger than the client will take. Speaks TLS on request,
// with a self-signed certificate made at start.
#pragma once

#include <chrono>
#include <cstddef>
#include <memory>
#include <string>

namespace dynamic::testing {

/// What the server does with the next connection or request, in queue order.
struct RawReply {
  /// Close the connection as soon as it is accepted, before reading a request.
  bool close_on_accept = false;
  /// Written verbatim once a request has been read: status line, headers, (part of a) body.
  std::string bytes;
  /// Then this many filler bytes ('x'), in 64 KiB writes (for large bodies).
  std::size_t filler_bytes = 0;
  /// Wait this long before writing.
  std::chrono::milliseconds delay{0};
  /// Close the connection after writing; otherwise keep it open for the next request.
  bool close = false;
};

/// "HTTP/1.1 <status> X\r\nContent-Length: <n>\r\n...\r\n\r\n<body>".
std::string raw_response(int status,
                         const std::string& body,
                         const std::string& extra_headers = "");

enum class RawScheme {
  kHttp,
  /// TLS with a fresh self-signed certificate for 127.0.0.1: a client that verifies certificates
  /// refuses it.
  kHttps,
};

/// A complete answer (raw_response) that keeps the connection open.
RawReply answer(int status, const std::string& body);

class RawHttpServer {
 public:
  /// Listens on a free port of 127.0.0.1. With the queue empty a request is answered 599.
  explicit RawHttpServer(RawScheme scheme = RawScheme::kHttp);
  ~RawHttpServer();
  RawHttpServer(const RawHttpServer&) = delete;
  RawHttpServer& operator=(const RawHttpServer&) = delete;

  /// "http://127.0.0.1:<port>/api/v0" (https:// for kHttps).
  std::string base_url() const;
  int port() const;
  void enqueue(RawReply reply);

  /// TCP connections accepted so far.
  int connections() const;
  /// Complete requests read so far.
  int requests() const;
  /// TLS handshakes that failed (the client refused the certificate, or hung up).
  int failed_handshakes() const;
  /// Filler bytes the socket accepted across all replies (a client that hangs up stops it).
  std::size_t filler_bytes_written() const;
  /// Waits until every connection handler has finished (the client hung up) or `timeout` passes.
  bool wait_idle(std::chrono::milliseconds timeout) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace dynamic::testing
