// Fuzz target: URL building (runtime/src/request.cpp) from arbitrary parameter values.
//
// Input: fields separated by NUL bytes: a base URL, a path template, one value per distinct
// placeholder of the template (in order of first appearance), then query names and values in
// turn. A base URL resolve_base_url refuses (ConfigurationError) is replaced by a fixed one, so
// every input builds something. A malformed template or an empty path value is documented as
// std::invalid_argument; otherwise the URL must
//  - hold printable ASCII only (no raw CR, LF, space, control or non-ASCII byte),
//  - parse with Boost.URL, with the base's scheme, authority and path first,
//  - have exactly one path segment per template segment, each decoding to the template's text
//    with the values in place, and none that values made "." or ".." (a proxy would climb),
//  - carry exactly the base's query parameters, then the given ones, decoding to the input.
// Cookie headers and header values are checked the same way.
#include <algorithm>
#include <boost/url/parse.hpp>
#include <boost/url/pct_string_view.hpp>
#include <boost/url/url_view.hpp>
#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "dynamic/runtime/errors.hpp"
#include "fuzz_check.hpp"
#include "request.hpp"

namespace {

namespace urls = boost::urls;
using Pairs = std::vector<std::pair<std::string, std::string>>;

std::vector<std::string> split_fields(std::string_view input) {
  std::vector<std::string> fields;
  std::size_t start = 0;
  while (true) {
    const std::size_t end = input.find('\0', start);
    fields.emplace_back(input.substr(start, end == std::string_view::npos ? end : end - start));
    if (end == std::string_view::npos) return fields;
    start = end + 1;
  }
}

/// A template segment as the fuzzer reads it: literal text and placeholders in turn.
struct Segment {
  std::vector<std::pair<bool, std::string>> pieces;  // (is placeholder, text or name)
  bool has_placeholder = false;
};

/// Splits the template as the OpenAPI rules (and request.cpp) read it; false when it is
/// malformed (a '}' before any '{', a '{' never closed).
bool read_template(std::string_view tpl, std::vector<Segment>& segments) {
  if (tpl.empty()) return true;
  if (tpl.front() == '/') tpl.remove_prefix(1);
  while (true) {
    const std::size_t slash = std::min(tpl.find('/'), tpl.size());
    const std::string_view text = tpl.substr(0, slash);
    Segment segment;
    for (std::size_t i = 0; i < text.size();) {
      const std::size_t open = std::min(text.find_first_of("{}", i), text.size());
      if (open > i) segment.pieces.emplace_back(false, std::string(text.substr(i, open - i)));
      if (open == text.size()) break;
      if (text[open] == '}') return false;
      const std::size_t close = text.find('}', open + 1);
      if (close == std::string_view::npos) return false;
      segment.pieces.emplace_back(true, std::string(text.substr(open + 1, close - open - 1)));
      segment.has_placeholder = true;
      i = close + 1;
    }
    segments.push_back(std::move(segment));
    if (slash == tpl.size()) return true;
    tpl.remove_prefix(slash + 1);
  }
}

bool printable_ascii(std::string_view text) {
  for (char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte <= 0x20 || byte >= 0x7f) return false;
  }
  return true;
}

std::string decode_component(std::string_view encoded) {
  auto pct = urls::make_pct_string_view(encoded);
  FUZZ_CHECK(pct.has_value());
  return pct->decode();
}

Pairs decoded_params(const urls::url_view& url) {
  Pairs out;
  if (!url.has_query()) return out;
  for (const auto& param : url.encoded_params()) {
    out.emplace_back(decode_component(param.key), decode_component(param.value));
  }
  return out;
}

