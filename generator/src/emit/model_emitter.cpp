// Models: one header per schema (a struct or an open enum class), its JSON conversion in a
// matching source file, the forward declarations, and the internal codec declarations.
#include <algorithm>
#include <stdexcept>

#include "emit/emitters.hpp"
#include "emit/layout.hpp"
#include "emit/printer.hpp"

namespace dyngen {

std::string cpp_type(const TypeRef& type, std::string_view model_prefix) {
  switch (type.kind) {
    case TypeRef::Kind::kString:
      return "std::string";
    case TypeRef::Kind::kBool:
      return "bool";
    case TypeRef::Kind::kInt32:
      return "std::int32_t";
    case TypeRef::Kind::kInt64:
      return "std::int64_t";
    case TypeRef::Kind::kDouble:
      return "double";
    case TypeRef::Kind::kBinary:
      return "Blob";  // dynamic::Blob
    case TypeRef::Kind::kJson:
      return "Json";  // dynamic::Json, visible from dynamic and dynamic::models
    case TypeRef::Kind::kArray:
      return "std::vector<" + cpp_type(*type.element, model_prefix) + ">";
    case TypeRef::Kind::kMap:
      return "std::map<std::string, " + cpp_type(*type.element, model_prefix) + ">";
    case TypeRef::Kind::kModel:
      return std::string(model_prefix) + type.model;
  }
  throw std::logic_error("unknown type kind");
}

std::string field_type(const Field& field) {
  std::string type = cpp_type(field.type);
  if (field.boxed) type = "Box<" + type + ">";
  if (field.required) return field.nullable ? "std::optional<" + type + ">" : type;
  return field.nullable ? "Nullable<" + type + ">" : "std::optional<" + type + ">";
}

namespace {

/// A double literal: a whole number gets ".0" (a bare 0 would also be a null pointer constant).
std::string double_literal(const std::string& text) {
  return text.find_first_of(".eE") == std::string::npos ? text + ".0" : text;
}

/// A C++ literal for a 64-bit integer: INT64_MIN has no literal of its own.
std::string integer_literal(const std::string& text) {
  return text == "-9223372036854775808" ? "INT64_MIN" : text;
}

}  // namespace

std::string default_expression(const DefaultValue& value,
                               const TypeRef& type,
                               std::string_view model_prefix) {
  if (type.kind == TypeRef::Kind::kModel) {
    std::string name = std::string(model_prefix) + type.model;
    return value.kind == DefaultValue::Kind::kString
               ? name + "::from_string(" + string_literal(value.text) + ")"
               : name + "::from_int(" + value.text + ")";
  }
  switch (value.kind) {
    case DefaultValue::Kind::kString:
      return "std::string(" + string_literal(value.text) + ")";
    case DefaultValue::Kind::kInteger:
      return type.kind == TypeRef::Kind::kDouble ? double_literal(value.text)
                                                 : integer_literal(value.text);
    case DefaultValue::Kind::kNumber:
      return type.kind == TypeRef::Kind::kDouble ? double_literal(value.text) : value.text;
    case DefaultValue::Kind::kBool:
      return value.text;
  }
  return value.text;
}

/// A field's default as its member holds it. Nullable<T> also takes nullptr, so a literal 0
/// would be ambiguous: integers are spelled with their type there.
std::string field_default(const Field& field) {
  std::string value = default_expression(*field.default_value, field.type, "");
  const bool nullable_member = !field.required && field.nullable;
  if (nullable_member && field.type.kind == TypeRef::Kind::kInt64) {
    return "std::int64_t{" + value + "}";
  }
  if (nullable_member && field.type.kind == TypeRef::Kind::kInt32) {
    return "std::int32_t{" + value + "}";
  }
  return value;
}

std::string member_declaration(const std::string& type,
                               const TypeRef& ref,
                               bool required,
                               const std::string& name,
                               const std::string& initial_value,
                               bool deprecated) {
  bool scalar = ref.kind == TypeRef::Kind::kBool || ref.kind == TypeRef::Kind::kInt32 ||
                ref.kind == TypeRef::Kind::kInt64 || ref.kind == TypeRef::Kind::kDouble;
  std::string init =
      !initial_value.empty() ? "{" + initial_value + "}" : (required && scalar ? "{}" : "");
  std::string prefix = deprecated ? "  [[deprecated]] " : "  ";
  std::string line = prefix + type + " " + name + init + ";";
  if (line.size() > kColumnLimit) line = prefix + type + "\n      " + name + init + ";";
  return line + "\n";
}

std::string deprecation_pragma() {
  return "// Generated code reads, writes and calls what the spec deprecates; users get the\n"
         "// warnings.\n#pragma GCC diagnostic ignored \"-Wdeprecated-declarations\"\n\n";
}

void collect_models(const TypeRef& type, std::set<std::string>& out) {
  if (type.kind == TypeRef::Kind::kModel) out.insert(type.model);
  if (type.element) collect_models(*type.element, out);
}

std::string include_prefix(const Api& api) {
  std::string prefix = api.cpp_namespace;
  for (std::size_t at; (at = prefix.find("::")) != std::string::npos;) prefix.replace(at, 2, "/");
  return prefix + "/";
}

std::string namespace_opening(const Api& api, std::string_view suffix) {
  std::string name = api.cpp_namespace;
  if (!suffix.empty()) name += "::" + std::string(suffix);
  std::string text;
  if (api.cpp_namespace != "dynamic") {
    text +=
        "namespace " + name + " {\nusing namespace ::dynamic;\n}  // namespace " + name + "\n\n";
  }
  return text + "namespace " + name + " {\n\n";
}

std::string namespace_closing(const Api& api, std::string_view suffix) {
  std::string name = api.cpp_namespace;
  if (!suffix.empty()) name += "::" + std::string(suffix);
  return "}  // namespace " + name + "\n";
}

std::string model_header_path(const Api& api, const Model& model) {
  return include_prefix(api) + "models/" + model.file_stem + ".hpp";
}

std::string codec_header_path(const Api& api, const Model& model) {
  return include_prefix(api) + "detail/codecs/" + model.file_stem + ".hpp";
}

const Model& find_model(const Api& api, const std::string& name) {
  auto found = std::lower_bound(
      api.models.begin(), api.models.end(), name, [](const Model& m, const std::string& n) {
        return m.name < n;
      });
  if (found == api.models.end() || found->name != name) {
    throw std::logic_error("IR refers to unknown model " + name);
  }
  return *found;
}

namespace {

bool uses_kind(const TypeRef& type, TypeRef::Kind kind) {
  return type.kind == kind || (type.element && uses_kind(*type.element, kind));
}

std::string model_doc(const Model& model) {
  std::string text = model.description;
  if (model.deprecated) text += std::string(text.empty() ? "" : "\n\n") + "Deprecated.";
  return doc_comment(0, text);
}

const char* field_reader(const Field& field) {
  if (field.required) return "read_required";
  return field.nullable ? "read_nullable" : "read_optional";
}

const char* field_writer(const Field& field) {
  if (field.required) return "write_required";
  return field.nullable ? "write_nullable" : "write_optional";
}

/// The public to_json/from_json declarations ending every model header, and the namespace close.
std::string codec_declarations(const Api& api, const Model& model) {
  bool object = model.kind == Model::Kind::kObject;
  Printer p;
  p.print(object ? "/// Serialises to compact JSON; absent optional fields are left out.\n"
                 : "/// Serialises to compact JSON.\n",
          {});
  p.raw(call_layout(0, "std::string to_json", {"const " + model.name + "& value"}, ";"));
  p.raw(
      object
          ? "/// Parses JSON into `out`; throws DecodeError naming the JSON pointer of a mismatch. "
            "Fields\n/// it does not know go to `unknown_fields`.\n"
          : "/// Parses JSON into `out`; throws DecodeError naming the JSON pointer of a "
            "mismatch.\n");
  p.raw(call_layout(0, "void from_json", {"std::string_view json", model.name + "& out"}, ";"));
  p.raw("\n" + namespace_closing(api, "models"));
  return p.str();
}

/// A model source's includes (its header, its codec and those of the models it holds, `extra`)
/// and the namespace opening. Each model's codec has its own header, so that adding a model to
/// the spec recompiles only the sources that use it.
std::string source_preamble(const Api& api,
                            const Model& model,
                            const std::set<std::string>& extra) {
  std::set<std::string> headers = extra;
  headers.insert("dynamic/detail/json_codec.hpp");
  headers.insert(codec_header_path(api, model));
  std::set<std::string> used;
  for (const Field& field : model.fields) collect_models(field.type, used);
  for (const Alternative& alternative : model.alternatives) collect_models(alternative.type, used);
  for (const std::string& name : used)
    headers.insert(codec_header_path(api, find_model(api, name)));
  Printer p;
  p.print("#include \"$header$\"\n\n", {{"header", model_header_path(api, model)}});
  for (const std::string& header : headers) p.print("#include \"$h$\"\n", {{"h", header}});
  p.raw("\n" + namespace_opening(api, "models"));
  return p.str();
}

/// `operator==` (declared; defined with the codec, where every member's type is complete) and
/// `operator!=`.
std::string equality_declarations(const Model& model) {
  Printer p;
  p.raw("/// Member by member, unknown fields included.\n");
  p.raw(call_layout(
      0, "bool operator==", {"const " + model.name + "& a", "const " + model.name + "& b"}, ";"));
  p.raw(function_layout("inline bool operator!=",
                        {"const " + model.name + "& a", "const " + model.name + "& b"},
                        "",
                        "return !(a == b);"));
  p.raw("\n");
  return p.str();
}

/// The definition of `operator==` comparing the given members.
std::string equality_definition(const Model& model, const std::vector<std::string>& members) {
  std::string expression;
  for (const std::string& member : members) {
    expression += (expression.empty() ? "" : " && ") + ("a." + member + " == b." + member);
  }
  std::vector<std::string> params = {"const " + model.name + "& a", "const " + model.name + "& b"};
  std::string statement = "return " + expression + ";";
  if (2 + statement.size() <= kColumnLimit) {
    return function_layout("bool operator==", params, "", statement) + "\n";
  }
  Printer p;
  p.raw(call_layout(0, "bool operator==", params, " {"));
  // clang-format's layout: comparisons packed greedily, continuation lines aligned after
  // `return `, each line but the last ending in `&&`.
  std::string line = "  return ";
  for (std::size_t i = 0; i < members.size(); ++i) {
    std::string item = "a." + members[i] + " == b." + members[i];
    std::string end = i + 1 == members.size() ? ";" : " &&";
    bool first_on_line = line.size() == std::string("  return ").size();
    if (!first_on_line && line.size() + 1 + item.size() + end.size() > kColumnLimit) {
      p.raw(line + "\n");
      line = std::string(9, ' ');
      first_on_line = true;
    }
    if (line.size() + item.size() + end.size() > kColumnLimit) {
      // Too long even alone: the right-hand side goes below, indented four more.
      item = "a." + members[i] + " ==\n" + std::string(line.size() + 4, ' ') + "b." + members[i];
    }
    line += (first_on_line ? "" : " ") + item + end;
  }
  p.raw(line + "\n}\n\n");
  return p.str();
}

/// The names of the fields an object model knows, for detail::sort_members: one literal per
/// name, each ending in \0 (a layout clang-format keeps as it is). A field's slot is its index.
std::string field_table(const Model& model) {
  std::vector<std::string> names;
  for (const Field& field : model.fields) {
    std::string literal = string_literal(field.json_name);
    names.push_back(literal.substr(0, literal.size() - 1) + "\\0\"");
  }
  std::string head = "  static const detail::FieldTable fields(";
  if (names.empty()) return head + "\"\");\n";
  std::string one_line = head + names[0] + ");";
  if (names.size() == 1 && one_line.size() <= kColumnLimit) return one_line + "\n";
  std::string out = head + "\n";
  for (std::size_t i = 0; i < names.size(); ++i) {
    out += "      " + names[i] + (i + 1 == names.size() ? ");\n" : "\n");
  }
  return out;
}

/// to_json and from_json, the public face of a model's codec.
std::string document_functions(const Model& model) {
  return function_layout("std::string to_json",
                         {"const " + model.name + "& value"},
                         "",
                         "return detail::encode_document(value);") +
         "\n" +
         function_layout("void from_json",
                         {"std::string_view json", model.name + "& out"},
                         "",
                         "detail::decode_document(json, out);");
}

// ---- Object models --------------------------------------------------------------------------

std::string object_header(const Api& api, const Model& model) {
  std::set<std::string> std_headers = {"<string>", "<string_view>"};
  std::set<std::string> own_headers;
  std::set<std::string> referenced;
  for (const Field& field : model.fields) {
    if (field.required == field.nullable) std_headers.insert("<optional>");
    if (!field.required && field.nullable) own_headers.insert("dynamic/runtime/nullable.hpp");
    if (uses_kind(field.type, TypeRef::Kind::kArray)) std_headers.insert("<vector>");
    if (uses_kind(field.type, TypeRef::Kind::kMap)) std_headers.insert("<map>");
    if (uses_kind(field.type, TypeRef::Kind::kInt32) ||
        uses_kind(field.type, TypeRef::Kind::kInt64)) {
      std_headers.insert("<cstdint>");
    }
    if (uses_kind(field.type, TypeRef::Kind::kJson)) own_headers.insert("dynamic/runtime/json.hpp");
    if (uses_kind(field.type, TypeRef::Kind::kBinary))
      own_headers.insert("dynamic/runtime/blob.hpp");
    collect_models(field.type, referenced);
  }
  // Boxed fields need only a forward declaration (their cycle would include itself).
  std::set<std::string> boxed;
  for (const Field& field : model.fields) {
    if (!field.boxed) continue;
    collect_models(field.type, boxed);
    own_headers.insert("dynamic/runtime/box.hpp");
  }
  for (const std::string& name : boxed) referenced.erase(name);
  referenced.erase(model.name);
  for (const std::string& name : referenced) {
    own_headers.insert(model_header_path(api, find_model(api, name)));
  }

  std_headers.insert("<map>");
  own_headers.insert("dynamic/runtime/json.hpp");
  Printer p;
  p.raw(banner(api.spec_name));
  p.raw(header_opening(std_headers, own_headers));
  p.raw(namespace_opening(api, "models"));
  for (const std::string& name : boxed) {
    if (name != model.name) p.print("struct $name$;\n", {{"name", name}});
  }
  if (!boxed.empty() && !(boxed.size() == 1 && *boxed.begin() == model.name)) p.raw("\n");
  p.raw(model_doc(model));
  p.print("struct $name$ {\n", {{"name", model.name}});
  for (const Field& field : model.fields) {
    std::string doc = field.description;
    if (field.type.kind == TypeRef::Kind::kString && field.format == "date-time") {
      doc += std::string(doc.empty() ? "" : "\n") +
             "RFC 3339 date-time, kept as sent; dynamic::parse_date_time reads it.";
    } else if (field.type.kind == TypeRef::Kind::kString && field.format == "date") {
      doc += std::string(doc.empty() ? "" : "\n") +
             "RFC 3339 date, kept as sent; dynamic::parse_date reads it.";
    }
    if (field.deprecated) doc += std::string(doc.empty() ? "" : "\n\n") + "Deprecated.";
    p.raw(doc_comment(2, doc));
    std::string initial_value = field.default_value ? field_default(field) : "";
    // Deprecated fields are documented, not [[deprecated]]: GCC would warn every user whose
    // code copies or constructs the struct, through its implicit members.
    p.raw(member_declaration(
        field_type(field), field.type, field.required, field.cpp_name, initial_value));
  }
  p.raw(
      "  /// Fields the spec does not list, as the server sent them; encoding writes them back,\n"
      "  /// so a read-edit-write round trip keeps them.\n"
      "  std::map<std::string, Json> unknown_fields{};\n");
  p.raw("};\n");
  p.raw("\n");
  p.raw(equality_declarations(model));
  p.raw(codec_declarations(api, model));
  return p.str();
}

std::string object_source(const Api& api, const Model& model) {
  Printer p;
  p.raw(banner(api.spec_name));
  std::set<std::string> boxed_headers;
  for (const Field& field : model.fields) {
    if (!field.boxed) continue;
    std::set<std::string> names;
    collect_models(field.type, names);
    for (const std::string& name : names) {
      boxed_headers.insert(model_header_path(api, find_model(api, name)));
    }
  }
  p.raw(source_preamble(api, model, boxed_headers));
  // The field table, shared by the decoder (slots) and the encoder (unknown fields that would
  // repeat a known name are left out). An overload per model, so shards can hold many.
  p.raw(
      "namespace {\n\n/// The names of the fields the model knows; a field's slot is its index.\n");
  p.raw(call_layout(
      0, "const detail::FieldTable& known_fields", {"const " + model.name + "& /*model*/"}, " {"));
  p.raw(field_table(model));
  p.raw("  return fields;\n}\n\n}  // namespace\n\n");
  p.raw(call_layout(
      0,
      "void decode_json",
      {"const detail::JsonNode& json", model.name + "& out", "const detail::JsonPath& at"},
      " {"));
  p.raw("  const detail::JsonNode& object = detail::expect_object(json, at);\n");
  // One pass over the members puts each known value in its field's slot; the fields are then
  // read from their slots (no lookup by name per field).
  p.raw("  const detail::FieldTable& fields = known_fields(out);\n");
  if (model.fields.empty()) {
    p.raw("  detail::sort_members(object, fields, nullptr, out.unknown_fields);\n");
  } else {
    p.print("  const detail::JsonNode* slots[$n$] = {};\n",
            {{"n", std::to_string(model.fields.size())}});
    p.raw("  detail::sort_members(object, fields, slots, out.unknown_fields);\n");
  }
  for (std::size_t i = 0; i < model.fields.size(); ++i) {
    const Field& field = model.fields[i];
    const std::string slot = "slots[" + std::to_string(i) + "]";
    p.raw(call_statement_layout(
        2,
        std::string("detail::") + field_reader(field),
        {slot, string_literal(field.json_name), "out." + field.cpp_name, "at"},
        ";"));
    if (field.default_value && !field.required) {
      // Absent: the spec's default applies.
      p.print("  if ($slot$ == nullptr) out.$name$ = $value$;\n",
              {{"slot", slot}, {"name", field.cpp_name}, {"value", field_default(field)}});
    }
  }
  p.raw("}\n\n");
  p.raw(call_layout(
      0, "void encode_json", {"detail::JsonWriter& out", "const " + model.name + "& value"}, " {"));
  p.raw("  out.begin_object();\n");
  for (const Field& field : model.fields) {
    std::vector<std::string> args = {
        "out", string_literal(field.json_name), "value." + field.cpp_name};
    std::string writer = std::string("detail::") + field_writer(field);
    if (field.read_only) {
      // Sent by the server only: never part of a request body.
      p.raw("  if (!detail::encoding_request()) {\n");
      p.raw(call_statement_layout(4, writer, args, ";"));
      p.raw("  }\n");
    } else {
      p.raw(call_statement_layout(2, writer, args, ";"));
    }
  }
  p.raw("  detail::write_unknown_fields(out, value.unknown_fields, known_fields(value));\n");
  p.raw("  out.end_object();\n}\n");
  p.raw("\n");
  std::vector<std::string> members;
  for (const Field& field : model.fields) members.push_back(field.cpp_name);
  members.push_back("unknown_fields");
  p.raw(equality_definition(model, members));
  p.raw(document_functions(model));
  p.raw("\n" + namespace_closing(api, "models"));
  return p.str();
}

// ---- Enum models ----------------------------------------------------------------------------

/// The header of an open enum: string enums keep their text, integer enums their number.
std::string enum_header(const Api& api, const Model& model) {
  bool integer = model.integer_enum;
  Printer p;
  p.raw(banner(api.spec_name));
  p.raw(std::string("#pragma once\n\n") + (integer ? "#include <cstdint>\n" : "") +
        "#include <string>\n#include <string_view>\n\n" + namespace_opening(api, "models"));
  std::string doc = model.description;
  doc += std::string(doc.empty() ? "" : "\n\n") +
         (integer ? "An open enum of integers: a number" : "An open enum: a value") +
         " the spec does not list is kept as it came\n(value() is kUnknown) and sent back "
         "unchanged.";
  if (model.deprecated) doc += "\n\nDeprecated.";
  p.raw(doc_comment(0, doc));
  std::string enumerators = "    kUnknown,\n";
  for (const EnumValue& value : model.values) enumerators += "    " + value.cpp_name + ",\n";
  Vars vars = {{"name", model.name}, {"enumerators", enumerators}};
  if (integer) {
    vars["from"] =
        "  /// Any number; numbers the spec does not list are kept.\n"
        "  static " +
        model.name + " from_int(std::int64_t number);";
    vars["to"] =
        "  /// The number sent on the wire.\n"
        "  std::int64_t to_int() const { return number_; }";
    vars["member"] = "std::int64_t number_ = 0;";
  } else {
    vars["from"] =
        "  /// Any text; values the spec does not list are kept.\n"
        "  static " +
        model.name + " from_string(std::string_view text);";
    vars["to"] =
        "  /// The text sent on the wire.\n"
        "  const std::string& to_string() const { return text_; }";
    vars["member"] = "std::string text_;";
  }
  p.print(R"(class $name$ {
 public:
  enum class Value {
$enumerators$  };

  $name$() = default;
  /// A known value. Implicit, so that enumerators convert: `$name$ x = $name$::Value::...`.
  $name$(Value value);  // NOLINT(google-explicit-constructor)
$from$

  Value value() const { return value_; }
$to$
  bool is_known() const { return value_ != Value::kUnknown; }

  bool operator==(const $name$& other) const;
  bool operator!=(const $name$& other) const;

 private:
  Value value_ = Value::kUnknown;
  $member$
};
)",
          vars);
  p.raw("\n");
  p.raw(codec_declarations(api, model));
  return p.str();
}

