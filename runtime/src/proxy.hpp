// Which forward proxy a request goes through: ClientOptions::proxy and ::no_proxy, or the
// environment variables curl reads. Pure functions of their inputs, for tests without a network.
#pragma once

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

#include "dynamic/runtime/options.hpp"
#include "dynamic/runtime/transport.hpp"

namespace dynamic::detail {

/// Parses `http://[user:password@]host[:port]` ("http://" assumed without a scheme, port 1080
/// without one; user and password percent-decoded). Throws ConfigurationError naming `source`
/// (an option or a variable) and never repeating the value, which may hold a password.
HttpProxy parse_proxy_url(std::string_view text, const std::string& source);

/// True when the NO_PROXY-style `list` covers `host` (a name or an IP address, IPv6 without
/// brackets) on `port`. See ClientOptions::no_proxy.
bool no_proxy_covers(std::string_view list, std::string_view host, int port);

/// The proxy decision of one client, with the environment read once, at construction.
class ProxyRules {
 public:
  /// Throws ConfigurationError for a malformed `proxy`; a malformed variable is reported by
  /// proxy_for, only when a URL needs it.
  ProxyRules(const std::optional<std::string>& proxy,
             const std::optional<std::string>& no_proxy,
             const EnvironmentLookup& environment);

  /// The proxy for an absolute http:// or https:// URL, or none for a direct connection.
  /// Throws ConfigurationError when the variable that applies is malformed.
  std::optional<HttpProxy> proxy_for(std::string_view url) const;

 private:
  /// Where a scheme's proxy comes from: the option or a variable, and what it says.
  struct Choice {
    std::string source;
    /// None: set but empty, so no proxy.
    std::optional<HttpProxy> proxy;
    /// Why the value is unusable (already names the source), or empty.
    std::string problem;
  };

  static std::optional<Choice> read_choice(const EnvironmentLookup& environment,
                                           std::initializer_list<const char*> names);

  std::optional<Choice> for_https_;
  std::optional<Choice> for_http_;
  std::string no_proxy_;
};

}  // namespace dynamic::detail
