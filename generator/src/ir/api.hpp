// The typed intermediate representation: what the emitters see. Built from the spec by
// ir/builder; nothing here refers to JSON.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace dyngen {

struct TypeRef {
  /// kBinary: bytes (`format: binary`), dynamic::Blob.
  enum class Kind { kString, kBool, kInt32, kInt64, kDouble, kBinary, kJson, kArray, kMap, kModel };
  Kind kind = Kind::kJson;
  /// C++ name of the model, for kModel.
  std::string model;
  /// Element type, for kArray and kMap (values; keys are strings).
  std::shared_ptr<const TypeRef> element;

  static TypeRef scalar(Kind kind) { return TypeRef{kind, {}, nullptr}; }
  static TypeRef model_named(std::string name) {
    return TypeRef{Kind::kModel, std::move(name), nullptr};
  }
  static TypeRef array_of(TypeRef item) {
    return TypeRef{Kind::kArray, {}, std::make_shared<const TypeRef>(std::move(item))};
  }
  static TypeRef map_of(TypeRef value) {
    return TypeRef{Kind::kMap, {}, std::make_shared<const TypeRef>(std::move(value))};
  }
};

struct DefaultValue {
  enum class Kind { kString, kInteger, kNumber, kBool };
  Kind kind = Kind::kString;
  /// The string's text, or the number or boolean as JSON spells it.
  std::string text;
};

struct Field {
  std::string json_name;
  std::string cpp_name;
  TypeRef type;
  bool required = false;
  /// May be null on the wire (`nullable: true` or a type array with "null"). Optional and
  /// nullable fields keep absent and null apart.
  bool nullable = false;
  bool deprecated = false;
  /// Sent by the server only; left out when the model is encoded for a request.
  bool read_only = false;
  /// The schema's `format` (date-time, date, uuid, ...), for documentation.
  std::string format;
  /// Part of a cycle of models containing each other: held in a Box (ir/recursion).
  bool boxed = false;
  /// The spec's `default`, for scalar and enum fields: what a new struct holds and what an
  /// absent field decodes to.
  std::optional<DefaultValue> default_value;
  std::string description;
};

/// One alternative of a oneOf/anyOf.
struct Alternative {
  TypeRef type;
  /// Discriminator values that select it (from the mapping, or its schema name).
  std::vector<std::string> tags;
};

struct EnumValue {
  std::string text;  // the wire value; for integer enums its decimal spelling
  std::string cpp_name;
};

struct Model {
  enum class Kind { kObject, kEnum, kVariant };
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
  /// An enum of integers (its values' text is their decimal spelling).
  bool integer_enum = false;
  std::vector<Alternative> alternatives;
  /// Property that names the alternative (oneOf/anyOf with a discriminator), else empty.
  std::string discriminator;
};

/// Validation facts of a parameter's schema, for documentation: numbers and bounds as the spec
/// spells them.
struct Constraints {
  std::string format;
  std::optional<std::string> minimum;
  std::optional<std::string> maximum;
  bool exclusive_minimum = false;
  bool exclusive_maximum = false;
  std::optional<std::int64_t> min_length;
  std::optional<std::int64_t> max_length;
  std::optional<std::int64_t> min_items;
  std::optional<std::int64_t> max_items;
  std::optional<std::string> pattern;
  /// The `default`, as JSON text.
  std::optional<std::string> default_text;
};

struct Parameter {
  enum class Location { kPath, kQuery, kHeader, kCookie };
  /// How a value is spelled (OpenAPI's `style`). Query: scalars plainly; arrays as repeated
  /// names (explode) or one value joined by ',' (`form`), ' ' (`spaceDelimited`) or '|'
  /// (`pipeDelimited`); objects as `name[key]=v` (`deepObject`) or `key=v` (`form`). Path:
  /// `simple` (a,b), `label` (.a,b or .a.b exploded), `matrix` (;name=a,b).
  enum class Style {
    kForm,
    kDeepObject,
    kSpaceDelimited,
    kPipeDelimited,
    kSimple,
    kLabel,
    kMatrix
  };
  Style style = Style::kForm;
  bool explode = true;
  std::string name;      // as in the spec: "environmentId"
  std::string cpp_name;  // environment_id
  std::string flag;      // environment-id
  Location location = Location::kQuery;
  TypeRef type;
  bool required = false;
  std::string description;
  /// Integer `maximum` and `default` of the schema, where given (used for page sizes).
  std::optional<std::int64_t> maximum;
  std::optional<std::int64_t> default_value;
  Constraints constraints;
  /// Sent as the JSON text of the value (a parameter described by `content: application/json`).
  bool json_text = false;
};

/// "path", "query", "header" or "cookie", as OpenAPI's `in` spells it.
inline const char* location_name(Parameter::Location location) {
  switch (location) {
    case Parameter::Location::kPath:
      return "path";
    case Parameter::Location::kQuery:
      return "query";
    case Parameter::Location::kHeader:
      return "header";
    case Parameter::Location::kCookie:
      return "cookie";
  }
  return "";
}

/// A non-2xx answer the spec declares with a JSON body.
struct ErrorResponse {
  int status = 0;  // 0 for "default"
  TypeRef type;
};

/// How a list operation pages, decided from its parameters and response (ir/pagination).
struct Pagination {
  enum class Kind { kNone, kOffset, kCursor };
  Kind kind = Kind::kNone;
  TypeRef item;                 // element type of the list
  std::optional<Field> items;   // the response field holding a page's items
  std::optional<Field> total;   // offset lists: the reported total, if the response has one
  std::optional<Field> cursor;  // cursor lists: the next page's cursor
  std::int64_t page_size = 20;  // offset lists: limit asked for when the caller sets none
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
  /// How the body is sent: a JSON document, a urlencoded form or a multipart form (of an object
  /// model), text (a string) or bytes (kBinary).
  enum class BodyKind { kJson, kForm, kMultipart, kText, kBinary };
  std::optional<TypeRef> body;
  BodyKind body_kind = BodyKind::kJson;
  bool body_required = false;
  /// Media type the body is sent as, as the spec names it ("application/json",
  /// "multipart/form-data", "image/*", ...).
  std::string body_media = "application/json";
  /// Decoded type of the 2xx answer; empty when the operation answers no body.
  std::optional<TypeRef> response;
  /// The answer is text or bytes (not JSON): `response` is then a string holding the body as is.
  bool response_is_raw = false;
  /// Media type of a raw answer (sent as Accept, so the server offers it).
  std::string response_media;
  /// Error answers with a typed body, by status.
  std::vector<ErrorResponse> errors;
  /// Every error status the operation declares, with a body or not (0 for "default").
  std::vector<int> error_statuses;
  Pagination pagination;
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
  /// C++ namespace of the generated code: "dynamic", or another one (`dyngen generate
  /// --namespace acme`) so that bindings of two specs live in one program. The headers go to
  /// the matching folder (acme/..., a::b -> a/b/...); the runtime stays in `dynamic`.
  std::string cpp_namespace = "dynamic";
  std::vector<Model> models;        // sorted by name
  std::vector<Resource> resources;  // sorted by tag
};

}  // namespace dyngen