std::string enum_source(const Api& api, const Model& model) {
  Printer p;
  p.raw(banner(api.spec_name));
  Vars vars = {{"name", model.name}, {"header", model_header_path(api, model)}};
  p.raw(source_preamble(api, model, {}));
  p.raw(constructor_layout(model.name + "::" + model.name + "(Value value)", ": value_(value) {"));
  p.raw("  switch (value) {\n");
  for (const EnumValue& value : model.values) {
    p.print("    case Value::$enumerator$:\n", {{"enumerator", value.cpp_name}});
    p.raw(assignment_layout(6, "text_", string_literal(value.text)));
    p.raw("      break;\n");
  }
  p.raw("    case Value::kUnknown:\n      break;\n  }\n}\n\n");
  p.raw(call_layout(
      0, model.name + " " + model.name + "::from_string", {"std::string_view text"}, " {"));
  p.print(R"(  $name$ result;
  result.text_ = std::string(text);
)",
          vars);
  for (std::size_t i = 0; i < model.values.size(); ++i) {
    p.print(i == 0 ? "  if (text == $text$) {\n" : "  } else if (text == $text$) {\n",
            {{"text", string_literal(model.values[i].text)}});
    p.print("    result.value_ = Value::$enumerator$;\n",
            {{"enumerator", model.values[i].cpp_name}});
  }
  if (!model.values.empty()) p.raw("  }\n");
  p.raw("  return result;\n}\n\n");
  p.raw(function_layout("bool " + model.name + "::operator==",
                        {"const " + model.name + "& other"},
                        " const",
                        "return text_ == other.text_;"));
  p.raw("\n");
  p.raw(function_layout("bool " + model.name + "::operator!=",
                        {"const " + model.name + "& other"},
                        " const",
                        "return text_ != other.text_;"));
  p.raw("\n");
  p.raw(call_layout(
      0,
      "void decode_json",
      {"const detail::JsonNode& json", model.name + "& out", "const detail::JsonPath& at"},
      " {"));
  p.print(R"(  std::string text;
  detail::decode_json(json, text, at);
  out = $name$::from_string(text);
}

)",
          vars);
  p.raw(function_layout("void encode_json",
                        {"detail::JsonWriter& out", "const " + model.name + "& value"},
                        "",
                        "out.string(value.to_string());"));
  p.raw("\n");
  p.raw(document_functions(model));
  p.raw("\n" + namespace_closing(api, "models"));
  return p.str();
}

