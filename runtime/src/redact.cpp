#include "redact.hpp"

namespace dynamic::detail {
namespace {

bool is_alnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

char lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

}  // namespace

std::string redact_secrets(std::string_view text) {
  constexpr std::string_view kPrefix = "dyn_";
  std::string out;
  out.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    std::size_t found = text.find(kPrefix, i);
    if (found == std::string_view::npos) {
      out.append(text.substr(i));
      break;
    }
    std::size_t end = found + kPrefix.size();
    while (end < text.size() && is_alnum(text[end])) ++end;
    out.append(text.substr(i, found - i));
    if (end > found + kPrefix.size()) {
      out.append("dyn_***");
    } else {
      out.append(kPrefix);
    }
    i = end;
  }
  return out;
}

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (lower(a[i]) != lower(b[i])) return false;
  }
  return true;
}

std::string ascii_lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = lower(c);
  return out;
}

}  // namespace dynamic::detail
