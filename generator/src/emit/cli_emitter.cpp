// The CLI's dispatch table: for each operation, its flags and a function that turns parsed
// arguments into a typed call.
#include <cstdint>
#include <string_view>

#include "emit/emitters.hpp"
#include "emit/layout.hpp"
#include "emit/printer.hpp"
#include "emit/signatures.hpp"

namespace dyngen {
namespace {

const char* location_enumerator(Parameter::Location location) {
  switch (location) {
    case Parameter::Location::kPath:
      return "ParamLocation::kPath";
    case Parameter::Location::kQuery:
      return "ParamLocation::kQuery";
    case Parameter::Location::kHeader:
      return "ParamLocation::kHeader";
    case Parameter::Location::kCookie:
      return "ParamLocation::kCookie";
  }
  return "";
}

}  // namespace

// flag_kind, is_structured and is_list are shared through emit/signatures.hpp.

/// The flag's value kind, and the Arguments accessor that reads it.
bool is_structured(const Api& api, const TypeRef& type);
bool is_list(const Api& api, const TypeRef& type);

std::pair<std::string, std::string> flag_kind(const Api& api, const TypeRef& type) {
  if (is_list(api, type)) return {"list", ""};
  if (type.kind == TypeRef::Kind::kArray || is_structured(api, type)) return {"json", ""};
  switch (type.kind) {
    case TypeRef::Kind::kString:
      return {"string", "text"};
    case TypeRef::Kind::kBool:
      return {"boolean", "boolean"};
    case TypeRef::Kind::kInt32:
    case TypeRef::Kind::kInt64:
      return {"integer", "integer"};
    case TypeRef::Kind::kDouble:
      return {"number", "number"};
    case TypeRef::Kind::kModel:
      if (find_model(api, type.model).integer_enum) return {"integer", "integer"};
      if (find_model(api, type.model).kind == Model::Kind::kEnum) return {"string", "text"};
      return {"json", ""};
    default:
      return {"json", ""};
  }
}

/// Values given on the command line as JSON: objects, unions, maps and free-form JSON (arrays of
/// other than strings and enums too, see read_argument).
bool is_structured(const Api& api, const TypeRef& type) {
  switch (type.kind) {
    case TypeRef::Kind::kMap:
    case TypeRef::Kind::kJson:
      return true;
    case TypeRef::Kind::kModel:
      return find_model(api, type.model).kind != Model::Kind::kEnum;
    default:
      return false;
  }
}

/// Arrays of strings or enums are comma-separated lists on the command line.
bool is_list(const Api& api, const TypeRef& type) {
  if (type.kind != TypeRef::Kind::kArray) return false;
  const TypeRef& item = *type.element;
  return item.kind == TypeRef::Kind::kString ||
         (item.kind == TypeRef::Kind::kModel &&
          find_model(api, item.model).kind == Model::Kind::kEnum);
}

namespace {

/// Expression reading a parameter from `args`, converted to its C++ type. Arrays and objects are
/// given as JSON.
std::string read_argument(const Api& api, const Parameter& param) {
  if (is_list(api, param.type)) {
    const TypeRef& item = *param.type.element;
    std::string list = std::string(param.required ? "args.list(" : "args.optional_list(") +
                       string_literal(param.flag) + ")";
    if (item.kind == TypeRef::Kind::kString) return list;
    return std::string(param.required ? "enum_list" : "optional_enum_list") +
           "<models::" + item.model + ">(" + list + ")";
  }
  if (param.type.kind == TypeRef::Kind::kArray || is_structured(api, param.type)) {
    std::string type = cpp_type(param.type, "models::");
    return (param.required ? "decode_flag<" : "decode_optional_flag<") + type + ">(args, " +
           string_literal(param.flag) + ")";
  }
  auto [kind, accessor] = flag_kind(api, param.type);
  std::string flag = string_literal(param.flag);
  bool is_enum = param.type.kind == TypeRef::Kind::kModel;
  std::string base = (param.required ? "args." : "args.optional_") + accessor + "(" + flag + ")";
  if (!is_enum) return base;
  std::string type = "models::" + param.type.model;
  if (find_model(api, param.type.model).integer_enum) {
    std::string number =
        std::string(param.required ? "args.integer(" : "args.optional_integer(") + flag + ")";
    if (param.required) return type + "::from_int(" + number + ")";
    return "optional_int_enum<" + type + ">(" + number + ")";
  }
  if (param.required) return type + "::from_string(" + base + ")";
  return "optional_enum<" + type + ">(" + base + ")";
}

/// A multipart body from the --form values: one read_form per field of its model.
std::string read_form_body(const Api& api, const Operation& op) {
  const Model& model = find_model(api, op.body->model);
  std::string type = cpp_type(*op.body, "models::");
  // A trailing comma keeps one name per line, which clang-format leaves as it is.
  std::string out = "  args.check_form_names({\n";
  for (const Field& field : model.fields) out += "      " + string_literal(field.json_name) + ",\n";
  out += "  });\n";
  out += op.body_required ? "  " + type + " body;\n"
                          : "  std::optional<" + type + "> body;\n  if (args.has_form()) {\n" +
                                "    body.emplace();\n";
  std::string target = op.body_required ? "body." : "body->";
  for (const Field& field : model.fields) {
    out += call_statement_layout(op.body_required ? 2 : 4,
                                 "read_form",
                                 {"args", string_literal(field.json_name), target + field.cpp_name},
                                 ";");
  }
  return op.body_required ? out : out + "  }\n";
}

/// Declares `body` from --body (JSON, text or bytes) or --form (multipart).
std::string read_body(const Api& api, const Operation& op) {
  if (op.body_kind == Operation::BodyKind::kMultipart) return read_form_body(api, op);
  std::string type = cpp_type(*op.body, "models::");
  std::string value = op.body_kind == Operation::BodyKind::kText ? "args.body()"
                      : op.body_kind == Operation::BodyKind::kBinary
                          ? "args.body_blob()"
                          : "decode_body<" + type + ">(args)";
  if (op.body_required) return assignment_layout(2, type + " body", value);
  std::string out = "  std::optional<" + type + "> body;\n";
  std::string line = "  if (args.has(\"body\")) body = " + value + ";";
  if (line.size() > kColumnLimit) line = "  if (args.has(\"body\"))\n    body = " + value + ";";
  return out + line + "\n";
}

std::string run_function(const Api& api, const Resource& resource, const Operation& op) {
  Printer p;
  bool reads_args = !op.parameters.empty() || op.body.has_value();
  p.raw(call_layout(0,
                    "std::string run_" + op.method_name,
                    {"const std::shared_ptr<const Pipeline>& pipeline",
                     reads_args ? "const Arguments& args" : "const Arguments& /*args*/",
                     "const RequestOptions& options"},
                    " {"));
  std::vector<std::string> call_args;
  for (const Parameter& param : op.parameters) {
    if (param.location != Parameter::Location::kPath) continue;
    p.raw(assignment_layout(2,
                            "const " + cpp_type(param.type, "models::") + " " + param.cpp_name,
                            read_argument(api, param)));
    call_args.push_back(param.cpp_name);
  }
  if (!op.params_struct.empty()) {
    p.print("  $struct$ params;\n", {{"struct", op.params_struct}});
    for (const Parameter& param : op.parameters) {
      if (param.location == Parameter::Location::kPath) continue;
      p.raw(assignment_layout(2, "params." + param.cpp_name, read_argument(api, param)));
    }
    call_args.push_back("params");
  }
  if (op.body) {
    p.raw(read_body(api, op));
    call_args.push_back("body");
  }
  call_args.push_back("options");
  p.print("  $class$ api(pipeline);\n", {{"class", resource.class_name}});
  // The typed call decodes the answer (leniently unless --strict); the CLI prints it as sent.
  std::string callee = "api." + op.method_name + "_with_response";
  p.raw(assigned_call_layout(2, "auto response", callee, call_args, ";"));
  p.raw("  return std::move(response.body);\n");
  p.raw("}\n");
  return p.str();
}

/// `  target = "literal";`, broken after `=` when the line would be too long.
std::string assign_literal(std::string_view target, std::string_view text) {
  return assignment_layout(2, target, string_literal(text));
}

std::string describe_function(const Api& api, const Resource& resource, const Operation& op) {
  Printer p;
  p.print("Operation describe_$method$() {\n  Operation op;\n", {{"method", op.method_name}});
  p.raw(assign_literal("op.name", op.cli_name));
  p.raw(assign_literal("op.resource", resource.tag));
  p.raw(assign_literal("op.summary",
                       op.summary.empty() ? op.http_method + " " + op.path : op.summary));
  for (const Parameter& param : op.parameters) {
    p.raw("  {\n");
    p.raw("    ParamSpec& param = op.params.emplace_back();\n");
    p.print("    param.flag = $flag$;\n    param.name = $name$;\n    param.location = $loc$;\n",
            {{"flag", string_literal(param.flag)},
             {"name", string_literal(param.name)},
             {"loc", location_enumerator(param.location)}});
    p.print("    param.required = $required$;\n    param.type = \"$type$\";\n",
            {{"required", param.required ? "true" : "false"},
             {"type", flag_kind(api, param.type).first}});
    if (!param.description.empty()) {
      p.raw(assignment_layout(4, "param.description", string_literal(param.description)));
    }
    p.raw("  }\n");
  }
  if (op.body) {
    p.print("  op.has_body = true;\n  op.body_required = $required$;\n",
            {{"required", op.body_required ? "true" : "false"}});
    if (op.body_kind == Operation::BodyKind::kText) p.raw("  op.body_kind = BodyKind::kText;\n");
    if (op.body_kind == Operation::BodyKind::kBinary) {
      p.raw("  op.body_kind = BodyKind::kBinary;\n");
    }
    if (op.body_kind == Operation::BodyKind::kMultipart) {
      p.raw("  op.body_kind = BodyKind::kMultipart;\n");
    }
  }
  p.print("  op.run = run_$method$;\n  return op;\n}\n", {{"method", op.method_name}});
  return p.str();
}

/// The driver's table is always dynamic::cli's (one CLI per program); bindings generated into
/// another namespace are named from it through a using-directive.
std::string bindings_namespace_directive(const Api& api) {
  if (api.cpp_namespace == "dynamic") return "";
  return "using namespace ::" + api.cpp_namespace + ";\n\n";
}

}  // namespace

void emit_cli(const Api& api, FileSet& files) {
  bool deprecated = false;
  for (const Resource& resource : api.resources) {
    for (const Operation& op : resource.operations) deprecated = deprecated || op.deprecated;
  }
  std::set<std::string> headers = {"dynamic/runtime/future.hpp", "dynamic/runtime/response.hpp"};
  for (const Resource& resource : api.resources) {
    headers.insert(include_prefix(api) + resource.file_stem + ".hpp");
    for (const Operation& op : resource.operations) {
      for (const std::string& name : operation_models(op)) {
        headers.insert(model_header_path(api, find_model(api, name)));
      }
    }
  }
  Printer p;
  p.raw(banner(api.spec_name));
  p.raw("#include <memory>\n#include <optional>\n#include <string>\n#include <vector>\n\n");
  for (const std::string& header : headers) p.print("#include \"$h$\"\n", {{"h", header}});
  p.print(R"(#include "operation.hpp"

$pragma$namespace dynamic::cli {
$using$namespace {

)",
          {{"pragma", deprecated ? deprecation_pragma() : std::string()},
           {"using", bindings_namespace_directive(api)}});
  for (const Resource& resource : api.resources) {
    for (const Operation& op : resource.operations) {
      p.raw(run_function(api, resource, op));
      p.raw("\n");
      p.raw(describe_function(api, resource, op));
      p.raw("\n");
    }
  }
  p.raw("}  // namespace\n\nconst std::vector<Operation>& operations() {\n");
  p.raw("  static const std::vector<Operation> table = {\n");
  for (const Resource& resource : api.resources) {
    for (const Operation& op : resource.operations) {
      p.print("      describe_$method$(),\n", {{"method", op.method_name}});
    }
  }
  p.raw("  };\n  return table;\n}\n\n");
  // What `dynamic --version` names: the document the table was generated from.
  // Title and version only: the same API written another way (3.0 or 3.2 style) says the same.
  const std::string spec = api.title + " " + api.version;
  p.raw(function_layout(
      "const char* spec_description", {}, "", "return " + string_literal(spec) + ";"));
  p.raw("\n}  // namespace dynamic::cli\n");
  files["cli/operations.cpp"] = p.str();
}

namespace {

/// The shard a generated source is compiled in: a hash of its path, so that a file never moves
/// when others are added or removed, and a change recompiles one shard, not a share of them all.
std::size_t shard_of(std::string_view path) {
  std::uint32_t hash = 2166136261u;  // FNV-1a
  for (char c : path) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 16777619u;
  }
  return hash % kShardCount;
}

}  // namespace

void emit_shards(const Api& api, FileSet& files) {
  std::vector<std::vector<std::string>> shards(kShardCount);
  for (const auto& [path, content] : files) {
    if (path.rfind("src/", 0) == 0 && path.size() > 4 &&
        path.compare(path.size() - 4, 4, ".cpp") == 0) {
      shards[shard_of(path)].push_back(path.substr(4));
    }
  }
  for (std::size_t shard = 0; shard < shards.size(); ++shard) {
    Printer p;
    p.raw(banner(api.spec_name));
    p.raw(
        "// Compiles the generated sources whose path hashes to this shard: the list of translation\n"
        "// units stays the same whatever the spec adds or removes, and a source never changes shard.\n");
    p.raw(shards[shard].empty() ? "// (Nothing to compile here.)\n" : "\n");
    for (const std::string& file : shards[shard])
      p.print("#include \"$file$\"\n", {{"file", file}});
    files["src/shard_" + std::to_string(shard) + ".cpp"] = p.str();
  }
}

/// files.cmake: every generated file, for the build to declare as outputs of the generation
/// step, so that ninja recompiles exactly what a regeneration changed.
void emit_file_list(const Api& api, FileSet& files) {
  files["files.cmake"] = "";
  std::string out = "# DO NOT EDIT: generated by dyngen from " + api.spec_name +
                    ".\n# Every file dyngen writes here, relative to this folder.\n"
                    "set(DYNAMIC_GENERATED_FILES\n";
  for (const auto& [path, content] : files) out += "    " + path + "\n";
  files["files.cmake"] = out + ")\n";
}

FileSet emit_all(const Api& api) {
  FileSet files;
  emit_models(api, files);
  emit_resources(api, files);
  emit_shards(api, files);
  emit_cli(api, files);
  emit_docs(api, files);
  emit_file_list(api, files);
  return files;
}

}  // namespace dyngen
