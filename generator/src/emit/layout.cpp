#include "emit/layout.hpp"

#include <algorithm>
#include <cstdio>

namespace dyngen {
namespace {

/// Position of the last space outside template brackets (between a return type and a name).
std::size_t top_level_last_space(std::string_view head) {
  int depth = 0;
  std::size_t found = std::string_view::npos;
  for (std::size_t i = 0; i < head.size(); ++i) {
    if (head[i] == '<') ++depth;
    if (head[i] == '>') --depth;
    if (head[i] == ' ' && depth == 0) found = i;
  }
  return found;
}

}  // namespace

std::string call_layout(std::size_t indent,
                        std::string_view head,
                        const std::vector<std::string>& items,
                        std::string_view tail) {
  std::string pad(indent, ' ');
  std::string joined;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i != 0) joined += ", ";
    joined += items[i];
  }
  std::string one_line = pad + std::string(head) + "(" + joined + ")" + std::string(tail);
  if (one_line.size() <= kColumnLimit) return one_line + "\n";

  std::size_t align = indent + head.size() + 1;
  bool aligned_fits = true;
  for (std::size_t i = 0; i < items.size(); ++i) {
    std::size_t width = align + items[i].size() + (i + 1 == items.size() ? 1 + tail.size() : 1);
    if (width > kColumnLimit) aligned_fits = false;
  }
  if (aligned_fits) {
    std::string out = pad + std::string(head) + "(";
    for (std::size_t i = 0; i < items.size(); ++i) {
      if (i != 0) out += ",\n" + std::string(align, ' ');
      out += items[i];
    }
    return out + ")" + std::string(tail) + "\n";
  }
  std::string continuation(indent + 4, ' ');
  std::size_t name_start = top_level_last_space(head);
  std::size_t scope = head.rfind("::");
  bool name_fits_alone =
      name_start != std::string_view::npos && pad.size() + head.size() - name_start <= kColumnLimit;
  if (pad.size() + head.size() + 1 > kColumnLimit && name_fits_alone) {
    // Not even `type name(` fits: the return type goes on a line of its own.
    return pad + std::string(head.substr(0, name_start)) + "\n" +
           call_layout(indent, head.substr(name_start + 1), items, tail);
  }
  if (pad.size() + head.size() + 1 > kColumnLimit && scope != std::string_view::npos) {
    // `Class::name(` alone is too long: the name continues on the next line.
    return pad + std::string(head.substr(0, scope + 2)) + "\n" +
           call_layout(indent + 4, head.substr(scope + 2), items, tail);
  }
  std::string next_line = continuation + joined + ")" + std::string(tail);
  if (next_line.size() <= kColumnLimit) {
    return pad + std::string(head) + "(\n" + next_line + "\n";
  }
  std::string out = pad + std::string(head) + "(\n";
  for (std::size_t i = 0; i < items.size(); ++i) {
    out += continuation + items[i] + (i + 1 == items.size() ? ")" + std::string(tail) : ",") + "\n";
  }
  return out;
}

std::string call_statement_layout(std::size_t indent,
                                  std::string_view head,
                                  const std::vector<std::string>& items,
                                  std::string_view tail) {
  std::string joined;
  for (std::size_t i = 0; i < items.size(); ++i) joined += (i != 0 ? ", " : "") + items[i];
  std::string pad(indent, ' ');
  std::string one_line = pad + std::string(head) + "(" + joined + ")" + std::string(tail);
  if (one_line.size() <= kColumnLimit) return one_line + "\n";
  std::string next_line = std::string(indent + 4, ' ') + joined + ")" + std::string(tail);
  // Two arguments aligned after the parenthesis take no more lines than both on the next line,
  // and clang-format then prefers them aligned.
  std::string aligned = call_layout(indent, head, items, tail);
  bool aligned_two = items.size() == 2 && aligned.find("(\n") == std::string::npos &&
                     std::count(aligned.begin(), aligned.end(), '\n') == 2;
  if (aligned_two) return aligned;
  if (next_line.size() <= kColumnLimit) return pad + std::string(head) + "(\n" + next_line + "\n";
  return aligned;
}

std::string constructor_layout(std::string_view signature, std::string_view initializer) {
  std::string one_line = std::string(signature) + " " + std::string(initializer);
  if (one_line.size() <= kColumnLimit) return one_line + "\n";
  return std::string(signature) + "\n    " + std::string(initializer) + "\n";
}

