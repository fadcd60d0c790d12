// Resources: one class per tag whose methods build an ApiRequest and call the runtime pipeline,
// plus the Client that hands them out.
#include <algorithm>
#include <stdexcept>
#include <string_view>

#include "emit/emitters.hpp"
#include "emit/layout.hpp"
#include "emit/printer.hpp"
#include "emit/signatures.hpp"

namespace dyngen {

// The helpers up to documented_type are shared through emit/signatures.hpp.

/// How a parameter is passed to a method: small scalars by value, the rest by const reference.
std::string argument_type(const TypeRef& type) {
  switch (type.kind) {
    case TypeRef::Kind::kBool:
    case TypeRef::Kind::kInt32:
    case TypeRef::Kind::kInt64:
    case TypeRef::Kind::kDouble:
      return cpp_type(type);
    default:
      return "const " + cpp_type(type, "models::") + "&";
  }
}

std::string result_type(const Operation& op) {
  return op.response ? cpp_type(*op.response, "models::") : "void";
}

/// The parameters of an operation's methods, in order, options last.
std::vector<MethodParameter> method_parameters(const Operation& op) {
  std::vector<MethodParameter> out;
  for (const Parameter& param : op.parameters) {
    if (param.location != Parameter::Location::kPath) continue;
    out.push_back({argument_type(param.type) + " " + param.cpp_name,
                   cpp_type(param.type, "models::") + " " + param.cpp_name,
                   param.cpp_name,
                   false});
  }
  if (!op.params_struct.empty()) {
    bool required = std::any_of(op.parameters.begin(), op.parameters.end(), [](const Parameter& p) {
      return p.location != Parameter::Location::kPath && p.required;
    });
    out.push_back({"const " + op.params_struct + "& params",
                   op.params_struct + " params",
                   "params",
                   !required});
  }
  if (op.body) {
    std::string type = cpp_type(*op.body, "models::");
    if (op.body_required) {
      out.push_back({argument_type(*op.body) + " body", type + " body", "body", false});
    } else {
      out.push_back({"const std::optional<" + type + ">& body",
                     "std::optional<" + type + "> body",
                     "body",
                     true});
    }
  }
  out.push_back({"const RequestOptions& options", "RequestOptions options", "options", true});
  // A default argument needs defaults on every parameter after it.
  bool tail_defaults = true;
  for (auto it = out.rbegin(); it != out.rend(); ++it) {
    tail_defaults = tail_defaults && it->can_default;
    it->can_default = tail_defaults;
  }
  return out;
}

/// Parameter declarations; `defaults` adds `= {}` where allowed (declarations, not definitions).
std::vector<std::string> declarations(const std::vector<MethodParameter>& params,
                                      Passing passing,
                                      bool defaults) {
  std::vector<std::string> out;
  for (const MethodParameter& param : params) {
    std::string text = passing == Passing::kReference ? param.by_reference : param.by_value;
    out.push_back(text + (defaults && param.can_default ? " = {}" : ""));
  }
  return out;
}

std::vector<std::string> argument_names(const std::vector<MethodParameter>& params, bool move) {
  std::vector<std::string> out;
  for (const MethodParameter& param : params) {
    out.push_back(move ? "std::move(" + param.name + ")" : param.name);
  }
  return out;
}

/// The path parameter an Environment view binds once for all its calls.
constexpr std::string_view kEnvironmentParameter = "environmentId";

bool is_environment_parameter(const Parameter& param) {
  return param.location == Parameter::Location::kPath && param.name == kEnvironmentParameter &&
         param.type.kind == TypeRef::Kind::kString;
}

bool environment_scoped(const Operation& op) {
  return std::any_of(op.parameters.begin(), op.parameters.end(), is_environment_parameter);
}

bool has_environment_view(const Resource& resource) {
  return std::any_of(resource.operations.begin(), resource.operations.end(), environment_scoped);
}

/// `EnvironmentUsersApi`: the resource's operations with the environment id bound.
std::string view_class(const Resource& resource) { return "Environment" + resource.class_name; }

/// The C++ name of the operation's environment parameter ("environment_id" unless renamed).
std::string environment_argument(const Operation& op) {
  auto found = std::find_if(op.parameters.begin(), op.parameters.end(), is_environment_parameter);
  return found->cpp_name;
}

/// The view's parameters: the operation's, less the environment id.
std::vector<MethodParameter> view_parameters(const Operation& op) {
  std::vector<MethodParameter> out = method_parameters(op);
  std::string bound = environment_argument(op);
  out.erase(std::remove_if(out.begin(),
                           out.end(),
                           [&](const MethodParameter& param) { return param.name == bound; }),
            out.end());
  return out;
}

/// The range type of a paged list operation, and of one page.
std::string range_type(const Operation& op) {
  std::string item = cpp_type(op.pagination.item, "models::");
  return (op.pagination.kind == Pagination::Kind::kOffset ? "OffsetRange<" : "CursorRange<") +
         item + ">";
}

std::string page_type(const Operation& op) {
  std::string item = cpp_type(op.pagination.item, "models::");
  return (op.pagination.kind == Pagination::Kind::kOffset ? "OffsetPage<" : "CursorPage<") + item +
         ">";
}

/// Parameters of the private page fetcher: the call's, then where the page starts.
std::vector<std::string> page_parameters(const Operation& op) {
  std::vector<std::string> out;
  for (const MethodParameter& param : method_parameters(op)) {
    // params is a copy: the fetcher sets offset and limit, or the cursor, in it.
    out.push_back(param.name == "params" ? param.by_value : param.by_reference);
  }
  if (op.pagination.kind == Pagination::Kind::kOffset) {
    out.push_back("std::int64_t offset");
    out.push_back("std::int64_t limit");
  } else {
    out.push_back("const std::optional<std::string>& cursor");
  }
  return out;
}

/// "1 to 100", "at least 1", "at most 64 characters", ... for a parameter's doc line.
std::vector<std::string> constraint_facts(const Constraints& c) {
  std::vector<std::string> out;
  if (!c.format.empty()) out.push_back(c.format);
  if (c.minimum && c.maximum && !c.exclusive_minimum && !c.exclusive_maximum) {
    out.push_back(*c.minimum + " to " + *c.maximum);
  } else {
    if (c.minimum) out.push_back((c.exclusive_minimum ? "above " : "at least ") + *c.minimum);
    if (c.maximum) out.push_back((c.exclusive_maximum ? "below " : "at most ") + *c.maximum);
  }
  if (c.min_length && c.max_length && *c.min_length == *c.max_length) {
    out.push_back(std::to_string(*c.min_length) + " characters");
  } else {
    if (c.min_length) out.push_back("at least " + std::to_string(*c.min_length) + " characters");
    if (c.max_length) out.push_back("at most " + std::to_string(*c.max_length) + " characters");
  }
  if (c.min_items) out.push_back("at least " + std::to_string(*c.min_items) + " items");
  if (c.max_items) out.push_back("at most " + std::to_string(*c.max_items) + " items");
  if (c.pattern) out.push_back("pattern `" + *c.pattern + "`");
  if (c.default_text) out.push_back("server default " + *c.default_text);
  return out;
}

/// The type of a parameter as a doc line spells it; small enums list their values.
std::string documented_type(const Api& api, const TypeRef& type) {
  if (type.kind == TypeRef::Kind::kModel) {
    const Model& model = find_model(api, type.model);
    if (model.kind == Model::Kind::kEnum && !model.values.empty() && model.values.size() <= 8) {
      std::string values;
      for (const EnumValue& value : model.values) {
        values += (values.empty() ? "" : ", ") + value.text;
      }
      return "models::" + model.name + " (one of: " + values + ")";
    }
  }
  return cpp_type(type, "models::");
}

namespace {

std::string errors_fact(const Operation& op) {
  std::string out;
  for (int status : op.error_statuses) {
    std::string entry = status == 0 ? "other statuses" : std::to_string(status);
    for (const ErrorResponse& error : op.errors) {
      if (error.status == status) entry += " (" + cpp_type(error.type, "models::") + ")";
    }
    out += (out.empty() ? "" : ", ") + entry;
  }
  return out;
}

/// A method's doc comment, built from the spec's facts (prose only where the spec or the
/// project's overlay has it): method and path, each argument with its type and constraints,
/// the result and the declared errors. `bound` names a path parameter the caller does not pass.
std::string operation_doc(const Api& api, const Operation& op, std::string_view bound = {}) {
  std::string text = op.summary;
  if (!op.description.empty() && op.description != op.summary) {
    text += std::string(text.empty() ? "" : "\n\n") + op.description;
  }
  text += std::string(text.empty() ? "" : "\n\n") + "`" + op.http_method + " " + op.path + "`";
  for (const Parameter& param : op.parameters) {
    if (param.name == bound && param.location == Parameter::Location::kPath) continue;
    bool in_path = param.location == Parameter::Location::kPath;
    const char* where = param.location == Parameter::Location::kHeader   ? "header"
                        : param.location == Parameter::Location::kCookie ? "cookie"
                        : in_path                                        ? "path"
                                                                         : "query";
    std::string line = "\n- `" + std::string(in_path ? "" : "params.") + param.cpp_name + "` (" +
                       where + "): " + documented_type(api, param.type);
    if (!in_path && param.required) line += ", required";
    for (const std::string& fact : constraint_facts(param.constraints)) line += ", " + fact;
    text += line;
  }
  if (op.body) {
    text += "\n- `body`: " + cpp_type(*op.body, "models::") +
            (op.body_required ? "" : ", optional") +
            (op.body_media == "application/json" ? "" : ", sent as " + op.body_media);
  }
  text += "\n\nReturns " + (op.response ? cpp_type(*op.response, "models::") : "no body") + ".";
  if (!op.error_statuses.empty()) text += " Declared errors: " + errors_fact(op) + ".";
  if (op.deprecated) text += "\n\nDeprecated.";
  return doc_comment(2, text);
}

/// Headers a type needs in a resource header: the standard ones it spells, and the headers of
/// the models in `whole` (the rest are forward-declared).
void add_type_headers(const Api& api,
                      const TypeRef& type,
                      std::set<std::string>& headers,
                      std::set<std::string>& std_headers,
                      const std::set<std::string>& whole) {
  std::set<std::string> models;
  collect_models(type, models);
  for (const std::string& name : models) {
    if (whole.count(name) != 0) headers.insert(model_header_path(api, find_model(api, name)));
  }
  // The element types too: std::map<std::string, Json> needs json.hpp.
  for (const TypeRef* part = &type; part != nullptr; part = part->element.get()) {
    if (part->kind == TypeRef::Kind::kArray) std_headers.insert("<vector>");
    if (part->kind == TypeRef::Kind::kMap) std_headers.insert("<map>");
    if (part->kind == TypeRef::Kind::kJson) headers.insert("dynamic/runtime/json.hpp");
    if (part->kind == TypeRef::Kind::kBinary) headers.insert("dynamic/runtime/blob.hpp");
    if (part->kind == TypeRef::Kind::kInt32 || part->kind == TypeRef::Kind::kInt64) {
      std_headers.insert("<cstdint>");
    }
  }
}

bool is_object_query(const Api& api, const Parameter& param) {
  return param.location == Parameter::Location::kQuery && !param.json_text &&
         param.type.kind == TypeRef::Kind::kModel &&
         find_model(api, param.type.model).kind == Model::Kind::kObject;
}

/// A query parameter spelled from its JSON form (arrays, objects, unions, any JSON) by
/// detail::append_query, rather than from one scalar.
bool is_structured_query(const Api& api, const Parameter& param) {
  if (param.location != Parameter::Location::kQuery || param.json_text) return false;
  switch (param.type.kind) {
    case TypeRef::Kind::kArray:
    case TypeRef::Kind::kMap:
    case TypeRef::Kind::kJson:
      return true;
    case TypeRef::Kind::kModel:
      return find_model(api, param.type.model).kind != Model::Kind::kEnum;
    default:
      return false;
  }
}

/// The declarations of one operation's methods (plain, _with_response, _async and, for lists,
/// _all), taking `params`.
std::string method_declarations(const Api& api,
                                const Operation& op,
                                const std::vector<MethodParameter>& params,
                                std::string_view bound = {}) {
  Vars vars = {{"method", op.method_name}};
  // Deprecated operations warn wherever they are called.
  std::string attribute = op.deprecated ? "[[deprecated]] " : "";
  Printer p;
  p.raw("\n");
  p.raw(operation_doc(api, op, bound));
  p.raw(call_layout(2,
                    attribute + result_type(op) + " " + op.method_name,
                    declarations(params, Passing::kReference, true),
                    " const;"));
  p.print("  /// Like $method$, with the answer's status, headers and request id.\n", vars);
  p.raw(call_layout(
      2,
      attribute + "Response<" + result_type(op) + "> " + op.method_name + "_with_response",
      declarations(params, Passing::kReference, true),
      " const;"));
  p.print("  /// Like $method$, on the client's worker threads.\n", vars);
  p.raw(call_layout(2,
                    attribute + "Future<" + result_type(op) + "> " + op.method_name + "_async",
                    declarations(params, Passing::kValue, true),
                    " const;"));
  if (op.pagination.kind == Pagination::Kind::kNone) return p.str();
  if (op.pagination.kind == Pagination::Kind::kOffset) {
    p.print(
        "  /// Every item of $method$, fetched page by page while the range is iterated: from\n"
        "  /// `params.offset`, $size$ items a page unless `params.limit` says otherwise.\n",
        {{"method", op.method_name}, {"size", std::to_string(op.pagination.page_size)}});
  } else {
    p.print(
        "  /// Every item of $method$, fetched page by page while the range is iterated, from\n"
        "  /// `params.cursor` (the first page when unset).\n",
        vars);
  }
  p.raw(call_layout(2,
                    attribute + range_type(op) + " " + op.method_name + "_all",
                    declarations(params, Passing::kValue, true),
                    " const;"));
  return p.str();
}

std::string resource_class(const Api& api, const Resource& resource) {
  Printer p;
  p.print(R"(/// Operations tagged "$tag$". Cheap to copy; safe to use from several threads.
class $class$ {
 public:
  explicit $class$(std::shared_ptr<const Pipeline> pipeline);
)",
          {{"tag", resource.tag}, {"class", resource.class_name}});
  for (const Operation& op : resource.operations) {
    p.raw(method_declarations(api, op, method_parameters(op)));
  }
  p.raw("\n private:\n");
  for (const Operation& op : resource.operations) {
    if (op.pagination.kind == Pagination::Kind::kNone) continue;
    p.raw(call_layout(
        2, page_type(op) + " " + op.method_name + "_page", page_parameters(op), " const;"));
  }
  p.raw("  std::shared_ptr<const Pipeline> pipeline_;\n};\n\n");
  return p.str();
}

/// The Environment view of a resource: its operations that take the environment id, with the id
/// bound once (Environment::<accessor>()).
std::string view_class_declaration(const Api& api, const Resource& resource) {
  Printer p;
  Vars vars = {{"tag", resource.tag},
               {"class", resource.class_name},
               {"view", view_class(resource)},
               {"accessor", resource.accessor}};
  p.print(R"(/// The operations tagged "$tag$" that belong to one environment, with its id bound:
/// `client.environment(id).$accessor$()`. Cheap to copy; safe to use from several threads.
class $view$ {
 public:
)",
          vars);
  p.raw(call_layout(
      2, view_class(resource), {resource.class_name + " api", "std::string environment_id"}, ";"));
  p.raw("  const std::string& environment_id() const { return environment_id_; }\n");
  for (const Operation& op : resource.operations) {
    if (environment_scoped(op)) {
      p.raw(method_declarations(api, op, view_parameters(op), kEnvironmentParameter));
    }
  }
  p.print("\n private:\n  $class$ api_;\n  std::string environment_id_;\n};\n\n", vars);
  return p.str();
}

/// Models a resource header must define: those held by the params structs, and optional bodies
/// (their `= {}` default needs the whole type). Everything else is only named, so a forward
/// declaration does.
std::set<std::string> models_needed_whole(const Resource& resource) {
  std::set<std::string> out;
  for (const Operation& op : resource.operations) {
    for (const Parameter& param : op.parameters) {
      if (param.location != Parameter::Location::kPath) collect_models(param.type, out);
    }
    if (op.body && !op.body_required) collect_models(*op.body, out);
  }
  return out;
}

/// Every model an operation names, error bodies included (what its source decodes).
std::set<std::string> models_used(const Operation& op) {
  std::set<std::string> out = operation_models(op);
  for (const ErrorResponse& error : op.errors) collect_models(error.type, out);
  return out;
}

/// `struct X;` / `class X;` for the models a header names but need not define.
std::string forward_declarations(const Api& api, const std::set<std::string>& names) {
  if (names.empty()) return {};
  std::string out = "namespace models {\n";
  for (const std::string& name : names) {
    out += (find_model(api, name).kind == Model::Kind::kEnum ? "class " : "struct ") + name + ";\n";
  }
  return out + "}  // namespace models\n\n";
}

std::string resource_header(const Api& api, const Resource& resource) {
  std::set<std::string> std_headers = {"<memory>", "<string>"};
  std::set<std::string> headers = {"dynamic/runtime/fwd.hpp",
                                   "dynamic/runtime/request_options.hpp"};
  std::set<std::string> whole = models_needed_whole(resource);
  std::set<std::string> named;
  for (const Operation& op : resource.operations) {
    if (op.pagination.kind != Pagination::Kind::kNone) std_headers.insert("<cstdint>");
    for (const Parameter& param : op.parameters) {
      add_type_headers(api, param.type, headers, std_headers, whole);
      if (!param.required) std_headers.insert("<optional>");
      if (is_object_query(api, param)) headers.insert("dynamic/runtime/query.hpp");
    }
    if (op.body) add_type_headers(api, *op.body, headers, std_headers, whole);
    if (op.body && !op.body_required) std_headers.insert("<optional>");
    if (op.response) add_type_headers(api, *op.response, headers, std_headers, whole);
    named.merge(operation_models(op));
  }
  for (const std::string& name : whole) named.erase(name);
  Printer p;
  p.raw(banner(api.spec_name));
  p.raw(header_opening(std_headers, headers));
  p.raw(namespace_opening(api));
  p.raw(forward_declarations(api, named));
  for (const Operation& op : resource.operations) {
    if (op.params_struct.empty()) continue;
    p.print(
        "/// Query and header parameters of $class$::$method$.\nstruct $struct$ {\n",
        {{"class", resource.class_name}, {"method", op.method_name}, {"struct", op.params_struct}});
    for (const Parameter& param : op.parameters) {
      if (param.location == Parameter::Location::kPath) continue;
      std::string type = cpp_type(param.type, "models::");
      std::string doc = param.description;
      if (param.default_value) {
        // Left unset, the server applies its default; nothing is sent.
        doc += std::string(doc.empty() ? "" : "\n") +
               "Server default: " + std::to_string(*param.default_value) + ".";
      }
      p.raw(doc_comment(2, doc));
      p.raw(member_declaration(param.required ? type : "std::optional<" + type + ">",
                               param.type,
                               param.required,
                               param.cpp_name));
      if (is_object_query(api, param)) {
        const bool deep = param.style == Parameter::Style::kDeepObject;
        p.raw(doc_comment(2,
                          "How `" + param.cpp_name + "` is spelled in the URL: `" + param.name +
                              "[key]=value` (kDeepObject" + (deep ? ", the default" : "") +
                              ")\nor `key=value` (kForm" + (deep ? "" : ", the default") + ")."));
        p.raw("  QueryStyle " + param.cpp_name +
              (deep ? "_style = QueryStyle::kDeepObject;\n" : "_style = QueryStyle::kForm;\n"));
      }
    }
    p.raw("};\n\n");
  }
  p.raw(resource_class(api, resource));
  if (has_environment_view(resource)) p.raw(view_class_declaration(api, resource));
  p.raw(namespace_closing(api));
  return p.str();
}

/// The path template sent: `label` and `matrix` path parameters carry their prefix in the
/// template (".{id}", ";id={id}"), so that the value alone is percent-encoded.
std::string path_template(const Operation& op) {
  std::string path = op.path;
  for (const Parameter& param : op.parameters) {
    if (param.location != Parameter::Location::kPath) continue;
    const std::string placeholder = "{" + param.name + "}";
    std::string prefix = param.style == Parameter::Style::kLabel    ? "."
                         : param.style == Parameter::Style::kMatrix ? ";" + param.name + "="
                                                                    : "";
    std::size_t at = path.find(placeholder);
    if (prefix.empty() || at == std::string::npos) continue;
    path.insert(at, prefix);
  }
  return path;
}

/// Multipart: one add_part per field of the body's model, by its wire name.
std::string multipart_statements(const Api& api, const Operation& op) {
  std::string body = op.body_required ? "body" : "(*body)";
  std::string out = "  request.multipart.emplace();\n";
  for (const Field& field : find_model(api, op.body->model).fields) {
    out += call_statement_layout(
        2,
        "detail::add_part",
        {"*request.multipart", string_literal(field.json_name), body + "." + field.cpp_name},
        ";");
  }
  if (op.body_required) return out;
  std::string indented;
  for (std::size_t start = 0; start < out.size();) {
    std::size_t end = out.find('\n', start) + 1;
    indented += "  " + out.substr(start, end - start);
    start = end;
  }
  return "  if (body) {\n" + indented + "  }\n";
}

/// Fills the request's body from `body`, the way its media type sends it.
std::string body_statements(const Api& api, const Operation& op) {
  using BodyKind = Operation::BodyKind;
  if (op.body_kind == BodyKind::kMultipart) return multipart_statements(api, op);
  std::string value = op.body_required ? "body" : "*body";
  std::string statement;
  if (op.body_kind == BodyKind::kText || op.body_kind == BodyKind::kBinary) {
    statement =
        "detail::set_raw_body(request, " + value + ", " + string_literal(op.body_media) + ");";
  } else if (op.body_kind == BodyKind::kForm) {
    statement = "request.form_body = detail::encode_form(" + value + ");";
  } else {
    statement = "request.json_body = detail::encode_request_document(" + value + ");";
  }
  std::string out = op.body_required ? "  " + statement + "\n" : "  if (body) " + statement + "\n";
  if (out.size() > kColumnLimit + 1) {
    out = op.body_required ? "  " + statement + "\n" : "  if (body)\n    " + statement + "\n";
  }
  if (op.body_kind == BodyKind::kJson && op.body_media != "application/json") {
    // A vendor JSON type (merge-patch+json, ...): the operation's header wins over the default.
    out += "  request.headers.emplace_back(\"Content-Type\", " + string_literal(op.body_media) +
           ");\n";
  }
  return out;
}

std::string operation_body(const Api& api, const Operation& op) {
  Printer p;
  p.print("  ApiRequest request;\n  request.method = \"$method$\";\n",
          {{"method", op.http_method}});
  const std::string path = path_template(op);
  std::string path_line = "  request.path_template = " + string_literal(path) + ";";
  if (path_line.size() > kColumnLimit) {
    path_line = "  request.path_template =\n      " + string_literal(path) + ";";
  }
  p.raw(path_line + "\n");
  for (const Parameter& param : op.parameters) {
    std::string value =
        param.location == Parameter::Location::kPath
            ? param.cpp_name
            : (param.required ? "params." + param.cpp_name : "*params." + param.cpp_name);
    std::string target = param.location == Parameter::Location::kPath     ? "request.path_params"
                         : param.location == Parameter::Location::kHeader ? "request.headers"
                         : param.location == Parameter::Location::kCookie ? "request.cookies"
                                                                          : "request.query";
    std::string line;
    if (is_structured_query(api, param)) {
      std::string style =
          is_object_query(api, param)                        ? "params." + param.cpp_name + "_style"
          : param.style == Parameter::Style::kSpaceDelimited ? "QueryStyle::kSpaceDelimited"
          : param.style == Parameter::Style::kPipeDelimited  ? "QueryStyle::kPipeDelimited"
                                                             : "QueryStyle::kForm";
      line = call_statement_layout(param.required ? 2 : 4,
                                   "detail::append_query",
                                   {"request.query",
                                    string_literal(param.name),
                                    value,
                                    style,
                                    param.explode ? "true" : "false"},
                                   ";");
    } else {
      // A parameter described by JSON content is sent as the value's JSON text; an array in a
      // path, header or cookie as its items joined by commas.
      const bool dotted = param.style == Parameter::Style::kLabel && param.explode;
      std::string text = param.json_text ? "detail::encode_request_document(" + value + ")"
                         : param.type.kind == TypeRef::Kind::kArray
                             ? "detail::joined_text(" + value + (dotted ? ", '.')" : ")")
                             : "detail::query_text(" + value + ")";
      line = call_statement_layout(param.required ? 2 : 4,
                                   target + ".emplace_back",
                                   {string_literal(param.name), text},
                                   ";");
    }
    if (!param.required) p.print("  if (params.$name$) {\n", {{"name", param.cpp_name}});
    p.raw(line);
    if (!param.required) p.raw("  }\n");
  }
  if (op.body) p.raw(body_statements(api, op));
  if (op.response_is_raw && !op.response_media.empty()) {
    // The pipeline asks for JSON by default; this answer is something else.
    p.print("  request.headers.emplace_back(\"Accept\", $media$);\n",
            {{"media", string_literal(op.response_media)}});
  }
  if (!op.errors.empty()) {
    // Built once: a static table of the statuses the operation declares a body for.
    p.raw("  static constexpr ErrorBodyRow kErrorBodies[] = {\n");
    for (const ErrorResponse& error : op.errors) {
      p.print(
          "      {$status$, &detail::decode_error_body<$type$>},\n",
          {{"status", std::to_string(error.status)}, {"type", cpp_type(error.type, "models::")}});
    }
    p.raw("  };\n  request.error_bodies = kErrorBodies;\n");
  }
  if (!op.response) {
    p.raw("  return make_response(pipeline_->send(request, options));\n");
  } else if (op.response_is_raw) {
    p.raw("  ApiResponse response = pipeline_->send(request, options);\n");
    p.raw("  std::string raw = response.body;\n");
    p.raw("  return make_response(std::move(response), std::move(raw));\n");
  } else {
    p.raw("  ApiResponse response = pipeline_->send(request, options);\n");
    p.print("  $type$ result;\n  detail::decode_response(*pipeline_, request, response, result);\n",
            {{"type", result_type(op)}});
    p.raw("  return make_response(std::move(response), std::move(result));\n");
  }
  return p.str();
}

/// `items`, `total` or `cursor` of a page: optional and nullable fields are read only when set.
std::string page_field_assignment(std::string_view target, const Field& field, bool move) {
  std::string source = "page." + field.cpp_name;
  if (field.required && !field.nullable) {
    return "  " + std::string(target) + " = " + (move ? "std::move(" + source + ")" : source) +
           ";\n";
  }
  std::string value = move ? "std::move(*" + source + ")" : "*" + source;
  return "  if (" + source + ") " + std::string(target) + " = " + value + ";\n";
}

std::string page_definitions(const Resource& resource, const Operation& op) {
  const std::string cls = resource.class_name;
  std::vector<MethodParameter> params = method_parameters(op);
  Printer p;
  // The range binds the call's arguments to the private page fetcher.
  p.raw(call_layout(0,
                    range_type(op) + " " + cls + "::" + op.method_name + "_all",
                    declarations(params, Passing::kValue, false),
                    " const {"));
  std::vector<std::string> bound = {"&" + cls + "::" + op.method_name + "_page", "*this"};
  for (const std::string& name : argument_names(params, true)) bound.push_back(name);
  if (op.pagination.kind == Pagination::Kind::kOffset) {
    p.print("  std::int64_t limit = params.limit.value_or($size$);\n",
            {{"size", std::to_string(op.pagination.page_size)}});
    p.raw("  std::int64_t offset = params.offset.value_or(0);\n");
    bound.push_back("std::placeholders::_1");
    bound.push_back("std::placeholders::_2");
    p.raw(assigned_call_layout(2, "auto fetch", "std::bind", bound, ";"));
    p.raw(call_statement_layout(
        2, "return " + range_type(op), {"std::move(fetch)", "limit", "offset"}, ";"));
  } else {
    p.raw("  std::optional<std::string> start = params.cursor;\n");
    bound.push_back("std::placeholders::_1");
    p.raw(assigned_call_layout(2, "auto fetch", "std::bind", bound, ";"));
    p.raw(call_statement_layout(
        2, "return " + range_type(op), {"std::move(fetch)", "std::move(start)"}, ";"));
  }
  p.raw("}\n\n");
  // The page fetcher: one call at the page's position, reshaped into a page.
  p.raw(call_layout(0,
                    page_type(op) + " " + cls + "::" + op.method_name + "_page",
                    page_parameters(op),
                    " const {"));
  if (op.pagination.kind == Pagination::Kind::kOffset) {
    p.raw("  params.offset = offset;\n  params.limit = limit;\n");
  } else {
    p.raw("  params.cursor = cursor;\n");
  }
  p.raw(assigned_call_layout(2,
                             cpp_type(*op.response, "models::") + " page",
                             op.method_name,
                             argument_names(params, false),
                             ";"));
  p.print("  $type$ result;\n", {{"type", page_type(op)}});
  p.raw(page_field_assignment("result.items", *op.pagination.items, true));
  if (op.pagination.total) {
    p.raw(page_field_assignment("result.total", *op.pagination.total, false));
  }
  if (op.pagination.cursor) {
    p.raw(page_field_assignment("result.next_cursor", *op.pagination.cursor, true));
  }
  p.raw("  return result;\n}\n");
  return p.str();
}

/// The operation's methods: _with_response builds and sends the request; the plain method
/// returns its value; _async runs the plain method on the worker threads; lists add _all.
std::string operation_definitions(const Api& api, const Resource& resource, const Operation& op) {
  const std::string cls = resource.class_name;
  std::vector<MethodParameter> params = method_parameters(op);
  std::vector<std::string> by_reference = declarations(params, Passing::kReference, false);
  Printer p;
  p.raw(call_layout(
      0,
      "Response<" + result_type(op) + "> " + cls + "::" + op.method_name + "_with_response",
      by_reference,
      " const {"));
  p.raw(operation_body(api, op));
  p.raw("}\n\n");
  p.raw(call_layout(
      0, result_type(op) + " " + cls + "::" + op.method_name, by_reference, " const {"));
  std::string call =
      call_statement_layout(2,
                            (op.response ? "return " : "") + op.method_name + "_with_response",
                            argument_names(params, false),
                            op.response ? ".value;" : ";");
  if (op.response && call.find('\n') + 1 != call.size()) {
    // `.value` after a call broken over lines is laid out awkwardly: name the response instead.
    call = assigned_call_layout(2,
                                "auto response",
                                op.method_name + "_with_response",
                                argument_names(params, false),
                                ";") +
           "  return std::move(response.value);\n";
  }
  p.raw(call);
  p.raw("}\n\n");
  p.raw(call_layout(0,
                    "Future<" + result_type(op) + "> " + cls + "::" + op.method_name + "_async",
                    declarations(params, Passing::kValue, false),
                    " const {"));
  std::vector<std::string> bound = {"&" + cls + "::" + op.method_name, "*this"};
  for (const std::string& name : argument_names(params, true)) bound.push_back(name);
  p.raw(assigned_call_layout(2, "auto call", "std::bind", bound, ";"));
  p.raw("  return pipeline_->run_async(std::move(call));\n}\n");
  if (op.pagination.kind != Pagination::Kind::kNone) {
    p.raw("\n");
    p.raw(page_definitions(resource, op));
  }
  return p.str();
}

/// The view's methods: each forwards to the resource's, with the bound environment id.
std::string view_definitions(const Resource& resource, const Operation& op) {
  const std::string cls = view_class(resource);
  std::vector<MethodParameter> params = view_parameters(op);
  std::string bound = environment_argument(op);
  auto forwarded = [&](bool move) {
    std::vector<std::string> out;
    for (const MethodParameter& param : method_parameters(op)) {
      if (param.name == bound) {
        out.push_back("environment_id_");
      } else {
        out.push_back(move ? "std::move(" + param.name + ")" : param.name);
      }
    }
    return out;
  };
  struct Form {
    std::string result;
    std::string suffix;
    Passing passing;
  };
  std::vector<Form> forms = {
      {result_type(op), "", Passing::kReference},
      {"Response<" + result_type(op) + ">", "_with_response", Passing::kReference},
      {"Future<" + result_type(op) + ">", "_async", Passing::kValue}};
  if (op.pagination.kind != Pagination::Kind::kNone) {
    forms.push_back({range_type(op), "_all", Passing::kValue});
  }
  Printer p;
  for (const Form& form : forms) {
    p.raw("\n");
    p.raw(call_layout(0,
                      form.result + " " + cls + "::" + op.method_name + form.suffix,
                      declarations(params, form.passing, false),
                      " const {"));
    bool returns = form.suffix != "" || op.response.has_value();
    p.raw(call_statement_layout(2,
                                (returns ? "return api_." : "api_.") + op.method_name + form.suffix,
                                forwarded(form.passing == Passing::kValue),
                                ";"));
    p.raw("}\n");
  }
  return p.str();
}

/// Headers a resource source includes: every model its operations name (whole, with codecs).
std::set<std::string> resource_source_headers(const Api& api, const Resource& resource) {
  std::set<std::string> headers = {"dynamic/detail/json_codec.hpp",
                                   "dynamic/detail/text.hpp",
                                   "dynamic/detail/pipeline.hpp",
                                   "dynamic/runtime/future.hpp",
                                   "dynamic/runtime/response.hpp"};
  for (const Operation& op : resource.operations) {
    if (op.pagination.kind != Pagination::Kind::kNone) {
      headers.insert("dynamic/runtime/pagination.hpp");
    }
    if (op.body && op.body_kind != Operation::BodyKind::kJson &&
        op.body_kind != Operation::BodyKind::kForm) {
      headers.insert("dynamic/detail/body.hpp");
    }
    std::set<std::string> names = models_used(op);
    if (op.body && op.body_kind == Operation::BodyKind::kMultipart) {
      // Each field becomes a part of its own, encoded by the field type's codec.
      for (const Field& field : find_model(api, op.body->model).fields) {
        collect_models(field.type, names);
      }
    }
    for (const std::string& name : names) {
      headers.insert(model_header_path(api, find_model(api, name)));
      headers.insert(codec_header_path(api, find_model(api, name)));
    }
  }
  return headers;
}

/// The environment view's constructor.
std::string view_constructor(const Resource& resource) {
  std::string head = view_class(resource) + "::" + view_class(resource);
  std::vector<std::string> params = {resource.class_name + " api", "std::string environment_id"};
  std::string initializer = ": api_(std::move(api)), environment_id_(std::move(environment_id)) {}";
  std::string signature = head + "(" + params[0] + ", " + params[1] + ")";
  if (signature.size() <= kColumnLimit) return "\n" + constructor_layout(signature, initializer);
  return "\n" + call_layout(0, head, params, "") + "    " + initializer + "\n";
}

/// The accessors that hand out a resource: Client::<accessor>() and, for a resource with
/// environment operations, Environment::<accessor>(). In client.cpp, so that adding a resource
/// recompiles that file only, not every resource's source.
std::string accessor_definitions(const Resource& resource) {
  std::string out = "\n" + function_layout(resource.class_name + " Client::" + resource.accessor,
                                           {},
                                           " const",
                                           "return " + resource.class_name + "(pipeline_);");
  if (!has_environment_view(resource)) return out;
  return out + "\n" +
         function_layout(
             view_class(resource) + " Environment::" + resource.accessor,
             {},
             " const",
             "return " + view_class(resource) + "(" + resource.class_name + "(pipeline_), id_);");
}

std::string resource_source(const Api& api, const Resource& resource) {
  Printer p;
  p.raw(banner(api.spec_name));
  p.print("#include \"$prefix$$stem$.hpp\"\n\n#include <functional>\n#include <utility>\n\n",
          {{"prefix", include_prefix(api)}, {"stem", resource.file_stem}});
  for (const std::string& header : resource_source_headers(api, resource)) {
    p.print("#include \"$h$\"\n", {{"h", header}});
  }
  p.raw("\n");
  if (std::any_of(resource.operations.begin(), resource.operations.end(), [](const Operation& op) {
        return op.deprecated;
      })) {
    p.raw(deprecation_pragma());
  }
  p.raw(namespace_opening(api));
  p.raw(constructor_layout(resource.class_name + "::" + resource.class_name +
                               "(std::shared_ptr<const Pipeline> pipeline)",
                           ": pipeline_(std::move(pipeline)) {}"));
  for (const Operation& op : resource.operations) {
    p.raw("\n");
    p.raw(operation_definitions(api, resource, op));
  }
  if (has_environment_view(resource)) p.raw(view_constructor(resource));
  for (const Operation& op : resource.operations) {
    if (environment_scoped(op)) p.raw(view_definitions(resource, op));
  }
  p.raw("\n" + namespace_closing(api));
  return p.str();
}

bool any_environment_view(const Api& api) {
  return std::any_of(api.resources.begin(), api.resources.end(), has_environment_view);
}

std::string client_header(const Api& api) {
  Printer p;
  p.raw(banner(api.spec_name));
  std::set<std::string> headers = {"dynamic/runtime/errors.hpp", "dynamic/runtime/fwd.hpp"};
  if (any_environment_view(api)) headers.insert(include_prefix(api) + "environment.hpp");
  p.raw(header_opening({"<memory>", "<string>"}, headers));
  p.raw(namespace_opening(api));
  for (const Resource& resource : api.resources) {
    p.print("class $class$;\n", {{"class", resource.class_name}});
  }
  p.print(R"(
/// Entry point of the SDK: one per token and base URL. Copies share one connection pool and are
/// safe to use from several threads. Each accessor returns a resource declared in its own header
/// (`users()` -> UsersApi, in $prefix$users_api.hpp): include the ones you use.
class Client {
 public:
  /// Default options: the token from DYNAMIC_API_TOKEN, Dynamic's production host.
  Client();
  /// Throws ConfigurationError when the token (options or DYNAMIC_API_TOKEN) is missing or
  /// malformed, or the base URL is not http(s). ClientOptions is in dynamic/runtime/options.hpp.
  explicit Client(ClientOptions options);

)",
          {{"prefix", include_prefix(api)}});
  if (any_environment_view(api)) {
    p.raw("  /// The operations of one environment, its id given once.\n");
    p.raw("  Environment environment(std::string environment_id) const;\n\n");
  }
  for (const Resource& resource : api.resources) {
    p.print("  $class$ $accessor$() const;\n",
            {{"class", resource.class_name}, {"accessor", resource.accessor}});
  }
  p.raw(R"(
 private:
  std::shared_ptr<const Pipeline> pipeline_;
};

)");
  p.raw(namespace_closing(api));
  return p.str();
}

std::string environment_header(const Api& api) {
  Printer p;
  p.raw(banner(api.spec_name));
  p.raw(header_opening({"<memory>", "<string>", "<utility>"}, {"dynamic/runtime/fwd.hpp"}));
  p.raw(namespace_opening(api));
  for (const Resource& resource : api.resources) {
    if (has_environment_view(resource))
      p.print("class $view$;\n", {{"view", view_class(resource)}});
  }
  p.print(R"(
/// The operations that take an environment id, with the id bound once:
/// `client.environment(id).users().get_user(user_id)`. Each accessor returns a view declared in
/// its resource's header (`users()` -> EnvironmentUsersApi, in $prefix$users_api.hpp). Cheap to
/// copy; safe to use from several threads.
class Environment {
 public:
  Environment(std::shared_ptr<const Pipeline> pipeline, std::string id)
      : pipeline_(std::move(pipeline)), id_(std::move(id)) {}
  const std::string& id() const { return id_; }

)",
          {{"prefix", include_prefix(api)}});
  for (const Resource& resource : api.resources) {
    if (!has_environment_view(resource)) continue;
    p.print("  $view$ $accessor$() const;\n",
            {{"view", view_class(resource)}, {"accessor", resource.accessor}});
  }
  p.raw(R"(
 private:
  std::shared_ptr<const Pipeline> pipeline_;
  std::string id_;
};

)");
  p.raw(namespace_closing(api));
  return p.str();
}

