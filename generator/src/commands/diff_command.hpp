// `dyngen diff --old FILE --new FILE [--json]`: what updating the spec from one document to the
// other changes for SDK users.
#pragma once

#include <string>
#include <vector>

namespace dyngen {

/// `args` are the arguments after `diff`. Exit codes: 0 nothing breaks, 1 something breaks,
/// 2 a spec cannot be loaded or built, 64 usage, 70 internal error.
int run_diff(const std::vector<std::string>& args);

}  // namespace dyngen
