// Problems found while reading a spec: errors stop generation, warnings do not (unless --strict).
#pragma once

#include <stdexcept>
#include <string>
#include <vector>

namespace dyngen {

/// A problem in the input, located by JSON pointer (and line:column where known).
class SpecError : public std::runtime_error {
 public:
  SpecError(std::string pointer, const std::string& message)
      : std::runtime_error(message), pointer_(std::move(pointer)) {}
  const std::string& pointer() const { return pointer_; }

 private:
  std::string pointer_;
};

struct Diagnostic {
  std::string pointer;
  std::string message;
};

class Diagnostics {
 public:
  /// Records a warning once: a schema read from two places says the same thing once.
  void warn(std::string pointer, std::string message) {
    for (const Diagnostic& known : warnings_) {
      if (known.pointer == pointer && known.message == message) return;
    }
    warnings_.push_back({std::move(pointer), std::move(message)});
  }
  const std::vector<Diagnostic>& warnings() const { return warnings_; }

 private:
  std::vector<Diagnostic> warnings_;
};

}  // namespace dyngen
