#include "ir/pagination.hpp"

#include <algorithm>

namespace dyngen {
namespace {

const Parameter* query_parameter(const Operation& op, const std::string& name) {
  for (const Parameter& param : op.parameters) {
    if (param.location == Parameter::Location::kQuery && param.name == name) return &param;
  }
  return nullptr;
}

bool is_integer(const TypeRef& type) {
  return type.kind == TypeRef::Kind::kInt32 || type.kind == TypeRef::Kind::kInt64;
}

const Model* response_object(const Api& api, const Operation& op) {
  if (!op.response || op.response_is_raw || op.response->kind != TypeRef::Kind::kModel) {
    return nullptr;
  }
  auto found = std::find_if(api.models.begin(), api.models.end(), [&](const Model& m) {
    return m.name == op.response->model;
  });
  if (found == api.models.end() || found->kind != Model::Kind::kObject) return nullptr;
  return &*found;
}

const Field* only_array_field(const Model& model) {
  const Field* found = nullptr;
  for (const Field& field : model.fields) {
    if (field.type.kind != TypeRef::Kind::kArray) continue;
    if (found != nullptr) return nullptr;
    found = &field;
  }
  return found;
}

const Field* field_named(const Model& model, const std::string& json_name) {
  for (const Field& field : model.fields) {
    if (field.json_name == json_name) return &field;
  }
  return nullptr;
}

}  // namespace

void detect_pagination(Api& api) {
  for (Resource& resource : api.resources) {
    for (Operation& op : resource.operations) {
      const Model* response = response_object(api, op);
      if (response == nullptr) continue;
      const Field* items = only_array_field(*response);
      if (items == nullptr) continue;
      Pagination pagination;
      pagination.item = *items->type.element;
      pagination.items = *items;
      const Parameter* offset = query_parameter(op, "offset");
      const Parameter* limit = query_parameter(op, "limit");
      const Parameter* cursor = query_parameter(op, "cursor");
      if (offset != nullptr && limit != nullptr && is_integer(offset->type) &&
          is_integer(limit->type) && !offset->required && !limit->required) {
        pagination.kind = Pagination::Kind::kOffset;
        for (const char* name : {"count", "total"}) {
          const Field* total = field_named(*response, name);
          if (total != nullptr && is_integer(total->type)) {
            pagination.total = *total;
            break;
          }
        }
        // The largest page the spec allows means the fewest round trips.
        if (limit->maximum) {
          pagination.page_size = *limit->maximum;
        } else if (limit->default_value) {
          pagination.page_size = *limit->default_value;
        }
      } else if (cursor != nullptr && !cursor->required &&
                 cursor->type.kind == TypeRef::Kind::kString) {
        const Field* next = field_named(*response, "cursor");
        if (next == nullptr || next->type.kind != TypeRef::Kind::kString) continue;
        pagination.kind = Pagination::Kind::kCursor;
        pagination.cursor = *next;
      } else {
        continue;
      }
      op.pagination = pagination;
    }
  }
}

}  // namespace dyngen
