// `dynamic verify-webhook`: checks a webhook delivery's signature, with no call to the API.
#pragma once

#include <cstddef>
#include <ostream>
#include <string>
#include <vector>

#include "driver.hpp"

namespace dynamic::cli {

inline constexpr const char* kVerifyWebhookCommand = "verify-webhook";
/// Read for the secret when --secret is not given (so that it stays out of `ps`).
inline constexpr const char* kWebhookSecretVariable = "DYNAMIC_WEBHOOK_SECRET";

/// `verify-webhook --signature SIG [--secret S] [--body TEXT|@FILE]` from args[index] on; the
/// body is read from stdin when --body is absent. Exit 0 when the signature is valid, 3 when it
/// is missing, malformed or wrong, 1 for usage errors, 2 when there is no secret.
int run_verify_webhook(const std::vector<std::string>& args,
                       std::size_t index,
                       const Getenv& getenv,
                       std::ostream& out,
                       std::ostream& err);

/// The help text's lines for the command.
void print_verify_webhook_help(std::ostream& out);

}  // namespace dynamic::cli
