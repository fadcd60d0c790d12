// A strict template printer: `$name$` is replaced by a variable, `$$` prints a dollar sign, and a
// variable that was not supplied is an error (a bug in the emitter, never silently empty). Spec
// text is only ever substituted, never used as a template.
#pragma once

#include <map>
#include <string>
#include <string_view>

namespace dyngen {

using Vars = std::map<std::string, std::string, std::less<>>;

class Printer {
 public:
  void print(std::string_view text, const Vars& vars = {});
  /// Appends text verbatim.
  void raw(std::string_view text) { out_ += text; }
  const std::string& str() const { return out_; }

 private:
  std::string out_;
};

/// Substitutes into a template once; same rules as Printer::print.
std::string substitute(std::string_view text, const Vars& vars);

}  // namespace dyngen
