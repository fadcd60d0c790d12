#include "diff/api_diff.hpp"

#include <algorithm>
#include <boost/json.hpp>
#include <iterator>
#include <map>
#include <set>
#include <stdexcept>
#include <tuple>
#include <utility>

#include "emit/emitters.hpp"

namespace dyngen {
namespace {

using Changes = std::vector<ApiChange>;

std::string was_now(const std::string& was, const std::string& now) {
  return "was " + was + ", now " + now;
}

// ---- Operations ---------------------------------------------------------------------------------

/// An operation together with the resource class that declares its methods.
struct LocatedOperation {
  const Resource* resource = nullptr;
  const Operation* operation = nullptr;
};

std::string method_symbol(const LocatedOperation& located) {
  return located.resource->class_name + "::" + located.operation->method_name;
}

std::string operation_where(const Operation& op) { return op.http_method + " " + op.path; }

std::map<std::string, LocatedOperation> operations_by_id(const Api& api) {
  std::map<std::string, LocatedOperation> out;
  for (const Resource& resource : api.resources) {
    for (const Operation& op : resource.operations) out[op.operation_id] = {&resource, &op};
  }
  return out;
}

/// Path parameters are method arguments; the others are members of the `...Params` struct.
std::string parameter_symbol(const LocatedOperation& located, const Parameter& param) {
  if (param.location == Parameter::Location::kPath) {
    return method_symbol(located) + "(" + param.cpp_name + ")";
  }
  return located.operation->params_struct + "::" + param.cpp_name;
}

/// The parameter as the SDK declares it: optional query and header parameters are std::optional.
std::string parameter_type(const Parameter& param) {
  std::string type = cpp_type(param.type, "models::");
  bool optional = param.location != Parameter::Location::kPath && !param.required;
  return optional ? "std::optional<" + type + ">" : type;
}

std::string describe_parameter(const Parameter& param) {
  return std::string(param.required ? "required " : "optional ") + location_name(param.location) +
         " parameter '" + param.name + "', " + parameter_type(param);
}

/// Parameters are identified by where they go and their name in the spec.
using ParameterKey = std::pair<Parameter::Location, std::string>;

std::map<ParameterKey, const Parameter*> parameters_by_key(const Operation& op) {
  std::map<ParameterKey, const Parameter*> out;
  for (const Parameter& param : op.parameters) out[{param.location, param.name}] = &param;
  return out;
}

std::vector<std::string> path_parameter_names(const Operation& op) {
  std::vector<std::string> out;
  for (const Parameter& param : op.parameters) {
    if (param.location == Parameter::Location::kPath) out.push_back(param.cpp_name);
  }
  return out;
}

std::string joined(const std::vector<std::string>& names) {
  std::string out;
  for (const std::string& name : names) out += (out.empty() ? "" : ", ") + name;
  return "(" + out + ")";
}

std::string result_type(const Operation& op) {
  return op.response ? cpp_type(*op.response, "models::") : "void";
}

std::map<int, std::string> error_types(const Operation& op) {
  std::map<int, std::string> out;
  for (const ErrorResponse& error : op.errors) out[error.status] = cpp_type(error.type, "models::");
  return out;
}

std::string status_text(int status) {
  return status == 0 ? std::string("default") : "HTTP " + std::to_string(status);
}

const char* paging_name(Pagination::Kind kind) {
  switch (kind) {
    case Pagination::Kind::kNone:
      return "no paging";
    case Pagination::Kind::kOffset:
      return "offset paging";
    case Pagination::Kind::kCursor:
      return "cursor paging";
  }
  return "?";
}

/// The changes between two versions of one operation (the same operationId, or a renamed one at
/// the same method and path). Every change is located at the new operation's method and path.
class OperationDiff {
 public:
  OperationDiff(LocatedOperation old_op, LocatedOperation new_op, Changes& out)
      : old_located_(old_op),
        new_located_(new_op),
        old_(*old_op.operation),
        new_(*new_op.operation),
        out_(out) {}

  void run() {
    identity();
    parameters();
    path_parameter_order();
    params_argument();
    body();
    response();
    errors();
    pagination();
  }

 private:
  void add(std::string kind, bool breaking, std::string symbol, std::string detail) {
    out_.push_back(
        {std::move(kind), breaking, std::move(symbol), operation_where(new_), std::move(detail)});
  }