// ---- Integer enum sources -------------------------------------------------------------------

std::string int_enum_source(const Api& api, const Model& model) {
  Printer p;
  p.raw(banner(api.spec_name));
  Vars vars = {{"name", model.name}, {"header", model_header_path(api, model)}};
  p.raw(source_preamble(api, model, {}));
  p.raw(constructor_layout(model.name + "::" + model.name + "(Value value)", ": value_(value) {"));
  p.raw("  switch (value) {\n");
  for (const EnumValue& value : model.values) {
    p.print("    case Value::$enumerator$:\n      number_ = $number$;\n      break;\n",
            {{"enumerator", value.cpp_name}, {"number", integer_literal(value.text)}});
  }
  p.raw("    case Value::kUnknown:\n      break;\n  }\n}\n\n");
  p.raw(
      call_layout(0, model.name + " " + model.name + "::from_int", {"std::int64_t number"}, " {"));
  p.print("  $name$ result;\n  result.number_ = number;\n", vars);
  for (const EnumValue& value : model.values) {
    p.print("  if (number == $number$) result.value_ = Value::$enumerator$;\n",
            {{"enumerator", value.cpp_name}, {"number", integer_literal(value.text)}});
  }
  p.raw("  return result;\n}\n\n");
  p.raw(function_layout("bool " + model.name + "::operator==",
                        {"const " + model.name + "& other"},
                        " const",
                        "return number_ == other.number_;"));
  p.raw("\n");
  p.raw(function_layout("bool " + model.name + "::operator!=",
                        {"const " + model.name + "& other"},
                        " const",
                        "return number_ != other.number_;"));
  p.raw("\n");
  p.raw(call_layout(
      0,
      "void decode_json",
      {"const detail::JsonNode& json", model.name + "& out", "const detail::JsonPath& at"},
      " {"));
  p.print(R"(  std::int64_t number = 0;
  detail::decode_json(json, number, at);
  out = $name$::from_int(number);
}

)",
          vars);
  p.raw(function_layout("void encode_json",
                        {"detail::JsonWriter& out", "const " + model.name + "& value"},
                        "",
                        "out.integer(value.to_int());"));
  p.raw("\n");
  p.raw(document_functions(model));
  p.raw("\n" + namespace_closing(api, "models"));
  return p.str();
}