void check_url(const std::vector<std::string>& fields) {
  std::string base = "https://fuzz.example/api/v0";
  try {
    base = dynamic::detail::resolve_base_url(fields[0], true);
  } catch (const dynamic::ConfigurationError&) {
  }
  const auto base_url = urls::parse_uri(base);
  FUZZ_CHECK(base_url.has_value());

  dynamic::ApiRequest request;
  request.method = "GET";
  request.path_template = fields.size() > 1 ? fields[1] : "";
  std::vector<Segment> segments;
  bool documented_error = !read_template(request.path_template, segments);
  std::size_t next = 2;
  for (const Segment& segment : segments) {
    for (const auto& [placeholder, name] : segment.pieces) {
      if (!placeholder) continue;
      bool known = false;
      for (const auto& param : request.path_params) known = known || param.first == name;
      if (known) continue;
      std::string value = next < fields.size() ? fields[next++] : "";
      documented_error = documented_error || value.empty();
      request.path_params.emplace_back(name, std::move(value));
    }
  }
  for (; next + 1 < fields.size(); next += 2)
    request.query.emplace_back(fields[next], fields[next + 1]);

  std::string url;
  try {
    url = dynamic::detail::build_url(base, request);
  } catch (const std::invalid_argument&) {
    FUZZ_CHECK(documented_error);
    return;
  }
  FUZZ_CHECK(!documented_error);
  FUZZ_CHECK(printable_ascii(url));
  const auto parsed = urls::parse_uri(url);
  FUZZ_CHECK(parsed.has_value());
  FUZZ_CHECK(parsed->scheme() == base_url->scheme());
  FUZZ_CHECK(parsed->encoded_authority() == base_url->encoded_authority());
  FUZZ_CHECK(!parsed->has_fragment());

  const std::string_view base_path = base_url->encoded_path();
  std::string_view path = parsed->encoded_path();
  FUZZ_CHECK(path.substr(0, base_path.size()) == base_path);
  path.remove_prefix(base_path.size());
  std::vector<std::string_view> built;
  while (!path.empty()) {
    FUZZ_CHECK(path.front() == '/');
    path.remove_prefix(1);
    const std::size_t slash = std::min(path.find('/'), path.size());
    built.push_back(path.substr(0, slash));
    path.remove_prefix(slash);
  }
  FUZZ_CHECK(built.size() == segments.size());
  for (std::size_t i = 0; i < segments.size(); ++i) {
    std::string expected;
    for (const auto& [placeholder, text] : segments[i].pieces) {
      if (!placeholder) {
        expected += text;
        continue;
      }
      for (const auto& param : request.path_params) {
        if (param.first == text) expected += param.second;
      }
    }
    FUZZ_CHECK(decode_component(built[i]) == expected);
    if (segments[i].has_placeholder) FUZZ_CHECK(built[i] != "." && built[i] != "..");
  }

  Pairs expected_query = decoded_params(*base_url);
  expected_query.insert(expected_query.end(), request.query.begin(), request.query.end());
  FUZZ_CHECK(decoded_params(*parsed) == expected_query);
}

void check_cookies(const std::vector<std::string>& fields) {
  Pairs cookies;
  for (std::size_t i = 0; i + 1 < fields.size(); i += 2)
    cookies.emplace_back(fields[i], fields[i + 1]);
  const std::string header = dynamic::detail::cookie_header(cookies);
  // "; " separates pairs and nothing else: no value can add a pair or break the header.
  std::size_t pairs = header.empty() ? 0 : 1;
  for (std::size_t i = 0; i < header.size(); ++i) {
    const char c = header[i];
    if (c == ';') {
      FUZZ_CHECK(i + 1 < header.size() && header[i + 1] == ' ');
      ++pairs;
      ++i;
      continue;
    }
    FUZZ_CHECK(printable_ascii(std::string_view(&c, 1)));
  }
  FUZZ_CHECK(pairs == cookies.size());
}

void check_header(const std::vector<std::string>& fields) {
  dynamic::HeaderList headers;
  try {
    dynamic::detail::set_header(headers, fields[0], fields.size() > 1 ? fields[1] : "");
  } catch (const std::invalid_argument&) {
    return;
  }
  FUZZ_CHECK(headers.size() == 1);
  for (char c : headers[0].second) FUZZ_CHECK(c != '\r' && c != '\n' && c != '\0');
  FUZZ_CHECK(!headers[0].first.empty());
  for (char c : headers[0].first) {
    FUZZ_CHECK(static_cast<unsigned char>(c) > 0x20 && c != 0x7f && c != ':');
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::vector<std::string> fields =
      split_fields(std::string_view(reinterpret_cast<const char*>(data), size));
  check_url(fields);
  check_cookies(fields);
  check_header(fields);
  return 0;
}
