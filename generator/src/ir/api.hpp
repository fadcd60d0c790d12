// The typed intermediate representation: what the emitters see. Built from the spec by
// ir/builder; nothing here refers to JSON.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace dyngen {

struct TypeRef {
  enum class Kind { kString, kBool, kInt32, kInt64, kDouble, kJson, kArray, kMap, kModel };
  Kind kind = Kind::kJson;
  /// C++ name of the model, for kModel.
  std::string model;
  /// Element type, for kArray and kMap (values; keys are strings).
  std::shared_ptr<const TypeRef> element;

  static TypeRef scalar(Kind kind) { return TypeRef{kind, {}, nullptr}; }
  static TypeRef model_named(std::string name) { return TypeRef{Kind::kModel, std::move(name), nullptr}; }
  static TypeRef array_of(TypeRef item) {
    return TypeRef{Kind::kArray, {}, std::make_shared<const TypeRef>(std::move(item))};
  }
  static TypeRef map_of(TypeRef value) {
    return TypeRef{Kind::kMap, {}, std::make_shared<const TypeRef>(std::move(value))};
  }
};

struct Field {
  std::string json_name;
  std::string cpp_name;
  TypeRef type;
  bool required = false;
  bool deprecated = false;
  std::string description;
};

struct EnumValue {
  std::string text;
  std::string cpp_name;
};

struct Model {
  enum class Kind { kObject, kEnum };
  Kind kind = Kind::kObject;
  /// C++ type name (PascalCase), unique in the API.
  std::string name;
  /// File name without extension: "token_scopes".
  std::string file_stem;
  std::string description;
  /// Where the schema stands in the spec, for diagnostics.
  std::string pointer;
  bool deprecated = false;
  std::vector<Field> fields;
  std::vector<EnumValue> values;
};

struct Parameter {
  enum class Location { kPath, kQuery, kHeader };
  std::string name;      // as in the spec: "environmentId"
  std::string cpp_name;  // environment_id
  std::string flag;      // environment-id
  Location location = Location::kQuery;
  TypeRef type;
  bool required = false;
  std::string description;
};

struct Operation {
  std::string operation_id;  // getTokens
  std::string method_name;   // get_tokens
  std::string cli_name;      // get-tokens
  std::string http_method;   // GET
  std::string path;          // /environments/{environmentId}/tokens
  std::string summary;
  std::string description;
  bool deprecated = false;
  std::vector<Parameter> parameters;  // path parameters first, in path order, then the rest
  std::optional<TypeRef> body;
  bool body_required = false;
  /// Decoded type of the 2xx answer; empty when the operation answers no JSON body.
  std::optional<TypeRef> response;
  /// Name of the generated struct holding query and header parameters, when there are any.
  std::string params_struct;
};

struct Resource {
  std::string tag;         // Tokens
  std::string class_name;  // TokensApi
  std::string file_stem;   // tokens_api
  std::string accessor;    // tokens
  std::vector<Operation> operations;
};

struct Api {
  std::string title;
  std::string version;
  /// Spec file name, named in every banner.
  std::string spec_name;
  std::vector<Model> models;        // sorted by name
  std::vector<Resource> resources;  // sorted by tag
};

}  // namespace dyngen
