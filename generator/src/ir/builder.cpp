#include "ir/builder.hpp"

#include <algorithm>
#include <cctype>
#include <deque>
#include <map>
#include <set>
#include <tuple>

#include "ir/naming.hpp"
#include "ir/pagination.hpp"
#include "ir/recursion.hpp"

namespace dyngen {
namespace {

namespace json = boost::json;

const char* const kSchemaPrefix = "#/components/schemas/";
const char* const kHttpMethods[] = {"get", "put", "post", "delete", "patch", "head", "options"};

std::string string_at(const json::object& object, std::string_view key) {
  const json::value* value = object.if_contains(key);
  if (value == nullptr || !value->is_string()) return {};
  return std::string(value->as_string());
}

bool bool_at(const json::object& object, std::string_view key) {
  const json::value* value = object.if_contains(key);
  return value != nullptr && value->is_bool() && value->as_bool();
}

const json::object& as_object(const json::value& value,
                              const std::string& pointer,
                              std::string_view what) {
  const json::object* object = value.if_object();
  if (object == nullptr) throw SpecError(pointer, std::string(what) + " must be an object");
  return *object;
}

/// What schema_type answers for a type array naming several types besides "null": no one C++
/// type holds them, so the value is kept as JSON.
const char* const kSeveralTypes = "(several)";

/// The schema's type, reading both `type: T` and the 3.1 spelling `type: [T, "null"]`.
std::string schema_type(const json::object& schema, const std::string& pointer) {
  const json::value* type = schema.if_contains("type");
  if (type == nullptr) return {};
  if (type->is_string()) return std::string(type->as_string());
  if (const json::array* types = type->if_array()) {
    std::string found;
    for (const json::value& entry : *types) {
      if (!entry.is_string()) throw SpecError(pointer + "/type", "type entries must be strings");
      if (entry.as_string() == "null") continue;
      if (!found.empty() && found != entry.as_string()) return kSeveralTypes;
      found = std::string(entry.as_string());
    }
    return found;
  }
  throw SpecError(pointer + "/type", "type must be a string or an array of strings");
}

std::string lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

/// application/json, any vendor `+json` type, with or without parameters (`; charset=utf-8`).
bool is_json_media(std::string_view media) {
  std::string type = lower(std::string(media.substr(0, media.find(';'))));
  while (!type.empty() && type.back() == ' ') type.pop_back();
  return type == "application/json" ||
         (type.size() > 5 && type.compare(type.size() - 5, 5, "+json") == 0);
}

class Builder {
 public:
  Builder(const Document& document, Diagnostics& diagnostics)
      : document_(document), diagnostics_(diagnostics) {}

  Api build() {
    const json::object& root = as_object(document_.root(), "", "the document");
    check_version(root);
    Api api;
    api.spec_name = document_.name();
    if (const json::value* info = root.if_contains("info")) {
      const json::object& info_object = as_object(*info, "/info", "info");
      api.title = string_at(info_object, "title");
      api.version = string_at(info_object, "version");
    }
    if (const json::value* components = root.if_contains("components")) {
      if (const json::object* object = components->if_object()) {
        if (const json::value* schemes = object->if_contains("securitySchemes")) {
          if (const json::object* list = schemes->if_object()) security_schemes_ = list;
        }
      }
    }
    read_generator_options(root);
    reserve_component_names(root);
    std::map<std::string, Resource> resources;
    std::map<std::string, std::string> operation_ids;  // operationId -> where it was first used
    const json::value* paths = root.if_contains("paths");
    const json::object empty;
    if (paths == nullptr) {
      // A 3.1 document may hold only webhooks or components.
      diagnostics_.warn("", "the document has no paths: generating its models only");
      add_all_components(root);
    }
    add_webhook_payloads(root);
    for (const auto& path_entry : paths ? as_object(*paths, "/paths", "paths") : empty) {
      std::string path(path_entry.key());
      auto [item_value, path_pointer] =
          follow_refs(path_entry.value(), pointer_append("/paths", path));
      const json::object& item = as_object(*item_value, path_pointer, "a path item");
      for (const char* method : kHttpMethods) {
        const json::value* op = item.if_contains(method);
        if (op == nullptr) continue;
        std::string op_pointer = pointer_append(path_pointer, method);
        auto [tag, operation] = build_operation(path, method, item, path_pointer, *op, op_pointer);
        // OpenAPI requires unique operationIds. A repeat still generates (the methods and CLI
        // commands are numbered like any names that collide), but which one keeps the plain name
        // depends on the order of paths, so the author should hear of it.
        auto [first, unique] = operation_ids.emplace(operation.operation_id, op_pointer);
        if (!unique) {
          diagnostics_.warn(op_pointer,
                            "operationId '" + operation.operation_id + "' is already used at #" +
                                first->second +
                                "; operationIds must be unique (the methods are told apart by a "
                                "number)");
        }
        // Tags that differ only in case or punctuation ("Pets/Store", "pets store") are one
        // class; the smallest spelling names it.
        Resource& resource = resources[pascal_case(tag)];
        if (resource.operations.empty() || tag < resource.tag) resource.tag = tag;
        resource.operations.push_back(std::move(operation));
      }
    }
    for (auto& [class_stem, resource] : resources) {
      resource.class_name = class_stem + "Api";
      resource.file_stem = file_stem(resource.tag) + "_api";
      resource.accessor = snake_case(resource.tag);
      std::sort(resource.operations.begin(),
                resource.operations.end(),
                [](const Operation& a, const Operation& b) {
                  return std::tie(a.method_name, a.operation_id, a.path, a.http_method) <
                         std::tie(b.method_name, b.operation_id, b.path, b.http_method);
                });
      disambiguate_methods(resource.operations);
      api.resources.push_back(std::move(resource));
    }
    std::sort(api.resources.begin(), api.resources.end(), [](const Resource& a, const Resource& b) {
      return a.tag < b.tag;
    });
    disambiguate_commands(api.resources);
    fill_pending_models();
    for (auto& [name, model] : models_) api.models.push_back(std::move(model));
    detect_pagination(api);
    mark_recursive_fields(api);
    return api;
  }

 private:
  /// operationIds that differ only in case or punctuation ("pets/get", "Pets_Get") make the same
  /// method name: the later ones, in operationId order, get "_2", "_3"... so that the names
  /// depend only on the colliding operations.
  static void disambiguate_methods(std::vector<Operation>& operations) {
    std::size_t first = 0;  // the first operation of a run with the same name
    for (std::size_t i = 1; i < operations.size(); ++i) {
      if (operations[i].method_name != operations[first].method_name) {
        first = i;
        continue;
      }
      const std::string number = std::to_string(i - first + 1);
      operations[i].method_name += "_" + number;
      operations[i].cli_name += "-" + number;
    }
  }

  /// CLI subcommands are one namespace across resources: a name taken twice gets "-2", "-3"...
  /// in the order of resource, then operation.
  static void disambiguate_commands(std::vector<Resource>& resources) {
    std::map<std::string, int> seen;
    for (Resource& resource : resources) {
      for (Operation& op : resource.operations) {
        int& count = seen[op.cli_name];
        if (++count > 1) op.cli_name += "-" + std::to_string(count);
      }
    }
  }

