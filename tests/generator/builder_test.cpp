#include <doctest/doctest.h>

#include <algorithm>

#include "emit/emitters.hpp"
#include "ir/builder.hpp"

using namespace dyngen;

namespace {

Api build(const std::string& components,
          const std::string& paths = "{}",
          Diagnostics* diagnostics = nullptr) {
  Diagnostics local;
  Document doc = Document::parse(R"({"openapi": "3.0.1", "info": {"title": "t", "version": "1"},
      "paths": )" + paths + R"(, "components": {"schemas": )" +
                                     components + "}}",
                                 "test.json");
  return build_api(doc, diagnostics != nullptr ? *diagnostics : local);
}

const Model& model(const Api& api, const std::string& name) { return find_model(api, name); }

const Field& field(const Model& m, const std::string& json_name) {
  auto found = std::find_if(
      m.fields.begin(), m.fields.end(), [&](const Field& f) { return f.json_name == json_name; });
  REQUIRE(found != m.fields.end());
  return *found;
}

std::string error_pointer(const std::string& components, const std::string& paths) {
  try {
    build(components, paths);
  } catch (const SpecError& error) {
    return error.pointer();
  }
  return "(no error)";
}

const char* const kUsesThing = R"({"/things": {"get": {"operationId": "getThing",
    "responses": {"200": {"description": "ok", "content": {"application/json": {"schema":
    {"$ref": "#/components/schemas/Thing"}}}}}}}})";

}  // namespace

TEST_CASE("object schemas become models with typed required and optional fields") {
  Api api = build(R"({"Thing": {"type": "object", "required": ["id"], "properties": {
      "id": {"type": "string"}, "count": {"type": "integer"}, "small": {"type": "integer",
      "format": "int32"}, "ratio": {"type": "number"}, "on": {"type": "boolean"},
      "tags": {"type": "array", "items": {"type": "string"}},
      "labels": {"type": "object", "additionalProperties": {"type": "string"}},
      "extra": {"type": "object"}, "either": {"anyOf": [{"type": "string"}, {"type": "integer"}]},
      "maybe": {"type": ["string", "null"]}}}})",
                  kUsesThing);
  const Model& thing = model(api, "Thing");
  CHECK(thing.kind == Model::Kind::kObject);
  CHECK(field(thing, "id").required);
  CHECK_FALSE(field(thing, "count").required);
  CHECK(field(thing, "count").type.kind == TypeRef::Kind::kInt64);
  CHECK(field(thing, "small").type.kind == TypeRef::Kind::kInt32);
  CHECK(field(thing, "ratio").type.kind == TypeRef::Kind::kDouble);
  CHECK(field(thing, "on").type.kind == TypeRef::Kind::kBool);
  CHECK(cpp_type(field(thing, "tags").type) == "std::vector<std::string>");
  CHECK(cpp_type(field(thing, "labels").type) == "std::map<std::string, std::string>");
  CHECK(field(thing, "extra").type.kind == TypeRef::Kind::kJson);
  const Model& either = model(api, field(thing, "either").type.model);
  CHECK(either.kind == Model::Kind::kVariant);
  REQUIRE(either.alternatives.size() == 2);
  CHECK(either.alternatives[1].type.kind == TypeRef::Kind::kInt64);
  CHECK(field(thing, "maybe").type.kind == TypeRef::Kind::kString);
}

TEST_CASE("allOf merges the parts' properties in order and a one-element allOf only wraps") {
  Api api = build(R"({
      "Base": {"type": "object", "required": ["name"], "properties": {"name": {"type": "string"}}},
      "Id": {"type": "string"},
      "Thing": {"allOf": [{"$ref": "#/components/schemas/Base"}, {"type": "object",
        "properties": {"id": {"allOf": [{"$ref": "#/components/schemas/Id"}], "deprecated": true}}}]}})",
                  kUsesThing);
  const Model& thing = model(api, "Thing");
  REQUIRE(thing.fields.size() == 2);
  CHECK(thing.fields[0].json_name == "name");
  CHECK(thing.fields[0].required);
  CHECK(thing.fields[1].type.kind == TypeRef::Kind::kString);
  CHECK(thing.fields[1].deprecated);
  // Base is only reached through allOf, so it is merged, not generated on its own.
  CHECK(std::none_of(
      api.models.begin(), api.models.end(), [](const Model& m) { return m.name == "Base"; }));
}

