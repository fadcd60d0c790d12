// Building the HTTP request of a call: base URL rules, method, URL encoding, headers.
#pragma once

#include <string>
#include <string_view>

#include "dynamic/detail/pipeline.hpp"

namespace dynamic::detail {

/// Checks a base URL (http or https, a host, no whitespace or control characters; plain http
/// only for loopback hosts unless `allow_insecure_http`) and drops trailing slashes. Throws
/// ConfigurationError.
std::string resolve_base_url(std::string url, bool allow_insecure_http);

/// The host part of an http(s) URL, lower-cased, IPv6 literals with their brackets.
std::string url_host(std::string_view url);

/// 127.0.0.0/8, localhost, [::1].
bool is_loopback_host(std::string_view host);

/// Upper-cases the method; throws std::invalid_argument for anything but letters, '-' and '_'.
std::string normalise_method(const std::string& method);

/// base URL + path template with percent-encoded path parameters + encoded query.
std::string build_url(const std::string& base_url, const ApiRequest& request);

/// Adds a header, replacing an earlier one with the same name (case-insensitive). Throws
/// std::invalid_argument (naming the header, never echoing the value) for CR, LF or NUL in the
/// value or an invalid name.
void set_header(HeaderList& headers, const std::string& name, const std::string& value);

/// Path and query of an absolute URL ("/api/v0/x?a=1"), secrets redacted.
std::string loggable_path(std::string_view url);

}  // namespace dynamic::detail
