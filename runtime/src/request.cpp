#include "request.hpp"

#include <algorithm>
#include <stdexcept>
#include <vector>

#include "dynamic/runtime/errors.hpp"
#include "redact.hpp"

namespace dynamic::detail {
namespace {

bool is_alnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

bool is_unreserved(char c) { return is_alnum(c) || c == '-' || c == '.' || c == '_' || c == '~'; }

bool starts_with_ci(std::string_view text, std::string_view prefix) {
  return text.size() >= prefix.size() && iequals(text.substr(0, prefix.size()), prefix);
}

std::size_t scheme_length(std::string_view url) {
  if (starts_with_ci(url, "https://")) return 8;
  if (starts_with_ci(url, "http://")) return 7;
  return 0;
}

/// "a.b.c.d" with four decimal parts of at most 255.
bool parse_ipv4(std::string_view text, int (&parts)[4]) {
  for (int index = 0; index < 4; ++index) {
    const std::size_t end = index < 3 ? text.find('.') : text.size();
    if (end == std::string_view::npos) return false;
    std::string_view part = text.substr(0, end);
    if (part.empty() || part.size() > 3 || !std::all_of(part.begin(), part.end(), is_digit)) {
      return false;
    }
    int value = 0;
    for (char c : part) value = value * 10 + (c - '0');
    if (value > 255) return false;
    parts[index] = value;
    text.remove_prefix(index < 3 ? end + 1 : end);
  }
  return text.empty();
}

void append_percent_encoded(std::string& out, std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  for (char c : text) {
    if (is_unreserved(c)) {
      out += c;
    } else {
      auto byte = static_cast<unsigned char>(c);
      out += '%';
      out += kHex[byte >> 4];
      out += kHex[byte & 0x0f];
    }
  }
}

std::string printable(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (char c : text) {
    auto byte = static_cast<unsigned char>(c);
    if (c == '\r') {
      out += "\\r";
    } else if (c == '\n') {
      out += "\\n";
    } else if (byte < 0x20 || byte == 0x7f) {
      out += "\\x";
      out += kHex[byte >> 4];
      out += kHex[byte & 0x0f];
    } else {
      out += c;
    }
  }
  return redact_secrets(out);
}

void check_header(const std::string& name, const std::string& value) {
  if (name.empty()) throw std::invalid_argument("header name is empty");
  for (char c : name) {
    auto byte = static_cast<unsigned char>(c);
    if (byte <= 0x20 || byte == 0x7f || c == ':') {
      throw std::invalid_argument("header name \"" + printable(name) +
                                  "\" contains CR, LF, whitespace, ':' or a control character");
    }
  }
  for (char c : value) {
    if (c == '\r' || c == '\n' || c == '\0') {
      throw std::invalid_argument("value of header \"" + printable(name) +
                                  "\" contains CR, LF or NUL");
    }
  }
}

}  // namespace

std::string url_host(std::string_view url) {
  std::size_t start = scheme_length(url);
  std::string_view authority = url.substr(start);
  authority = authority.substr(0, std::min(authority.size(), authority.find_first_of("/?#")));
  if (std::size_t at = authority.rfind('@'); at != std::string_view::npos) {
    authority.remove_prefix(at + 1);
  }
  std::string_view host;
  if (!authority.empty() && authority.front() == '[') {
    std::size_t close = authority.find(']');
    host = close == std::string_view::npos ? authority : authority.substr(0, close + 1);
  } else {
    host = authority.substr(0, std::min(authority.size(), authority.find(':')));
  }
  return ascii_lower(host);
}

bool is_loopback_host(std::string_view host) {
  if (host == "localhost" || host == "localhost.") return true;
  if (host == "[::1]" || host == "[0:0:0:0:0:0:0:1]") return true;
  int parts[4] = {0, 0, 0, 0};
  return parse_ipv4(host, parts) && parts[0] == 127;
}

std::string resolve_base_url(std::string url, bool allow_insecure_http) {
  const std::size_t scheme_end = scheme_length(url);
  if (scheme_end == 0) {
    throw ConfigurationError("base_url must start with http:// or https:// (got \"" +
                             redact_secrets(printable(url)) + "\")");
  }
  for (char c : url) {
    if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7f) {
      throw ConfigurationError("base_url contains whitespace or a control character");
    }
  }
  while (url.size() > scheme_end && url.back() == '/') url.pop_back();
  const std::string host = url_host(url);
  if (url.size() == scheme_end || host.empty() || host == "[]") {
    throw ConfigurationError("base_url has no host");
  }
  if (scheme_end == 7 && !allow_insecure_http && !is_loopback_host(host)) {
    throw ConfigurationError("base_url \"" + redact_secrets(url) +
                             "\" uses plain http:// for a host that is not loopback; use https:// "
                             "or set ClientOptions::allow_insecure_http");
  }
  return url;
}