  /// Renamed, moved to another resource class, moved to another path, newly deprecated.
  void identity() {
    std::string old_symbol = method_symbol(old_located_);
    std::string new_symbol = method_symbol(new_located_);
    if (old_.method_name != new_.method_name) {
      add("operation-renamed", true, old_symbol, "now " + new_symbol);
    } else if (old_symbol != new_symbol) {
      add("operation-moved", true, old_symbol, "now " + new_symbol);
    }
    if (operation_where(old_) != operation_where(new_)) {
      add("operation-path-changed", false, new_symbol, "was " + operation_where(old_));
    }
    if (!old_.deprecated && new_.deprecated) add("operation-deprecated", false, new_symbol, "");
    if (!old_.params_struct.empty() && !new_.params_struct.empty() &&
        old_.params_struct != new_.params_struct) {
      add("params-struct-renamed", true, old_.params_struct, "now " + new_.params_struct);
    }
  }

  void parameters() {
    std::map<ParameterKey, const Parameter*> old_params = parameters_by_key(old_);
    std::map<ParameterKey, const Parameter*> new_params = parameters_by_key(new_);
    for (const auto& [key, param] : old_params) {
      auto found = new_params.find(key);
      if (found == new_params.end()) {
        add("parameter-removed",
            true,
            parameter_symbol(old_located_, *param),
            describe_parameter(*param));
      } else {
        compare_parameter(*param, *found->second);
      }
    }
    for (const auto& [key, param] : new_params) {
      if (old_params.count(key) != 0) continue;
      // A new required parameter must be passed by every caller; an optional one need not be.
      add("parameter-added",
          param->required,
          parameter_symbol(new_located_, *param),
          describe_parameter(*param));
    }
  }

  void compare_parameter(const Parameter& old_param, const Parameter& new_param) {
    std::string symbol = parameter_symbol(new_located_, new_param);
    std::string old_type = cpp_type(old_param.type, "models::");
    std::string new_type = cpp_type(new_param.type, "models::");
    if (old_type != new_type) add("parameter-retyped", true, symbol, was_now(old_type, new_type));
    if (old_param.required != new_param.required) {
      // Callers that left an optional parameter unset must now set it; the reverse only wraps
      // the member in std::optional, which still accepts the plain value.
      add("parameter-requirement-changed",
          new_param.required,
          symbol,
          new_param.required ? "now required" : "now optional");
    }
  }

  /// Path parameters are positional arguments: a new order silently swaps same-typed values.
  void path_parameter_order() {
    std::vector<std::string> old_names = path_parameter_names(old_);
    std::vector<std::string> new_names = path_parameter_names(new_);
    if (old_names == new_names) return;
    std::vector<std::string> old_sorted = old_names;
    std::vector<std::string> new_sorted = new_names;
    std::sort(old_sorted.begin(), old_sorted.end());
    std::sort(new_sorted.begin(), new_sorted.end());
    if (old_sorted != new_sorted) return;  // added or removed ones are reported as such
    add("path-parameters-reordered",
        true,
        method_symbol(new_located_),
        was_now(joined(old_names), joined(new_names)));
  }

  /// The `...Params` argument sits between the path arguments and the body: gaining it breaks
  /// calls that pass a body; calls without one only need `{}` where they pass RequestOptions.
  void params_argument() {
    bool had = !old_.params_struct.empty();
    bool has = !new_.params_struct.empty();
    if (!had && has) {
      add("params-argument-added",
          new_.body.has_value(),
          method_symbol(new_located_),
          new_.params_struct + " before " + (new_.body ? "the body" : "the RequestOptions"));
    } else if (had && !has) {
      add("params-argument-removed",
          true,
          method_symbol(new_located_),
          "no more " + old_.params_struct);
    }
  }

  void body() {
    if (!old_.body && !new_.body) return;
    std::string symbol = method_symbol(new_located_) + "(body)";
    if (!new_.body) {
      add("request-body-removed", true, symbol, "was " + cpp_type(*old_.body, "models::"));
      return;
    }
    std::string new_type = cpp_type(*new_.body, "models::");
    if (!old_.body) {
      // An optional body is a defaulted argument; a required one must be passed.
      add("request-body-added",
          new_.body_required,
          symbol,
          (new_.body_required ? "required " : "optional ") + new_type);
      return;
    }
    std::string old_type = cpp_type(*old_.body, "models::");
    if (old_type != new_type)
      add("request-body-retyped", true, symbol, was_now(old_type, new_type));
    // Callers compile unchanged; the body goes out in the new encoding.
    if (old_.body_media != new_.body_media) {
      add("request-body-media-changed", false, symbol, was_now(old_.body_media, new_.body_media));
    }
    if (old_.body_required != new_.body_required) {
      add("request-body-requirement-changed",
          new_.body_required,
          symbol,
          new_.body_required ? "now required" : "now optional");
    }
  }