  /// dyngen reads OpenAPI 3.x; a Swagger 2.0 document is refused with what to do about it.
  void check_version(const json::object& root) {
    if (root.contains("swagger")) {
      throw SpecError("/swagger",
                      "this is a Swagger 2.0 document; dyngen reads OpenAPI 3.0 and 3.1 (convert "
                      "it first, for example with swagger2openapi)");
    }
    const std::string version = string_at(root, "openapi");
    if (version.empty() && !root.contains("paths") && !root.contains("components") &&
        !root.contains("webhooks")) {
      throw SpecError("", "not an OpenAPI document: no openapi, paths, components or webhooks");
    }
    if (version.empty()) {
      diagnostics_.warn("", "the document names no OpenAPI version; it is read as 3.x");
    } else if (version[0] != '3') {
      throw SpecError("/openapi", "OpenAPI " + version + " is not supported (3.x is)");
    }
  }

  /// Options a document (or its overlay) gives dyngen under `x-dyngen`.
  void read_generator_options(const json::object& root) {
    const json::value* options = root.if_contains("x-dyngen");
    if (options == nullptr) return;
    const json::object& object = as_object(*options, "/x-dyngen", "x-dyngen");
    object_query_style_ = string_at(object, "objectQueryStyle");
    if (!object_query_style_.empty() && object_query_style_ != "deepObject" &&
        object_query_style_ != "form") {
      throw SpecError("/x-dyngen/objectQueryStyle", "expected \"deepObject\" or \"form\"");
    }
  }

  /// Component schemas own their names: inline schemas are named around them.
  void reserve_component_names(const json::object& root) {
    const json::value* components = root.if_contains("components");
    if (components == nullptr || !components->is_object()) return;
    const json::value* schemas = components->as_object().if_contains("schemas");
    if (schemas == nullptr || !schemas->is_object()) return;
    std::vector<std::string> keys;
    for (const auto& entry : schemas->as_object()) {
      keys.emplace_back(entry.key());
      component_names_.insert(pascal_case(keys.back()));
    }
    // Keys that spell the same C++ name ("pet", "Pet", "pet_") are told apart in key order, so
    // each name depends only on the keys that collide, never on the order schemas are reached.
    std::sort(keys.begin(), keys.end());
    std::set<std::string> taken;
    std::vector<std::string> later;
    for (const std::string& key : keys) {
      if (taken.insert(pascal_case(key)).second) {
        component_model_names_[key] = pascal_case(key);
      } else {
        later.push_back(key);
      }
    }
    for (const std::string& key : later) {
      for (int suffix = 2;; ++suffix) {
        std::string name = pascal_case(key) + std::to_string(suffix);
        if (component_names_.count(name) == 0 && taken.insert(name).second) {
          component_model_names_[key] = name;
          break;
        }
      }
    }
  }

  /// Every component schema, for a document without operations to reach them.
  void add_all_components(const json::object& root) {
    const json::value* components = root.if_contains("components");
    const json::object* object = components ? components->if_object() : nullptr;
    const json::value* schemas = object ? object->if_contains("schemas") : nullptr;
    if (schemas == nullptr || !schemas->is_object()) return;
    for (const auto& entry : schemas->as_object()) named_type(std::string(entry.key()));
  }

  /// The JSON payload of each 3.1 webhook (`webhooks: {name: {post: {requestBody}}}`), as a model
  /// named after the webhook, for receivers to decode.
  void add_webhook_payloads(const json::object& root) {
    const json::value* webhooks = root.if_contains("webhooks");
    if (webhooks == nullptr) return;
    for (const auto& entry : as_object(*webhooks, "/webhooks", "webhooks")) {
      auto [item_value, item_pointer] =
          follow_refs(entry.value(), pointer_append("/webhooks", entry.key()));
      const json::object& item = as_object(*item_value, item_pointer, "a webhook");
      for (const char* method : kHttpMethods) {
        const json::value* op = item.if_contains(method);
        if (op == nullptr) continue;
        const std::string op_pointer = pointer_append(item_pointer, method);
        const json::value* body =
            as_object(*op, op_pointer, "an operation").if_contains("requestBody");
        if (body == nullptr) continue;
        auto [resolved, body_pointer] = follow_refs(*body, op_pointer + "/requestBody");
        json_content_type(as_object(*resolved, body_pointer, "a request body"),
                          body_pointer,
                          pascal_case(std::string(entry.key())) + "Payload");
      }
    }
  }

  // ---- Operations ---------------------------------------------------------------------------