TEST_CASE("inline objects and enums are named after where they stand") {
  Api api = build(R"({"Thing": {"type": "object", "properties": {
      "owner": {"type": "object", "properties": {"email": {"type": "string"}}},
      "kind": {"type": "string", "enum": ["a.b", "c", null]}}}})",
                  kUsesThing);
  CHECK(model(api, "ThingOwner").fields.at(0).json_name == "email");
  const Model& kind = model(api, "ThingKind");
  CHECK(kind.kind == Model::Kind::kEnum);
  REQUIRE(kind.values.size() == 2);
  CHECK(kind.values[0].cpp_name == "kAB");
  CHECK(kind.values[1].text == "c");
}

TEST_CASE("colliding field names get distinct identifiers") {
  Api api = build(R"({"Thing": {"type": "object", "properties": {
      "name_service": {"type": "string"}, "nameService": {"type": "string"}}}})",
                  kUsesThing);
  const Model& thing = model(api, "Thing");
  CHECK(thing.fields[0].cpp_name == "name_service");
  CHECK(thing.fields[1].cpp_name == "name_service_");
}

TEST_CASE("operations: parameters and bodies and responses and resources") {
  Api api = build(R"({"Body": {"type": "object", "properties": {"a": {"type": "string"}}}})",
                  R"({"/e/{environmentId}/x/{xId}": {
        "parameters": [{"in": "path", "name": "xId", "required": true, "schema": {"type": "string"}},
                       {"in": "path", "name": "environmentId", "required": true,
                        "schema": {"type": "string"}}],
        "post": {"operationId": "createX", "tags": ["Things"],
          "parameters": [{"in": "query", "name": "dryRun", "schema": {"type": "boolean"}}],
          "requestBody": {"required": true, "content": {"application/json": {"schema":
             {"$ref": "#/components/schemas/Body"}}}},
          "responses": {"201": {"description": "c", "content": {"application/json": {"schema":
             {"$ref": "#/components/schemas/Body"}}}}}},
        "delete": {"operationId": "deleteX", "tags": ["Things"],
          "responses": {"204": {"description": "gone"}}}}})");
  REQUIRE(api.resources.size() == 1);
  const Resource& things = api.resources[0];
  CHECK(things.class_name == "ThingsApi");
  CHECK(things.file_stem == "things_api");
  REQUIRE(things.operations.size() == 2);
  const Operation& create = things.operations[0];
  CHECK(create.method_name == "create_x");
  CHECK(create.cli_name == "create-x");
  CHECK(create.http_method == "POST");
  REQUIRE(create.parameters.size() == 3);
  CHECK(create.parameters[0].name == "environmentId");  // path order
  CHECK(create.parameters[1].name == "xId");
  CHECK(create.parameters[2].flag == "dry-run");
  CHECK(create.params_struct == "CreateXParams");
  CHECK(create.body_required);
  CHECK(create.response->model == "Body");
  const Operation& remove = things.operations[1];
  CHECK_FALSE(remove.response.has_value());
}

TEST_CASE("an operation without operationId is named from its path with a warning") {
  Diagnostics diagnostics;
  Api api = build(
      "{}", R"({"/a/b": {"get": {"responses": {"204": {"description": "x"}}}}})", &diagnostics);
  CHECK(api.resources.at(0).operations.at(0).operation_id == "getAB");
  REQUIRE(diagnostics.warnings().size() == 1);
  CHECK(diagnostics.warnings()[0].pointer == "/paths/~1a~1b/get");
}

TEST_CASE("a repeated operationId generates numbered methods with a warning naming both") {
  Diagnostics diagnostics;
  Api api = build("{}",
                  R"({"/a": {"get": {"operationId": "same", "responses": {"204": {"description":
          "x"}}}}, "/b": {"get": {"operationId": "same", "responses": {"204": {"description":
          "x"}}}}})",
                  &diagnostics);
  const auto& operations = api.resources.at(0).operations;
  REQUIRE(operations.size() == 2);
  CHECK(operations[0].method_name == "same");
  CHECK(operations[0].path == "/a");
  CHECK(operations[1].method_name == "same_2");
  REQUIRE(diagnostics.warnings().size() == 1);
  CHECK(diagnostics.warnings()[0].pointer == "/paths/~1b/get");
  CHECK(diagnostics.warnings()[0].message.find("'same' is already used at #/paths/~1a/get") !=
        std::string::npos);
}