  void response() {
    std::string old_type = result_type(old_);
    std::string new_type = result_type(new_);
    if (old_type != new_type) {
      add("response-retyped", true, method_symbol(new_located_), was_now(old_type, new_type));
    }
  }

  /// Error bodies are read on demand (ApiError::typed_body<T>), so these never break a build.
  void errors() {
    std::map<int, std::string> old_errors = error_types(old_);
    std::map<int, std::string> new_errors = error_types(new_);
    std::string symbol = method_symbol(new_located_);
    for (const auto& [status, type] : old_errors) {
      auto found = new_errors.find(status);
      if (found == new_errors.end()) {
        add("error-status-removed", false, symbol, status_text(status) + ", " + type);
      } else if (found->second != type) {
        add("error-type-changed",
            false,
            symbol,
            status_text(status) + ", " + was_now(type, found->second));
      }
    }
    for (const auto& [status, type] : new_errors) {
      if (old_errors.count(status) == 0) {
        add("error-status-added", false, symbol, status_text(status) + ", " + type);
      }
    }
  }

  /// Paged lists get a `..._all` method whose range type depends on the kind of paging.
  void pagination() {
    Pagination::Kind old_kind = old_.pagination.kind;
    Pagination::Kind new_kind = new_.pagination.kind;
    if (old_kind == new_kind) return;
    if (new_kind == Pagination::Kind::kNone) {
      add("pagination-removed", true, method_symbol(old_located_) + "_all", paging_name(old_kind));
    } else if (old_kind == Pagination::Kind::kNone) {
      add("pagination-added", false, method_symbol(new_located_) + "_all", paging_name(new_kind));
    } else {
      add("pagination-changed",
          true,
          method_symbol(new_located_) + "_all",
          was_now(paging_name(old_kind), paging_name(new_kind)));
    }
  }

  LocatedOperation old_located_;
  LocatedOperation new_located_;
  const Operation& old_;
  const Operation& new_;
  Changes& out_;
};

void diff_operations(const Api& old_api, const Api& new_api, Changes& out) {
  std::map<std::string, LocatedOperation> old_ops = operations_by_id(old_api);
  std::map<std::string, LocatedOperation> new_ops = operations_by_id(new_api);
  std::map<std::string, LocatedOperation> removed;  // by method and path
  std::map<std::string, LocatedOperation> added;
  for (const auto& [id, located] : old_ops) {
    auto found = new_ops.find(id);
    if (found != new_ops.end()) {
      OperationDiff(located, found->second, out).run();
    } else {
      removed[operation_where(*located.operation)] = located;
    }
  }
  for (const auto& [id, located] : new_ops) {
    if (old_ops.count(id) == 0) added[operation_where(*located.operation)] = located;
  }
  // The same method and path under a new operationId is one endpoint renamed, not two changes.
  for (const auto& [where, located] : removed) {
    auto found = added.find(where);
    if (found == added.end()) {
      out.push_back({"operation-removed", true, method_symbol(located), where, ""});
      continue;
    }
    OperationDiff(located, found->second, out).run();
    added.erase(found);
  }
  for (const auto& [where, located] : added) {
    out.push_back({"operation-added", false, method_symbol(located), where, ""});
  }
}

// ---- Models -------------------------------------------------------------------------------------

std::string model_symbol(const Model& model) { return "models::" + model.name; }

const char* model_kind_name(Model::Kind kind) {
  switch (kind) {
    case Model::Kind::kObject:
      return "object";
    case Model::Kind::kEnum:
      return "enum";
    case Model::Kind::kVariant:
      return "variant";
  }
  return "?";
}

/// Models the SDK encodes into requests: request bodies and parameters, and every model they
/// contain (read-only fields are never sent, so they do not count).
std::set<std::string> models_sent_in_requests(const Api& api) {
  std::set<std::string> roots;
  for (const Resource& resource : api.resources) {
    for (const Operation& op : resource.operations) {
      if (op.body) collect_models(*op.body, roots);
      for (const Parameter& param : op.parameters) collect_models(param.type, roots);
    }
  }
  std::set<std::string> sent;
  std::vector<std::string> pending(roots.begin(), roots.end());
  while (!pending.empty()) {
    std::string name = pending.back();
    pending.pop_back();
    if (!sent.insert(name).second) continue;
    const Model& model = find_model(api, name);
    std::set<std::string> contained;
    for (const Field& field : model.fields) {
      if (!field.read_only) collect_models(field.type, contained);
    }
    for (const Alternative& alternative : model.alternatives) {
      collect_models(alternative.type, contained);
    }
    pending.insert(pending.end(), contained.begin(), contained.end());
  }
  return sent;
}

std::map<std::string, const Field*> fields_by_name(const Model& model) {
  std::map<std::string, const Field*> out;
  for (const Field& field : model.fields) out[field.json_name] = &field;
  return out;
}

std::map<std::string, const EnumValue*> values_by_text(const Model& model) {
  std::map<std::string, const EnumValue*> out;
  for (const EnumValue& value : model.values) out[value.text] = &value;
  return out;
}

std::set<std::string> alternative_types(const Model& model) {
  std::set<std::string> out;
  for (const Alternative& alternative : model.alternatives) {
    out.insert(cpp_type(alternative.type, "models::"));
  }
  return out;
}

/// The changes between two versions of one model (the same C++ name).
class ModelDiff {
 public:
  ModelDiff(const Model& old_model,
            const Model& new_model,
            const std::set<std::string>& sent_in_requests,
            Changes& out)
      : old_(old_model), new_(new_model), sent_in_requests_(sent_in_requests), out_(out) {}

