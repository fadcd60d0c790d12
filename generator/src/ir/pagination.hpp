// Decides which operations are paged lists, from their parameters and response models.
#pragma once

#include "ir/api.hpp"

namespace dyngen {

/// Offset lists: integer `offset` and `limit` query parameters, and a response object with
/// exactly one array field (the page) and optionally an integer `count` or `total`.
/// Cursor lists: an optional `cursor` query parameter, and a response object with exactly one
/// array field and a string `cursor` field (the next page's).
/// Fills Operation::pagination.
void detect_pagination(Api& api);

}  // namespace dyngen