  std::pair<std::string, Operation> build_operation(const std::string& path,
                                                    const char* method,
                                                    const json::object& path_item,
                                                    const std::string& path_pointer,
                                                    const json::value& op_value,
                                                    const std::string& op_pointer) {
    // Some multi-file documents give whole operations by $ref (OpenAPI allows it only for path
    // items): follow a local one; another file's is reported by resolve_ref.
    auto [op_resolved, op_resolved_pointer] = follow_refs(op_value, op_pointer);
    const json::object& op = as_object(*op_resolved, op_resolved_pointer, "an operation");
    Operation operation;
    operation.path = path;
    operation.http_method = method;
    std::transform(operation.http_method.begin(),
                   operation.http_method.end(),
                   operation.http_method.begin(),
                   [](char c) { return static_cast<char>(std::toupper(c)); });
    operation.operation_id = string_at(op, "operationId");
    if (operation.operation_id.empty()) {
      operation.operation_id = std::string(method) + pascal_case(path);
      diagnostics_.warn(op_pointer,
                        "operation has no operationId; named it '" + operation.operation_id + "'");
    }
    operation.method_name = snake_case(operation.operation_id);
    operation.cli_name = kebab_case(operation.operation_id);
    operation.summary = string_at(op, "summary");
    operation.description = string_at(op, "description");
    operation.deprecated = bool_at(op, "deprecated");
    std::string context = pascal_case(operation.operation_id);

    check_security(op, op_pointer);
    std::string tag = "Default";
    if (const json::value* tags = op.if_contains("tags")) {
      const json::array* list = tags->if_array();
      if (list != nullptr && !list->empty() && (*list)[0].is_string()) {
        tag = std::string((*list)[0].as_string());
      }
    }

    // Operation-level parameters override path-level ones with the same name and location.
    std::vector<std::pair<const json::object*, std::string>> raw_params;
    auto collect = [&](const json::object& owner, const std::string& owner_pointer) {
      const json::value* params = owner.if_contains("parameters");
      if (params == nullptr) return;
      const json::array* list = params->if_array();
      std::string list_pointer = owner_pointer + "/parameters";
      if (list == nullptr) throw SpecError(list_pointer, "parameters must be an array");
      for (std::size_t i = 0; i < list->size(); ++i) {
        std::string pointer = list_pointer + "/" + std::to_string(i);
        auto [param, param_pointer] = follow_refs((*list)[i], pointer);
        const json::object& object = as_object(*param, param_pointer, "a parameter");
        std::string key = string_at(object, "in") + ":" + string_at(object, "name");
        auto same = std::find_if(raw_params.begin(), raw_params.end(), [&](const auto& entry) {
          return string_at(*entry.first, "in") + ":" + string_at(*entry.first, "name") == key;
        });
        if (same != raw_params.end()) {
          *same = {&object, param_pointer};
        } else {
          raw_params.emplace_back(&object, param_pointer);
        }
      }
    };
    collect(path_item, path_pointer);
    collect(op, op_pointer);

    std::vector<Parameter> path_params;
    std::vector<Parameter> other_params;
    // Path parameters are method arguments: they must not take the name of another argument
    // or of a local the generated methods declare. Query and header parameters are members
    // of the params struct and only need names distinct from each other.
    std::set<std::string> argument_names = {"options",
                                            "body",
                                            "params",
                                            "request",
                                            "response",
                                            "result",
                                            "raw",
                                            "page",
                                            "call",
                                            "fetch",
                                            "start",
                                            "limit",
                                            "offset",
                                            "cursor"};
    std::set<std::string> member_names;
    for (const auto& [object, pointer] : raw_params) {
      Parameter param = build_parameter(*object, pointer, context);
      if (param.location == Parameter::Location::kPath &&
          path.find("{" + param.name + "}") == std::string::npos) {
        throw SpecError(pointer, "path parameter '" + param.name + "' does not appear in " + path);
      }
      std::set<std::string>& taken =
          param.location == Parameter::Location::kPath ? argument_names : member_names;
      while (!taken.insert(param.cpp_name).second) param.cpp_name += "_param";
      (param.location == Parameter::Location::kPath ? path_params : other_params)
          .push_back(std::move(param));
    }
    std::sort(path_params.begin(), path_params.end(), [&](const Parameter& a, const Parameter& b) {
      return path.find("{" + a.name + "}") < path.find("{" + b.name + "}");
    });
    for (std::size_t open = path.find('{'); open != std::string::npos;
         open = path.find('{', open + 1)) {
      std::string name = path.substr(open + 1, path.find('}', open) - open - 1);
      bool declared = std::any_of(path_params.begin(), path_params.end(), [&](const Parameter& p) {
        return p.name == name;
      });
      if (!declared)
        throw SpecError(op_pointer, "path placeholder {" + name + "} has no parameter");
    }
    operation.parameters = std::move(path_params);
    if (!other_params.empty()) operation.params_struct = context + "Params";
    for (Parameter& param : other_params) operation.parameters.push_back(std::move(param));

    if (const json::value* body = op.if_contains("requestBody")) {
      auto [resolved, body_pointer] = follow_refs(*body, op_pointer + "/requestBody");
      const json::object& body_object = as_object(*resolved, body_pointer, "a request body");
      operation.body_required = bool_at(body_object, "required");
      request_body(body_object, body_pointer, context + "Request", operation);
    }

    const json::value* responses = op.if_contains("responses");
    if (responses == nullptr) {
      diagnostics_.warn(op_pointer, "operation declares no responses; its answer is kept as text");
      operation.response = TypeRef::scalar(TypeRef::Kind::kString);
      operation.response_is_raw = true;
      return {tag, std::move(operation)};
    }
    const json::object& response_map =
        as_object(*responses, op_pointer + "/responses", "responses");
    for (const auto& entry : response_map) {
      std::string code(entry.key());
      bool is_status = code.size() == 3 && std::all_of(code.begin(), code.end(), ::isdigit);
      if ((!is_status && code != "default") || code[0] == '2') continue;
      operation.error_statuses.push_back(is_status ? std::stoi(code) : 0);
      std::string pointer = pointer_append(op_pointer + "/responses", code);
      auto [resolved, response_pointer] = follow_refs(entry.value(), pointer);
      const json::object& response = as_object(*resolved, response_pointer, "a response");
      std::optional<TypeRef> type =
          json_content_type(response,
                            response_pointer,
                            context + (is_status ? code : std::string("Default")) + "Error");
      if (type) operation.errors.push_back({is_status ? std::stoi(code) : 0, *type});
    }
    for (const auto& entry : response_map) {
      std::string code(entry.key());
      if (code.size() != 3 || code[0] != '2') continue;
      std::string pointer = pointer_append(op_pointer + "/responses", code);
      auto [resolved, response_pointer] = follow_refs(entry.value(), pointer);
      const json::object& response = as_object(*resolved, response_pointer, "a response");
      operation.response = json_content_type(response, response_pointer, context + "Response");
      if (!operation.response && response.contains("content")) {
        // Text or bytes (text/html, octet-stream): handed back as they came.
        operation.response = TypeRef::scalar(TypeRef::Kind::kString);
        operation.response_is_raw = true;
        const json::object* media = response.at("content").if_object();
        if (media != nullptr && !media->empty()) {
          operation.response_media = std::string(media->begin()->key());
        }
      }
      break;  // the first success code listed decides the result type
    }
    return {tag, std::move(operation)};
  }

  bool is_scalar(const TypeRef& type) const {
    switch (type.kind) {
      case TypeRef::Kind::kArray:
      case TypeRef::Kind::kMap:
      case TypeRef::Kind::kJson:
      case TypeRef::Kind::kBinary:
        return false;
      case TypeRef::Kind::kModel:
        return models_.at(type.model).kind == Model::Kind::kEnum;
      default:
        return true;
    }
  }

  Parameter build_parameter(const json::object& object,
                            const std::string& pointer,
                            const std::string& context) {
    Parameter param;
    param.name = string_at(object, "name");
    if (param.name.empty()) throw SpecError(pointer, "parameter has no name");
    // string_at reads a missing or non-string `in` as "": say which, not "location ''".
    const json::value* in_value = object.if_contains("in");
    if (in_value == nullptr) throw SpecError(pointer, "parameter has no location ('in')");
    if (!in_value->is_string()) {
      throw SpecError(pointer + "/in", "parameter location must be a string");
    }
    std::string in = string_at(object, "in");
    if (in == "path") {
      param.location = Parameter::Location::kPath;
    } else if (in == "query") {
      param.location = Parameter::Location::kQuery;
    } else if (in == "header") {
      param.location = Parameter::Location::kHeader;
    } else if (in == "cookie") {
      param.location = Parameter::Location::kCookie;
    } else {
      throw SpecError(pointer + "/in", "parameter location '" + in + "' is not supported");
    }
    param.cpp_name = snake_case(param.name);
    param.flag = kebab_case(param.name);
    param.required = param.location == Parameter::Location::kPath || bool_at(object, "required");
    param.description = string_at(object, "description");
    auto [schema, schema_pointer] = parameter_schema(object, pointer, param);
    param.type = type_of(*schema, schema_pointer, context + pascal_case(param.name));
    // Parameters are text on the wire: a `format: binary` one is the caller's string.
    if (param.type.kind == TypeRef::Kind::kBinary)
      param.type = TypeRef::scalar(TypeRef::Kind::kString);
    param.constraints = constraints_of(*schema);
    if (const json::object* schema_object = schema->if_object()) {
      if (const json::value* maximum = schema_object->if_contains("maximum")) {
        if (maximum->is_int64()) param.maximum = maximum->as_int64();
      }
      if (const json::value* fallback = schema_object->if_contains("default")) {
        if (fallback->is_int64()) param.default_value = fallback->as_int64();
      }
    }
    param.style = parameter_style(object, pointer, param);
    // OpenAPI: explode defaults to true for the form style (declared, or the query and cookie
    // default), false otherwise.
    const std::string declared = string_at(object, "style");
    const bool form = declared == "form" ||
                      (declared.empty() && (param.location == Parameter::Location::kQuery ||
                                            param.location == Parameter::Location::kCookie));
    param.explode = object.contains("explode") ? bool_at(object, "explode") : form;
    if (param.style == Parameter::Style::kMatrix && param.explode &&
        param.type.kind == TypeRef::Kind::kArray) {
      diagnostics_.warn(pointer + "/explode",
                        "exploded matrix arrays are sent unexploded (;" + param.name + "=a,b)");
      param.explode = false;
    }
    // Path, header and cookie values are one text: scalars, or arrays of scalars joined by
    // commas (OpenAPI's `simple` style).
    const bool list = param.type.kind == TypeRef::Kind::kArray && is_scalar(*param.type.element);
    if (!is_scalar(param.type) && !list && !param.json_text &&
        param.location != Parameter::Location::kQuery) {
      // Path, header and cookie values are single strings; the caller spells the value.
      diagnostics_.warn(
          schema_pointer,
          "parameter '" + param.name + "' is not a scalar; it is taken as the text to send");
      param.type = TypeRef::scalar(TypeRef::Kind::kString);
    }
    return param;
  }

