// Resources: one class per tag whose methods build an ApiRequest and call the runtime pipeline,
// plus the Client that hands them out.
#include <stdexcept>

#include "emit/emitters.hpp"
#include "emit/layout.hpp"
#include "emit/printer.hpp"

namespace dyngen {
namespace {

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

/// Declared parameters of the C++ method, with or without default arguments.
std::vector<std::string> method_parameters(const Operation& op, bool defaults) {
  std::vector<std::string> out;
  bool params_required = false;
  for (const Parameter& param : op.parameters) {
    if (param.location == Parameter::Location::kPath) {
      out.push_back(argument_type(param.type) + " " + param.cpp_name);
    } else if (param.required) {
      params_required = true;
    }
  }
  if (!op.params_struct.empty()) {
    out.push_back("const " + op.params_struct + "& params" +
                  (defaults && !params_required && !op.body ? " = {}" : ""));
  }
  if (op.body) {
    std::string type = argument_type(*op.body);
    if (!op.body_required && defaults) {
      out.push_back("const std::optional<" + cpp_type(*op.body, "models::") + ">& body = {}");
    } else if (!op.body_required) {
      out.push_back("const std::optional<" + cpp_type(*op.body, "models::") + ">& body");
    } else {
      out.push_back(type + " body");
    }
  }
  out.push_back(std::string("const RequestOptions& options") + (defaults ? " = {}" : ""));
  return out;
}

std::string operation_doc(const Operation& op) {
  std::string text = op.summary;
  if (!op.description.empty() && op.description != op.summary) {
    text += std::string(text.empty() ? "" : "\n\n") + op.description;
  }
  text += std::string(text.empty() ? "" : "\n\n") + "`" + op.http_method + " " + op.path + "`";
  if (op.deprecated) text += "\n\nDeprecated.";
  return doc_comment(2, text);
}

void add_type_headers(const Api& api,
                      const TypeRef& type,
                      std::set<std::string>& headers,
                      std::set<std::string>& std_headers) {
  std::set<std::string> models;
  collect_models(type, models);
  for (const std::string& name : models) headers.insert(model_header_path(find_model(api, name)));
  if (type.kind == TypeRef::Kind::kArray) std_headers.insert("<vector>");
  if (type.kind == TypeRef::Kind::kMap) std_headers.insert("<map>");
  if (type.kind == TypeRef::Kind::kJson) headers.insert("dynamic/runtime/json.hpp");
  if (type.kind == TypeRef::Kind::kInt32 || type.kind == TypeRef::Kind::kInt64) {
    std_headers.insert("<cstdint>");
  }
}

bool is_object_query(const Api& api, const Parameter& param) {
  return param.location == Parameter::Location::kQuery &&
         param.type.kind == TypeRef::Kind::kModel &&
         find_model(api, param.type.model).kind == Model::Kind::kObject;
}

bool is_structured_query(const Api& api, const Parameter& param) {
  return is_object_query(api, param) || param.type.kind == TypeRef::Kind::kArray;
}

std::string resource_header(const Api& api, const Resource& resource) {
  std::set<std::string> std_headers = {"<memory>", "<string>"};
  std::set<std::string> headers = {"dynamic/runtime/options.hpp"};
  for (const Operation& op : resource.operations) {
    for (const Parameter& param : op.parameters) {
      add_type_headers(api, param.type, headers, std_headers);
      if (!param.required) std_headers.insert("<optional>");
      if (is_object_query(api, param)) headers.insert("dynamic/runtime/query.hpp");
    }
    if (op.body) add_type_headers(api, *op.body, headers, std_headers);
    if (op.body && !op.body_required) std_headers.insert("<optional>");
    if (op.response) add_type_headers(api, *op.response, headers, std_headers);
  }
  Printer p;
  p.raw(banner(api.spec_name));
  p.raw("#pragma once\n\n");
  for (const std::string& header : std_headers) p.print("#include $h$\n", {{"h", header}});
  p.raw("\n");
  for (const std::string& header : headers) p.print("#include \"$h$\"\n", {{"h", header}});
  p.raw("\nnamespace dynamic {\n\nclass Pipeline;\n\n");
  for (const Operation& op : resource.operations) {
    if (op.params_struct.empty()) continue;
    p.print(
        "/// Query and header parameters of $class$::$method$.\nstruct $struct$ {\n",
        {{"class", resource.class_name}, {"method", op.method_name}, {"struct", op.params_struct}});
    for (const Parameter& param : op.parameters) {
      if (param.location == Parameter::Location::kPath) continue;
      std::string type = cpp_type(param.type, "models::");
      p.raw(doc_comment(2, param.description));
      p.raw(member_declaration(param.required ? type : "std::optional<" + type + ">",
                               param.type,
                               param.required,
                               param.cpp_name));
      if (is_object_query(api, param)) {
        p.raw(doc_comment(2,
                          "How `" + param.cpp_name +
                              "` is spelled in the URL. Dynamic's own clients send\n"
                              "deepObject (`" +
                              param.name +
                              "[key]=value`), whatever the spec's "
                              "style says."));
        p.raw("  QueryStyle " + param.cpp_name + "_style = QueryStyle::kDeepObject;\n");
      }
    }
    p.raw("};\n\n");
  }
  p.print(R"(/// Operations tagged "$tag$". Cheap to copy; safe to use from several threads.
class $class$ {
 public:
  explicit $class$(std::shared_ptr<const Pipeline> pipeline);
)",
          {{"tag", resource.tag}, {"class", resource.class_name}});
  for (const Operation& op : resource.operations) {
    p.raw("\n");
    p.raw(operation_doc(op));
    p.raw(call_layout(
        2, result_type(op) + " " + op.method_name, method_parameters(op, true), " const;"));
  }
  p.raw(R"(
 private:
  std::shared_ptr<const Pipeline> pipeline_;
};

}  // namespace dynamic
)");
  return p.str();
}