// ---- Variant models (oneOf / anyOf) ---------------------------------------------------------

const char* json_kind(const Api& api, const TypeRef& type) {
  switch (type.kind) {
    case TypeRef::Kind::kString:
    case TypeRef::Kind::kBinary:
      return "detail::JsonKind::kString";
    case TypeRef::Kind::kBool:
      return "detail::JsonKind::kBoolean";
    case TypeRef::Kind::kInt32:
    case TypeRef::Kind::kInt64:
      return "detail::JsonKind::kInteger";
    case TypeRef::Kind::kDouble:
      return "detail::JsonKind::kNumber";
    case TypeRef::Kind::kArray:
      return "detail::JsonKind::kArray";
    case TypeRef::Kind::kMap:
      return "detail::JsonKind::kObject";
    case TypeRef::Kind::kJson:
      return "detail::JsonKind::kAny";
    case TypeRef::Kind::kModel:
      switch (find_model(api, type.model).kind) {
        case Model::Kind::kObject:
          return "detail::JsonKind::kObject";
        case Model::Kind::kEnum:
          return find_model(api, type.model).integer_enum ? "detail::JsonKind::kInteger"
                                                          : "detail::JsonKind::kString";
        case Model::Kind::kVariant:
          return "detail::JsonKind::kAny";
      }
  }
  return "detail::JsonKind::kAny";
}