  /// The parameter's style: as the spec says where it applies to the location, else the
  /// location's default (`simple` for path and header, `form` for query and cookie). A
  /// document's `x-dyngen.objectQueryStyle` is how its server reads every object query
  /// parameter, whatever each one says (Dynamic's documents say form; its servers read
  /// deepObject).
  Parameter::Style parameter_style(const json::object& object,
                                   const std::string& pointer,
                                   const Parameter& param) {
    using Style = Parameter::Style;
    using Location = Parameter::Location;
    const std::string style = string_at(object, "style");
    const bool in_query = param.location == Location::kQuery;
    const bool in_path = param.location == Location::kPath;
    const Style fallback =
        in_query || param.location == Location::kCookie ? Style::kForm : Style::kSimple;
    if (!object_query_style_.empty() && in_query && param.type.kind == TypeRef::Kind::kModel &&
        models_.at(param.type.model).kind == Model::Kind::kObject) {
      return object_query_style_ == "deepObject" ? Style::kDeepObject : Style::kForm;
    }
    if (style.empty()) return fallback;
    if (in_query && style == "form") return Style::kForm;
    if (in_query && style == "deepObject") return Style::kDeepObject;
    if (in_query && style == "spaceDelimited") return Style::kSpaceDelimited;
    if (in_query && style == "pipeDelimited") return Style::kPipeDelimited;
    if (!in_query && style == "simple") return Style::kSimple;
    if (param.location == Location::kCookie && style == "form") return Style::kForm;
    if (in_path && style == "label") return Style::kLabel;
    if (in_path && style == "matrix") return Style::kMatrix;
    static const std::set<std::string> kKnown = {
        "form", "deepObject", "spaceDelimited", "pipeDelimited", "simple", "label", "matrix"};
    if (kKnown.count(style) == 0) {
      throw SpecError(pointer + "/style", "unknown parameter style '" + style + "'");
    }
    diagnostics_.warn(pointer + "/style",
                      "style '" + style + "' does not apply to a parameter in " +
                          string_at(object, "in") + "; it is sent in the default style");
    return fallback;
  }

  /// The schema of a parameter: its `schema`, or the one of its `content` (a single media type,
  /// whose JSON spelling is then what is sent).
  std::pair<const json::value*, std::string> parameter_schema(const json::object& object,
                                                              const std::string& pointer,
                                                              Parameter& param) {
    if (const json::value* schema = object.if_contains("schema")) {
      return {schema, pointer + "/schema"};
    }
    const json::value* content = object.if_contains("content");
    if (content == nullptr) {
      diagnostics_.warn(pointer, "parameter '" + param.name + "' has no schema; taken as a string");
      static const json::value kStringSchema = json::object{{"type", "string"}};
      return {&kStringSchema, pointer};
    }
    const json::object& media = as_object(*content, pointer + "/content", "content");
    if (media.size() != 1) {
      throw SpecError(pointer + "/content",
                      "a parameter's content must name exactly one media type");
    }
    const std::string media_type(media.begin()->key());
    const std::string media_pointer = pointer_append(pointer + "/content", media_type);
    param.json_text = is_json_media(media_type);
    const json::value* schema =
        as_object(media.begin()->value(), media_pointer, "a media type").if_contains("schema");
    static const json::value kAnySchema = json::object{};
    if (schema == nullptr) return {&kAnySchema, media_pointer};
    return {schema, media_pointer + "/schema"};
  }

  /// The documented constraints of a schema (through one $ref to a component schema).
  Constraints constraints_of(const json::value& value) {
    const json::object* schema = value.if_object();
    if (schema != nullptr && schema->contains("$ref")) {
      const json::value& ref = schema->at("$ref");
      if (ref.is_string() && ref.as_string().starts_with(kSchemaPrefix)) {
        const json::value* target = nullptr;
        try {
          target = &document_.at_pointer(ref.as_string(), "");
        } catch (const SpecError&) {
          target = nullptr;  // type_of reports a dangling $ref with its location
        }
        schema = target != nullptr ? target->if_object() : nullptr;
      }
    }
    Constraints out;
    if (schema == nullptr) return out;
    auto text = [&](std::string_view key) -> std::optional<std::string> {
      const json::value* found = schema->if_contains(key);
      if (found == nullptr) return std::nullopt;
      return found->is_string() ? std::string(found->as_string()) : json::serialize(*found);
    };
    auto count = [&](std::string_view key) -> std::optional<std::int64_t> {
      const json::value* found = schema->if_contains(key);
      if (found == nullptr || !found->is_int64()) return std::nullopt;
      return found->as_int64();
    };
    out.format = string_at(*schema, "format");
    out.minimum = text("minimum");
    out.maximum = text("maximum");
    out.exclusive_minimum = bool_at(*schema, "exclusiveMinimum");
    out.exclusive_maximum = bool_at(*schema, "exclusiveMaximum");
    out.min_length = count("minLength");
    out.max_length = count("maxLength");
    out.min_items = count("minItems");
    out.max_items = count("maxItems");
    out.pattern = text("pattern");
    if (const json::value* fallback = schema->if_contains("default")) {
      out.default_text = json::serialize(*fallback);
    }
    return out;
  }

  /// The type of a JSON body (request or response), or nothing when there is no JSON content.
  std::optional<TypeRef> json_content_type(const json::object& owner,
                                           const std::string& pointer,
                                           const std::string& context,
                                           std::string* media_out = nullptr) {
    const json::value* content = owner.if_contains("content");
    if (content == nullptr) return std::nullopt;
    for (const auto& entry : as_object(*content, pointer + "/content", "content")) {
      std::string media(entry.key());
      if (!is_json_media(media)) continue;
      std::string media_pointer = pointer_append(pointer + "/content", media);
      const json::object& media_object = as_object(entry.value(), media_pointer, "a media type");
      if (media_out != nullptr) *media_out = media;
      const json::value* schema = media_object.if_contains("schema");
      if (schema == nullptr) return TypeRef::scalar(TypeRef::Kind::kJson);
      return type_of(*schema, media_pointer + "/schema", context);
    }
    return std::nullopt;
  }

