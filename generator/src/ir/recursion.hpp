// Finds models that contain themselves, directly or through other models.
#pragma once

#include "ir/api.hpp"

namespace dyngen {

/// Marks Field::boxed on each object field whose model (held directly, or through an optional,
/// never through an array or a map, which already live on the heap) leads back to the model
/// holding the field. Such fields become Box<T> so the structs have a finite size.
void mark_recursive_fields(Api& api);

}  // namespace dyngen