std::string variant_header(const Api& api, const Model& model) {
  std::set<std::string> std_headers = {"<string>", "<string_view>", "<variant>"};
  std::set<std::string> own_headers = {"dynamic/runtime/json.hpp"};
  std::set<std::string> referenced;
  std::vector<std::string> alternatives = {"Json"};
  for (const Alternative& alternative : model.alternatives) {
    collect_models(alternative.type, referenced);
    if (uses_kind(alternative.type, TypeRef::Kind::kArray)) std_headers.insert("<vector>");
    if (uses_kind(alternative.type, TypeRef::Kind::kMap)) std_headers.insert("<map>");
    if (uses_kind(alternative.type, TypeRef::Kind::kBinary)) {
      own_headers.insert("dynamic/runtime/blob.hpp");
    }
    if (uses_kind(alternative.type, TypeRef::Kind::kInt32) ||
        uses_kind(alternative.type, TypeRef::Kind::kInt64)) {
      std_headers.insert("<cstdint>");
    }
    alternatives.push_back(cpp_type(alternative.type));
  }
  referenced.erase(model.name);
  for (const std::string& name : referenced) {
    own_headers.insert(model_header_path(api, find_model(api, name)));
  }
  Printer p;
  p.raw(banner(api.spec_name));
  p.raw(header_opening(std_headers, own_headers));
  p.raw(namespace_opening(api, "models"));
  std::string doc = model.description;
  std::string rule =
      model.discriminator.empty()
          ? "Decoding tries the alternatives whose JSON kind fits and whose required\n"
            "fields are present, preferring the one that knows most of the value's fields."
          : "Decoding follows the `" + model.discriminator + "` property.";
  doc += std::string(doc.empty() ? "" : "\n\n") + "One of several shapes.\n" + rule +
         "\nA value that fits none is kept as received in the Json alternative (index 0).";
  p.raw(doc_comment(0, doc));
  p.print("struct $name$ {\n", {{"name", model.name}});
  std::string head = "  std::variant<";
  std::string joined;
  for (std::size_t i = 0; i < alternatives.size(); ++i) joined += (i ? ", " : "") + alternatives[i];
  if (head.size() + joined.size() + std::string("> value;").size() <= kColumnLimit) {
    p.raw(head + joined + "> value;\n");
  } else {
    // clang-format's layout: one alternative per line, aligned, and the name on its own line.
    std::string align(head.size(), ' ');
    p.raw(head);
    for (std::size_t i = 0; i < alternatives.size(); ++i) {
      p.raw((i ? ",\n" + align : std::string()) + alternatives[i]);
    }
    p.raw(">\n      value;\n");
  }
  p.raw("};\n\n");
  p.raw(equality_declarations(model));
  p.raw(codec_declarations(api, model));
  return p.str();
}