  /// The body of an operation, by the first media type it can send, in this order: JSON, a
  /// urlencoded form, a multipart form, text, then any other media type as bytes.
  void request_body(const json::object& body,
                    const std::string& pointer,
                    const std::string& context,
                    Operation& operation) {
    operation.body = json_content_type(body, pointer, context, &operation.body_media);
    if (operation.body) return;
    const json::value* content_value = body.if_contains("content");
    if (content_value == nullptr) throw SpecError(pointer, "a request body needs content");
    const json::object& content = as_object(*content_value, pointer + "/content", "content");
    if (content.empty())
      throw SpecError(pointer + "/content", "a request body names no media type");
    using BodyKind = Operation::BodyKind;
    auto media_kind = [](const std::string& media) {
      if (media == "application/x-www-form-urlencoded") return BodyKind::kForm;
      if (media == "multipart/form-data" || media == "multipart/mixed") return BodyKind::kMultipart;
      return media.rfind("text/", 0) == 0 ? BodyKind::kText : BodyKind::kBinary;
    };
    const json::key_value_pair* chosen = nullptr;
    for (const json::key_value_pair& entry : content) {
      BodyKind kind = media_kind(lower(std::string(entry.key())));
      if (chosen == nullptr || kind < media_kind(lower(std::string(chosen->key()))))
        chosen = &entry;
    }
    operation.body_media = lower(std::string(chosen->key()));
    operation.body_kind = media_kind(operation.body_media);
    const std::string media_pointer = pointer_append(pointer + "/content", chosen->key());
    const json::object& media = as_object(chosen->value(), media_pointer, "a media type");
    switch (operation.body_kind) {
      case BodyKind::kForm:
      case BodyKind::kMultipart: {
        const json::value* schema = media.if_contains("schema");
        if (schema == nullptr) throw SpecError(media_pointer, "a form body needs a schema");
        TypeRef type = type_of(*schema, media_pointer + "/schema", context);
        if (type.kind != TypeRef::Kind::kModel ||
            models_.at(type.model).kind != Model::Kind::kObject) {
          throw SpecError(media_pointer + "/schema",
                          "a form body must be an object schema (its properties are the fields)");
        }
        operation.body = std::move(type);
        return;
      }
      case BodyKind::kText:
        operation.body = TypeRef::scalar(TypeRef::Kind::kString);
        return;
      default:
        operation.body = TypeRef::scalar(TypeRef::Kind::kBinary);
        return;
    }
  }

  /// Every scheme an operation names must be declared. A name that differs from a declared
  /// bearer scheme only in case (Dynamic's `BearerAuth`) is read as that scheme, with a warning.
  void check_security(const json::object& op, const std::string& op_pointer) {
    const json::value* security = op.if_contains("security");
    if (security == nullptr || !security->is_array()) return;
    const json::array& requirements = security->as_array();
    for (std::size_t i = 0; i < requirements.size(); ++i) {
      const json::object* requirement = requirements[i].if_object();
      if (requirement == nullptr) continue;
      for (const auto& entry : *requirement) {
        std::string name(entry.key());
        std::string pointer = op_pointer + "/security/" + std::to_string(i) + "/" + name;
        if (security_schemes_ != nullptr && security_schemes_->contains(name)) continue;
        std::string match;
        if (security_schemes_ != nullptr) {
          for (const auto& scheme : *security_schemes_) {
            if (lower(std::string(scheme.key())) == lower(name)) match = std::string(scheme.key());
          }
        }
        if (match.empty()) {
          diagnostics_.warn(pointer,
                            "security scheme '" + name +
                                "' is not declared; calls send the client's credentials");
          continue;
        }
        diagnostics_.warn(pointer,
                          "security scheme '" + name + "' is not declared; read as '" + match +
                              "' (the bearer token)");
      }
    }
  }

  /// `{type: "null"}` (or `["null"]`), `enum: [null]` or `const: null`: only null.
  static bool is_null_schema(const json::value& value) {
    const json::object* schema = value.if_object();
    if (schema == nullptr) return false;
    if (const json::value* type = schema->if_contains("type")) {
      if (type->is_string()) return type->as_string() == "null";
      const json::array* types = type->if_array();
      return types != nullptr && types->size() == 1 && (*types)[0] == "null";
    }
    if (const json::value* constant = schema->if_contains("const")) return constant->is_null();
    if (const json::value* values = schema->if_contains("enum")) {
      const json::array* list = values->if_array();
      return list != nullptr && list->size() == 1 && (*list)[0].is_null();
    }
    return false;
  }

  /// Indexes of a oneOf/anyOf's alternatives that are not null schemas.
  static std::vector<std::size_t> non_null_options(const json::array& options) {
    std::vector<std::size_t> kept;
    for (std::size_t i = 0; i < options.size(); ++i) {
      if (!is_null_schema(options[i])) kept.push_back(i);
    }
    return kept;
  }

  /// Whether a schema admits null: `nullable: true`, a type array with "null", a union with a
  /// null alternative, or a $ref or one-element allOf to such a schema.
  bool is_nullable(const json::value& value, int depth = 0) {
    const json::object* schema = value.if_object();
    if (schema == nullptr || depth > 16) return false;
    if (bool_at(*schema, "nullable")) return true;
    if (const json::value* values = schema->if_contains("enum")) {
      const json::array* list = values->if_array();
      if (list != nullptr && std::any_of(list->begin(), list->end(), [](const json::value& v) {
            return v.is_null();
          })) {
        return true;
      }
    }
    for (const char* keyword : {"anyOf", "oneOf"}) {
      const json::value* options = schema->if_contains(keyword);
      if (options != nullptr && options->is_array() &&
          non_null_options(options->as_array()).size() < options->as_array().size()) {
        return true;
      }
    }
    if (const json::value* type = schema->if_contains("type")) {
      if (const json::array* types = type->if_array()) {
        for (const json::value& entry : *types) {
          if (entry.is_string() && entry.as_string() == "null") return true;
        }
      }
    }
    if (const json::value* ref = schema->if_contains("$ref")) {
      if (ref->is_string() && ref->as_string().starts_with("#/components/schemas/")) {
        return is_nullable(document_.at_pointer(ref->as_string(), ""), depth + 1);
      }
    }
    if (const json::value* all_of = schema->if_contains("allOf")) {
      if (all_of->is_array() && all_of->as_array().size() == 1) {
        return is_nullable(all_of->as_array()[0], depth + 1);
      }
    }
    return false;
  }

  /// Follows `$ref` chains (parameters, responses, request bodies) to the object they name.
  std::pair<const json::value*, std::string> follow_refs(const json::value& value,
                                                         std::string pointer) {
    const json::value* current = &value;
    for (int depth = 0; depth < 32; ++depth) {
      const json::object* object = current->if_object();
      if (object == nullptr) return {current, pointer};
      const json::value* ref = object->if_contains("$ref");
      if (ref == nullptr) return {current, pointer};
      std::tie(current, pointer) = resolve_ref(*ref, pointer);
    }
    throw SpecError(pointer, "$ref chain is too long (a cycle?)");
  }

  /// What the `$ref` value of the object at `pointer` names, and the target's pointer.
  std::pair<const json::value*, std::string> resolve_ref(const json::value& ref,
                                                         const std::string& pointer) {
    if (!ref.is_string()) throw SpecError(pointer + "/$ref", "$ref must be a string");
    std::string target(ref.as_string());
    if (target.rfind("#/", 0) != 0) {
      throw SpecError(pointer + "/$ref",
                      "only local references (#/...) are supported: " + target +
                          " (bundle the document into one file first, for example with `redocly "
                          "bundle`)");
    }
    return {&document_.at_pointer(target, pointer + "/$ref"), target.substr(1)};
  }

