// `dyngen import`: derives the project's spec from Dynamic's published OpenAPI document.
#pragma once

#include <boost/json/value.hpp>
#include <cstddef>
#include <map>
#include <string>
#include <vector>

#include "diagnostics.hpp"
#include "spec/document.hpp"

namespace dyngen {

struct ImportCounts {
  std::size_t operations = 0;  // kept, in `paths` and `webhooks`
  std::size_t paths = 0;       // kept path items in `paths`
  std::size_t dropped_operations = 0;
  std::map<std::string, std::size_t> components;  // kept, by kind: "schemas" -> 350
  std::size_t dropped_components = 0;
};

struct ImportResult {
  boost::json::value document;
  ImportCounts counts;
};

/// The admin part of `upstream`, without upstream prose:
/// - every operation is kept unless one of its tags is `SDK` or `SDK Views`; path items left
///   without operations are dropped (a path item that is only a `$ref` is kept);
/// - components are kept when a kept part reaches them through `$ref` (or a discriminator
///   `mapping`), transitively; every security scheme is kept;
/// - the `description` and `summary` keywords are dropped wherever they are keywords, never
///   where they name a property, a path or a map entry, and data (`example`, `examples` values,
///   `default`, `enum`, `const`, extensions) is copied untouched;
/// - `info` keeps `title` and `version`; `tags` keeps the names of the tags kept operations use,
///   declared ones in their order, then undeclared ones in order of first use.
/// Throws SpecError located in `upstream` for a malformed document or a `$ref` that points at
/// nothing (or into a part that is dropped).
ImportResult import_admin_api(const Document& upstream);

/// Merges `overlay` into `document` as an RFC 7386 merge patch, except that it never creates an
/// object: a patch object whose target is missing (or not an object) is skipped, with a warning
/// at its pointer in the overlay. Scalars and arrays are set, nulls remove. Throws SpecError when
/// the overlay is not an object.
std::vector<Diagnostic> apply_overlay(boost::json::value& document, const Document& overlay);

}  // namespace dyngen