std::string variant_source(const Api& api, const Model& model) {
  Printer p;
  p.raw(banner(api.spec_name));
  p.raw(source_preamble(api, model, {}));
  p.raw(call_layout(
      0,
      "void decode_json",
      {"const detail::JsonNode& json", model.name + "& out", "const detail::JsonPath& at"},
      " {"));
  if (!model.discriminator.empty()) {
    p.print("  const std::string tag = detail::discriminator_value(json, $property$);\n",
            {{"property", string_literal(model.discriminator)}});
    for (std::size_t i = 0; i < model.alternatives.size(); ++i) {
      const Alternative& alternative = model.alternatives[i];
      for (const std::string& tag : alternative.tags) {
        p.print("  if (tag == $tag$) {\n", {{"tag", string_literal(tag)}});
        p.raw(call_statement_layout(
            4,
            "out.value.emplace<" + std::to_string(i + 1) + ">",
            {"detail::decode_as<" + cpp_type(alternative.type) + ">(json, at)"},
            ";"));
        p.raw("    return;\n  }\n");
      }
    }
  } else {
    p.raw("  detail::AlternativeRanking ranking(json);\n");
    for (std::size_t i = 0; i < model.alternatives.size(); ++i) {
      const TypeRef& type = model.alternatives[i].type;
      p.print("  ranking.expect($i$, $kind$);\n",
              {{"i", std::to_string(i)}, {"kind", json_kind(api, type)}});
      if (type.kind != TypeRef::Kind::kModel) continue;
      const Model& target = find_model(api, type.model);
      if (target.kind != Model::Kind::kObject) continue;
      for (const Field& field : target.fields) {
        if (field.required) {
          p.print("  ranking.require($i$, $key$);\n",
                  {{"i", std::to_string(i)}, {"key", string_literal(field.json_name)}});
        }
        p.print("  ranking.know($i$, $key$);\n",
                {{"i", std::to_string(i)}, {"key", string_literal(field.json_name)}});
      }
    }
    // Each alternative is tried strictly: a lenient decode would accept the first one tried.
    p.raw(
        "  for (std::size_t index : ranking.order()) {\n    try {\n"
        "      detail::DecodeScope strict(true);\n      switch (index) {\n");
    for (std::size_t i = 0; i < model.alternatives.size(); ++i) {
      p.print("        case $i$:\n", {{"i", std::to_string(i)}});
      p.raw(call_statement_layout(
          10,
          "out.value.emplace<" + std::to_string(i + 1) + ">",
          {"detail::decode_as<" + cpp_type(model.alternatives[i].type) + ">(json, at)"},
          ";"));
      p.raw("          return;\n");
    }
    p.raw(R"(        default:
          break;
      }
    } catch (const DecodeError&) {
      // Not this alternative after all; try the next one.
    }
  }
)");
  }
  p.raw("  out.value.emplace<0>(detail::decode_as<Json>(json, at));\n}\n\n");
  p.raw(call_layout(
      0, "void encode_json", {"detail::JsonWriter& out", "const " + model.name + "& value"}, " {"));
  p.raw(
      R"(  std::visit([&out](const auto& alternative) { detail::encode_value(out, alternative); },
             value.value);
}

)");
  p.raw(equality_definition(model, {"value"}));
  p.raw(document_functions(model));
  p.raw("\n" + namespace_closing(api, "models"));
  return p.str();
}

