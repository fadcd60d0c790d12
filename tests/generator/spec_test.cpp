// Tests on the project's own spec: it covers Dynamic's whole admin API, and the public names it
// generates do not move when the spec grows.
#include <doctest/doctest.h>

#include <boost/json.hpp>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>

#include "ir/builder.hpp"
#include "spec/document.hpp"

using namespace dyngen;
namespace json = boost::json;

namespace {

const std::filesystem::path kSpec = DYNAMIC_SPEC_PATH;
const std::filesystem::path kReferenceDir = DYNAMIC_REFERENCE_DIR;

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

/// Every (METHOD, path) of a document.
std::set<std::string> operations_of(const json::value& document) {
  std::set<std::string> out;
  for (const auto& path : document.at("paths").as_object()) {
    for (const auto& entry : path.value().as_object()) {
      std::string method(entry.key());
      if (method == "parameters" || method == "summary" || method == "description") continue;
      for (char& c : method) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      out.insert(method + " " + std::string(path.key()));
    }
  }
  return out;
}

/// Every public C++ name an API generates, qualified by what owns it.
std::set<std::string> public_names(const Api& api) {
  std::set<std::string> out;
  for (const Model& model : api.models) {
    out.insert("model " + model.name + " in " + model.file_stem + ".hpp");
    for (const Field& field : model.fields) out.insert(model.name + "::" + field.cpp_name);
    for (const EnumValue& value : model.values) out.insert(model.name + "::" + value.cpp_name);
  }
  for (const Resource& resource : api.resources) {
    out.insert("resource " + resource.class_name + " as " + resource.accessor + "()");
    for (const Operation& op : resource.operations) {
      out.insert(resource.class_name + "::" + op.method_name + " cli " + op.cli_name);
      if (!op.params_struct.empty()) out.insert("params " + op.params_struct);
      for (const Parameter& param : op.parameters) {
        out.insert(op.method_name + "(" + param.cpp_name + ")");
      }
    }
  }
  return out;
}

Api build_from(const json::value& document) {
  Diagnostics diagnostics;
  return build_api(Document::parse(json::serialize(document), "dynamic.openapi.json"), diagnostics);
}

/// The spec with unrelated additions: component schemas that sort first and last, an operation
/// with inline schemas in a new tag and one in an existing tag, and an inline object property
/// on an existing model.
json::value grown(json::value document) {
  json::object& schemas = document.at("components").at("schemas").as_object();
  schemas["AaaProbe"] =
      json::parse(R"({"type": "object", "properties": {"a": {"type": "string"}}})");
  schemas["ZzzProbe"] = json::parse(
      R"({"type": "object", "properties": {"mode": {"type": "string", "enum": ["x", "y"]}}})");
  json::object& settings = schemas.at("ProjectSettings").as_object();
  settings["properties"].as_object()["zzProbe"] =
      json::parse(R"({"type": "object", "properties": {"deep": {"type": "boolean"}}})");
  json::object& paths = document.at("paths").as_object();
  paths["/environments/{environmentId}/aaaProbes"] = json::parse(R"({"post": {
      "operationId": "createAaaProbe", "tags": ["AaaProbes"],
      "parameters": [{"in": "path", "name": "environmentId", "required": true,
                      "schema": {"type": "string"}},
                     {"in": "query", "name": "kind", "schema": {"type": "string",
                      "enum": ["one", "two"]}}],
      "requestBody": {"content": {"application/json": {"schema": {"type": "object",
          "properties": {"probe": {"$ref": "#/components/schemas/AaaProbe"},
                         "extra": {"type": "object", "properties": {"n": {"type": "integer"}}}}}}}},
      "responses": {"200": {"description": "", "content": {"application/json": {"schema":
          {"type": "object", "properties": {"id": {"type": "string"}}}}}}}}})");
  paths["/environments/{environmentId}/users/aaaProbe"] = json::parse(R"({"get": {
      "operationId": "aaaProbeUsers", "tags": ["Users"],
      "parameters": [{"in": "path", "name": "environmentId", "required": true,
                      "schema": {"type": "string"}}],
      "responses": {"200": {"description": "", "content": {"application/json": {"schema":
          {"type": "object", "properties": {"users": {"type": "array", "items":
          {"type": "object", "properties": {"z": {"$ref": "#/components/schemas/ZzzProbe"}}}}}}}}}}}})");
  return document;
}

}  // namespace

TEST_CASE("spec covers every admin operation of Dynamic's reference document") {
  std::filesystem::path reference = kReferenceDir / "dynamic-admin.openapi.json";
  if (!std::filesystem::exists(reference)) {
    MESSAGE("skipped: " << reference.string() << " is not beside the clone");
    return;
  }
  std::set<std::string> ours = operations_of(json::parse(read_file(kSpec)));
  std::set<std::string> missing;
  for (const std::string& operation : operations_of(json::parse(read_file(reference)))) {
    if (ours.count(operation) == 0) missing.insert(operation);
  }
  for (const std::string& operation : missing) MESSAGE("missing from spec/: " << operation);
  CHECK(missing.empty());
  CHECK(ours.size() >= 193);
}

TEST_CASE("public names stay the same when the spec gains unrelated schemas and operations") {
  json::value document = json::parse(read_file(kSpec));
  std::set<std::string> before = public_names(build_from(document));
  Api grown_api = build_from(grown(document));
  std::set<std::string> after = public_names(grown_api);
  std::set<std::string> lost;
  for (const std::string& name : before) {
    if (after.count(name) == 0) lost.insert(name);
  }
  for (const std::string& name : lost) MESSAGE("name changed or gone: " << name);
  CHECK(lost.empty());
  CHECK(after.size() > before.size());  // the additions did generate something
  CHECK(after.count("resource AaaProbesApi as aaa_probes()") == 1);
  CHECK(after.count("model CreateAaaProbeRequestExtra in create_aaa_probe_request_extra.hpp") == 1);
}

TEST_CASE("an inline schema never takes a component schema's name") {
  json::value document = json::parse(R"({"openapi": "3.0.1", "info": {"title": "t", "version": "1"},
    "paths": {"/a": {"get": {"operationId": "getA", "responses": {"200": {"description": "",
      "content": {"application/json": {"schema": {"type": "object",
        "properties": {"x": {"type": "string"}}}}}}}}}},
    "components": {"schemas": {"GetAResponse": {"type": "object",
      "properties": {"y": {"type": "string"}}}}}})");
  // The component is never referenced, yet keeps its name: the inline answer yields.
  Api api = build_from(document);
  REQUIRE(api.resources.size() == 1);
  CHECK(api.resources[0].operations[0].response->model == "GetAResponseInline");
}
