// What the pipeline reports about each call: one record per request (info) and one per attempt
// or retry decision (debug). Secrets never reach a record: the Authorization header and anything
// shaped like a `dyn_` token are redacted before the logger sees them.
#pragma once

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace dynamic {

/// Environment variable read when ClientOptions::logger is empty: `info` prints one line per
/// request to stderr, `debug` also one per attempt with (allow-listed) headers.
inline constexpr const char* kLogVariable = "DYNAMIC_LOG";

enum class LogLevel {
  /// Every attempt and every retry decision, with allow-listed headers.
  kDebug,
  /// One record per call, when it ends (success or failure).
  kInfo,
};

struct LogRecord {
  LogLevel level = LogLevel::kInfo;
  std::string method;
  /// Path and query as sent (e.g. "/api/v0/environments/e1/users?limit=5"), secrets redacted.
  std::string path;
  /// HTTP status of the (last) answer; empty when no answer came (connection error, timeout).
  std::optional<int> status;
  /// Debug: this attempt. Info: the whole call including waits between retries.
  std::chrono::milliseconds duration{0};
  /// 1-based number of the attempt (debug) or of the last attempt (info).
  int attempt = 1;
  /// Retries made so far (info: in total).
  int retries = 0;
  /// The server's request id, when an answer carried one.
  std::string request_id;
  /// Debug records of an attempt only. Values of headers not on the allow-list read "REDACTED".
  std::vector<std::pair<std::string, std::string>> request_headers;
  std::vector<std::pair<std::string, std::string>> response_headers;
  /// "ok", the failure's what(), or the retry decision ("retrying in 500 ms"); redacted.
  std::string message;
};

/// Receives every record, debug and info alike (filter on LogRecord::level). Called on the thread
/// running the call (a pool thread for send_async), so it must be thread-safe when the client is
/// shared. Exceptions it throws are swallowed.
using Logger = std::function<void(const LogRecord&)>;

}  // namespace dynamic
