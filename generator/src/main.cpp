// dyngen: generates the SDK's typed C++ bindings from an OpenAPI document.
//
//   dyngen generate --spec FILE --out DIR [--namespace NS] [--strict] [--stats]
//                                          write DIR (only changed files)
//   dyngen check    --spec FILE --out DIR [--namespace NS] [--strict] [--stats]
//                                          exit 1 and list differences
//   dyngen diff     --old FILE --new FILE [--json]     changes for SDK users
//   dyngen import   --from UPSTREAM --out FILE [--overlay FILE]   spec from Dynamic's document
//
// --namespace puts the bindings in another C++ namespace than `dynamic` (and their headers in the
// matching folder), so that two APIs live in one program. --stats prints the time of each step
// and the peak memory to stderr.
//
// Exit codes: 0 done, 1 check found differences, 2 the spec cannot be generated, 64 usage,
// 70 internal error (a generator gap; nothing written), 74 the output cannot be read or written
// (DIR is left as it was).
#include <sys/resource.h>

#include <chrono>
#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

#include "commands/diff_command.hpp"
#include "commands/import_command.hpp"
#include "diagnostics.hpp"
#include "emit/emitters.hpp"
#include "ir/builder.hpp"
#include "ir/naming.hpp"
#include "output/tree.hpp"
#include "spec/document.hpp"

namespace {

constexpr int kExitDifferences = 1;
constexpr int kExitSpecError = 2;
constexpr int kExitUsage = 64;
constexpr int kExitInternal = 70;
constexpr int kExitOutput = 74;

/// Times the steps of one run, for --stats.
class Stopwatch {
 public:
  void lap(const char* step) {
    auto now = std::chrono::steady_clock::now();
    laps_ +=
        std::string(laps_.empty() ? "" : ", ") + step + " " +
        std::to_string(std::chrono::duration_cast<std::chrono::milliseconds>(now - last_).count()) +
        " ms";
    last_ = now;
  }
  /// "read 40 ms, built 90 ms, ...; peak memory 74 MB".
  std::string report() const {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return laps_ + "; peak memory " + std::to_string(usage.ru_maxrss / 1024) + " MB";
  }

 private:
  std::chrono::steady_clock::time_point last_ = std::chrono::steady_clock::now();
  std::string laps_;
};

int usage(const std::string& problem) {
  if (!problem.empty()) std::cerr << "dyngen: " << problem << "\n";
  std::cerr
      << "usage: dyngen generate --spec FILE --out DIR [--namespace NS] [--strict] [--stats]\n"
         "       dyngen check --spec FILE --out DIR [--namespace NS] [--strict] [--stats]\n"
         "       dyngen diff --old FILE --new FILE [--json]\n"
         "       dyngen import --from UPSTREAM --out FILE [--overlay FILE]\n";
  return kExitUsage;
}

void print_list(const char* what, const std::vector<std::string>& paths) {
  for (const std::string& path : paths) std::cout << "  " << what << ": " << path << "\n";
}

/// Writes `files` to `out_dir` (generate), or compares them with it (check).
int write_or_check(const std::string& command,
                   const std::string& spec_path,
                   const std::string& out_dir,
                   const dyngen::FileSet& files,
                   Stopwatch* watch) {
  if (command == "check") {
    dyngen::TreeDiff diff = dyngen::diff_tree(out_dir, files);
    if (watch) watch->lap("compared");
    if (watch) std::cerr << "dyngen: " << watch->report() << "\n";
    if (diff.empty()) return 0;
    std::cout << out_dir << " does not match " << spec_path << ":\n";
    print_list("differs", diff.changed);
    print_list("missing", diff.missing);
    print_list("stale", diff.stale);
    std::cout << "run: dyngen generate --spec " << spec_path << " --out " << out_dir << "\n";
    return kExitDifferences;
  }
  dyngen::TreeDiff diff = dyngen::write_tree(out_dir, files);
  if (watch) watch->lap("written");
  std::cerr << "dyngen: " << files.size() << " files; " << diff.changed.size() << " changed, "
            << diff.missing.size() << " added, " << diff.stale.size() << " removed\n";
  if (watch) std::cerr << "dyngen: " << watch->report() << "\n";
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty() || args[0] == "--help" || args[0] == "-h") return usage("");
  std::string command = args[0];
  if (command == "diff") return dyngen::run_diff({args.begin() + 1, args.end()});
  if (command == "import") return dyngen::run_import({args.begin() + 1, args.end()});
  if (command != "generate" && command != "check")
    return usage("unknown command '" + command + "'");
  std::string spec_path;
  std::string out_dir;
  std::string cpp_namespace = "dynamic";
  bool strict = false;
  bool stats = false;
  for (std::size_t i = 1; i < args.size(); ++i) {
    if (args[i] == "--strict") {
      strict = true;
    } else if (args[i] == "--stats") {
      stats = true;
    } else if ((args[i] == "--spec" || args[i] == "--out") && i + 1 < args.size()) {
      (args[i] == "--spec" ? spec_path : out_dir) = args[i + 1];
      ++i;
    } else if (args[i] == "--namespace" && i + 1 < args.size()) {
      cpp_namespace = args[++i];
      if (!dyngen::is_namespace_name(cpp_namespace)) {
        return usage("--namespace '" + cpp_namespace +
                     "' is not a C++ namespace (identifiers joined by ::, no keyword, not std)");
      }
    } else {
      return usage("unexpected argument '" + args[i] + "'");
    }
  }
  if (spec_path.empty() || out_dir.empty()) return usage("--spec and --out are required");

  dyngen::FileSet files;
  Stopwatch watch;
  try {
    dyngen::Document document = dyngen::Document::load(spec_path);
    watch.lap("read");
    dyngen::Diagnostics diagnostics;
    dyngen::Api api = dyngen::build_api(document, diagnostics);
    api.cpp_namespace = cpp_namespace;
    watch.lap("built");
    for (const dyngen::Diagnostic& warning : diagnostics.warnings()) {
      std::cerr << "dyngen: " << (strict ? "error" : "warning") << ": " << spec_path << "#"
                << warning.pointer << ": " << warning.message << "\n";
    }
    if (strict && !diagnostics.warnings().empty()) return kExitSpecError;
    files = dyngen::emit_all(api);
    watch.lap("emitted");
  } catch (const dyngen::SpecError& error) {
    // Errors without a pointer (unreadable file, syntax errors) already name the file and line.
    std::cerr << "dyngen: error: ";
    if (!error.pointer().empty()) std::cerr << spec_path << "#" << error.pointer() << ": ";
    std::cerr << error.what() << "\n";
    return kExitSpecError;
  } catch (const std::exception& error) {
    // A gap in the generator, not in the spec; nothing has been written.
    std::cerr << "dyngen: internal error: " << error.what() << "\n";
    return kExitInternal;
  }

  try {
    return write_or_check(command, spec_path, out_dir, files, stats ? &watch : nullptr);
  } catch (const std::exception& error) {
    // A full disk, a read-only or vanished folder: write_tree swaps whole trees, so DIR keeps
    // its previous content.
    std::cerr << "dyngen: error: cannot update " << out_dir << ": " << error.what() << "\n";
    return kExitOutput;
  }
}