  // ---- Schemas ------------------------------------------------------------------------------

  TypeRef type_of(const json::value& value,
                  const std::string& pointer,
                  const std::string& context) {
    // 3.1 boolean schemas: `true` admits anything, `false` nothing; either is kept as JSON.
    if (value.is_bool()) return TypeRef::scalar(TypeRef::Kind::kJson);
    const json::object& schema = as_object(value, pointer, "a schema");
    if (const json::value* ref = schema.if_contains("$ref")) {
      if (!ref->is_string()) throw SpecError(pointer + "/$ref", "$ref must be a string");
      if (schema.contains("properties")) {
        // 3.1: a $ref beside properties extends the referenced schema, as an allOf would.
        return inline_model(Model::Kind::kObject, value, pointer, context);
      }
      std::string target(ref->as_string());
      if (target.rfind(kSchemaPrefix, 0) == 0 &&
          target.find('/', std::string_view(kSchemaPrefix).size()) == std::string::npos) {
        std::string name = target.substr(std::string_view(kSchemaPrefix).size());
        document_.at_pointer(target, pointer + "/$ref");
        return named_type(name);
      }
      constexpr std::string_view kResponsePrefix = "#/components/responses/";
      if (target.rfind(kResponsePrefix, 0) == 0 &&
          target.find('/', kResponsePrefix.size()) == std::string::npos) {
        // A Response object where a schema belongs: read it as that response's JSON schema.
        const json::value& response = document_.at_pointer(target, pointer + "/$ref");
        diagnostics_.warn(pointer + "/$ref",
                          "'" + target +
                              "' is a response, not a schema; using its "
                              "application/json schema");
        std::optional<TypeRef> type = json_content_type(
            as_object(response, target.substr(1), "a response"), target.substr(1), context);
        if (!type) throw SpecError(pointer + "/$ref", "'" + target + "' has no JSON schema");
        return *type;
      }
      auto [resolved, resolved_pointer] = follow_refs(value, pointer);
      return type_of(*resolved, resolved_pointer, context);
    }
    if (const json::value* all_of = schema.if_contains("allOf")) {
      const json::array* parts = all_of->if_array();
      if (parts == nullptr) throw SpecError(pointer + "/allOf", "allOf must be an array");
      // A one-element allOf that adds no properties only wraps a type (often to add
      // `deprecated` or a description next to a $ref).
      if (parts->size() == 1 && !schema.contains("properties")) {
        return type_of((*parts)[0], pointer + "/allOf/0", context);
      }
      return inline_model(Model::Kind::kObject, value, pointer, context);
    }
    if (schema.contains("anyOf") || schema.contains("oneOf")) {
      // `anyOf: [X, {type: null}]` (3.1's nullable X) is X; the field is nullable (is_nullable).
      const char* keyword = schema.contains("oneOf") ? "oneOf" : "anyOf";
      const json::array* options = schema.at(keyword).if_array();
      if (options != nullptr && !schema.contains("allOf")) {
        std::vector<std::size_t> kept = non_null_options(*options);
        if (kept.size() == 1 && kept.size() < options->size() &&
            !schema.contains("discriminator") && !schema.contains("properties")) {
          const std::string option_pointer =
              pointer + "/" + keyword + "/" + std::to_string(kept.front());
          return type_of((*options)[kept.front()], option_pointer, context);
        }
      }
      return inline_model(Model::Kind::kVariant, value, pointer, context);
    }
    std::string type = schema_type(schema, pointer);
    // A schema that only admits null holds no value of its own.
    if (type == "null") return TypeRef::scalar(TypeRef::Kind::kJson);
    if (type == kSeveralTypes) return TypeRef::scalar(TypeRef::Kind::kJson);
    if (const json::value* values = schema.if_contains("enum")) {
      if (enum_is_model(*values, type, pointer)) {
        return inline_model(Model::Kind::kEnum, value, pointer, context);
      }
      if (type.empty()) return scalar_of_values(*values);
    } else if (const json::value* constant = schema.if_contains("const");
               constant && type.empty()) {
      // A 3.1 `const` is a one-value enum; its type is the value's.
      return scalar_of_values(json::array{*constant});
    }
    if (type == "string") {
      return TypeRef::scalar(string_at(schema, "format") == "binary" ? TypeRef::Kind::kBinary
                                                                     : TypeRef::Kind::kString);
    }
    if (type == "boolean") return TypeRef::scalar(TypeRef::Kind::kBool);
    if (type == "number") return TypeRef::scalar(TypeRef::Kind::kDouble);
    if (type == "integer") {
      return TypeRef::scalar(string_at(schema, "format") == "int32" ? TypeRef::Kind::kInt32
                                                                    : TypeRef::Kind::kInt64);
    }
    if (type == "array") {
      const json::value* items = schema.if_contains("items");
      if (items == nullptr) return TypeRef::array_of(TypeRef::scalar(TypeRef::Kind::kJson));
      return TypeRef::array_of(type_of(*items, pointer + "/items", context + "Item"));
    }
    if (type == "object" || type.empty()) {
      if (schema.contains("properties")) {
        return inline_model(Model::Kind::kObject, value, pointer, context);
      }
      if (const json::value* extra = schema.if_contains("additionalProperties")) {
        if (extra->is_object() && !extra->as_object().empty()) {
          return TypeRef::map_of(
              type_of(*extra, pointer + "/additionalProperties", context + "Value"));
        }
        if (extra->is_object() || (extra->is_bool() && extra->as_bool())) {
          // Any keys, any values.
          return TypeRef::map_of(TypeRef::scalar(TypeRef::Kind::kJson));
        }
      }
      return TypeRef::scalar(TypeRef::Kind::kJson);
    }
    throw SpecError(pointer + "/type", "unknown schema type '" + type + "'");
  }

  /// Whether an `enum` becomes an enum model: string values (type string or none), or integers
  /// (type integer or none). Other enums (booleans, numbers, mixed kinds) are typed by their
  /// `type`, or by their values' kind: the listed values are documentation, not a C++ type. Null
  /// entries only say the value may be null.
  bool enum_is_model(const json::value& values,
                     const std::string& type,
                     const std::string& pointer) {
    const json::array* list = values.if_array();
    if (list == nullptr) throw SpecError(pointer + "/enum", "enum must be an array");
    bool strings = false;
    bool integers = false;
    bool others = false;
    for (const json::value& entry : *list) {
      if (entry.is_null()) continue;
      strings = strings || entry.is_string();
      integers = integers || entry.is_int64();
      others = others || (!entry.is_string() && !entry.is_int64());
    }
    if (!strings && !integers) return false;
    const bool model = !others && ((strings && !integers && (type == "string" || type.empty())) ||
                                   (integers && !strings && (type == "integer" || type.empty())));
    if (!model && (type == "string" || type == "integer")) {
      diagnostics_.warn(
          pointer + "/enum",
          "enum values are not all of type " + type + "; the field is a plain " + type);
    }
    return model;
  }

