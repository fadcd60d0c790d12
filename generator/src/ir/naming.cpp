#include "ir/naming.hpp"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <cstdio>
#include <set>

namespace dyngen {
namespace {

bool is_upper(char c) { return std::isupper(static_cast<unsigned char>(c)) != 0; }
bool is_lower(char c) { return std::islower(static_cast<unsigned char>(c)) != 0; }
bool is_digit(char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; }
bool is_alnum(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; }

const std::set<std::string, std::less<>>& keywords() {
  static const std::set<std::string, std::less<>> words = {
      "alignas",
      "alignof",
      "and",
      "and_eq",
      "asm",
      "auto",
      "bitand",
      "bitor",
      "bool",
      "break",
      "case",
      "catch",
      "char",
      "char8_t",
      "char16_t",
      "char32_t",
      "class",
      "compl",
      "concept",
      "const",
      "consteval",
      "constexpr",
      "constinit",
      "const_cast",
      "continue",
      "co_await",
      "co_return",
      "co_yield",
      "decltype",
      "default",
      "delete",
      "do",
      "double",
      "dynamic_cast",
      "else",
      "enum",
      "explicit",
      "export",
      "extern",
      "false",
      "float",
      "for",
      "friend",
      "goto",
      "if",
      "inline",
      "int",
      "long",
      "mutable",
      "namespace",
      "new",
      "noexcept",
      "not",
      "not_eq",
      "nullptr",
      "operator",
      "or",
      "or_eq",
      "private",
      "protected",
      "public",
      "register",
      "reinterpret_cast",
      "requires",
      "return",
      "short",
      "signed",
      "sizeof",
      "static",
      "static_assert",
      "static_cast",
      "struct",
      "switch",
      "template",
      "this",
      "thread_local",
      "throw",
      "true",
      "try",
      "typedef",
      "typeid",
      "typename",
      "union",
      "unsigned",
      "using",
      "virtual",
      "void",
      "volatile",
      "wchar_t",
      "while",
      "xor",
      "xor_eq",
      // Macros and names from the standard library that would shadow or break generated code.
      "assert",
      "errno",
      "EOF",
      "NULL",
      "stdin",
      "stdout",
      "stderr",
      "major",
      "minor",
      "std",
      "boost",
      "detail",
      "dynamic",
      "models"};
  return words;
}

/// Reads the UTF-8 sequence at text[i] (a lead byte >= 0x80); returns its code point and moves i
/// to its last byte. A malformed sequence is its first byte alone.
std::uint32_t read_code_point(std::string_view text, std::size_t& i) {
  const auto byte = [&](std::size_t at) { return static_cast<unsigned char>(text[at]); };
  const unsigned char lead = byte(i);
  const int extra = lead >= 0xF0 ? 3 : lead >= 0xE0 ? 2 : lead >= 0xC0 ? 1 : 0;
  if (extra == 0 || i + static_cast<std::size_t>(extra) >= text.size()) return lead;
  std::uint32_t point = lead & (0x3F >> extra);
  for (int k = 1; k <= extra; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) return lead;
    point = (point << 6) | (byte(i + k) & 0x3F);
  }
  i += static_cast<std::size_t>(extra);
  return point;
}

/// Latin-1 letters as ASCII (U+00C0 to U+00FF), so "Préférence" reads as "Preference"; empty
/// for the others.
std::string_view latin1_ascii(std::uint32_t point) {
  static const char* const kTable[64] = {
      "A", "A", "A", "A", "A", "A", "AE", "C", "E", "E", "E", "E", "I", "I", "I",  "I",
      "D", "N", "O", "O", "O", "O", "O",  "",  "O", "U", "U", "U", "U", "Y", "TH", "ss",
      "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i",  "i",
      "d", "n", "o", "o", "o", "o", "o",  "",  "o", "u", "u", "u", "u", "y", "th", "y"};
  return point >= 0xC0 && point <= 0xFF ? kTable[point - 0xC0] : std::string_view();
}

}  // namespace

std::vector<std::string> split_words(std::string_view text) {
  std::vector<std::string> words;
  std::string current;
  auto flush = [&] {
    if (!current.empty()) words.push_back(current);
    current.clear();
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (static_cast<unsigned char>(c) >= 0x80) {
      // Other scripts keep a name as "u" and the code point in hex, a word of its own, so that
      // names in them stay distinct ("日本" and "日本語" differ).
      const std::uint32_t point = read_code_point(text, i);
      std::string_view ascii = latin1_ascii(point);
      if (!ascii.empty()) {
        for (char letter : ascii) current += static_cast<char>(std::tolower(letter));
        continue;
      }
      char hex[16];
      std::snprintf(hex, sizeof(hex), "u%04x", static_cast<unsigned>(point));
      flush();
      words.emplace_back(hex);
      continue;
    }
    if (!is_alnum(c)) {
      flush();
      continue;
    }
    if (!current.empty()) {
      char prev = text[i - 1];
      bool next_lower = i + 1 < text.size() && is_lower(text[i + 1]);
      // aB -> a|B; ABc -> A|Bc (acronym end); a1 stays together; 1a stays together.
      if (is_upper(c) && (is_lower(prev) || is_digit(prev)))
        flush();
      else if (is_upper(c) && is_upper(prev) && next_lower)
        flush();
    }
    current += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  flush();
  return words;
}

std::string pascal_case(std::string_view text) {
  std::string out;
  for (std::string word : split_words(text)) {
    word[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(word[0])));
    out += word;
  }
  return safe_identifier(out.empty() ? "Unnamed" : out);
}

std::string file_stem(std::string_view text) {
  std::string out;
  for (const std::string& word : split_words(text)) {
    if (!out.empty()) out += '_';
    out += word;
  }
  return out.empty() ? "unnamed" : out;
}

std::string snake_case(std::string_view text) { return safe_identifier(file_stem(text)); }

std::string kebab_case(std::string_view text) {
  std::string out;
  for (const std::string& word : split_words(text)) {
    if (!out.empty()) out += '-';
    out += word;
  }
  return out;
}

std::string enumerator_name(std::string_view text) {
  std::string pascal;
  for (std::string word : split_words(text)) {
    word[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(word[0])));
    pascal += word;
  }
  if (pascal.empty()) pascal = "Empty";
  return "k" + pascal;
}

std::string safe_identifier(std::string identifier) {
  if (identifier.empty()) return "unnamed_";
  if (is_digit(identifier[0])) identifier = "n" + identifier;
  // Names with a leading underscore and a capital, or a double underscore, are reserved.
  while (!identifier.empty() && identifier[0] == '_') identifier.erase(0, 1);
  std::string::size_type pos;
  while ((pos = identifier.find("__")) != std::string::npos) identifier.erase(pos, 1);
  if (identifier.empty()) return "unnamed_";
  if (keywords().count(identifier) != 0) identifier += '_';
  return identifier;
}

bool is_namespace_name(std::string_view name) {
  std::size_t start = 0;
  for (;;) {
    std::size_t end = name.find("::", start);
    std::string part(name.substr(start, end == std::string_view::npos ? end : end - start));
    bool ascii = !part.empty() && std::all_of(part.begin(), part.end(), [](char c) {
      return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
    });
    // safe_identifier escapes "dynamic" (the runtime's namespace), which may lead.
    bool identifier = safe_identifier(part) == part || (start == 0 && part == "dynamic");
    if (!ascii || !identifier || (start == 0 && part == "std")) return false;
    if (end == std::string_view::npos) return true;
    start = end + 2;
  }
}

}  // namespace dyngen