/// Everything at once, for code that prefers one include to a fast build (tests, quick tools).
std::string umbrella_header(const Api& api) {
  std::set<std::string> headers = {include_prefix(api) + "client.hpp",
                                   "dynamic/runtime/errors.hpp",
                                   "dynamic/runtime/future.hpp",
                                   "dynamic/runtime/options.hpp",
                                   "dynamic/runtime/pagination.hpp",
                                   "dynamic/runtime/response.hpp"};
  if (any_environment_view(api)) headers.insert(include_prefix(api) + "environment.hpp");
  for (const Resource& resource : api.resources) {
    headers.insert(include_prefix(api) + resource.file_stem + ".hpp");
  }
  for (const Model& model : api.models) headers.insert(model_header_path(api, model));
  Printer p;
  p.raw(banner(api.spec_name));
  p.raw(
      "// The whole SDK: the client, every resource and every model. Including only what a file\n"
      "// uses (the client, a resource header, the models it reads) compiles much faster.\n");
  std::string includes = header_opening({}, headers);
  p.raw(includes.substr(0, includes.size() - 1));  // no blank line at the end of the file
  return p.str();
}

std::string client_source(const Api& api) {
  Printer p;
  p.raw(banner(api.spec_name));
  p.raw("#include \"" + include_prefix(api) + "client.hpp\"\n\n#include <utility>\n\n");
  std::set<std::string> headers = {"dynamic/detail/pipeline.hpp", "dynamic/runtime/options.hpp"};
  for (const Resource& resource : api.resources) {
    headers.insert(include_prefix(api) + resource.file_stem + ".hpp");
  }
  for (const std::string& header : headers) p.print("#include \"$h$\"\n", {{"h", header}});
  p.raw("\n" + namespace_opening(api));
  p.raw(R"(Client::Client() : Client(ClientOptions{}) {}

Client::Client(ClientOptions options)
    : pipeline_(std::make_shared<const Pipeline>(std::move(options))) {}
)");
  if (any_environment_view(api)) {
    p.raw(R"(
Environment Client::environment(std::string environment_id) const {
  return Environment(pipeline_, std::move(environment_id));
}
)");
  }
  for (const Resource& resource : api.resources) p.raw(accessor_definitions(resource));
  p.raw("\n" + namespace_closing(api));
  return p.str();
}

}  // namespace

std::set<std::string> operation_models(const Operation& op) {
  std::set<std::string> out;
  for (const Parameter& param : op.parameters) collect_models(param.type, out);
  if (op.body) collect_models(*op.body, out);
  if (op.response) collect_models(*op.response, out);
  if (op.pagination.kind != Pagination::Kind::kNone) collect_models(op.pagination.item, out);
  return out;
}

void emit_resources(const Api& api, FileSet& files) {
  for (const Resource& resource : api.resources) {
    files["include/" + include_prefix(api) + resource.file_stem + ".hpp"] =
        resource_header(api, resource);
    files["src/" + resource.file_stem + ".cpp"] = resource_source(api, resource);
  }
  const std::string include_dir = "include/" + include_prefix(api);
  files[include_dir + "client.hpp"] = client_header(api);
  files[include_dir + "all.hpp"] = umbrella_header(api);
  if (any_environment_view(api)) files[include_dir + "environment.hpp"] = environment_header(api);
  files["src/client.cpp"] = client_source(api);
}

}  // namespace dyngen