std::string normalise_method(const std::string& method) {
  if (method.empty()) throw std::invalid_argument("HTTP method is empty");
  std::string out;
  for (char c : method) {
    if (c >= 'a' && c <= 'z') {
      out += static_cast<char>(c - 'a' + 'A');
    } else if ((c >= 'A' && c <= 'Z') || c == '-' || c == '_') {
      out += c;
    } else {
      throw std::invalid_argument("HTTP method contains an invalid character");
    }
  }
  return out;
}

std::string build_url(const std::string& base_url, const ApiRequest& request) {
  const std::string& tpl = request.path_template;
  const auto& params = request.path_params;
  for (std::size_t i = 0; i < params.size(); ++i) {
    for (std::size_t j = 0; j < i; ++j) {
      if (params[j].first == params[i].first) {
        throw std::invalid_argument("path parameter \"" + params[i].first + "\" is given twice");
      }
    }
  }
  std::vector<bool> used(params.size(), false);
  std::string url = base_url;
  if (!tpl.empty() && tpl.front() != '/') url += '/';
  for (std::size_t i = 0; i < tpl.size();) {
    char c = tpl[i];
    if (c == '}') {
      throw std::invalid_argument("path template \"" + tpl + "\" has an unmatched '}'");
    }
    if (c != '{') {
      url += c;
      ++i;
      continue;
    }
    std::size_t close = tpl.find('}', i + 1);
    if (close == std::string::npos) {
      throw std::invalid_argument("path template \"" + tpl + "\" has an unclosed '{'");
    }
    std::string_view name(tpl.data() + i + 1, close - i - 1);
    auto found = std::find_if(
        params.begin(), params.end(), [&](const auto& param) { return param.first == name; });
    if (found == params.end()) {
      throw std::invalid_argument("path parameter \"" + std::string(name) + "\" has no value");
    }
    if (found->second.empty()) {
      // An empty segment would silently address a different endpoint.
      throw std::invalid_argument("path parameter \"" + std::string(name) + "\" is empty");
    }
    used[static_cast<std::size_t>(found - params.begin())] = true;
    if (found->second == "." || found->second == "..") {
      // A dot segment would be resolved by a normalising proxy or server, climbing to another
      // endpoint with the admin token; encoded, it is only a name.
      url += found->second == "." ? "%2E" : "%2E%2E";
    } else {
      append_percent_encoded(url, found->second);
    }
    i = close + 1;
  }
  for (std::size_t i = 0; i < params.size(); ++i) {
    if (!used[i]) {
      throw std::invalid_argument("path parameter \"" + params[i].first +
                                  "\" has no placeholder in \"" + tpl + "\"");
    }
  }
  char separator = '?';
  for (const auto& [name, value] : request.query) {
    url += separator;
    separator = '&';
    append_percent_encoded(url, name);
    url += '=';
    append_percent_encoded(url, value);
  }
  return url;
}

void set_header(HeaderList& headers, const std::string& name, const std::string& value) {
  check_header(name, value);
  for (auto& header : headers) {
    if (iequals(header.first, name)) {
      header = {name, value};
      return;
    }
  }
  headers.emplace_back(name, value);
}

std::string loggable_path(std::string_view url) {
  std::size_t start = scheme_length(url);
  std::size_t slash = url.find_first_of("/?#", start);
  std::string_view path =
      slash == std::string_view::npos ? std::string_view("/") : url.substr(slash);
  return redact_secrets(path);
}

}  // namespace dynamic::detail