std::string operation_body(const Api& api, const Operation& op) {
  Printer p;
  p.print("  ApiRequest request;\n  request.method = \"$method$\";\n",
          {{"method", op.http_method}});
  std::string path_line = "  request.path_template = " + string_literal(op.path) + ";";
  if (path_line.size() > kColumnLimit) {
    path_line = "  request.path_template =\n      " + string_literal(op.path) + ";";
  }
  p.raw(path_line + "\n");
  for (const Parameter& param : op.parameters) {
    std::string value =
        param.location == Parameter::Location::kPath
            ? param.cpp_name
            : (param.required ? "params." + param.cpp_name : "*params." + param.cpp_name);
    std::string target = param.location == Parameter::Location::kPath     ? "request.path_params"
                         : param.location == Parameter::Location::kHeader ? "request.headers"
                                                                          : "request.query";
    std::string line;
    if (is_structured_query(api, param)) {
      std::string style =
          is_object_query(api, param) ? "params." + param.cpp_name + "_style" : "QueryStyle::kForm";
      line = call_statement_layout(param.required ? 2 : 4,
                                   "detail::append_query",
                                   {"request.query",
                                    string_literal(param.name),
                                    value,
                                    style,
                                    param.explode ? "true" : "false"},
                                   ";");
    } else {
      line =
          call_statement_layout(param.required ? 2 : 4,
                                target + ".emplace_back",
                                {string_literal(param.name), "detail::query_text(" + value + ")"},
                                ";");
    }
    if (!param.required) p.print("  if (params.$name$) {\n", {{"name", param.cpp_name}});
    p.raw(line);
    if (!param.required) p.raw("  }\n");
  }
  if (op.body) {
    bool form = op.body_media == "application/x-www-form-urlencoded";
    std::string target = form ? "request.form_body" : "request.json_body";
    std::string encoder = form ? "detail::encode_form" : "detail::encode_request_document";
    if (op.body_required) {
      p.raw("  " + target + " = " + encoder + "(body);\n");
    } else {
      p.raw("  if (body) " + target + " = " + encoder + "(*body);\n");
    }
  }
  if (op.response && op.response_is_raw) {
    p.raw("  ApiResponse response = pipeline_->send(request, options);\n");
    p.raw("  return std::move(response.body);\n");
  } else if (op.response) {
    p.raw("  ApiResponse response = pipeline_->send(request, options);\n");
    p.print(
        "  $type$ result;\n  detail::decode_document(response.body, result);\n  return result;\n",
        {{"type", result_type(op)}});
  } else {
    p.raw("  pipeline_->send(request, options);\n");
  }
  return p.str();
}

