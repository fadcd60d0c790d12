// `dyngen import`: writes the project's spec from Dynamic's published OpenAPI document.
#pragma once

#include <string>
#include <vector>

namespace dyngen {

inline constexpr const char* kImportUsage =
    "dyngen import --from UPSTREAM --out FILE [--overlay FILE]";

/// Runs `dyngen import` with the arguments after `import`. Returns the exit code: 0 done, 2 the
/// upstream document or the overlay is malformed, 64 usage, 70 internal error, 74 the output file
/// cannot be written.
int run_import(const std::vector<std::string>& args);

}  // namespace dyngen
