// Builds the typed IR from an OpenAPI 3 document.
#pragma once

#include "diagnostics.hpp"
#include "ir/api.hpp"
#include "spec/document.hpp"

namespace dyngen {

/// Throws SpecError for what cannot be generated; records warnings for defects it can read.
Api build_api(const Document& document, Diagnostics& diagnostics);

}  // namespace dyngen