  /// The scalar type every non-null value shares (kJson when they differ).
  static TypeRef scalar_of_values(const json::value& values) {
    std::optional<TypeRef::Kind> kind;
    for (const json::value& entry : values.as_array()) {
      if (entry.is_null()) continue;
      const TypeRef::Kind this_kind = entry.is_string()   ? TypeRef::Kind::kString
                                      : entry.is_bool()   ? TypeRef::Kind::kBool
                                      : entry.is_int64()  ? TypeRef::Kind::kInt64
                                      : entry.is_number() ? TypeRef::Kind::kDouble
                                                          : TypeRef::Kind::kJson;
      if (kind && *kind != this_kind) {
        // Integers among numbers are numbers.
        bool numbers = (*kind == TypeRef::Kind::kDouble || *kind == TypeRef::Kind::kInt64) &&
                       (this_kind == TypeRef::Kind::kDouble || this_kind == TypeRef::Kind::kInt64);
        kind = numbers ? TypeRef::Kind::kDouble : TypeRef::Kind::kJson;
      } else if (!kind) {
        kind = this_kind;
      }
    }
    return TypeRef::scalar(kind.value_or(TypeRef::Kind::kJson));
  }

  /// Type of a component schema; object and enum schemas become models named after it.
  TypeRef named_type(const std::string& name) {
    if (auto found = named_types_.find(name); found != named_types_.end()) return found->second;
    std::string pointer = pointer_append("/components/schemas", name);
    if (auto loop = std::find(resolving_.begin(), resolving_.end(), name);
        loop != resolving_.end()) {
      // Objects are named before their fields are read, so a loop back here runs through
      // aliases, arrays or maps of schemas only: name each step.
      std::string chain;
      for (auto it = loop; it != resolving_.end(); ++it) chain += *it + " -> ";
      throw SpecError(pointer,
                      "schema '" + name + "' is an alias of itself (" + chain + name + ")");
    }
    resolving_.push_back(name);
    const json::value& schema = document_.at_pointer(pointer, pointer);
    TypeRef type = type_of(schema, pointer, pascal_case(name));
    resolving_.pop_back();
    named_types_.emplace(name, type);
    return type;
  }

  /// The name of a new model. A component schema keeps its own name; an inline schema is named
  /// from its place (owner plus property, operation plus role), and never takes a component's
  /// name, so that adding a component elsewhere cannot rename it by order of discovery. Only two
  /// places spelling the same name fall back to a suffix.
  std::string model_name_for(const std::string& context, const std::string& pointer) {
    bool component =
        pointer.rfind("/components/schemas/", 0) == 0 &&
        pointer.find('/', std::string_view("/components/schemas/").size()) == std::string::npos;
    if (component) {
      std::string key = pointer.substr(std::string_view("/components/schemas/").size());
      for (std::size_t at = 0; (at = key.find('~', at)) != std::string::npos; ++at) {
        key.replace(at, 2, key.compare(at, 2, "~1") == 0 ? "/" : "~");
      }
      if (auto found = component_model_names_.find(key); found != component_model_names_.end()) {
        return found->second;
      }
    }
    auto free = [&](const std::string& name) {
      return models_.count(name) == 0 && (component || component_names_.count(name) == 0);
    };
    if (free(context)) return context;
    std::string base = component ? context : context + "Inline";
    if (free(base)) return base;
    for (int suffix = 2;; ++suffix) {
      if (free(base + std::to_string(suffix))) return base + std::to_string(suffix);
    }
  }

  /// Registers a model for a schema (filled later, so schemas may refer to themselves).
  TypeRef inline_model(Model::Kind kind,
                       const json::value& schema,
                       const std::string& pointer,
                       const std::string& context) {
    if (auto known = model_by_pointer_.find(pointer); known != model_by_pointer_.end()) {
      return TypeRef::model_named(known->second);
    }
    std::string name = model_name_for(context, pointer);
    Model model;
    model.kind = kind;
    model.name = name;
    model.file_stem = file_stem(name);
    model.pointer = pointer;
    models_.emplace(name, std::move(model));
    model_by_pointer_.emplace(pointer, name);
    pending_.push_back({name, &schema});
    return TypeRef::model_named(name);
  }

  void fill_pending_models() {
    while (!pending_.empty()) {
      auto [name, schema_value] = pending_.front();
      pending_.pop_front();
      Model& model = models_.at(name);
      const json::object& schema = schema_value->as_object();
      model.description = string_at(schema, "description");
      model.deprecated = bool_at(schema, "deprecated");
      if (model.kind == Model::Kind::kEnum) {
        fill_enum(model, schema);
      } else if (model.kind == Model::Kind::kVariant) {
        fill_variant(name, schema);
      } else {
        std::vector<Field> fields;
        std::set<std::string> required;
        collect_object(schema, model.pointer, model.name, fields, required, 0);
        // Every object model also holds `unknown_fields` (what the spec does not list).
        std::set<std::string> cpp_names = {"unknown_fields"};
        for (Field& field : fields) {
          field.required = required.count(field.json_name) != 0;
          while (!cpp_names.insert(field.cpp_name).second) field.cpp_name += "_";
        }
        models_.at(name).fields = std::move(fields);
      }
    }
  }

  void fill_variant(const std::string& name, const json::object& schema) {
    const char* keyword = schema.contains("oneOf") ? "oneOf" : "anyOf";
    std::string list_pointer = models_.at(name).pointer + "/" + keyword;
    const json::array* options = schema.at(keyword).if_array();
    if (options == nullptr || options->empty()) {
      throw SpecError(list_pointer, std::string(keyword) + " must be a non-empty array");
    }
    std::vector<Alternative> alternatives;
    for (std::size_t i = 0; i < options->size(); ++i) {
      // Null is not an alternative: the field holding the union is nullable (is_nullable).
      if (is_null_schema((*options)[i])) continue;
      Alternative alternative;
      alternative.type = type_of((*options)[i],
                                 list_pointer + "/" + std::to_string(i),
                                 name + "Option" + std::to_string(i + 1));
      if (const json::object* option = (*options)[i].if_object()) {
        if (const json::value* ref = option->if_contains("$ref")) {
          std::string target(ref->as_string());
          alternative.tags.push_back(target.substr(target.find_last_of('/') + 1));
        }
      }
      alternatives.push_back(std::move(alternative));
    }
    std::string discriminator;
    if (const json::value* value = schema.if_contains("discriminator")) {
      std::string pointer = models_.at(name).pointer + "/discriminator";
      const json::object& object = as_object(*value, pointer, "a discriminator");
      discriminator = string_at(object, "propertyName");
      if (discriminator.empty()) throw SpecError(pointer, "discriminator has no propertyName");
      if (const json::value* mapping = object.if_contains("mapping")) {
        for (Alternative& alternative : alternatives) alternative.tags.clear();
        for (const auto& entry : as_object(*mapping, pointer + "/mapping", "a mapping")) {
          std::string target =
              entry.value().is_string() ? std::string(entry.value().as_string()) : "";
          const std::string entry_pointer = pointer_append(pointer + "/mapping", entry.key());
          // A mapping value is a $ref (to a component or deeper) or a bare schema name.
          if (target.empty() || target[0] != '#') target = kSchemaPrefix + target;
          const json::value ref = json::object{{"$ref", target}};
          TypeRef type = type_of(ref, entry_pointer, name + pascal_case(std::string(entry.key())));
          auto found =
              std::find_if(alternatives.begin(), alternatives.end(), [&](const Alternative& a) {
                return a.type.kind == type.kind && a.type.model == type.model;
              });
          if (found == alternatives.end()) {
            // Alternatives are still told apart by their shape; only this hint is lost.
            diagnostics_.warn(entry_pointer,
                              "mapping target '" + target +
                                  "' is not one of the alternatives; the entry is ignored");
            continue;
          }
          found->tags.push_back(std::string(entry.key()));
        }
      }
    }
    Model& model = models_.at(name);
    model.alternatives = std::move(alternatives);
    model.discriminator = std::move(discriminator);
  }

