#include "spec/document.hpp"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "diagnostics.hpp"
#include "spec/yaml.hpp"

namespace dyngen {
namespace {

// Line and column (1-based) of a byte offset, for parse errors.
std::string line_column(std::string_view text, std::size_t offset) {
  std::size_t line = 1;
  std::size_t column = 1;
  for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
  }
  return std::to_string(line) + ":" + std::to_string(column);
}

std::string unescape_token(std::string_view token) {
  std::string out;
  for (std::size_t i = 0; i < token.size(); ++i) {
    if (token[i] == '~' && i + 1 < token.size() && token[i + 1] == '1') {
      out += '/';
      ++i;
    } else if (token[i] == '~' && i + 1 < token.size() && token[i + 1] == '0') {
      out += '~';
      ++i;
    } else {
      out += token[i];
    }
  }
  return out;
}

bool ends_with_ignoring_case(std::string_view text, std::string_view suffix) {
  if (text.size() < suffix.size()) return false;
  text.remove_prefix(text.size() - suffix.size());
  for (std::size_t i = 0; i < suffix.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(text[i])) != suffix[i]) return false;
  }
  return true;
}

}  // namespace

Document Document::load(const std::string& path) {
  std::error_code ignored;
  if (std::filesystem::is_directory(path, ignored)) {
    throw SpecError("", "cannot read " + path + ": it is a directory");
  }
  std::ifstream in(path, std::ios::binary | std::ios::ate);
  if (!in) throw SpecError("", "cannot read " + path);
  // One read of the known size: documents run to tens of megabytes.
  std::string text(static_cast<std::size_t>(std::max<std::streamoff>(in.tellg(), 0)), '\0');
  in.seekg(0);
  in.read(text.data(), static_cast<std::streamsize>(text.size()));
  if (in.gcount() != static_cast<std::streamsize>(text.size())) {
    throw SpecError("", "cannot read " + path);
  }
  std::string name =
      path.substr(path.find_last_of('/') == std::string::npos ? 0 : path.find_last_of('/') + 1);
  if (ends_with_ignoring_case(name, ".yaml") || ends_with_ignoring_case(name, ".yml")) {
    return parse_yaml(text, name);
  }
  return parse(text, name);
}

Document Document::parse_yaml(std::string_view text, std::string name) {
  Document document;
  document.root_ = yaml_to_json(text, name);
  document.name_ = std::move(name);
  return document;
}

Document Document::parse(std::string_view text, std::string name) {
  boost::json::parse_options options;
  options.max_depth = kMaxNesting;
  boost::json::stream_parser parser({}, options);
  boost::json::error_code ec;
  std::size_t consumed = parser.write_some(text.data(), text.size(), ec);
  if (!ec) parser.finish(ec);
  if (ec) {
    // Boost says "too deep" without the limit; the document is valid JSON, only too deep for us.
    const std::string problem =
        ec == boost::json::error::too_deep
            ? "nesting deeper than " + std::to_string(kMaxNesting) + " levels"
            : ec.message();
    throw SpecError("",
                    name + ":" + line_column(text, consumed) + ": invalid JSON (" + problem + ")");
  }
  Document document;
  document.root_ = parser.release();
  document.name_ = std::move(name);
  return document;
}

const boost::json::value& Document::at_pointer(std::string_view pointer,
                                               const std::string& from) const {
  return resolve(pointer, from, 0);
}

const boost::json::value& Document::resolve(std::string_view pointer,
                                            const std::string& from,
                                            int depth) const {
  const std::string target(pointer);
  if (depth > 32) throw SpecError(from, "$ref '" + target + "' goes through a cycle of $refs");
  if (pointer.substr(0, 1) == "#") pointer.remove_prefix(1);
  const boost::json::value* node = &root_;
  while (!pointer.empty()) {
    if (pointer[0] != '/') throw SpecError(from, "malformed JSON pointer '" + target + "'");
    pointer.remove_prefix(1);
    std::size_t end = pointer.find('/');
    std::string token = unescape_token(pointer.substr(0, end));
    pointer.remove_prefix(end == std::string_view::npos ? pointer.size() : end);
    const boost::json::value* next = nullptr;
    // Some documents point through a $ref ("#/paths/.../schema/allOf/0" where that schema is a
    // $ref): follow it, as their own tools do.
    for (int hops = 0;; ++hops) {
      const auto* object = node->if_object();
      const boost::json::value* ref = object ? object->if_contains("$ref") : nullptr;
      if (ref == nullptr || !ref->is_string() || object->contains(token)) break;
      const std::string_view ref_text = ref->as_string();
      if (ref_text.substr(0, 1) != "#") break;
      if (hops == 32) throw SpecError(from, "$ref '" + target + "' goes through a cycle of $refs");
      node = &resolve(ref_text, from, depth + 1);
    }
    if (const auto* object = node->if_object()) {
      next = object->if_contains(token);
    } else if (const auto* array = node->if_array()) {
      char* rest = nullptr;
      unsigned long index = std::strtoul(token.c_str(), &rest, 10);
      if (!token.empty() && *rest == '\0' && index < array->size()) next = &(*array)[index];
    }
    if (next == nullptr) throw SpecError(from, "$ref '" + target + "' points at nothing");
    node = next;
  }
  return *node;
}

std::string pointer_append(const std::string& pointer, std::string_view token) {
  std::string out = pointer;
  out += '/';
  for (char c : token) {
    if (c == '~') {
      out += "~0";
    } else if (c == '/') {
      out += "~1";
    } else {
      out += c;
    }
  }
  return out;
}

}  // namespace dyngen
