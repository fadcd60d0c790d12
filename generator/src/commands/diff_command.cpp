#include "commands/diff_command.hpp"

#include <iostream>
#include <optional>

#include "diagnostics.hpp"
#include "diff/api_diff.hpp"
#include "ir/builder.hpp"
#include "spec/document.hpp"

namespace dyngen {
namespace {

constexpr int kExitBreaking = 1;
constexpr int kExitSpecError = 2;
constexpr int kExitUsage = 64;
constexpr int kExitInternal = 70;

struct DiffOptions {
  std::string old_path;
  std::string new_path;
  bool json = false;
};

int usage(const std::string& problem) {
  std::cerr << "dyngen: " << problem << "\n"
            << "usage: dyngen diff --old FILE --new FILE [--json]\n";
  return kExitUsage;
}

/// The options, or the usage problem.
std::optional<DiffOptions> parse_options(const std::vector<std::string>& args,
                                         std::string& problem) {
  DiffOptions options;
  for (std::size_t i = 0; i < args.size(); ++i) {
    if (args[i] == "--json") {
      options.json = true;
    } else if ((args[i] == "--old" || args[i] == "--new") && i + 1 < args.size()) {
      (args[i] == "--old" ? options.old_path : options.new_path) = args[i + 1];
      ++i;
    } else {
      problem = "unexpected argument '" + args[i] + "'";
      return std::nullopt;
    }
  }
  if (options.old_path.empty() || options.new_path.empty()) {
    problem = "--old and --new are required";
    return std::nullopt;
  }
  return options;
}

/// Loads and builds one spec, printing its warnings as `generate` does; throws SpecError.
Api load_api(const std::string& path) {
  Document document = Document::load(path);
  Diagnostics diagnostics;
  Api api = build_api(document, diagnostics);
  for (const Diagnostic& warning : diagnostics.warnings()) {
    std::cerr << "dyngen: warning: " << path << "#" << warning.pointer << ": " << warning.message
              << "\n";
  }
  return api;
}

}  // namespace

int run_diff(const std::vector<std::string>& args) {
  std::string problem;
  std::optional<DiffOptions> options = parse_options(args, problem);
  if (!options) return usage(problem);
  std::string loading = options->old_path;  // the spec an error belongs to
  try {
    Api old_api = load_api(loading);
    loading = options->new_path;
    Api new_api = load_api(loading);
    std::vector<ApiChange> changes = diff_apis(old_api, new_api);
    std::cout << (options->json ? render_changes_json(changes) : render_changes_text(changes));
    return has_breaking_change(changes) ? kExitBreaking : 0;
  } catch (const SpecError& error) {
    // Errors without a pointer (unreadable file, syntax errors) already name the file and line.
    std::cerr << "dyngen: error: ";
    if (!error.pointer().empty()) std::cerr << loading << "#" << error.pointer() << ": ";
    std::cerr << error.what() << "\n";
    return kExitSpecError;
  } catch (const std::exception& error) {
    std::cerr << "dyngen: internal error: " << error.what() << "\n";
    return kExitInternal;
  }
}

}  // namespace dyngen
