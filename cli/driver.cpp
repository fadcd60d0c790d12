// The `dynamic` command line: dynamic [global options] <operation> [--flag value ...].
#include "driver.hpp"

#include <algorithm>
#include <chrono>
#include <climits>
#include <cmath>
#include <cstddef>
#include <map>
#include <memory>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "dynamic/detail/pipeline.hpp"
#include "dynamic/runtime/errors.hpp"
#include "dynamic/runtime/json.hpp"
#include "dynamic/runtime/json_io.hpp"
#include "dynamic/runtime/options.hpp"
#include "dynamic/runtime/version.hpp"
#include "verify_webhook.hpp"

namespace dynamic::cli {
namespace {

constexpr const char* kProgram = "dynamic";
constexpr const char* kBaseUrlVariable = "DYNAMIC_BASE_URL";
constexpr const char* kEnvironmentIdVariable = "DYNAMIC_ENVIRONMENT_ID";
constexpr const char* kEnvironmentIdFlag = "environment-id";
constexpr const char* kBodyFlag = "body";
constexpr const char* kFormFlag = "form";
// Larger timeouts would overflow the milliseconds representation long before they made sense.
constexpr double kMaxTimeoutSeconds = 1e9;

using Values = std::map<std::string, std::string, std::less<>>;

struct GlobalOptions {
  std::optional<std::string> base_url;
  std::optional<std::chrono::milliseconds> timeout;
  std::optional<int> max_retries;
  bool allow_insecure_http = false;
  /// Any mismatch between an answer and the spec fails the call (exit 5) instead of being read
  /// leniently.
  bool strict = false;
  /// Indent the JSON printed (also when stdout is a terminal).
  bool pretty = false;
  bool help = false;
  bool version = false;
};

std::string environment(const Getenv& getenv, const char* name) {
  if (!getenv) return {};
  const char* value = getenv(name);
  return value == nullptr ? std::string() : std::string(value);
}

bool starts_with(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}

bool is_help(std::string_view token) { return token == "--help" || token == "-h"; }

/// A token that names an option rather than being one's value.
bool looks_like_option(std::string_view token) {
  return (token.size() > 2 && starts_with(token, "--")) || token == "-h";
}

/// Splits "--name=value" into ("name", "value") and "--name" into ("name", nullopt).
std::pair<std::string, std::optional<std::string>> split_option(std::string_view token) {
  std::string_view name = token.substr(2);
  const std::size_t equals = name.find('=');
  if (equals == std::string_view::npos) return {std::string(name), std::nullopt};
  return {std::string(name.substr(0, equals)), std::string(name.substr(equals + 1))};
}

/// The value of the option at args[index]: inline ("--x=v") or the next token, which it consumes.
std::string take_value(const std::vector<std::string>& args,
                       std::size_t& index,
                       const std::string& name,
                       const std::optional<std::string>& inline_value) {
  if (inline_value) return *inline_value;
  if (index + 1 >= args.size() || looks_like_option(args[index + 1])) {
    throw UsageError("--" + name + ": missing value");
  }
  return args[++index];
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

/// "; did you mean 'x'?" for the closest candidates, or empty when none is close.
std::string suggestion(std::string_view given,
                       const std::vector<std::string>& candidates,
                       std::string_view prefix = "") {
  if (given.empty()) return {};
  const std::size_t threshold = std::max<std::size_t>(2, given.size() / 3);
  std::vector<std::pair<std::size_t, std::string>> close;
  for (const std::string& candidate : candidates) {
    std::size_t distance = edit_distance(given, candidate);
    if (distance > threshold && given.size() >= 3 && candidate.find(given) != std::string::npos) {
      distance = threshold;
    }
    if (distance <= threshold) close.emplace_back(distance, candidate);
  }
  if (close.empty()) return {};
  std::stable_sort(
      close.begin(), close.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  if (close.size() > 3) close.resize(3);
  std::string text = close.size() == 1 ? "; did you mean " : "; did you mean one of ";
  for (std::size_t i = 0; i < close.size(); ++i) {
    if (i > 0) text += ", ";
    text += "'" + std::string(prefix) + close[i].second + "'";
  }
  return text + "?";
}

/// One line of text: runs of whitespace and control characters become one space.
std::string one_line(std::string_view text) {
  std::string line;
  bool pending_space = false;
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte == 0x7f || c == ' ') {
      pending_space = !line.empty();
      continue;
    }
    if (pending_space) line += ' ';
    pending_space = false;
    line += c;
  }
  return line;
}

void replace_all(std::string& text, std::string_view what, std::string_view with) {
  if (what.empty()) return;
  for (std::size_t at = text.find(what); at != std::string::npos;
       at = text.find(what, at + with.size())) {
    text.replace(at, what.size(), with);
  }
}

// --- Help -----------------------------------------------------------------------------------

void print_table(std::ostream& out,
                 const std::vector<std::pair<std::string, std::string>>& rows,
                 std::string_view indent) {
  std::size_t width = 0;
  for (const auto& row : rows) width = std::max(width, row.first.size());
  for (const auto& [left, right] : rows) {
    out << indent << left;
    if (!right.empty()) out << std::string(width - left.size() + 2, ' ') << right;
    out << '\n';
  }
}

void print_usage(std::ostream& out, const std::vector<Operation>& ops) {
  const ClientOptions defaults;
  out << "Usage: " << kProgram << " [global options] <operation> [--flag value ...]\n"
      << "\nCalls Dynamic's admin REST API and prints the JSON response on stdout.\n"
      << "\nGlobal options (before the operation):\n";
  print_table(
      out,
      {{"--base-url URL",
        std::string("API base URL (default: $") + kBaseUrlVariable + ", else " + kDefaultBaseUrl +
            ")"},
       {"--timeout SECONDS",
        "Timeout of each attempt, in seconds, may be fractional (default: " +
            std::to_string(
                std::chrono::duration_cast<std::chrono::seconds>(defaults.timeout).count()) +
            ")"},
       {"--max-retries N",
        "Retries after a failed attempt that is safe to repeat (default: " +
            std::to_string(defaults.max_retries) + ")"},
       {"--allow-insecure-http",
        "Allow plain http:// to a host that is not loopback (for test servers only)"},
       {"--strict",
        "Fail (exit 5) when an answer does not match the spec; by default it is read leniently "
        "and each mismatch is logged at DYNAMIC_LOG=info"},
       {"--pretty", "Indent the JSON printed (the default when stdout is a terminal)"},
       {"--version", "Print the SDK's version and the spec the operations come from"},
       {"-h, --help", "Show this help"}},
      "  ");
  out << "\nEnvironment variables:\n";
  print_table(out,
              {{kApiTokenVariable, "API token (dyn_ followed by 56 letters or digits), required"},
               {kBaseUrlVariable, "Base URL used when --base-url is not given"},
               {kEnvironmentIdVariable, "Default value of --environment-id"}},
              "  ");
  out << "\nExit codes:\n";
  print_table(out,
              {{"0", "success"},
               {"1", "usage error"},
               {"2", "configuration error (missing or malformed token, bad base URL)"},
               {"3", "the API answered with a 4xx status"},
               {"4", "rate limited (429) after the retries"},
               {"5", "server error (5xx), connection failure, timeout or malformed response"}},
              "  ");

  out << "\nLocal commands (no API call):\n";
  print_table(out,
              {{kVerifyWebhookCommand,
                "Check a webhook delivery's signature against its body and the secret"}},
              "  ");
  out << "\nOperations (run '" << kProgram << " <operation> --help' for their flags):\n";
  std::map<std::string, std::vector<const Operation*>> by_resource;
  for (const Operation& op : ops) by_resource[op.resource].push_back(&op);
  for (const auto& [resource, members] : by_resource) {
    out << "\n  " << (resource.empty() ? std::string("Other") : resource) << ":\n";
    std::vector<std::pair<std::string, std::string>> rows;
    rows.reserve(members.size());
    for (const Operation* op : members) rows.emplace_back(op->name, one_line(op->summary));
    print_table(out, rows, "    ");
  }
}

void print_operation_help(std::ostream& out, const Operation& op) {
  out << "Usage: " << kProgram << " [global options] " << op.name << " [--flag value ...]\n";
  if (!op.summary.empty()) out << '\n' << one_line(op.summary) << '\n';
  out << "\nFlags (--flag VALUE or --flag=VALUE):\n";
  std::vector<std::pair<std::string, std::string>> rows;
  for (const ParamSpec& param : op.params) {
    std::string text = param.required ? "required" : "optional";
    if (!param.description.empty()) text += ". " + one_line(param.description);
    if (param.flag == kEnvironmentIdFlag) {
      text += std::string(" (default: $") + kEnvironmentIdVariable + ")";
    }
    rows.emplace_back("--" + param.flag + " <" + param.type + ">", std::move(text));
  }
  if (op.has_body) {
    const std::string need = op.body_required ? "required" : "optional";
    switch (op.body_kind) {
      case BodyKind::kJson:
        rows.emplace_back("--body <JSON|@file>",
                          need + ". Request body as JSON text, or @path to read it from a file");
        break;
      case BodyKind::kText:
        rows.emplace_back("--body <TEXT|@file>",
                          need + ". Request body as text, or @path to read it from a file");
        break;
      case BodyKind::kBinary:
        rows.emplace_back("--body <@file|BYTES>",
                          need + ". Request body: @path sends the file's bytes");
        break;
      case BodyKind::kMultipart:
        rows.emplace_back("--form <name=VALUE|name=@file>",
                          need + ", repeatable. One form field; @path sends a file");
        break;
    }
  }
  rows.emplace_back("-h, --help", "Show this help");
  print_table(out, rows, "  ");
}

// --- Parsing --------------------------------------------------------------------------------

std::chrono::milliseconds parse_timeout(const std::string& text) {
  const double seconds = Arguments(Values{{"timeout", text}}).number("timeout");
  if (!(seconds > 0) || seconds > kMaxTimeoutSeconds) {
    throw UsageError("--timeout: expected a positive number of seconds, got '" + text + "'");
  }
  const double millis = std::max(1.0, std::ceil(seconds * 1000.0));
  return std::chrono::milliseconds(static_cast<std::chrono::milliseconds::rep>(millis));
}

int parse_max_retries(const std::string& text) {
  const std::int64_t value = Arguments(Values{{"max-retries", text}}).integer("max-retries");
  if (value < 0 || value > INT_MAX) {
    throw UsageError("--max-retries: expected a non-negative integer, got '" + text + "'");
  }
  return static_cast<int>(value);
}

/// Parses the global options; leaves `index` on the operation name (or past the end).
GlobalOptions parse_global_options(const std::vector<std::string>& args, std::size_t& index) {
  GlobalOptions globals;
  for (; index < args.size(); ++index) {
    const std::string& token = args[index];
    if (token == "--") {
      ++index;
      break;
    }
    if (!looks_like_option(token)) break;
    if (is_help(token)) {
      globals.help = true;
      continue;
    }
    auto [name, inline_value] = split_option(token);
    if (name == "base-url") {
      globals.base_url = take_value(args, index, name, inline_value);
    } else if (name == "timeout") {
      globals.timeout = parse_timeout(take_value(args, index, name, inline_value));
    } else if (name == "max-retries") {
      globals.max_retries = parse_max_retries(take_value(args, index, name, inline_value));
    } else if (name == "allow-insecure-http" && !inline_value) {
      globals.allow_insecure_http = true;
    } else if (name == "allow-insecure-http") {
      throw UsageError("--allow-insecure-http takes no value");
    } else if ((name == "strict" || name == "pretty") && !inline_value) {
      (name == "strict" ? globals.strict : globals.pretty) = true;
    } else if (name == "strict" || name == "pretty") {
      throw UsageError("--" + name + " takes no value");
    } else if (name == "version" && !inline_value) {
      globals.version = true;
    } else {
      throw UsageError("unknown global option '--" + name + "'" +
                       suggestion(name,
                                  {"base-url",
                                   "timeout",
                                   "max-retries",
                                   "allow-insecure-http",
                                   "strict",
                                   "pretty",
                                   "version",
                                   "help"},
                                  "--"));
    }
  }
  return globals;
}

const Operation& find_operation(const std::vector<Operation>& ops, const std::string& name) {
  for (const Operation& op : ops) {
    if (op.name == name) return op;
  }
  std::vector<std::string> names;
  names.reserve(ops.size());
  for (const Operation& op : ops) names.push_back(op.name);
  throw UsageError("unknown operation '" + name + "'" + suggestion(name, names));
}

void check_value(const ParamSpec& param, const Arguments& arguments) {
  if (param.type == "integer") {
    arguments.integer(param.flag);
  } else if (param.type == "number") {
    arguments.number(param.flag);
  } else if (param.type == "boolean") {
    arguments.boolean(param.flag);
  }
}

/// Parses the operation's flags (args[index...]), fills defaults from the environment and checks
/// every value it can before any request is made.
Arguments parse_operation_flags(const Operation& op,
                                const std::vector<std::string>& args,
                                std::size_t index,
                                const Getenv& getenv) {
  Values values;
  Arguments::FormEntries form;
  const bool multipart = op.has_body && op.body_kind == BodyKind::kMultipart;
  std::vector<std::string> known;
  for (const ParamSpec& param : op.params) known.push_back(param.flag);
  if (op.has_body) known.emplace_back(multipart ? kFormFlag : kBodyFlag);

  for (; index < args.size(); ++index) {
    const std::string& token = args[index];
    if (!looks_like_option(token)) {
      throw UsageError("unexpected argument '" + token + "'");
    }
    auto [name, inline_value] = split_option(token);
    if (std::find(known.begin(), known.end(), name) == known.end()) {
      throw UsageError("unknown flag '--" + name + "' for " + op.name +
                       suggestion(name, known, "--"));
    }
    std::string value = take_value(args, index, name, inline_value);
    if (name == kFormFlag) {
      const std::size_t equals = value.find('=');
      if (equals == std::string::npos || equals == 0) {
        throw UsageError("--form: expected name=value or name=@file, got '" + value + "'");
      }
      form.emplace_back(value.substr(0, equals), value.substr(equals + 1));
      continue;
    }
    if (!values.emplace(name, std::move(value)).second) {
      throw UsageError("--" + name + ": given more than once");
    }
  }

  for (const ParamSpec& param : op.params) {
    if (param.flag != kEnvironmentIdFlag || values.count(param.flag) != 0) continue;
    std::string fallback = environment(getenv, kEnvironmentIdVariable);
    if (!fallback.empty()) values.emplace(param.flag, std::move(fallback));
  }
  for (const ParamSpec& param : op.params) {
    if (param.required && values.count(param.flag) == 0) {
      std::string message = "missing required flag --" + param.flag;
      if (param.flag == kEnvironmentIdFlag) {
        message += std::string(" (or set ") + kEnvironmentIdVariable + ")";
      }
      throw UsageError(message);
    }
  }
  if (op.has_body && op.body_required && values.count(kBodyFlag) == 0 && form.empty()) {
    throw UsageError(std::string("missing required flag --") + (multipart ? kFormFlag : kBodyFlag));
  }

  Arguments arguments(std::move(values), std::move(form));
  for (const ParamSpec& param : op.params) {
    if (arguments.has(param.flag)) check_value(param, arguments);
  }
  if (op.has_body && op.body_kind == BodyKind::kJson && arguments.has(kBodyFlag)) {
    try {
      Json::parse(arguments.body());
    } catch (const DecodeError& error) {
      throw UsageError(std::string("--body: not valid JSON: ") + error.what());
    }
  }
  return arguments;
}

void check_base_url(const std::string& url) {
  const bool http = starts_with(url, "http://");
  const bool https = starts_with(url, "https://");
  const std::size_t host_start = http ? 7 : 8;
  if ((!http && !https) || url.size() <= host_start || url[host_start] == '/' ||
      url.find_first_of(" \t\r\n") != std::string::npos) {
    throw ConfigurationError("invalid base URL '" + one_line(url) +
                             "': expected http://host[/path] or https://host[/path]");
  }
}

ClientOptions client_options(const GlobalOptions& globals, const Getenv& getenv) {
  ClientOptions options;
  if (globals.base_url) {
    options.base_url = *globals.base_url;
  } else if (std::string from_env = environment(getenv, kBaseUrlVariable); !from_env.empty()) {
    options.base_url = std::move(from_env);
  }
  check_base_url(options.base_url);
  // Always from the injected environment: an empty token would make the runtime read the
  // process environment behind the caller's back.
  options.api_token = environment(getenv, kApiTokenVariable);
  if (options.api_token.empty()) {
    throw ConfigurationError(std::string("missing API token: set ") + kApiTokenVariable);
  }
  if (globals.timeout) options.timeout = *globals.timeout;
  if (globals.max_retries) options.max_retries = *globals.max_retries;
  options.allow_insecure_http = globals.allow_insecure_http;
  // DYNAMIC_LOG and the proxy variables come from the injected environment too.
  options.environment = [getenv](const char* name) -> const char* {
    return getenv ? getenv(name) : nullptr;
  };
  options.strict_responses = globals.strict;
  return options;
}

// --- Failures -------------------------------------------------------------------------------

const char* api_error_class(const ApiError& error) {
  if (dynamic_cast<const RateLimitError*>(&error) != nullptr) return "RateLimitError";
  if (dynamic_cast<const BadRequestError*>(&error) != nullptr) return "BadRequestError";
  if (dynamic_cast<const AuthenticationError*>(&error) != nullptr) return "AuthenticationError";
  if (dynamic_cast<const PermissionDeniedError*>(&error) != nullptr) {
    return "PermissionDeniedError";
  }
  if (dynamic_cast<const NotFoundError*>(&error) != nullptr) return "NotFoundError";
  if (dynamic_cast<const ConflictError*>(&error) != nullptr) return "ConflictError";
  if (dynamic_cast<const UnprocessableEntityError*>(&error) != nullptr) {
    return "UnprocessableEntityError";
  }
  if (dynamic_cast<const InternalServerError*>(&error) != nullptr) return "InternalServerError";
  return "ApiError";
}

std::string describe(const ApiError& error) {
  std::string text =
      std::string(api_error_class(error)) + " (" + std::to_string(error.status()) +
      "): " + (error.message().empty() ? std::string("(no message)") : error.message());
  if (error.body().code) text += " [code " + *error.body().code + "]";
  if (!error.request_id().empty()) text += " (request id " + error.request_id() + ")";
  return text;
}

int api_error_exit_code(const ApiError& error) {
  if (dynamic_cast<const RateLimitError*>(&error) != nullptr || error.status() == 429) {
    return kExitRateLimited;
  }
  if (error.status() >= 400 && error.status() < 500) return kExitClientError;
  return kExitServerError;
}

}  // namespace

int run_cli(const std::vector<std::string>& args,
            const std::vector<Operation>& ops,
            const Getenv& getenv,
            std::ostream& out,
            std::ostream& err,
            bool stdout_is_terminal,
            const std::string& spec_description) {
  std::string help_hint = std::string(kProgram) + " --help";
  std::string token;
  const auto fail = [&](int code, std::string message) {
    // Belt and braces: the runtime never echoes the token, and neither may this line.
    replace_all(message, token, "[redacted]");
    err << kProgram << ": " << one_line(message) << '\n';
    err.flush();
    return code;
  };

  try {
    if (args.empty()) {
      print_usage(out, ops);
      return kExitOk;
    }
    std::size_t index = 0;
    const GlobalOptions globals = parse_global_options(args, index);
    if (globals.help) {
      print_usage(out, ops);
      return kExitOk;
    }
    if (globals.version) {
      out << kProgram << ' ' << sdk_version();
      if (!spec_description.empty()) out << ", generated from " << spec_description;
      out << '\n';
      return kExitOk;
    }
    if (index >= args.size()) throw UsageError("missing operation");
    if (args[index] == kVerifyWebhookCommand) {
      return run_verify_webhook(args, index + 1, getenv, out, err);
    }

    const Operation& op = find_operation(ops, args[index]);
    help_hint = std::string(kProgram) + " " + op.name + " --help";
    const bool wants_help = std::any_of(args.begin() + static_cast<std::ptrdiff_t>(index) + 1,
                                        args.end(),
                                        [](const std::string& arg) { return is_help(arg); });
    if (wants_help) {
      print_operation_help(out, op);
      return kExitOk;
    }
    const Arguments arguments = parse_operation_flags(op, args, index + 1, getenv);

    token = environment(getenv, kApiTokenVariable);
    const ClientOptions options = client_options(globals, getenv);
    const auto pipeline = std::make_shared<const Pipeline>(options);
    if (!op.run) throw std::logic_error("operation '" + op.name + "' has no implementation");
    const std::string body = op.run(pipeline, arguments, RequestOptions{});
    // The body as the server sent it: nothing the spec does not list is lost.
    if (!body.empty())
      out << (globals.pretty || stdout_is_terminal ? pretty_json(body) : body) << '\n';
    out.flush();
    return kExitOk;
  } catch (const UsageError& error) {
    return fail(kExitUsage,
                std::string("usage error: ") + error.what() + " (see '" + help_hint + "')");
  } catch (const std::invalid_argument& error) {
    return fail(kExitUsage, std::string("invalid argument: ") + error.what());
  } catch (const ConfigurationError& error) {
    return fail(kExitConfiguration, std::string("ConfigurationError: ") + error.what());
  } catch (const ApiError& error) {
    return fail(api_error_exit_code(error), describe(error));
  } catch (const TimeoutError& error) {
    return fail(kExitServerError, std::string("TimeoutError: ") + error.what());
  } catch (const ConnectionError& error) {
    return fail(kExitServerError, std::string("ConnectionError: ") + error.what());
  } catch (const DecodeError& error) {
    return fail(kExitServerError, std::string("DecodeError: malformed response: ") + error.what());
  } catch (const Error& error) {
    return fail(kExitServerError, std::string("Error: ") + error.what());
  } catch (const std::exception& error) {
    return fail(kExitServerError, std::string("unexpected error: ") + error.what());
  }
}

}  // namespace dynamic::cli
