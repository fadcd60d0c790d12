#include "verify_webhook.hpp"

#include <iostream>
#include <iterator>
#include <map>
#include <optional>
#include <string_view>

#include "dynamic/runtime/webhook.hpp"
#include "operation.hpp"

namespace dynamic::cli {
namespace {

struct WebhookFlags {
  std::optional<std::string> secret;
  std::optional<std::string> signature;
  std::optional<std::string> body;
  bool help = false;
};

WebhookFlags parse_flags(const std::vector<std::string>& args, std::size_t index) {
  WebhookFlags flags;
  const std::map<std::string_view, std::optional<std::string>*> known = {
      {"--secret", &flags.secret}, {"--signature", &flags.signature}, {"--body", &flags.body}};
  for (std::size_t i = index; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (arg == "--help" || arg == "-h") {
      flags.help = true;
      continue;
    }
    const std::size_t equals = arg.find('=');
    const std::string name = arg.substr(0, equals);
    const auto slot = known.find(name);
    if (slot == known.end()) throw UsageError("unknown flag '" + name + "' for verify-webhook");
    if (equals != std::string::npos) {
      *slot->second = arg.substr(equals + 1);
    } else if (i + 1 < args.size()) {
      *slot->second = args[++i];
    } else {
      throw UsageError(name + " needs a value");
    }
  }
  return flags;
}

std::string read_body(const std::optional<std::string>& flag) {
  if (!flag) {
    return std::string(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
  }
  if (!flag->empty() && flag->front() == '@')
    return Arguments::read_file("--body", flag->substr(1));
  return *flag;
}

}  // namespace

void print_verify_webhook_help(std::ostream& out) {
  out << "Usage: dynamic verify-webhook --signature SIG [--secret S] [--body TEXT|@FILE]\n"
      << "\nChecks a webhook delivery's x-dynamic-signature-256 header (sha256=<hex HMAC-SHA256>)\n"
      << "against the raw body and the webhook's secret, in constant time. No API call is made.\n"
      << "\n  --signature SIG   the header's value\n"
      << "  --secret S        the webhook's secret (default: $" << kWebhookSecretVariable << ")\n"
      << "  --body TEXT|@FILE the raw body as received (default: read from stdin)\n"
      << "\nExit codes: 0 valid, 3 missing, malformed or wrong signature, 1 usage error,\n"
      << "2 no secret.\n";
}

int run_verify_webhook(const std::vector<std::string>& args,
                       std::size_t index,
                       const Getenv& getenv,
                       std::ostream& out,
                       std::ostream& err) {
  try {
    const WebhookFlags flags = parse_flags(args, index);
    if (flags.help) {
      print_verify_webhook_help(out);
      return kExitOk;
    }
    std::string secret = flags.secret.value_or("");
    if (secret.empty()) {
      const char* from_env = getenv(kWebhookSecretVariable);
      secret = from_env != nullptr ? from_env : "";
    }
    if (secret.empty()) {
      err << "dynamic: ConfigurationError: no webhook secret: give --secret or set "
          << kWebhookSecretVariable << '\n';
      return kExitConfiguration;
    }
    verify_webhook_signature(secret, flags.signature.value_or(""), read_body(flags.body));
    out << "valid\n";
    return kExitOk;
  } catch (const UsageError& error) {
    err << "dynamic: usage error: " << error.what() << " (see 'dynamic verify-webhook --help')\n";
    return kExitUsage;
  } catch (const WebhookSignatureError& error) {
    err << "dynamic: WebhookSignatureError: " << error.what() << '\n';
    return kExitClientError;
  }
}

}  // namespace dynamic::cli
