#include "commands/import_command.hpp"

#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <system_error>

#include "diagnostics.hpp"
#include "spec/document.hpp"
#include "spec/importer.hpp"
#include "spec/pretty_json.hpp"

namespace dyngen {
namespace {

namespace fs = std::filesystem;

constexpr int kExitSpecError = 2;
constexpr int kExitUsage = 64;
constexpr int kExitInternal = 70;
constexpr int kExitCannotWrite = 74;  // sysexits' EX_IOERR

struct ImportOptions {
  std::string from;
  std::string out;
  std::string overlay;
};

int usage(const std::string& problem) {
  std::cerr << "dyngen: " << problem << "\nusage: " << kImportUsage << "\n";
  return kExitUsage;
}

// Fills `options`; returns what is wrong with the arguments, or "" when nothing is.
std::string parse_options(const std::vector<std::string>& args, ImportOptions& options) {
  for (std::size_t i = 0; i < args.size(); ++i) {
    std::string* value = args[i] == "--from"      ? &options.from
                         : args[i] == "--out"     ? &options.out
                         : args[i] == "--overlay" ? &options.overlay
                                                  : nullptr;
    if (value == nullptr) return "unexpected argument '" + args[i] + "'";
    if (i + 1 == args.size()) return args[i] + " needs a value";
    *value = args[++i];
  }
  if (options.from.empty() || options.out.empty()) return "--from and --out are required";
  return "";
}

void print_error(const std::string& file, const SpecError& error) {
  // Errors without a pointer (unreadable file, syntax errors) already name the file and line.
  std::cerr << "dyngen: error: ";
  if (!error.pointer().empty()) std::cerr << file << "#" << error.pointer() << ": ";
  std::cerr << error.what() << "\n";
}

// Imports the upstream document and merges the overlay; nothing (the error reported) when either
// is malformed.
std::optional<ImportResult> import_files(const ImportOptions& options) {
  std::string file = options.from;
  try {
    ImportResult result = import_admin_api(Document::load(options.from));
    if (!options.overlay.empty()) {
      file = options.overlay;
      Document overlay = Document::load(options.overlay);
      for (const Diagnostic& warning : apply_overlay(result.document, overlay)) {
        std::cerr << "dyngen: warning: " << options.overlay << "#" << warning.pointer << ": "
                  << warning.message << "\n";
      }
    }
    return result;
  } catch (const SpecError& error) {
    print_error(file, error);
    return std::nullopt;
  }
}

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// Replaces `path` with `content` unless it holds it already; returns whether it wrote. The content
// goes to a temporary file beside it that is then renamed over it, so a failure never leaves a
// half-written file.
bool write_if_changed(const fs::path& path, const std::string& content) {
  std::error_code ec;
  if (fs::is_regular_file(path, ec) && read_file(path) == content) return false;
  fs::path temporary = path;
  temporary += ".dyngen-" + std::to_string(::getpid());
  std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
  out.write(content.data(), static_cast<std::streamsize>(content.size()));
  out.close();
  if (!out) {
    std::string reason = std::strerror(errno);
    fs::remove(temporary, ec);
    throw std::runtime_error("cannot write " + path.string() + ": " + reason);
  }
  fs::rename(temporary, path, ec);
  if (ec) {
    std::error_code ignored;
    fs::remove(temporary, ignored);
    throw std::runtime_error("cannot replace " + path.string() + ": " + ec.message());
  }
  return true;
}

std::string summary(const ImportCounts& counts) {
  std::ostringstream line;
  line << "imported " << counts.operations << " operations (" << counts.paths << " paths)";
  // Schemas first: they are most of the spec.
  auto schemas = counts.components.find("schemas");
  if (schemas != counts.components.end()) line << ", " << schemas->second << " schemas";
  for (const auto& [kind, count] : counts.components) {
    if (kind != "schemas") line << ", " << count << " " << kind;
  }
  line << "; dropped " << counts.dropped_operations << " SDK operations, "
       << counts.dropped_components << " unreached components";
  return line.str();
}

}  // namespace

int run_import(const std::vector<std::string>& args) {
  ImportOptions options;
  std::string problem = parse_options(args, options);
  if (!problem.empty()) return usage(problem);
  std::optional<ImportResult> result;
  std::string text;
  try {
    result = import_files(options);
    if (!result) return kExitSpecError;
    text = pretty_json(result->document);
  } catch (const std::exception& error) {
    // A gap in dyngen, not in the input; nothing has been written.
    std::cerr << "dyngen: internal error: " << error.what() << "\n";
    return kExitInternal;
  }
  bool written = false;
  try {
    written = write_if_changed(options.out, text);
  } catch (const std::exception& error) {
    std::cerr << "dyngen: error: " << error.what() << "\n";
    return kExitCannotWrite;
  }
  std::cerr << "dyngen: " << summary(result->counts) << "; " << options.out
            << (written ? " written" : " unchanged") << "\n";
  return 0;
}

}  // namespace dyngen
