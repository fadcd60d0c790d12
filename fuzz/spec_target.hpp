// The spec loader, IR builder and emitters on arbitrary text: the body of the spec_json and
// spec_yaml targets. What dyngen documents for a document it cannot generate is a SpecError
// (with a JSON pointer, or name:line:column for a syntax error); any other exception, a crash, a
// hang or a sanitizer report is a bug.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "diagnostics.hpp"
#include "emit/emitters.hpp"
#include "fuzz_check.hpp"
#include "ir/builder.hpp"
#include "spec/document.hpp"

namespace dynamic_fuzz {

/// An emitted path stays inside the output folder: relative, no empty, "." or ".." segment.
inline bool stays_inside(const std::string& path) {
  if (path.empty() || path.front() == '/') return false;
  std::size_t start = 0;
  while (start <= path.size()) {
    const std::size_t end = std::min(path.find('/', start), path.size());
    const std::string_view segment(path.data() + start, end - start);
    if (segment.empty() || segment == "." || segment == "..") return false;
    start = end + 1;
  }
  return true;
}

inline void fuzz_spec(const std::uint8_t* data, std::size_t size, bool yaml) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  std::optional<dyngen::Document> document;
  try {
    document.emplace(yaml ? dyngen::Document::parse_yaml(text, "fuzz.yaml")
                          : dyngen::Document::parse(text, "fuzz.json"));
  } catch (const dyngen::SpecError& error) {
    // Syntax errors name the place: "<name>:<line>:<column>: invalid ...".
    FUZZ_CHECK(std::string_view(error.what()).rfind(yaml ? "fuzz.yaml:" : "fuzz.json:", 0) == 0);
    return;
  }
  dyngen::Diagnostics diagnostics;
  std::optional<dyngen::Api> api;
  try {
    api.emplace(dyngen::build_api(*document, diagnostics));
  } catch (const dyngen::SpecError&) {
    return;
  }
  // What build_api accepted must generate: the emitters throw only for a broken IR.
  const dyngen::FileSet files = dyngen::emit_all(*api);
  FUZZ_CHECK(!files.empty());
  for (const auto& [path, content] : files) FUZZ_CHECK(stays_inside(path));
}

}  // namespace dynamic_fuzz
