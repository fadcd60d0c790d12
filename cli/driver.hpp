// The `dynamic` command line, as a function: parses the arguments, runs one operation and maps the
// outcome to an exit code. Takes the environment and the streams as parameters so tests can drive
// it without a process.
#pragma once

#include <functional>
#include <ostream>
#include <string>
#include <vector>

#include "operation.hpp"

namespace dynamic::cli {

/// Exit codes of the `dynamic` command.
enum ExitCode : int {
  kExitOk = 0,
  /// Wrong use of the command line (unknown flag, missing or malformed value).
  kExitUsage = 1,
  /// The client cannot be set up: missing or malformed token, bad base URL.
  kExitConfiguration = 2,
  /// The API answered with a 4xx status other than 429.
  kExitClientError = 3,
  /// The API answered 429 and the retries ran out.
  kExitRateLimited = 4,
  /// 5xx answer, no answer (connection failure, timeout) or an answer that could not be decoded.
  kExitServerError = 5,
};

/// Looks up an environment variable; returns null when it is not set.
using Getenv = std::function<const char*(const char*)>;

/// Runs `dynamic <args...>` (args excludes the program name) against the operation table `ops`.
/// Writes the response body (or help) to `out` and, on failure, exactly one line to `err`.
/// Reads DYNAMIC_API_TOKEN, DYNAMIC_BASE_URL and DYNAMIC_ENVIRONMENT_ID through `getenv`.
/// `stdout_is_terminal`: the JSON printed is indented, as with --pretty. `spec_description`
/// names the document `ops` come from, for --version.
int run_cli(const std::vector<std::string>& args,
            const std::vector<Operation>& ops,
            const Getenv& getenv,
            std::ostream& out,
            std::ostream& err,
            bool stdout_is_terminal = false,
            const std::string& spec_description = "");

}  // namespace dynamic::cli