  void run() {
    if (old_.kind != new_.kind) {
      add("model-kind-changed",
          true,
          model_symbol(new_),
          was_now(model_kind_name(old_.kind), model_kind_name(new_.kind)));
      return;
    }
    fields();
    enum_values();
    alternatives();
  }

 private:
  void add(std::string kind, bool breaking, std::string symbol, std::string detail) {
    out_.push_back({std::move(kind), breaking, std::move(symbol), new_.name, std::move(detail)});
  }

  std::string field_symbol(const Model& model, const Field& field) const {
    return model_symbol(model) + "::" + field.cpp_name;
  }

  /// Fields are compared by the C++ type of their member, which also encodes required and
  /// nullable (T, std::optional<T>, Nullable<T>) and boxing.
  void fields() {
    std::map<std::string, const Field*> old_fields = fields_by_name(old_);
    std::map<std::string, const Field*> new_fields = fields_by_name(new_);
    for (const auto& [name, field] : old_fields) {
      auto found = new_fields.find(name);
      if (found == new_fields.end()) {
        add("field-removed", true, field_symbol(old_, *field), field_type(*field));
        continue;
      }
      std::string old_type = field_type(*field);
      std::string new_type = field_type(*found->second);
      if (old_type != new_type) {
        add("field-retyped", true, field_symbol(new_, *found->second), was_now(old_type, new_type));
      }
    }
    for (const auto& [name, field] : new_fields) {
      if (old_fields.count(name) == 0) field_added(*field);
    }
  }

  /// A new required field breaks only requests: code that builds the model without setting it
  /// would send a default the server did not ask for. In answers it is just one more member.
  void field_added(const Field& field) {
    bool breaking = field.required && !field.read_only && sent_in_requests_.count(new_.name) != 0;
    add("field-added",
        breaking,
        field_symbol(new_, field),
        field_type(field) + (breaking ? ", required in requests" : ""));
  }

  /// Enums are open (unknown values are kept), so only a removed value breaks code naming it.
  void enum_values() {
    std::map<std::string, const EnumValue*> old_values = values_by_text(old_);
    std::map<std::string, const EnumValue*> new_values = values_by_text(new_);
    for (const auto& [text, value] : old_values) {
      if (new_values.count(text) == 0) {
        add("enum-value-removed", true, enum_symbol(old_, *value), "\"" + text + "\"");
      }
    }
    for (const auto& [text, value] : new_values) {
      if (old_values.count(text) == 0) {
        add("enum-value-added", false, enum_symbol(new_, *value), "\"" + text + "\"");
      }
    }
  }

  std::string enum_symbol(const Model& model, const EnumValue& value) const {
    return model_symbol(model) + "::Value::" + value.cpp_name;
  }

  /// Variants are open too (a value that fits no alternative is kept as Json), so a new
  /// alternative is not breaking; a removed one breaks code that reads it.
  void alternatives() {
    std::set<std::string> old_types = alternative_types(old_);
    std::set<std::string> new_types = alternative_types(new_);
    std::string symbol = model_symbol(new_) + "::value";
    for (const std::string& type : old_types) {
      if (new_types.count(type) == 0) add("variant-alternative-removed", true, symbol, type);
    }
    for (const std::string& type : new_types) {
      if (old_types.count(type) == 0) add("variant-alternative-added", false, symbol, type);
    }
  }

