// Verifying that a webhook delivery comes from Dynamic: its `x-dynamic-signature-256` header is
// "sha256=" followed by the hex HMAC-SHA256 of the raw body, keyed with the webhook's secret.
// Verify the body exactly as received, before parsing it; then decode it as
// `dynamic::from_json<models::Event>(body)` (dynamic/runtime/json_io.hpp, dynamic/models/event.hpp).
#pragma once

#include <string>
#include <string_view>

#include "dynamic/runtime/errors.hpp"

namespace dynamic {

/// The header Dynamic signs webhook deliveries with (header names are case-insensitive).
inline constexpr std::string_view kWebhookSignatureHeader = "x-dynamic-signature-256";

/// A webhook delivery whose signature is missing, malformed or wrong. The message says which,
/// and never contains the secret.
class WebhookSignatureError : public Error {
 public:
  enum class Reason { kMissing, kMalformed, kMismatch };
  WebhookSignatureError(Reason reason, const std::string& message)
      : Error(message), reason_(reason) {}
  Reason reason() const { return reason_; }

 private:
  Reason reason_;
};

/// Checks `signature` (the header's value: "sha256=" and 64 hex digits, either case) against the
/// HMAC-SHA256 of `raw_body` keyed with `secret`, comparing in constant time. Throws
/// WebhookSignatureError when the signature is empty, malformed or does not match, and
/// ConfigurationError when the secret is empty.
void verify_webhook_signature(std::string_view secret,
                              std::string_view signature,
                              std::string_view raw_body);

/// The same check as a yes or no; an empty secret is a no.
bool webhook_signature_is_valid(std::string_view secret,
                                std::string_view signature,
                                std::string_view raw_body) noexcept;

/// "sha256=" and the hex HMAC-SHA256 of `raw_body` keyed with `secret`: what Dynamic sends, for
/// tests that play Dynamic's part.
std::string sign_webhook_body(std::string_view secret, std::string_view raw_body);

}  // namespace dynamic
