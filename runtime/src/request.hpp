// Building the HTTP request of a call: base URL rules, method, URL encoding, headers.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "dynamic/detail/pipeline.hpp"

namespace dynamic::detail {

/// Checks a base URL (absolute http or https, a host, no fragment, no whitespace or control
/// characters; plain http only for loopback hosts (127.0.0.0/8, ::1, localhost) unless
/// `allow_insecure_http`) and drops the path's trailing slashes. Throws ConfigurationError.
std::string resolve_base_url(std::string url, bool allow_insecure_http);

/// Upper-cases the method; throws std::invalid_argument for anything but letters, '-' and '_'.
std::string normalise_method(const std::string& method);

/// The base URL with the path template appended segment by segment (values percent-encoded, so
/// none can add or climb a segment) and the query appended, names and values percent-encoded.
std::string build_url(const std::string& base_url, const ApiRequest& request);

/// The Cookie header's value for cookie parameters: `name=value` pairs joined by "; ", names and
/// values percent-encoded like query values (so none can add a pair).
std::string cookie_header(const std::vector<std::pair<std::string, std::string>>& cookies);

/// Adds a header, replacing an earlier one with the same name (case-insensitive). Throws
/// std::invalid_argument (naming the header, never echoing the value) for CR, LF or NUL in the
/// value or an invalid name.
void set_header(HeaderList& headers, const std::string& name, const std::string& value);

/// Path and query of an absolute URL ("/api/v0/x?a=1"), secrets redacted.
std::string loggable_path(std::string_view url);

}  // namespace dynamic::detail