  const Model& old_;
  const Model& new_;
  const std::set<std::string>& sent_in_requests_;
  Changes& out_;
};

void diff_models(const Api& old_api, const Api& new_api, Changes& out) {
  std::set<std::string> sent_in_requests = models_sent_in_requests(new_api);
  std::map<std::string, const Model*> new_models;
  for (const Model& model : new_api.models) new_models[model.name] = &model;
  std::set<std::string> old_names;
  for (const Model& model : old_api.models) {
    old_names.insert(model.name);
    auto found = new_models.find(model.name);
    if (found == new_models.end()) {
      out.push_back(
          {"model-removed", true, model_symbol(model), model.name, model_kind_name(model.kind)});
    } else {
      ModelDiff(model, *found->second, sent_in_requests, out).run();
    }
  }
  for (const auto& [name, model] : new_models) {
    if (old_names.count(name) == 0) {
      out.push_back(
          {"model-added", false, model_symbol(*model), name, model_kind_name(model->kind)});
    }
  }
}

// ---- Output -------------------------------------------------------------------------------------

/// Every kind of change, in the order the changes at one place are listed: what happened to the
/// operation or model itself first, then its arguments, body, answer and members.
const char* const kKindOrder[] = {
    "operation-removed",
    "operation-added",
    "operation-renamed",
    "operation-moved",
    "operation-path-changed",
    "operation-deprecated",
    "params-struct-renamed",
    "params-argument-removed",
    "params-argument-added",
    "path-parameters-reordered",
    "parameter-removed",
    "parameter-added",
    "parameter-retyped",
    "parameter-requirement-changed",
    "request-body-removed",
    "request-body-added",
    "request-body-retyped",
    "request-body-requirement-changed",
    "response-retyped",
    "pagination-removed",
    "pagination-added",
    "pagination-changed",
    "error-status-removed",
    "error-status-added",
    "error-type-changed",
    "model-removed",
    "model-added",
    "model-kind-changed",
    "field-removed",
    "field-added",
    "field-retyped",
    "enum-value-removed",
    "enum-value-added",
    "variant-alternative-removed",
    "variant-alternative-added",
};

std::size_t kind_rank(const std::string& kind) {
  const auto* found = std::find(std::begin(kKindOrder), std::end(kKindOrder), kind);
  if (found == std::end(kKindOrder)) throw std::logic_error("unordered change kind " + kind);
  return static_cast<std::size_t>(found - std::begin(kKindOrder));
}

/// Changes sort by place, then kind, then symbol and detail.
using SortKey = std::tuple<const std::string&, std::size_t, const std::string&, const std::string&>;

SortKey sort_key(const ApiChange& change) {
  return SortKey(change.where, kind_rank(change.kind), change.symbol, change.detail);
}

void sort_changes(Changes& changes) {
  std::sort(changes.begin(), changes.end(), [](const ApiChange& a, const ApiChange& b) {
    return sort_key(a) < sort_key(b);
  });
}

std::string kind_words(std::string kind) {
  std::replace(kind.begin(), kind.end(), '-', ' ');
  return kind;
}

}  // namespace

std::vector<ApiChange> diff_apis(const Api& old_api, const Api& new_api) {
  Changes operations;
  Changes models;
  diff_operations(old_api, new_api, operations);
  diff_models(old_api, new_api, models);
  sort_changes(operations);
  sort_changes(models);
  Changes all = std::move(operations);
  all.insert(all.end(), models.begin(), models.end());
  std::stable_partition(all.begin(), all.end(), [](const ApiChange& c) { return c.breaking; });
  return all;
}

bool has_breaking_change(const std::vector<ApiChange>& changes) {
  return std::any_of(changes.begin(), changes.end(), [](const ApiChange& c) { return c.breaking; });
}

std::string render_changes_text(const std::vector<ApiChange>& changes) {
  std::string out;
  std::size_t breaking = 0;
  for (const ApiChange& change : changes) {
    if (change.breaking) ++breaking;
    out += change.breaking ? "breaking  " : "          ";
    out += kind_words(change.kind) + ": " + change.symbol;
    if (!change.detail.empty()) out += ", " + change.detail;
    out += " (" + change.where + ")\n";
  }
  out += std::to_string(changes.size()) + (changes.size() == 1 ? " change, " : " changes, ") +
         std::to_string(breaking) + " breaking\n";
  return out;
}

std::string render_changes_json(const std::vector<ApiChange>& changes) {
  boost::json::array list;
  for (const ApiChange& change : changes) {
    list.push_back(boost::json::object{{"kind", change.kind},
                                       {"breaking", change.breaking},
                                       {"symbol", change.symbol},
                                       {"where", change.where},
                                       {"detail", change.detail}});
  }
  boost::json::object root{{"breaking", has_breaking_change(changes)},
                           {"changes", std::move(list)}};
  return boost::json::serialize(root) + "\n";
}

}  // namespace dyngen