TEST_CASE("a parameter without schema or content is a string with a warning") {
  Diagnostics diagnostics;
  Api api = build("{}",
                  R"({"/x": {"get": {"operationId": "g", "parameters": [{"in": "query",
          "name": "q"}], "responses": {"204": {"description": "x"}}}}})",
                  &diagnostics);
  CHECK(api.resources.at(0).operations.at(0).parameters.at(0).type.kind == TypeRef::Kind::kString);
  REQUIRE(diagnostics.warnings().size() == 1);
  CHECK(diagnostics.warnings()[0].pointer == "/paths/~1x/get/parameters/0");
}

TEST_CASE("spec errors carry the JSON pointer of the problem") {
  CHECK(error_pointer("{}", R"({"/x/{id}": {"get": {"operationId": "g",
          "responses": {"204": {"description": "x"}}}}})") == "/paths/~1x~1{id}/get");
  CHECK(error_pointer(R"({"Thing": {"type": "strange"}})", kUsesThing) ==
        "/components/schemas/Thing/type");
  CHECK(error_pointer("{}", R"({"/x": {"get": {"operationId": "g", "parameters": [{"in": "query",
          "name": "q", "content": {"text/plain": {}, "application/json": {}}}],
          "responses": {"204": {"description": "x"}}}}})") ==
        "/paths/~1x/get/parameters/0/content");
  CHECK(error_pointer(R"({"A": {"$ref": "#/components/schemas/A"}})",
                      R"({"/x": {"get": {"operationId": "g", "responses": {"200": {"description":
          "x", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/A"}}}}}}}})") ==
        "/components/schemas/A");
}

TEST_CASE("a parameter location that is missing or not a string is named as such") {
  auto message = [](const std::string& parameter) {
    try {
      build("{}",
            R"({"/x": {"get": {"operationId": "g", "parameters": [)" + parameter +
                R"(], "responses": {"204": {"description": "x"}}}}})");
    } catch (const SpecError& error) {
      return error.pointer() + ": " + error.what();
    }
    return std::string("(no error)");
  };
  CHECK(message(R"({"name": "q", "in": 7})") ==
        "/paths/~1x/get/parameters/0/in: parameter location must be a string");
  CHECK(message(R"({"name": "q"})") ==
        "/paths/~1x/get/parameters/0: parameter has no location ('in')");
  CHECK(message(R"({"name": "q", "in": "body"})") ==
        "/paths/~1x/get/parameters/0/in: parameter location 'body' is not supported");
}

TEST_CASE("a cycle of schema aliases is refused with the chain") {
  try {
    build(R"({"Thing": {"$ref": "#/components/schemas/B"}, "B": {"$ref":
        "#/components/schemas/Thing"}})",
          kUsesThing);
    FAIL("expected a SpecError");
  } catch (const SpecError& error) {
    CHECK(error.pointer() == "/components/schemas/Thing");
    CHECK(std::string(error.what()) ==
          "schema 'Thing' is an alias of itself (Thing -> B -> Thing)");
  }
  // An object between the $refs makes it a recursive model, not an alias cycle.
  Api api = build(R"({"Thing": {"$ref": "#/components/schemas/B"}, "B": {"type": "object",
      "properties": {"next": {"$ref": "#/components/schemas/Thing"}}}})",
                  kUsesThing);
  CHECK(model(api, "B").fields.size() == 1);
}

TEST_CASE("every emitted file has the banner and output is deterministic") {
  Api api = build(R"({"Thing": {"type": "object", "properties": {"k": {"type": "string",
      "enum": ["x"]}}}})",
                  kUsesThing);
  FileSet first = emit_all(api);
  FileSet second = emit_all(build(R"({"Thing": {"type": "object", "properties": {"k": {"type":
      "string", "enum": ["x"]}}}})",
                                  kUsesThing));
  CHECK(first == second);
  // Not a structured binding: doctest's INFO captures it in a lambda, which C++17 (clang) refuses.
  for (const auto& file : first) {
    const std::string& path = file.first;
    const std::string& content = file.second;
    INFO(path);
    // C++ files carry the banner as a C++ comment, the build's file list as a CMake one, the
    // API reference's pages as an HTML one.
    auto ends_with = [&](std::string_view suffix) {
      return path.size() > suffix.size() &&
             path.compare(path.size() - suffix.size(), suffix.size(), suffix) == 0;
    };
    std::string comment = ends_with(".cmake") ? "#" : ends_with(".md") ? "<!--" : "//";
    CHECK(content.rfind(comment + " DO NOT EDIT: generated by dyngen from test.json.", 0) == 0);
  }
  CHECK(first.count("include/dynamic/models/thing_k.hpp") == 1);
  CHECK(first.count("src/shard_15.cpp") == 1);
  CHECK(first.count("files.cmake") == 1);
}