// ---- Shared model files ---------------------------------------------------------------------

std::string forward_header(const Api& api) {
  Printer p;
  p.raw(banner(api.spec_name));
  p.raw("// Forward declarations of every model, for headers that only name them.\n");
  p.raw("#pragma once\n\n" + namespace_opening(api, "models"));
  for (const Model& model : api.models) {
    p.print(model.kind == Model::Kind::kEnum ? "class $name$;\n" : "struct $name$;\n",
            {{"name", model.name}});
  }
  p.raw("\n" + namespace_closing(api, "models"));
  return p.str();
}

/// Internal: one model's JSON conversion, found by argument-dependent lookup from the runtime's
/// codec templates. Public headers never include it (nor Boost).
std::string codec_header(const Api& api, const Model& model) {
  Printer p;
  p.raw(banner(api.spec_name));
  p.raw(
      "#pragma once\n\n#include <boost/json.hpp>\n\n#include \"dynamic/detail/json_codec.hpp\"\n\n");
  p.raw(namespace_opening(api, "models"));
  p.print(model.kind == Model::Kind::kEnum ? "class $name$;\n\n" : "struct $name$;\n\n",
          {{"name", model.name}});
  p.raw(call_layout(
      0,
      "void decode_json",
      {"const detail::JsonNode& json", model.name + "& out", "const detail::JsonPath& at"},
      ";"));
  p.raw(call_layout(
      0, "void encode_json", {"detail::JsonWriter& out", "const " + model.name + "& value"}, ";"));
  p.raw("\n" + namespace_closing(api, "models"));
  return p.str();
}

}  // namespace

void emit_models(const Api& api, FileSet& files) {
  for (const Model& model : api.models) {
    std::string& header = files["include/" + model_header_path(api, model)];
    std::string& source = files["src/models/" + model.file_stem + ".cpp"];
    switch (model.kind) {
      case Model::Kind::kObject:
        header = object_header(api, model);
        source = object_source(api, model);
        break;
      case Model::Kind::kEnum:
        header = enum_header(api, model);
        source = model.integer_enum ? int_enum_source(api, model) : enum_source(api, model);
        break;
      case Model::Kind::kVariant:
        header = variant_header(api, model);
        source = variant_source(api, model);
        break;
    }
  }
  files["include/" + include_prefix(api) + "models/fwd.hpp"] = forward_header(api);
  for (const Model& model : api.models) {
    files["src/" + codec_header_path(api, model)] = codec_header(api, model);
  }
}

}  // namespace dyngen
