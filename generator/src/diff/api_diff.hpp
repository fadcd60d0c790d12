// What an update of the spec changes for SDK users: two typed IRs in, a sorted list of changes
// out, each naming the C++ symbol users see and whether code written against the old SDK breaks.
#pragma once

#include <string>
#include <vector>

#include "ir/api.hpp"

namespace dyngen {

struct ApiChange {
  std::string kind;  // "operation-removed", "field-retyped", ...
  bool breaking = false;
  std::string symbol;  // "UsersApi::get_user", "models::User::email"
  std::string where;   // "GET /users/{userId}" for operations, the model's name for models
  std::string detail;  // "was std::string, now std::int64_t"; may be empty
};

/// Every change from `old_api` to `new_api`: breaking ones first, then operations before models,
/// each group sorted by where, then kind (the change to the operation or model itself first),
/// symbol and detail, so the output is deterministic.
std::vector<ApiChange> diff_apis(const Api& old_api, const Api& new_api);

bool has_breaking_change(const std::vector<ApiChange>& changes);

/// One line per change (`breaking  operation removed: UsersApi::get_user (GET /users/{id})`),
/// then `N changes, M breaking`.
std::string render_changes_text(const std::vector<ApiChange>& changes);

/// `{"breaking": bool, "changes": [{"kind", "breaking", "symbol", "where", "detail"}, ...]}` on
/// one line, followed by a newline.
std::string render_changes_json(const std::vector<ApiChange>& changes);

}  // namespace dyngen
