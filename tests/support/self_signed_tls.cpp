#include "self_signed_tls.hpp"

#include <openssl/evp.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <stdexcept>

namespace dynamic::testing {
namespace {

struct KeyFree {
  void operator()(EVP_PKEY* key) const { EVP_PKEY_free(key); }
};
struct CertFree {
  void operator()(X509* cert) const { X509_free(cert); }
};

void check(bool ok, const char* step) {
  if (!ok) throw std::runtime_error(std::string("self-signed TLS context: ") + step + " failed");
}

void add_ip_san(X509* cert) {
  X509V3_CTX context;
  X509V3_set_ctx_nodb(&context);
  X509V3_set_ctx(&context, cert, cert, nullptr, nullptr, 0);
  X509_EXTENSION* extension =
      X509V3_EXT_conf_nid(nullptr, &context, NID_subject_alt_name, "IP:127.0.0.1");
  check(extension != nullptr, "subjectAltName");
  const bool added = X509_add_ext(cert, extension, -1) == 1;
  X509_EXTENSION_free(extension);
  check(added, "X509_add_ext");
}

std::unique_ptr<X509, CertFree> make_certificate(EVP_PKEY* key) {
  std::unique_ptr<X509, CertFree> cert(X509_new());
  check(cert != nullptr, "X509_new");
  X509_set_version(cert.get(), 2);
  ASN1_INTEGER_set(X509_get_serialNumber(cert.get()), 1);
  X509_gmtime_adj(X509_getm_notBefore(cert.get()), -60);
  X509_gmtime_adj(X509_getm_notAfter(cert.get()), 24 * 60 * 60);
  check(X509_set_pubkey(cert.get(), key) == 1, "X509_set_pubkey");
  X509_NAME* name = X509_get_subject_name(cert.get());
  X509_NAME_add_entry_by_txt(
      name, "CN", MBSTRING_ASC, reinterpret_cast<const unsigned char*>("127.0.0.1"), -1, -1, 0);
  check(X509_set_issuer_name(cert.get(), name) == 1, "X509_set_issuer_name");
  add_ip_san(cert.get());
  check(X509_sign(cert.get(), key, EVP_sha256()) > 0, "X509_sign");
  return cert;
}

}  // namespace

SslCtxPtr self_signed_server_context() {
  std::unique_ptr<EVP_PKEY, KeyFree> key(EVP_EC_gen("P-256"));
  check(key != nullptr, "EVP_EC_gen");
  std::unique_ptr<X509, CertFree> cert = make_certificate(key.get());
  SslCtxPtr context(SSL_CTX_new(TLS_server_method()));
  check(context != nullptr, "SSL_CTX_new");
  check(SSL_CTX_use_certificate(context.get(), cert.get()) == 1, "SSL_CTX_use_certificate");
  check(SSL_CTX_use_PrivateKey(context.get(), key.get()) == 1, "SSL_CTX_use_PrivateKey");
  return context;
}

}  // namespace dynamic::testing