  void fill_enum(Model& model, const json::object& schema) {
    // enum_is_model admitted only an array of all-string or all-integer values (and nulls).
    const json::array& values = schema.at("enum").as_array();
    std::set<std::string> names = {"kUnknown"};
    model.integer_enum = std::any_of(
        values.begin(), values.end(), [](const json::value& value) { return value.is_int64(); });
    for (std::size_t i = 0; i < values.size(); ++i) {
      const json::value& value = values[i];
      if (value.is_null()) continue;  // a nullable enum lists null; absence covers it
      EnumValue entry;
      if (model.integer_enum) {
        std::int64_t number = value.as_int64();
        entry.text = std::to_string(number);
        entry.cpp_name =
            (number < 0 ? "kMinus" : "kValue") + std::to_string(number < 0 ? -number : number);
      } else {
        entry.text = std::string(value.as_string());
        entry.cpp_name = enumerator_name(value.as_string());
      }
      while (!names.insert(entry.cpp_name).second) entry.cpp_name += "_";
      model.values.push_back(std::move(entry));
    }
  }

  /// A `default` the C++ type can hold as a literal; other defaults (objects, arrays, a type
  /// mismatch) are left to the server.
  std::optional<DefaultValue> default_of(const json::value& value, const TypeRef& type) {
    bool is_enum =
        type.kind == TypeRef::Kind::kModel && models_.at(type.model).kind == Model::Kind::kEnum;
    bool integer_enum = is_enum && models_.at(type.model).integer_enum;
    if (value.is_string() && (type.kind == TypeRef::Kind::kString || (is_enum && !integer_enum))) {
      return DefaultValue{DefaultValue::Kind::kString, std::string(value.as_string())};
    }
    if (value.is_bool() && type.kind == TypeRef::Kind::kBool) {
      return DefaultValue{DefaultValue::Kind::kBool, value.as_bool() ? "true" : "false"};
    }
    if (value.is_int64() && (type.kind == TypeRef::Kind::kInt32 ||
                             type.kind == TypeRef::Kind::kInt64 || integer_enum)) {
      return DefaultValue{DefaultValue::Kind::kInteger, std::to_string(value.as_int64())};
    }
    if (value.is_number() && type.kind == TypeRef::Kind::kDouble) {
      return DefaultValue{DefaultValue::Kind::kNumber, json::serialize(value)};
    }
    return std::nullopt;
  }

  /// An allOf part that is a union: the value has the properties of one alternative, so every
  /// alternative's properties become optional fields (and unknown fields keep the rest).
  void collect_union_part(const json::object& part,
                          const std::string& pointer,
                          const std::string& model_name,
                          std::vector<Field>& fields,
                          int depth) {
    const char* keyword = part.contains("oneOf") ? "oneOf" : "anyOf";
    const json::array* options = part.at(keyword).if_array();
    if (options == nullptr) throw SpecError(pointer + "/" + keyword, "must be an array");
    diagnostics_.warn(pointer + "/" + keyword,
                      "an allOf part is a union; its alternatives' properties are optional fields");
    for (std::size_t i = 0; i < options->size(); ++i) {
      auto [option, option_pointer] =
          follow_refs((*options)[i], pointer + "/" + keyword + "/" + std::to_string(i));
      const json::object* object = option->if_object();
      if (object == nullptr || is_null_schema(*option)) continue;
      std::set<std::string> not_required;
      collect_object(*object, option_pointer, model_name, fields, not_required, depth + 1);
    }
  }

  /// Gathers the properties of an object schema and of every allOf part, in order.
  void collect_object(const json::object& schema,
                      const std::string& pointer,
                      const std::string& model_name,
                      std::vector<Field>& fields,
                      std::set<std::string>& required,
                      int depth) {
    if (depth > 32) throw SpecError(pointer, "allOf nesting is too deep (a cycle?)");
    if (const json::value* ref = schema.if_contains("$ref")) {
      auto [base, base_pointer] = resolve_ref(*ref, pointer);
      collect_object(as_object(*base, base_pointer, "a schema"),
                     base_pointer,
                     model_name,
                     fields,
                     required,
                     depth + 1);
    }
    if (const json::value* all_of = schema.if_contains("allOf")) {
      const json::array& parts = all_of->as_array();
      for (std::size_t i = 0; i < parts.size(); ++i) {
        auto [part, part_pointer] = follow_refs(parts[i], pointer + "/allOf/" + std::to_string(i));
        const json::object& part_object = as_object(*part, part_pointer, "an allOf part");
        if (part_object.contains("anyOf") || part_object.contains("oneOf")) {
          collect_union_part(part_object, part_pointer, model_name, fields, depth + 1);
        }
        collect_object(part_object, part_pointer, model_name, fields, required, depth + 1);
      }
    }
    if (const json::value* list = schema.if_contains("required")) {
      if (const json::array* names = list->if_array()) {
        for (const json::value& name : *names) {
          if (name.is_string()) required.insert(std::string(name.as_string()));
        }
      }
    }
    const json::value* properties = schema.if_contains("properties");
    if (properties == nullptr) return;
    std::string properties_pointer = pointer + "/properties";
    for (const auto& entry : as_object(*properties, properties_pointer, "properties")) {
      std::string json_name(entry.key());
      std::string field_pointer = pointer_append(properties_pointer, json_name);
      Field field;
      field.json_name = json_name;
      field.cpp_name = snake_case(json_name);
      field.type = type_of(entry.value(), field_pointer, model_name + pascal_case(json_name));
      field.nullable = is_nullable(entry.value());
      if (const json::object* property = entry.value().if_object()) {
        field.description = string_at(*property, "description");
        field.deprecated = bool_at(*property, "deprecated");
        field.read_only = bool_at(*property, "readOnly");
        field.format = string_at(*property, "format");
        if (const json::value* fallback = property->if_contains("default")) {
          field.default_value = default_of(*fallback, field.type);
        }
      }
      auto same = std::find_if(
          fields.begin(), fields.end(), [&](const Field& f) { return f.json_name == json_name; });
      if (same != fields.end()) {
        *same = std::move(field);
      } else {
        fields.push_back(std::move(field));
      }
    }
  }

  struct PendingModel {
    std::string name;
    const json::value* schema;
  };

  const Document& document_;
  Diagnostics& diagnostics_;
  std::map<std::string, Model> models_;
  std::map<std::string, std::string> model_by_pointer_;
  std::set<std::string> component_names_;
  /// The style of every object query parameter (x-dyngen.objectQueryStyle), when given.
  std::string object_query_style_;
  /// The C++ name of each component schema, by its key (reserve_component_names).
  std::map<std::string, std::string> component_model_names_;
  std::map<std::string, TypeRef> named_types_;
  std::vector<std::string> resolving_;  // component schemas being resolved, outermost first
  std::deque<PendingModel> pending_;
  const json::object* security_schemes_ = nullptr;
};

}  // namespace

Api build_api(const Document& document, Diagnostics& diagnostics) {
  return Builder(document, diagnostics).build();
}

}  // namespace dyngen
