// A TLS server context with a certificate made on the spot: a fresh P-256 key and a self-signed
// certificate for 127.0.0.1 (subject and SAN), valid for a day. No file, no openssl binary.
#pragma once

#include <openssl/ssl.h>

#include <memory>

namespace dynamic::testing {

struct SslCtxFree {
  void operator()(SSL_CTX* context) const { SSL_CTX_free(context); }
};
using SslCtxPtr = std::unique_ptr<SSL_CTX, SslCtxFree>;

/// Throws std::runtime_error when OpenSSL fails.
SslCtxPtr self_signed_server_context();

}  // namespace dynamic::testing
