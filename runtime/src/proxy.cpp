#include "proxy.hpp"

#include <algorithm>
#include <boost/url/ipv4_address.hpp>
#include <boost/url/ipv6_address.hpp>
#include <boost/url/parse.hpp>
#include <boost/url/url_view.hpp>
#include <stdexcept>

#include "dynamic/runtime/errors.hpp"
#include "environment.hpp"
#include "redact.hpp"

namespace dynamic::detail {
namespace {

namespace urls = boost::urls;

/// curl's default proxy port.
constexpr int kDefaultProxyPort = 1080;

constexpr const char* kProxyUrlShape = "http://[user:password@]host[:port]";

ConfigurationError proxy_error(const std::string& source, const std::string& problem) {
  return ConfigurationError(source + " is not a usable proxy URL: " + problem + " (expected " +
                            kProxyUrlShape + ")");
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

bool ends_with(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

/// A port: 1 to 65535, or -1 when `text` is not one.
int parse_port(std::string_view text) {
  if (text.empty() || text.size() > 5) return -1;
  int port = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return -1;
    port = port * 10 + (c - '0');
  }
  return port >= 1 && port <= 65535 ? port : -1;
}

/// The canonical text of an IP address, or none when `text` is not one (so "::1" and
/// "0:0:0:0:0:0:0:1" compare equal).
std::optional<std::string> canonical_ip(std::string_view text) {
  if (auto v4 = urls::parse_ipv4_address(text)) return v4->to_string();
  if (auto v6 = urls::parse_ipv6_address(text)) return v6->to_string();
  return std::nullopt;
}

struct NoProxyEntry {
  std::string_view host;
  /// -1: any port.
  int port = -1;
  bool valid = true;
};

/// "[::1]:443", "::1", "host:8080", ".example.com" -> host (brackets, a leading "*." or "." and a
/// trailing "." dropped) and port.
NoProxyEntry split_entry(std::string_view entry) {
  NoProxyEntry out;
  std::string_view port_text;
  bool has_port = false;
  if (entry.front() == '[') {
    const std::size_t close = entry.find(']');
    if (close == std::string_view::npos) return {{}, -1, false};
    out.host = entry.substr(1, close - 1);
    std::string_view rest = entry.substr(close + 1);
    if (!rest.empty()) {
      if (rest.front() != ':') return {{}, -1, false};
      port_text = rest.substr(1);
      has_port = true;
    }
  } else if (const std::size_t colon = entry.find(':');
             colon != std::string_view::npos &&
             entry.find(':', colon + 1) == std::string_view::npos) {
    out.host = entry.substr(0, colon);
    port_text = entry.substr(colon + 1);
    has_port = true;
  } else {
    out.host = entry;  // a name, or an IPv6 address without brackets
  }
  if (has_port && (out.port = parse_port(port_text)) < 0) out.valid = false;
  if (out.host.substr(0, 2) == "*.") out.host.remove_prefix(2);
  if (!out.host.empty() && out.host.front() == '.') out.host.remove_prefix(1);
  if (!out.host.empty() && out.host.back() == '.') out.host.remove_suffix(1);
  out.valid = out.valid && !out.host.empty();
  return out;
}

bool entry_covers(std::string_view entry_text,
                  const std::string& host,
                  const std::optional<std::string>& host_ip,
                  int port) {
  const std::string lowered = ascii_lower(entry_text);
  const NoProxyEntry entry = split_entry(lowered);
  if (!entry.valid || (entry.port >= 0 && entry.port != port)) return false;
  if (host_ip) return canonical_ip(entry.host) == host_ip;
  return host == entry.host || ends_with(host, "." + std::string(entry.host));
}

/// The URL's host as no_proxy_covers takes it, and its port (the scheme's default when absent).
struct Target {
  std::string host;
  int port = 0;
  bool https = false;
};

Target target_of(std::string_view url) {
  auto parsed = urls::parse_uri(url);
  if (!parsed) throw std::invalid_argument("request URL is not absolute");
  Target out;
  out.https = parsed->scheme_id() == urls::scheme::https;
  switch (parsed->host_type()) {
    case urls::host_type::ipv4:
      out.host = parsed->host_ipv4_address().to_string();
      break;
    case urls::host_type::ipv6:
      out.host = parsed->host_ipv6_address().to_string();
      break;
    default:
      out.host = ascii_lower(parsed->host_name());
  }
  out.port = parsed->has_port() ? parsed->port_number() : (out.https ? 443 : 80);
  return out;
}

}  // namespace

HttpProxy parse_proxy_url(std::string_view text, const std::string& source) {
  for (char c : text) {
    if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7f) {
      throw proxy_error(source, "it contains whitespace or a control character");
    }
  }
  const std::string full = text.find("://") == std::string_view::npos
                               ? "http://" + std::string(text)
                               : std::string(text);
  auto parsed = urls::parse_uri(full);
  if (!parsed) throw proxy_error(source, "it is not a URL");
  if (parsed->scheme_id() != urls::scheme::http) {
    throw proxy_error(source,
                      "the scheme \"" + ascii_lower(parsed->scheme()) +
                          "\" is not supported, only http:// proxies are");
  }
  if (parsed->encoded_host().empty()) throw proxy_error(source, "it has no host");
  const std::string_view path = parsed->encoded_path();
  // Boost.URL 1.81 misreads a host that starts with an IPv4 address ("127.0.0.1.example") as
  // that address and a path without its '/' (boostorg/url#755).
  if (!path.empty() && path.front() != '/') throw proxy_error(source, "the host cannot be read");
  if (path.size() > 1) throw proxy_error(source, "it has a path");
  if (parsed->has_query() || parsed->has_fragment()) {
    throw proxy_error(source, "it has a query or a fragment");
  }
  int port = kDefaultProxyPort;
  if (parsed->has_port() && !parsed->port().empty()) {
    // Boost.URL 1.81's port_number() wraps a port above 65535 instead of refusing it.
    port = parse_port(parsed->port());
    if (port < 0) throw proxy_error(source, "the port is not a number from 1 to 65535");
  }
  HttpProxy proxy;
  proxy.address = "http://" + std::string(parsed->encoded_host()) + ":" + std::to_string(port);
  if (parsed->has_userinfo()) {
    proxy.username = parsed->user();
    proxy.password = parsed->password();
  }
  return proxy;
}

bool no_proxy_covers(std::string_view list, std::string_view host, int port) {
  std::string lowered_host = ascii_lower(host);
  if (!lowered_host.empty() && lowered_host.back() == '.') lowered_host.pop_back();
  const std::optional<std::string> host_ip = canonical_ip(lowered_host);
  while (!list.empty()) {
    const std::size_t comma = std::min(list.find(','), list.size());
    const std::string_view entry = trim(list.substr(0, comma));
    list.remove_prefix(std::min(comma + 1, list.size()));
    if (entry == "*") return true;
    if (!entry.empty() && entry_covers(entry, lowered_host, host_ip, port)) return true;
  }
  return false;
}

ProxyRules::ProxyRules(const std::optional<std::string>& proxy,
                       const std::optional<std::string>& no_proxy,
                       const EnvironmentLookup& environment) {
  if (proxy) {
    Choice choice{"ClientOptions::proxy", std::nullopt, {}};
    if (!proxy->empty()) choice.proxy = parse_proxy_url(*proxy, choice.source);
    for_https_ = for_http_ = choice;
  } else {
    for_https_ = read_choice(environment, {"https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"});
    for_http_ = read_choice(environment, {"http_proxy", "all_proxy", "ALL_PROXY"});
  }
  std::optional<std::string> exempt = no_proxy;
  if (!exempt) exempt = read_environment(environment, "no_proxy");
  if (!exempt) exempt = read_environment(environment, "NO_PROXY");
  no_proxy_ = exempt.value_or("");
}

std::optional<ProxyRules::Choice> ProxyRules::read_choice(
    const EnvironmentLookup& environment, std::initializer_list<const char*> names) {
  for (const char* name : names) {
    std::optional<std::string> value = read_environment(environment, name);
    if (!value) continue;
    Choice choice{name, std::nullopt, {}};
    try {
      if (!value->empty()) choice.proxy = parse_proxy_url(*value, name);
    } catch (const ConfigurationError& e) {
      choice.problem = e.what();
    }
    return choice;
  }
  return std::nullopt;
}

std::optional<HttpProxy> ProxyRules::proxy_for(std::string_view url) const {
  const Target target = target_of(url);
  const std::optional<Choice>& choice = target.https ? for_https_ : for_http_;
  if (!choice || (!choice->proxy && choice->problem.empty())) return std::nullopt;
  if (no_proxy_covers(no_proxy_, target.host, target.port)) return std::nullopt;
  if (!choice->problem.empty()) throw ConfigurationError(choice->problem);
  return choice->proxy;
}

}  // namespace dynamic::detail
