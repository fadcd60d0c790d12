#include "emit/printer.hpp"

#include <stdexcept>

namespace dyngen {

std::string substitute(std::string_view text, const Vars& vars) {
  std::string out;
  out.reserve(text.size());
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t open = text.find('$', pos);
    if (open == std::string_view::npos) {
      out.append(text.substr(pos));
      break;
    }
    out.append(text.substr(pos, open - pos));
    std::size_t close = text.find('$', open + 1);
    if (close == std::string_view::npos) {
      throw std::logic_error("template has an unterminated $ at offset " + std::to_string(open));
    }
    std::string_view name = text.substr(open + 1, close - open - 1);
    if (name.empty()) {
      out += '$';
    } else {
      auto found = vars.find(name);
      if (found == vars.end()) {
        throw std::logic_error("template variable $" + std::string(name) + "$ is not defined");
      }
      out += found->second;
    }
    pos = close + 1;
  }
  return out;
}

void Printer::print(std::string_view text, const Vars& vars) { out_ += substitute(text, vars); }

}  // namespace dyngen