std::string function_layout(std::string_view head,
                            const std::vector<std::string>& params,
                            std::string_view tail,
                            std::string_view statement) {
  std::string joined;
  for (std::size_t i = 0; i < params.size(); ++i) joined += (i != 0 ? ", " : "") + params[i];
  std::string one_line = std::string(head) + "(" + joined + ")" + std::string(tail) + " { " +
                         std::string(statement) + " }";
  if (one_line.size() <= kColumnLimit) return one_line + "\n";
  return call_layout(0, head, params, std::string(tail) + " {") + "  " + std::string(statement) +
         "\n}\n";
}

std::string assignment_layout(std::size_t indent, std::string_view lhs, std::string_view rhs) {
  std::string pad(indent, ' ');
  std::string one_line = pad + std::string(lhs) + " = " + std::string(rhs) + ";";
  if (one_line.size() <= kColumnLimit) return one_line + "\n";
  return pad + std::string(lhs) + " =\n" + std::string(indent + 4, ' ') + std::string(rhs) + ";\n";
}

std::string assigned_call_layout(std::size_t indent,
                                 std::string_view lhs,
                                 std::string_view head,
                                 const std::vector<std::string>& items,
                                 std::string_view tail) {
  std::string prefix = lhs.empty() ? "" : std::string(lhs) + " = ";
  std::string joined;
  for (std::size_t i = 0; i < items.size(); ++i) joined += (i != 0 ? ", " : "") + items[i];
  std::string call = std::string(head) + "(" + joined + ")" + std::string(tail);
  if (indent + prefix.size() + call.size() <= kColumnLimit) {
    return std::string(indent, ' ') + prefix + call + "\n";
  }
  if (!lhs.empty() && indent + 4 + call.size() <= kColumnLimit) {
    return std::string(indent, ' ') + std::string(lhs) + " =\n" + std::string(indent + 4, ' ') +
           call + "\n";
  }
  std::string statement = call_statement_layout(indent, prefix + std::string(head), items, tail);
  std::size_t first_end = statement.find('\n');
  bool one_per_line = first_end != std::string::npos && first_end > 0 &&
                      statement[first_end - 1] == '(' &&
                      std::count(statement.begin(), statement.end(), '\n') > 2;
  if (!lhs.empty() && one_per_line) {
    // clang-format prefers breaking after `=` when the arguments then align after the paren.
    std::string aligned = call_layout(indent + 4, head, items, tail);
    std::size_t end = aligned.find('\n');
    if (end != std::string::npos && aligned[end - 1] != '(') {
      return std::string(indent, ' ') + std::string(lhs) + " =\n" + aligned;
    }
  }
  return statement;
}

std::string doc_comment(std::size_t indent, std::string_view text) {
  std::string out;
  std::string pad(indent, ' ');
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find('\n', start);
    std::string line(
        text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start));
    // Trailing spaces and backslashes would change the comment (a backslash continues it).
    while (!line.empty() && (line.back() == ' ' || line.back() == '\t' || line.back() == '\\' ||
                             line.back() == '\r')) {
      line.pop_back();
    }
    for (char& c : line) {
      if (c == '\t') c = ' ';
    }
    out += pad + (line.empty() ? "///" : "/// " + line) + "\n";
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  // Drop trailing empty comment lines.
  std::string empty_line = pad + "///\n";
  while (out.size() >= empty_line.size() &&
         out.compare(out.size() - empty_line.size(), empty_line.size(), empty_line) == 0) {
    out.erase(out.size() - empty_line.size());
  }
  return out;
}

std::string string_literal(std::string_view text) {
  std::string out = "\"";
  for (unsigned char c : text) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (c < 0x20) {
          char buffer[8];
          std::snprintf(buffer, sizeof buffer, "\\x%02x", c);
          out += buffer;
          // A hex escape swallows following hex digits; end the literal and restart it.
          out += "\" \"";
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  return out + "\"";
}

std::string header_opening(const std::set<std::string>& system, const std::set<std::string>& own) {
  std::string out = "#pragma once\n\n";
  for (const std::string& header : system) out += "#include " + header + "\n";
  if (!system.empty()) out += "\n";
  for (const std::string& header : own) out += "#include \"" + header + "\"\n";
  if (!own.empty()) out += "\n";
  return out;
}

std::string banner(std::string_view spec_name) {
  return "// DO NOT EDIT: generated by dyngen from " + std::string(spec_name) +
         ".\n// Change the spec or the generator and regenerate.\n";
}

}  // namespace dyngen
