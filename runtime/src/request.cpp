#include "request.hpp"

#include <algorithm>
#include <boost/url/encode.hpp>
#include <boost/url/parse.hpp>
#include <boost/url/rfc/pchars.hpp>
#include <boost/url/rfc/unreserved_chars.hpp>
#include <boost/url/url.hpp>
#include <stdexcept>
#include <vector>

#include "dynamic/runtime/errors.hpp"
#include "redact.hpp"

namespace dynamic::detail {
namespace {

namespace urls = boost::urls;

/// Appends a path parameter value or a query name or value: everything but RFC 3986's unreserved
/// characters is percent-encoded (strict in what we send), so no value can add a separator.
void append_encoded(std::string& out, std::string_view value) {
  urls::encode(value, urls::unreserved_chars, {}, urls::string_token::append_to(out));
}

/// Literal text of a path template, as the spec wrote it: characters a path may hold stay.
void append_template_text(std::string& out, std::string_view text) {
  urls::encode(text, urls::pchars + '/', {}, urls::string_token::append_to(out));
}

bool is_loopback(const urls::url_view& url) {
  switch (url.host_type()) {
    case urls::host_type::ipv4:
      return url.host_ipv4_address().is_loopback();
    case urls::host_type::ipv6:
      return url.host_ipv6_address().is_loopback();
    case urls::host_type::name: {
      const std::string name = url.host_name();
      return iequals(name, "localhost") || iequals(name, "localhost.");
    }
    default:
      return false;
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

using PathParams = std::vector<std::pair<std::string, std::string>>;

void check_path_params(const PathParams& params) {
  for (std::size_t i = 0; i < params.size(); ++i) {
    for (std::size_t j = 0; j < i; ++j) {
      if (params[j].first == params[i].first) {
        throw std::invalid_argument("path parameter \"" + params[i].first + "\" is given twice");
      }
    }
  }
}

/// Appends one segment of a path template, its placeholders replaced by encoded values.
void append_segment(std::string& out,
                    std::string_view segment,
                    const std::string& tpl,
                    const PathParams& params,
                    std::vector<bool>& used) {
  const std::size_t start = out.size();
  bool has_value = false;
  for (std::size_t i = 0; i < segment.size();) {
    const std::size_t open = std::min(segment.find_first_of("{}", i), segment.size());
    append_template_text(out, segment.substr(i, open - i));
    if (open == segment.size()) break;
    if (segment[open] == '}') {
      throw std::invalid_argument("path template \"" + tpl + "\" has an unmatched '}'");
    }
    const std::size_t close = segment.find('}', open + 1);
    if (close == std::string_view::npos) {
      throw std::invalid_argument("path template \"" + tpl + "\" has an unclosed '{'");
    }
    const std::string_view name = segment.substr(open + 1, close - open - 1);
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
    append_encoded(out, found->second);
    has_value = true;
    i = close + 1;
  }
  // A segment that values made "." or ".." would be resolved by a normalising proxy or server,
  // climbing to another endpoint with the admin token; with its dots encoded it is only a name.
  const std::string_view made(out.data() + start, out.size() - start);
  if (has_value && (made == "." || made == "..")) {
    const std::string dots(made);
    out.resize(start);
    urls::encode(dots, urls::unreserved_chars - '.', {}, urls::string_token::append_to(out));
  }
}

/// Appends the template's segments, placeholders replaced, each with a leading '/'.
void append_path(std::string& out, const std::string& tpl, const PathParams& params) {
  check_path_params(params);
  std::vector<bool> used(params.size(), false);
  std::string_view rest(tpl);
  if (!rest.empty() && rest.front() == '/') rest.remove_prefix(1);
  while (!tpl.empty()) {
    const std::size_t slash = std::min(rest.find('/'), rest.size());
    out += '/';
    append_segment(out, rest.substr(0, slash), tpl, params, used);
    if (slash == rest.size()) break;
    rest.remove_prefix(slash + 1);
  }
  for (std::size_t i = 0; i < params.size(); ++i) {
    if (!used[i]) {
      throw std::invalid_argument("path parameter \"" + params[i].first +
                                  "\" has no placeholder in \"" + tpl + "\"");
    }
  }
}

}  // namespace

std::string resolve_base_url(std::string url, bool allow_insecure_http) {
  for (char c : url) {
    if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7f) {
      throw ConfigurationError("base_url contains whitespace or a control character");
    }
  }
  const auto not_http = [&url] {
    return ConfigurationError(
        "base_url must be an absolute URL starting with http:// or https:// (got \"" +
        printable(url) + "\")");
  };
  // Checked before Boost.URL sees the text: Boost 1.81's parser asserts on a scheme followed by
  // one character that cannot start a path ("https:{"; fuzz/url_building.cpp), which aborts a
  // debug build instead of refusing the URL.
  const std::string_view text(url);
  if (!iequals(text.substr(0, 7), "http://") && !iequals(text.substr(0, 8), "https://")) {
    throw not_http();
  }
  auto parsed = urls::parse_uri(url);
  if (!parsed ||
      (parsed->scheme_id() != urls::scheme::http && parsed->scheme_id() != urls::scheme::https)) {
    throw not_http();
  }
  urls::url resolved(*parsed);
  if (resolved.encoded_host().empty()) throw ConfigurationError("base_url has no host");
  // Boost.URL 1.81 reads a host name that starts with an IPv4 address ("127.0.0.1.example") as
  // that address followed by a path without its leading '/' (boostorg/url#755). Such a host is
  // never loopback, and the URL cannot be rebuilt from the misread parts.
  const bool misread_host = !resolved.encoded_path().empty() && resolved.encoded_path()[0] != '/';
  if (resolved.scheme_id() == urls::scheme::http && !allow_insecure_http &&
      (misread_host || !is_loopback(resolved))) {
    throw ConfigurationError("base_url \"" + redact_secrets(url) +
                             "\" uses plain http:// for a host that is not loopback; use https:// "
                             "or set ClientOptions::allow_insecure_http");
  }
  if (misread_host) {
    throw ConfigurationError("base_url \"" + redact_secrets(url) +
                             "\" has a host name that starts with an IPv4 address, which the URL "
                             "library of Boost 1.81 cannot read (boostorg/url#755)");
  }
  if (resolved.has_fragment()) {
    throw ConfigurationError("base_url has a fragment ('#'), which is never sent");
  }
  std::string_view path = resolved.encoded_path();
  while (!path.empty() && path.back() == '/') path.remove_suffix(1);
  resolved.set_encoded_path(std::string(path));
  return std::string(resolved.buffer());
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
  // resolve_base_url made the base a valid URL without a fragment, so its first '?' (a character
  // that cannot appear before the query) starts its query.
  const std::size_t query_at = std::min(base_url.find('?'), base_url.size());
  std::string url(base_url, 0, query_at);
  append_path(url, request.path_template, request.path_params);
  char separator = '?';
  if (query_at < base_url.size()) {
    url.append(base_url, query_at);
    separator = '&';
  }
  for (const auto& [name, value] : request.query) {
    url += separator;
    separator = '&';
    append_encoded(url, name);
    url += '=';
    append_encoded(url, value);
  }
  return url;
}

std::string cookie_header(const std::vector<std::pair<std::string, std::string>>& cookies) {
  std::string out;
  for (const auto& [name, value] : cookies) {
    if (!out.empty()) out += "; ";
    append_encoded(out, name);
    out += '=';
    append_encoded(out, value);
  }
  return out;
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
  auto parsed = urls::parse_uri(url);
  if (!parsed) return "/";
  std::string target(parsed->encoded_target());
  if (target.empty() || target.front() != '/') target.insert(0, "/");
  return redact_secrets(target);
}

}  // namespace dynamic::detail
