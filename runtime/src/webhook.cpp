#include "dynamic/runtime/webhook.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <array>
#include <optional>

namespace dynamic {
namespace {

constexpr std::string_view kPrefix = "sha256=";
using Digest = std::array<unsigned char, 32>;

Digest hmac_sha256(std::string_view secret, std::string_view body) {
  Digest digest{};
  unsigned int length = 0;
  const unsigned char* done = HMAC(EVP_sha256(),
                                   secret.data(),
                                   static_cast<int>(secret.size()),
                                   reinterpret_cast<const unsigned char*>(body.data()),
                                   body.size(),
                                   digest.data(),
                                   &length);
  if (done == nullptr || length != digest.size()) {
    throw Error("HMAC-SHA256 failed in OpenSSL");
  }
  return digest;
}

/// The 32 bytes the header's hex digits spell, or nothing when they are not 64 hex digits.
std::optional<Digest> signed_digest(std::string_view hex) {
  if (hex.size() != 64) return std::nullopt;
  Digest digest{};
  std::size_t length = 0;
  const std::string text(hex);  // OpenSSL wants a terminated string
  if (OPENSSL_hexstr2buf_ex(digest.data(), digest.size(), &length, text.c_str(), '\0') != 1 ||
      length != digest.size()) {
    return std::nullopt;
  }
  return digest;
}

}  // namespace

void verify_webhook_signature(std::string_view secret,
                              std::string_view signature,
                              std::string_view raw_body) {
  using Reason = WebhookSignatureError::Reason;
  if (secret.empty()) throw ConfigurationError("the webhook secret is empty");
  if (signature.empty()) {
    throw WebhookSignatureError(Reason::kMissing,
                                "webhook signature missing (header x-dynamic-signature-256)");
  }
  const std::optional<Digest> sent = signature.substr(0, kPrefix.size()) == kPrefix
                                         ? signed_digest(signature.substr(kPrefix.size()))
                                         : std::nullopt;
  if (!sent) {
    throw WebhookSignatureError(Reason::kMalformed,
                                "webhook signature malformed: expected sha256= and 64 hex digits");
  }
  const Digest expected = hmac_sha256(secret, raw_body);
  if (CRYPTO_memcmp(expected.data(), sent->data(), expected.size()) != 0) {
    throw WebhookSignatureError(Reason::kMismatch,
                                "webhook signature does not match the body and the secret");
  }
}

bool webhook_signature_is_valid(std::string_view secret,
                                std::string_view signature,
                                std::string_view raw_body) noexcept {
  try {
    verify_webhook_signature(secret, signature, raw_body);
    return true;
  } catch (...) {
    return false;
  }
}

std::string sign_webhook_body(std::string_view secret, std::string_view raw_body) {
  if (secret.empty()) throw ConfigurationError("the webhook secret is empty");
  const Digest digest = hmac_sha256(secret, raw_body);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out(kPrefix);
  for (unsigned char byte : digest) {
    out += kHex[byte >> 4];
    out += kHex[byte & 0x0f];
  }
  return out;
}

}  // namespace dynamic
