#include "logging_policy.hpp"

#include <chrono>
#include <exception>
#include <iostream>
#include <mutex>
#include <utility>

#include "environment.hpp"
#include "error_mapping.hpp"
#include "redact.hpp"
#include "request.hpp"

namespace dynamic::detail {
namespace {

using std::chrono::milliseconds;

constexpr const char* kRedacted = "REDACTED";

/// Headers whose values debug records show (lower-case). Nothing here can carry a credential.
constexpr const char* kAllowedHeaders[] = {
    "accept",
    "accept-encoding",
    "cache-control",
    "connection",
    "content-encoding",
    "content-length",
    "content-type",
    "date",
    "etag",
    "expires",
    "keep-alive",
    "last-modified",
    "pragma",
    "request-id",
    "retry-after",
    "retry-after-ms",
    "server",
    "transfer-encoding",
    "user-agent",
    "vary",
    "x-amzn-requestid",
    "x-ratelimit-limit",
    "x-ratelimit-remaining",
    "x-ratelimit-reset",
    "x-request-id",
};

/// Never shown, even when a caller allows them.
constexpr const char* kSecretHeaders[] = {
    "authorization", "proxy-authorization", "cookie", "set-cookie"};

std::optional<LogLevel> level_from_environment(const EnvironmentLookup& environment) {
  const std::optional<std::string> value = read_environment(environment, kLogVariable);
  if (!value) return std::nullopt;
  const std::string text = ascii_lower(*value);
  if (text == "debug") return LogLevel::kDebug;
  if (text == "info") return LogLevel::kInfo;
  return std::nullopt;
}

std::mutex& stderr_mutex() {
  static std::mutex mutex;
  return mutex;
}

milliseconds since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration_cast<milliseconds>(std::chrono::steady_clock::now() - start);
}

std::string describe_headers(const HeaderList& headers) {
  std::string out = "{";
  for (const auto& [name, value] : headers) {
    if (out.size() > 1) out += "; ";
    out += name;
    out += ": ";
    out += value;
  }
  return out + "}";
}

/// One line whatever the text holds.
std::string one_line(std::string text) {
  for (char& c : text) {
    if (c == '\r' || c == '\n' || c == '\t') c = ' ';
  }
  return text;
}

}  // namespace

LogSink::LogSink(Logger logger,
                 const std::vector<std::string>& allowed_headers,
                 const EnvironmentLookup& environment)
    : logger_(std::move(logger)) {
  if (!logger_) stderr_level_ = level_from_environment(environment);
  for (const char* name : kAllowedHeaders) allowed_.emplace_back(name);
  for (const std::string& name : allowed_headers) allowed_.push_back(ascii_lower(name));
}

bool LogSink::enabled(LogLevel level) const {
  if (logger_) return true;
  return stderr_level_ && static_cast<int>(level) >= static_cast<int>(*stderr_level_);
}

void LogSink::emit(const LogRecord& record) const noexcept {
  try {
    if (logger_) {
      logger_(record);
      return;
    }
    if (!enabled(record.level)) return;
    std::string line = format_log_line(record);
    line += '\n';
    std::lock_guard<std::mutex> lock(stderr_mutex());
    std::cerr << line << std::flush;
  } catch (...) {
    // Logging never changes the outcome of a call.
  }
}

HeaderList LogSink::filter(const HeaderList& headers) const {
  HeaderList out;
  out.reserve(headers.size());
  for (const auto& [name, value] : headers) {
    const std::string lower = ascii_lower(name);
    bool secret = false;
    for (const char* blocked : kSecretHeaders) secret = secret || lower == blocked;
    bool allowed = false;
    for (const std::string& allow : allowed_) allowed = allowed || lower == allow;
    out.emplace_back(redact_secrets(name),
                     (!secret && allowed) ? one_line(redact_secrets(value)) : kRedacted);
  }
  return out;
}

std::string format_log_line(const LogRecord& record) {
  const bool debug = record.level == LogLevel::kDebug;
  std::string line = debug ? "dynamic: [debug] " : "dynamic: ";
  line += record.method;
  line += ' ';
  line += record.path;
  if (debug) line += " attempt " + std::to_string(record.attempt);
  line += record.status ? " -> " + std::to_string(*record.status) : std::string(" -> no answer");
  line += " (" + std::to_string(record.duration.count()) + " ms";
  if (!debug) {
    line += ", " + std::to_string(record.retries) + (record.retries == 1 ? " retry" : " retries");
  }
  if (!record.request_id.empty()) line += ", request id " + record.request_id;
  line += ')';
  if (!record.message.empty()) line += ": " + record.message;
  if (!record.request_headers.empty()) {
    line += " request headers " + describe_headers(record.request_headers);
  }
  if (!record.response_headers.empty()) {
    line += " response headers " + describe_headers(record.response_headers);
  }
  return one_line(std::move(line));
}

HttpResponse RequestLogPolicy::send(HttpRequest& request,
                                    CallContext& context,
                                    const NextPolicy& next) const {
  if (!log_.enabled(LogLevel::kInfo)) return next(request, context);
  const auto start = std::chrono::steady_clock::now();
  LogRecord record;
  record.level = LogLevel::kInfo;
  record.method = request.method;
  record.path = loggable_path(request.url);
  try {
    HttpResponse response = next(request, context);
    record.status = response.status;
    record.request_id = redact_secrets(find_request_id(response));
    record.message = response.status >= 200 && response.status < 300
                         ? "ok"
                         : "failed with HTTP " + std::to_string(response.status);
    record.duration = since(start);
    record.attempt = context.attempt + 1;
    record.retries = context.attempt;
    log_.emit(record);
    return response;
  } catch (const std::exception& e) {
    record.duration = since(start);
    record.attempt = context.attempt + 1;
    record.retries = context.attempt;
    record.message = one_line(redact_secrets(e.what()));
    log_.emit(record);
    throw;
  }
}

HttpResponse AttemptLogPolicy::send(HttpRequest& request,
                                    CallContext& context,
                                    const NextPolicy& next) const {
  if (!log_.enabled(LogLevel::kDebug)) return next(request, context);
  const auto start = std::chrono::steady_clock::now();
  LogRecord record;
  record.level = LogLevel::kDebug;
  record.method = request.method;
  record.path = loggable_path(request.url);
  record.attempt = context.attempt + 1;
  record.retries = context.attempt;
  record.request_headers = log_.filter(request.headers);
  try {
    HttpResponse response = next(request, context);
    record.duration = since(start);
    record.status = response.status;
    record.request_id = redact_secrets(find_request_id(response));
    record.response_headers = log_.filter(response.headers);
    log_.emit(record);
    return response;
  } catch (const std::exception& e) {
    record.duration = since(start);
    record.message = one_line(redact_secrets(e.what()));
    log_.emit(record);
    throw;
  }
}

}  // namespace dynamic::detail
