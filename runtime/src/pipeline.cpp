#include "dynamic/runtime/pipeline.hpp"

#include <algorithm>
#include <boost/json.hpp>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <random>
#include <stdexcept>
#include <string_view>
#include <thread>

#include "dynamic/runtime/errors.hpp"
#include "dynamic/runtime/json.hpp"
#include "redact.hpp"

#ifndef DYNAMIC_SDK_VERSION
#define DYNAMIC_SDK_VERSION "0.0.0"
#endif

namespace dynamic {
namespace {

using std::chrono::milliseconds;

constexpr std::string_view kTokenPrefix = "dyn_";
constexpr std::size_t kTokenBodyLength = 56;
/// A server asking for a longer wait than this is not retried; the error surfaces instead.
constexpr milliseconds kMaxServerDelay{60'000};
constexpr milliseconds kBaseBackoff{500};
constexpr milliseconds kMaxBackoff{8'000};

bool is_alnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

bool is_unreserved(char c) { return is_alnum(c) || c == '-' || c == '.' || c == '_' || c == '~'; }

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

// ---- Token ------------------------------------------------------------------------------------

// Says what is wrong with a malformed token without repeating any of its characters.
std::string describe_token_problem(std::string_view token) {
  if (token.substr(0, kTokenPrefix.size()) != kTokenPrefix) {
    return "it does not start with \"dyn_\"";
  }
  std::string_view body = token.substr(kTokenPrefix.size());
  for (std::size_t i = 0; i < body.size(); ++i) {
    char c = body[i];
    if (!is_alnum(c)) {
      bool space = c == ' ' || c == '\t' || c == '\r' || c == '\n';
      return std::string("it contains ") +
             (space ? "whitespace" : "a character that is not an ASCII letter or digit") +
             " at position " + std::to_string(kTokenPrefix.size() + i + 1);
    }
  }
  return "it has " + std::to_string(body.size()) + " characters after \"dyn_\" instead of " +
         std::to_string(kTokenBodyLength);
}

std::string resolve_token(const ClientOptions& options) {
  std::string token = options.api_token;
  const char* source = "ClientOptions::api_token";
  if (token.empty()) {
    const char* env = std::getenv(kApiTokenVariable);
    if (env != nullptr) token = env;
    source = kApiTokenVariable;
  }
  if (token.empty()) {
    throw ConfigurationError("no API token: set ClientOptions::api_token or DYNAMIC_API_TOKEN");
  }
  if (!is_valid_api_token(token)) {
    throw ConfigurationError(std::string("malformed API token (from ") + source +
                             "): " + describe_token_problem(token) +
                             "; expected \"dyn_\" followed by 56 ASCII letters or digits");
  }
  return token;
}

std::string resolve_base_url(std::string url) {
  auto starts_with_ci = [&](std::string_view prefix) {
    return url.size() >= prefix.size() && detail::iequals(url.substr(0, prefix.size()), prefix);
  };
  std::size_t scheme_end = 0;
  if (starts_with_ci("https://")) {
    scheme_end = 8;
  } else if (starts_with_ci("http://")) {
    scheme_end = 7;
  } else {
    throw ConfigurationError("base_url must start with http:// or https:// (got \"" +
                             detail::redact_secrets(url) + "\")");
  }
  while (url.size() > scheme_end && url.back() == '/') url.pop_back();
  if (url.size() == scheme_end) throw ConfigurationError("base_url has no host");
  for (char c : url) {
    if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7f) {
      throw ConfigurationError("base_url contains whitespace or a control character");
    }
  }
  return url;
}

// ---- URL --------------------------------------------------------------------------------------

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
    append_percent_encoded(url, found->second);
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

// ---- Headers ----------------------------------------------------------------------------------

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
  return detail::redact_secrets(out);
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

// Adds a header, replacing an earlier one with the same name (case-insensitive).
void set_header(HeaderList& headers, const std::string& name, const std::string& value) {
  check_header(name, value);
  for (auto& header : headers) {
    if (detail::iequals(header.first, name)) {
      header = {name, value};
      return;
    }
  }
  headers.emplace_back(name, value);
}

// ---- Retries ----------------------------------------------------------------------------------

bool is_idempotent(std::string_view method) {
  return method == "GET" || method == "PUT" || method == "DELETE" || method == "HEAD" ||
         method == "OPTIONS";
}

std::optional<int> parse_fixed_digits(std::string_view text, std::size_t pos, std::size_t count) {
  int value = 0;
  for (std::size_t i = pos; i < pos + count; ++i) {
    if (!is_digit(text[i])) return std::nullopt;
    value = value * 10 + (text[i] - '0');
  }
  return value;
}

long long days_from_civil(long long y, unsigned m, unsigned d) {
  y -= m <= 2 ? 1 : 0;
  const long long era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<long long>(doe) - 719468;
}

// IMF-fixdate, the form RFC 9110 requires senders to use: "Sun, 06 Nov 1994 08:49:37 GMT".
std::optional<std::chrono::system_clock::time_point> parse_http_date(std::string_view text) {
  if (text.size() != 29 || text[3] != ',' || text[4] != ' ' || text[7] != ' ' || text[11] != ' ' ||
      text[16] != ' ' || text[19] != ':' || text[22] != ':' || text[25] != ' ' ||
      text.substr(26) != "GMT") {
    return std::nullopt;
  }
  static constexpr std::string_view kMonths = "JanFebMarAprMayJunJulAugSepOctNovDec";
  std::size_t month_at = kMonths.find(text.substr(8, 3));
  if (month_at == std::string_view::npos || month_at % 3 != 0) return std::nullopt;
  auto day = parse_fixed_digits(text, 5, 2);
  auto year = parse_fixed_digits(text, 12, 4);
  auto hour = parse_fixed_digits(text, 17, 2);
  auto minute = parse_fixed_digits(text, 20, 2);
  auto second = parse_fixed_digits(text, 23, 2);
  if (!day || !year || !hour || !minute || !second || *day < 1 || *day > 31 || *hour > 23 ||
      *minute > 59 || *second > 60) {
    return std::nullopt;
  }
  long long days =
      days_from_civil(*year, static_cast<unsigned>(month_at / 3 + 1), static_cast<unsigned>(*day));
  long long seconds = days * 86400 + *hour * 3600 + *minute * 60 + *second;
  return std::chrono::system_clock::time_point(std::chrono::seconds(seconds));
}

/// The wait the server asked for: retry-after-ms, else Retry-After (seconds or an HTTP date).
std::optional<milliseconds> server_delay(const HttpResponse& response) {
  std::string ms_header = response.header("retry-after-ms");
  std::string_view ms_text = trim(ms_header);
  if (!ms_text.empty()) {
    double value = 0;
    auto [end, ec] = std::from_chars(ms_text.data(), ms_text.data() + ms_text.size(), value);
    if (ec == std::errc() && end == ms_text.data() + ms_text.size() && std::isfinite(value) &&
        value >= 0) {
      return milliseconds(static_cast<long long>(std::ceil(std::min(value, 1e12))));
    }
  }
  std::string header = response.header("Retry-After");
  std::string_view text = trim(header);
  if (text.empty()) return std::nullopt;
  if (std::all_of(text.begin(), text.end(), is_digit)) {
    if (text.size() > 9) return milliseconds(999'999'999'000LL);  // Absurdly long: not retried.
    long long seconds = 0;
    for (char c : text) seconds = seconds * 10 + (c - '0');
    return milliseconds(seconds * 1000);
  }
  if (auto date = parse_http_date(text)) {
    auto wait = std::chrono::ceil<milliseconds>(*date - std::chrono::system_clock::now());
    return std::max(wait, milliseconds(0));
  }
  return std::nullopt;
}

/// 500 ms * 2^n capped at 8 s, minus up to 25 % random jitter.
milliseconds backoff_delay(int retry) {
  milliseconds base = kMaxBackoff;
  if (retry < 5) base = std::min(kMaxBackoff, milliseconds(kBaseBackoff.count() << retry));
  thread_local std::mt19937_64 rng{std::random_device{}()};
  std::uniform_real_distribution<double> jitter(0.0, 0.25);
  double scaled = static_cast<double>(base.count()) * (1.0 - jitter(rng));
  return milliseconds(static_cast<long long>(scaled));
}

// ---- Errors -----------------------------------------------------------------------------------

const char* reason_phrase(int status) {
  switch (status) {
    case 400:
      return "Bad Request";
    case 401:
      return "Unauthorized";
    case 403:
      return "Forbidden";
    case 404:
      return "Not Found";
    case 405:
      return "Method Not Allowed";
    case 406:
      return "Not Acceptable";
    case 408:
      return "Request Timeout";
    case 409:
      return "Conflict";
    case 410:
      return "Gone";
    case 413:
      return "Content Too Large";
    case 415:
      return "Unsupported Media Type";
    case 422:
      return "Unprocessable Content";
    case 429:
      return "Too Many Requests";
    case 500:
      return "Internal Server Error";
    case 501:
      return "Not Implemented";
    case 502:
      return "Bad Gateway";
    case 503:
      return "Service Unavailable";
    case 504:
      return "Gateway Timeout";
    default:
      return nullptr;
  }
}

// Reads what it can from an error body; anything unexpected leaves fields empty, never throws.
ErrorBody parse_error_body(std::string_view text) noexcept {
  try {
    ErrorBody out;
    boost::json::error_code ec;
    boost::json::value json = boost::json::parse(text, ec);
    if (ec) return {};
    const boost::json::object* object = json.if_object();
    if (object == nullptr) return {};
    if (const boost::json::value* error = object->if_contains("error")) {
      if (const boost::json::string* s = error->if_string()) out.error.assign(s->data(), s->size());
    }
    if (const boost::json::value* code = object->if_contains("code")) {
      if (const boost::json::string* s = code->if_string()) {
        out.code = std::string(s->data(), s->size());
      } else if (code->is_number()) {
        out.code = boost::json::serialize(*code);
      }
    }
    if (const boost::json::value* payload = object->if_contains("payload")) {
      out.payload = Json::parse(boost::json::serialize(*payload));
    }
    return out;
  } catch (...) {
    return {};
  }
}

std::string find_request_id(const HttpResponse& response) {
  for (const char* name : {"x-request-id", "request-id", "x-amzn-requestid"}) {
    std::string value = response.header(name);
    if (!value.empty()) return value;
  }
  return {};
}

[[noreturn]] void throw_api_error(const HttpResponse& response,
                                  std::string request_id,
                                  std::optional<milliseconds> retry_after) {
  const int status = response.status;
  std::string raw_body = detail::redact_secrets(response.body);
  ErrorBody body = parse_error_body(raw_body);
  std::string message = body.error;
  if (message.empty()) {
    const char* reason = reason_phrase(status);
    message = reason != nullptr ? reason : "HTTP " + std::to_string(status);
  }
  switch (status) {
    case 400:
      throw BadRequestError(status, message, request_id, body, raw_body);
    case 401:
      throw AuthenticationError(status, message, request_id, body, raw_body);
    case 403:
      throw PermissionDeniedError(status, message, request_id, body, raw_body);
    case 404:
      throw NotFoundError(status, message, request_id, body, raw_body);
    case 409:
      throw ConflictError(status, message, request_id, body, raw_body);
    case 422:
      throw UnprocessableEntityError(status, message, request_id, body, raw_body);
    case 429:
      throw RateLimitError(status, message, request_id, body, raw_body, retry_after);
    default:
      if (status >= 500) throw InternalServerError(status, message, request_id, body, raw_body);
      throw ApiError(status, message, request_id, body, raw_body);
  }
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

}  // namespace

struct Pipeline::State {
  ClientOptions options;
  std::string token;
  std::string base_url;
  std::shared_ptr<Transport> transport;
};

Pipeline::Pipeline(ClientOptions options) : state_(std::make_unique<State>()) {
  state_->token = resolve_token(options);
  state_->base_url = resolve_base_url(options.base_url);
  if (options.timeout <= milliseconds(0)) {
    throw ConfigurationError("ClientOptions::timeout must be positive");
  }
  state_->transport = options.transport ? options.transport : make_cpprest_transport();
  options.transport = state_->transport;
  state_->options = std::move(options);
}

Pipeline::~Pipeline() = default;

const ClientOptions& Pipeline::options() const { return state_->options; }

ApiResponse Pipeline::send(const ApiRequest& request, const RequestOptions& call) const {
  const State& state = *state_;
  const ClientOptions& options = state.options;

  HttpRequest http;
  http.method = normalise_method(request.method);
  http.url = build_url(state.base_url, request);
  http.timeout = call.timeout.value_or(options.timeout);
  if (http.timeout <= milliseconds(0)) {
    throw std::invalid_argument("RequestOptions::timeout must be positive");
  }
  set_header(http.headers, "Authorization", "Bearer " + state.token);
  set_header(http.headers, "Accept", "application/json");
  set_header(http.headers, "User-Agent", "dynamic-cpp/" DYNAMIC_SDK_VERSION);
  if (request.json_body) {
    set_header(http.headers, "Content-Type", "application/json");
    http.body = *request.json_body;
  }
  for (const auto& [name, value] : options.default_headers) set_header(http.headers, name, value);
  for (const auto& [name, value] : call.extra_headers) set_header(http.headers, name, value);

  const bool idempotent = is_idempotent(http.method);
  const int max_retries = std::max(0, call.max_retries.value_or(options.max_retries));
  auto sleep = [&](milliseconds delay) {
    if (options.sleep) {
      options.sleep(delay);
    } else {
      std::this_thread::sleep_for(delay);
    }
  };

  for (int attempt = 0;; ++attempt) {
    const bool may_retry = attempt < max_retries;
    HttpResponse response;
    try {
      response = state.transport->send(http);
    } catch (const ConnectionError&) {
      // Includes TimeoutError. A non-idempotent request may have reached the server.
      if (!idempotent || !may_retry) throw;
      sleep(backoff_delay(attempt));
      continue;
    }

    std::string request_id = find_request_id(response);
    if (response.status >= 200 && response.status < 300) {
      return ApiResponse{response.status,
                         std::move(response.headers),
                         std::move(response.body),
                         std::move(request_id)};
    }

    const int status = response.status;
    const bool retryable =
        status == 429 ||
        (idempotent && (status == 408 || status == 409 || (status >= 500 && status <= 599)));
    std::optional<milliseconds> asked = server_delay(response);
    if (retryable && may_retry && (!asked || *asked <= kMaxServerDelay)) {
      sleep(asked ? *asked : backoff_delay(attempt));
      continue;
    }
    throw_api_error(response, std::move(request_id), asked);
  }
}

bool is_valid_api_token(std::string_view token) {
  if (token.size() != kTokenPrefix.size() + kTokenBodyLength) return false;
  if (token.substr(0, kTokenPrefix.size()) != kTokenPrefix) return false;
  return std::all_of(token.begin() + kTokenPrefix.size(), token.end(), is_alnum);
}

}  // namespace dynamic
