// Logging: where records go (ClientOptions::logger or DYNAMIC_LOG on stderr), what they may show
// (a header allow-list, redaction), and the two policies that produce them.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "dynamic/runtime/logging.hpp"
#include "dynamic/runtime/options.hpp"
#include "policy.hpp"

namespace dynamic::detail {

class LogSink {
 public:
  /// With a logger every record goes to it; without one DYNAMIC_LOG (read now, through
  /// `environment`) decides which records are printed to stderr. `allowed_headers`: extra names
  /// for the allow-list.
  LogSink(Logger logger,
          const std::vector<std::string>& allowed_headers,
          const EnvironmentLookup& environment);

  bool enabled(LogLevel level) const;
  /// Never throws; a throwing logger is ignored.
  void emit(const LogRecord& record) const noexcept;
  /// Names kept; values of allow-listed headers redacted of secrets, the others "REDACTED".
  /// Authorization (and Proxy-Authorization, Cookie, Set-Cookie) is always "REDACTED".
  HeaderList filter(const HeaderList& headers) const;

 private:
  Logger logger_;
  std::optional<LogLevel> stderr_level_;
  std::vector<std::string> allowed_;
};

/// The stderr form of a record: one line, no trailing newline.
std::string format_log_line(const LogRecord& record);

/// Outermost: one info record per call, with the outcome, total duration and retry count.
class RequestLogPolicy final : public Policy {
 public:
  explicit RequestLogPolicy(const LogSink& log) : log_(log) {}
  HttpResponse send(HttpRequest& request,
                    CallContext& context,
                    const NextPolicy& next) const override;

 private:
  const LogSink& log_;
};

/// Innermost but one: a debug record per attempt, with allow-listed headers.
class AttemptLogPolicy final : public Policy {
 public:
  explicit AttemptLogPolicy(const LogSink& log) : log_(log) {}
  HttpResponse send(HttpRequest& request,
                    CallContext& context,
                    const NextPolicy& next) const override;

 private:
  const LogSink& log_;
};

}  // namespace dynamic::detail