std::string resource_source(const Api& api, const Resource& resource) {
  Printer p;
  p.raw(banner(api.spec_name));
  p.print(R"(#include "dynamic/$stem$.hpp"

#include <utility>

#include "dynamic/detail/json_codec.hpp"
#include "dynamic/detail/model_codecs.hpp"
#include "dynamic/detail/text.hpp"
#include "dynamic/runtime/pipeline.hpp"

namespace dynamic {

)",
          {{"stem", resource.file_stem}});
  p.raw(constructor_layout(resource.class_name + "::" + resource.class_name +
                               "(std::shared_ptr<const Pipeline> pipeline)",
                           ": pipeline_(std::move(pipeline)) {}"));
  for (const Operation& op : resource.operations) {
    p.raw("\n");
    p.raw(call_layout(0,
                      result_type(op) + " " + resource.class_name + "::" + op.method_name,
                      method_parameters(op, false),
                      " const {"));
    p.raw(operation_body(api, op));
    p.raw("}\n");
  }
  p.raw("\n}  // namespace dynamic\n");
  return p.str();
}

std::string client_header(const Api& api) {
  Printer p;
  p.raw(banner(api.spec_name));
  p.raw("#pragma once\n\n#include <memory>\n\n");
  std::set<std::string> headers = {"dynamic/runtime/errors.hpp", "dynamic/runtime/options.hpp"};
  for (const Resource& resource : api.resources) {
    headers.insert("dynamic/" + resource.file_stem + ".hpp");
  }
  for (const std::string& header : headers) p.print("#include \"$h$\"\n", {{"h", header}});
  p.raw(R"(
namespace dynamic {

class Pipeline;

/// Entry point of the SDK: one per token and base URL. Copies share one connection pool and are
/// safe to use from several threads.
class Client {
 public:
  /// Throws ConfigurationError when the token (options or DYNAMIC_API_TOKEN) is missing or
  /// malformed, or the base URL is not http(s).
  explicit Client(ClientOptions options = {});

)");
  for (const Resource& resource : api.resources) {
    p.print("  $class$ $accessor$() const;\n",
            {{"class", resource.class_name}, {"accessor", resource.accessor}});
  }
  p.raw(R"(
 private:
  std::shared_ptr<const Pipeline> pipeline_;
};

}  // namespace dynamic
)");
  return p.str();
}

std::string client_source(const Api& api) {
  Printer p;
  p.raw(banner(api.spec_name));
  p.raw(R"(#include "dynamic/client.hpp"

#include <utility>

#include "dynamic/runtime/pipeline.hpp"

namespace dynamic {

Client::Client(ClientOptions options)
    : pipeline_(std::make_shared<const Pipeline>(std::move(options))) {}
)");
  for (const Resource& resource : api.resources) {
    p.print("\n$class$ Client::$accessor$() const { return $class$(pipeline_); }\n",
            {{"class", resource.class_name}, {"accessor", resource.accessor}});
  }
  p.raw("\n}  // namespace dynamic\n");
  return p.str();
}

}  // namespace

void emit_resources(const Api& api, FileSet& files) {
  for (const Resource& resource : api.resources) {
    files["include/dynamic/" + resource.file_stem + ".hpp"] = resource_header(api, resource);
    files["src/" + resource.file_stem + ".cpp"] = resource_source(api, resource);
  }
  files["include/dynamic/client.hpp"] = client_header(api);
  files["src/client.cpp"] = client_source(api);
}

}  // namespace dyngen
