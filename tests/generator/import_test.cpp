#include <doctest/doctest.h>

#include <boost/json.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "commands/import_command.hpp"
#include "diagnostics.hpp"
#include "spec/document.hpp"
#include "spec/importer.hpp"
#include "spec/pretty_json.hpp"

using namespace dyngen;
namespace json = boost::json;
namespace fs = std::filesystem;

namespace {

const fs::path kReferenceDir = DYNAMIC_REFERENCE_DIR;

json::value import_text(const std::string& text) {
  return import_admin_api(Document::parse(text, "upstream.json")).document;
}

// "POINTER: message" of the SpecError that importing `text` throws, or "(no error)".
std::string import_error(const std::string& text) {
  try {
    import_text(text);
  } catch (const SpecError& error) {
    return error.pointer() + ": " + error.what();
  }
  return "(no error)";
}

std::vector<std::string> keys(const json::value& value) {
  std::vector<std::string> out;
  for (const auto& member : value.as_object()) out.emplace_back(member.key());
  return out;
}

bool has(const json::value& value, const char* pointer) {
  json::error_code ec;
  return value.find_pointer(pointer, ec) != nullptr;
}

std::string read_text(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

void write_text(const fs::path& path, const std::string& text) {
  std::ofstream(path, std::ios::binary) << text;
}

// A fresh, empty directory for one test.
fs::path scratch_dir(const std::string& name) {
  fs::path dir = fs::temp_directory_path() / ("dyngen_import_test_" + name);
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

const char* const kUpstream = R"({
  "openapi": "3.0.1",
  "info": {"title": "Dashboard API", "description": "upstream prose", "version": "1.0.0",
           "contact": {"email": "a@b.c"}},
  "servers": [{"url": "https://example.com/api", "description": "production"}],
  "tags": [{"name": "Users", "description": "users"}, {"name": "SDK"}, {"name": "Unused"}],
  "paths": {
    "/users/{id}": {
      "summary": "a user",
      "parameters": [{"$ref": "#/components/parameters/id"}],
      "get": {"operationId": "getUser", "tags": ["Users"], "summary": "Get a user",
              "description": "Long prose",
              "responses": {
                "200": {"description": "ok", "content": {"application/json": {
                  "schema": {"$ref": "#/components/schemas/User"},
                  "examples": {"one": {"summary": "one user",
                                       "value": {"description": "data", "summary": "data"}}}}}},
                "404": {"$ref": "#/components/responses/NotFound"}}},
      "post": {"operationId": "sdkUpdateUser", "tags": ["SDK", "Users"],
               "requestBody": {"$ref": "#/components/requestBodies/SdkBody"},
               "responses": {"204": {"description": "done"}}}
    },
    "/sdk/only": {
      "parameters": [{"name": "q", "in": "query"}],
      "get": {"operationId": "sdkOnly", "tags": ["SDK Views"],
              "responses": {"200": {"$ref": "#/components/responses/SdkOnly"}}}
    },
    "/health": {"get": {"operationId": "health", "security": [],
                        "responses": {"200": {"description": "up"}}}}
  },
  "components": {
    "parameters": {
      "id": {"name": "id", "in": "path", "required": true, "description": "the id",
             "schema": {"$ref": "#/components/schemas/Id"}},
      "unused": {"name": "u", "in": "query"}},
    "schemas": {
      "Id": {"type": "string", "format": "uuid", "description": "an id"},
      "User": {"type": "object", "description": "A user", "required": ["id"],
               "properties": {
                 "id": {"$ref": "#/components/schemas/Id"},
                 "description": {"type": "string", "description": "the user's own description"},
                 "summary": {"type": "string", "maxLength": 10, "default": "none",
                             "example": "short"},
                 "role": {"$ref": "#/components/schemas/Role"},
                 "extra": {"type": "object", "example": {"description": "sample", "n": 1.5},
                           "default": {"summary": "kept"}, "x-note": {"description": "kept"}}}},
      "Role": {"type": "string", "enum": ["admin", "description"], "description": "a role"},
      "Error": {"type": "object", "properties": {"error": {"type": "string"}}},
      "SdkOnly": {"type": "object", "properties": {"a": {"$ref": "#/components/schemas/SdkChild"}}},
      "SdkChild": {"type": "string"}
    },
    "responses": {
      "NotFound": {"description": "not found", "content": {"application/json": {
        "schema": {"$ref": "#/components/schemas/Error"}}}},
      "SdkOnly": {"description": "sdk", "content": {"application/json": {
        "schema": {"$ref": "#/components/schemas/SdkOnly"}}}}
    },
    "requestBodies": {"SdkBody": {"content": {"application/json": {"schema": {"type": "object"}}}}},
    "securitySchemes": {"bearerAuth": {"type": "http", "scheme": "bearer",
                                       "description": "a token"}}
  }
})";

}  // namespace

TEST_CASE("operations tagged SDK or SDK Views are dropped with path items left empty") {
  ImportResult result = import_admin_api(Document::parse(kUpstream, "upstream.json"));
  const json::value& doc = result.document;
  CHECK(keys(doc.at("paths")) == std::vector<std::string>{"/users/{id}", "/health"});
  CHECK(keys(doc.at("paths").at("/users/{id}")) == std::vector<std::string>{"parameters", "get"});
  CHECK(has(doc, "/paths/~1health/get"));  // no tags: kept
  CHECK(result.counts.operations == 2);
  CHECK(result.counts.paths == 2);
  CHECK(result.counts.dropped_operations == 2);
  // Path-level parameters stay with their path item.
  CHECK(doc.at_pointer("/paths/~1users~1{id}/parameters/0/$ref") == "#/components/parameters/id");
  CHECK(doc.at_pointer("/paths/~1health/get/security").as_array().empty());
}

TEST_CASE("components are kept when kept operations reach them transitively") {
  ImportResult result = import_admin_api(Document::parse(kUpstream, "upstream.json"));
  const json::value& components = result.document.at("components");
  CHECK(keys(components) ==
        std::vector<std::string>{"parameters", "schemas", "responses", "securitySchemes"});
  std::set<std::string> schemas;
  for (const std::string& name : keys(components.at("schemas"))) schemas.insert(name);
  // Id through a path-level parameter, Role through User, Error through a response.
  CHECK(schemas == std::set<std::string>{"Id", "User", "Role", "Error"});
  CHECK(keys(components.at("parameters")) == std::vector<std::string>{"id"});
  CHECK(keys(components.at("responses")) == std::vector<std::string>{"NotFound"});
  CHECK(keys(components.at("securitySchemes")) == std::vector<std::string>{"bearerAuth"});
  CHECK(result.counts.components.at("schemas") == 4);
  CHECK(result.counts.dropped_components == 5);  // unused, SdkOnly, SdkChild, SdkOnly, SdkBody
}

TEST_CASE("description and summary keywords are dropped but names and data are not") {
  json::value doc = import_text(kUpstream);
  CHECK(keys(doc.at("info")) == std::vector<std::string>{"title", "version"});
  CHECK_FALSE(has(doc, "/servers/0/description"));
  CHECK(has(doc, "/servers/0/url"));
  CHECK_FALSE(has(doc, "/paths/~1users~1{id}/summary"));
  CHECK_FALSE(has(doc, "/paths/~1users~1{id}/get/summary"));
  CHECK_FALSE(has(doc, "/paths/~1users~1{id}/get/description"));
  CHECK_FALSE(has(doc, "/paths/~1users~1{id}/get/responses/200/description"));
  CHECK_FALSE(has(doc, "/components/parameters/id/description"));
  CHECK_FALSE(has(doc, "/components/securitySchemes/bearerAuth/description"));
  const json::value& user = doc.at_pointer("/components/schemas/User");
  CHECK_FALSE(user.as_object().contains("description"));
  // Properties called description and summary are names: kept, less their own prose.
  CHECK(user.at_pointer("/properties/description") == json::parse(R"({"type": "string"})"));
  CHECK(
      user.at_pointer("/properties/summary") ==
      json::parse(R"({"type": "string", "maxLength": 10, "default": "none", "example": "short"})"));
}

TEST_CASE("example data and defaults and enums and extensions are copied untouched") {
  json::value doc = import_text(kUpstream);
  CHECK(doc.at_pointer("/components/schemas/User/properties/extra") == json::parse(R"({
    "type": "object", "example": {"description": "sample", "n": 1.5},
    "default": {"summary": "kept"}, "x-note": {"description": "kept"}})"));
  CHECK(doc.at_pointer("/components/schemas/Role/enum") ==
        json::parse(R"(["admin", "description"])"));
  const char* example =
      "/paths/~1users~1{id}/get/responses/200/content/application~1json/examples/one";
  CHECK(doc.at_pointer(example) ==
        json::parse(R"({"value": {"description": "data", "summary": "data"}})"));
}

TEST_CASE("tags keep the names that kept operations use") {
  json::value doc = import_text(kUpstream);
  CHECK(doc.at("tags") == json::parse(R"([{"name": "Users"}])"));
  // Tags operations use without declaring them follow the declared ones, in order of first use.
  json::value undeclared = import_text(R"({"tags": [{"name": "B"}], "paths": {
    "/a": {"get": {"tags": ["C"]}, "put": {"tags": ["B", "A"]}, "post": {"tags": ["C"]}}}})");
  CHECK(undeclared.at("tags") == json::parse(R"([{"name": "B"}, {"name": "C"}, {"name": "A"}])"));
}

TEST_CASE("a discriminator mapping reaches the schemas it names") {
  json::value doc = import_text(R"({"paths": {"/p": {"get": {"responses": {"200": {"content": {
    "application/json": {"schema": {"$ref": "#/components/schemas/Pet"}}}}}}}},
    "components": {"schemas": {
      "Pet": {"oneOf": [{"$ref": "#/components/schemas/Cat"}],
              "discriminator": {"propertyName": "kind",
                                "mapping": {"cat": "#/components/schemas/Cat", "dog": "Dog"}}},
      "Cat": {"type": "object"}, "Dog": {"type": "object"}, "Fish": {"type": "object"}}}})");
  CHECK(keys(doc.at_pointer("/components/schemas")) ==
        std::vector<std::string>{"Pet", "Cat", "Dog"});
}

TEST_CASE("a $ref that points at nothing is an error at its pointer") {
  CHECK(import_error(R"({"paths": {"/a": {"get": {"responses": {"200": {"content": {
    "application/json": {"schema": {"$ref": "#/components/schemas/Missing"}}}}}}}},
    "components": {"schemas": {}}})") ==
        "/paths/~1a/get/responses/200/content/application~1json/schema/$ref: "
        "$ref '#/components/schemas/Missing' points at nothing");
  // Found transitively, in a reached component.
  CHECK(import_error(R"({"paths": {"/a": {"parameters": [{"$ref": "#/components/parameters/p"}],
    "get": {}}}, "components": {"parameters": {
      "p": {"name": "p", "in": "query", "schema": {"$ref": "#/components/schemas/Nope"}}}}})") ==
        "/components/parameters/p/schema/$ref: $ref '#/components/schemas/Nope' points at nothing");
  CHECK(
      import_error(R"({"paths": {"/a": {"get": {"parameters": [{"$ref": "other.json#/p"}]}}}})") ==
      "/paths/~1a/get/parameters/0/$ref: $ref 'other.json#/p' points outside this document; "
      "import needs a self-contained one");
  // A reference into an operation that import drops would be left dangling.
  CHECK(import_error(R"({"paths": {
    "/a": {"get": {"responses": {"200": {"$ref": "#/paths/~1b/get/responses/200"}}}},
    "/b": {"get": {"tags": ["SDK"], "responses": {"200": {}}}}}})") ==
        "/paths/~1a/get/responses/200/$ref: $ref '#/paths/~1b/get/responses/200' points into a "
        "part of the document that import drops");
}

TEST_CASE("a malformed document is a located error and never an internal one") {
  CHECK(import_error("[]") ==
        ": upstream.json: not an OpenAPI document (the root is not an object)");
  CHECK(import_error(R"({"paths": []})") == "/paths: paths must be an object");
  CHECK(import_error(R"({"paths": {"/a": 1}})") == "/paths/~1a: a path item must be an object");
  CHECK(import_error(R"({"paths": {"/a": {"get": "x"}}})") ==
        "/paths/~1a/get: an operation must be an object");
  CHECK(import_error(R"({"paths": {"/a": {"get": {"tags": "SDK"}}}})") ==
        "/paths/~1a/get/tags: tags must be an array of strings");
  CHECK(import_error(R"({"paths": {"/a": {"get": {"tags": [1]}}}})") ==
        "/paths/~1a/get/tags/0: not a string");
  CHECK(import_error(R"({"paths": {"/a": {"get": {"$ref": 3}}}})") ==
        "/paths/~1a/get/$ref: $ref must be a string");
  CHECK(import_error(R"({"info": "x"})") == "/info: info must be an object");
  CHECK(import_error(R"({"tags": [{"description": "x"}]})") ==
        "/tags/0: a tag must be an object with a string name");
  CHECK(import_error(R"({"components": {"schemas": []}})") ==
        "/components/schemas: must be an object mapping names to components");
  CHECK(import_error(R"({"components": 1})") == "/components: components must be an object");
}

TEST_CASE("pretty_json sorts keys by byte and keeps array order and indents by two") {
  json::value value = json::parse(
      R"({"b": [3, {"z": null, "a": "x\"y"}, []], "a": {}, "B": 1.5, "\u00e9": true, "c": -2})");
  // Doubles are spelled as boost::json::serialize spells them.
  CHECK(pretty_json(value) == R"({
  "B": 1.5E0,
  "a": {},
  "b": [
    3,
    {
      "a": "x\"y",
      "z": null
    },
    []
  ],
  "c": -2,
  "é": true
}
)");
  CHECK(pretty_json(json::parse("[]")) == "[]\n");
  CHECK(pretty_json(json::parse(R"("text")")) == "\"text\"\n");
}

TEST_CASE("importing the output of import gives the same output") {
  std::string once = pretty_json(import_text(kUpstream));
  std::string twice = pretty_json(import_text(once));
  CHECK(once == twice);
}

TEST_CASE("the overlay is merged in and what it describes that is gone is skipped") {
  json::value doc = import_text(kUpstream);
  Document overlay = Document::parse(R"({
    "info": {"description": "Our words."},
    "paths": {
      "/users/{id}": {"get": {"summary": "Fetches one user.", "deprecated": true,
                              "responses": {"404": null}}},
      "/removed": {"get": {"description": "Gone upstream."}}},
    "components": {"schemas": {"User": {"description": "A member.",
                                        "required": ["id", "role"],
                                        "properties": {"id": {"type": {"bad": 1}}}}}}
  })",
                                     "overlay.json");
  std::vector<Diagnostic> warnings = apply_overlay(doc, overlay);
  CHECK(doc.at_pointer("/info/description") == "Our words.");
  CHECK(doc.at_pointer("/paths/~1users~1{id}/get/summary") == "Fetches one user.");
  CHECK(doc.at_pointer("/paths/~1users~1{id}/get/deprecated") == true);
  CHECK_FALSE(has(doc, "/paths/~1users~1{id}/get/responses/404"));
  CHECK_FALSE(has(doc, "/paths/~1removed"));
  CHECK(doc.at_pointer("/components/schemas/User/description") == "A member.");
  CHECK(doc.at_pointer("/components/schemas/User/required") == json::parse(R"(["id", "role"])"));
  REQUIRE(warnings.size() == 2);
  CHECK(warnings[0].pointer == "/paths/~1removed");
  CHECK(warnings[0].message == "not in the imported document; skipped");
  // User.id is a $ref object, so it has no `type` object to merge into: an object is not created.
  CHECK(warnings[1].pointer == "/components/schemas/User/properties/id/type");
  CHECK(doc.at_pointer("/components/schemas/User/properties/id") ==
        json::parse(R"({"$ref": "#/components/schemas/Id"})"));
}

TEST_CASE("an overlay that is not an object is an error") {
  json::value doc = import_text(kUpstream);
  CHECK_THROWS_WITH_AS(apply_overlay(doc, Document::parse("[1]", "overlay.json")),
                       "overlay.json: an overlay must be a JSON object (a merge patch)",
                       SpecError);
}

TEST_CASE("dyngen import writes only when the content changed and never a broken file") {
  fs::path dir = scratch_dir("command");
  write_text(dir / "upstream.json", kUpstream);
  write_text(dir / "overlay.json", R"({"info": {"description": "Ours."}})");
  const std::string out = (dir / "spec.json").string();
  std::vector<std::string> args = {"--from",
                                   (dir / "upstream.json").string(),
                                   "--out",
                                   out,
                                   "--overlay",
                                   (dir / "overlay.json").string()};
  REQUIRE(run_import(args) == 0);
  std::string written = read_text(out);
  CHECK(written.rfind("{\n  \"components\": {", 0) == 0);
  CHECK(json::parse(written).at_pointer("/info/description") == "Ours.");
  auto stamp = fs::last_write_time(out);
  CHECK(run_import(args) == 0);
  CHECK(fs::last_write_time(out) == stamp);
  CHECK(read_text(out) == written);
  // Bad input leaves the file as it was, and no temporary file behind.
  write_text(dir / "overlay.json", "{\"info\": ");
  CHECK(run_import(args) == 2);
  write_text(dir / "upstream.json", R"({"paths": {"/a": {"get": {"tags": "SDK"}}}})");
  CHECK(run_import(args) == 2);
  CHECK(read_text(out) == written);
  std::size_t files = std::distance(fs::directory_iterator(dir), fs::directory_iterator());
  CHECK(files == 3);
  CHECK(run_import({"--from", "x.json"}) == 64);
  CHECK(run_import({"--from", "x.json", "--out", out, "--strict"}) == 64);
  CHECK(run_import({"--from", (dir / "missing.json").string(), "--out", out}) == 2);
  fs::remove_all(dir);
}

// --- Dynamic's own documents -------------------------------------------------------------------

namespace {

using OperationKey = std::pair<std::string, std::string>;  // method, path

std::set<OperationKey> operations_of(const json::value& doc) {
  static const std::set<std::string> kMethods = {
      "get", "put", "post", "delete", "options", "head", "patch", "trace"};
  std::set<OperationKey> out;
  for (const auto& path : doc.at("paths").as_object()) {
    for (const auto& member : path.value().as_object()) {
      std::string method(member.key());
      if (kMethods.count(method)) out.emplace(method, std::string(path.key()));
    }
  }
  return out;
}

std::set<std::string> schema_names(const json::value& doc) {
  std::set<std::string> out;
  for (const auto& member : doc.at_pointer("/components/schemas").as_object()) {
    out.emplace(std::string(member.key()));
  }
  return out;
}

template <class T>
std::string only_in(const std::set<T>& left, const std::set<T>& right) {
  std::ostringstream out;
  for (const T& item : left) {
    if (right.count(item) == 0) out << " " << json::serialize(json::value_from(item));
  }
  return out.str();
}

// Pointers of `description` or `summary` members holding text, outside data (examples, defaults,
// enums, extensions) — a prose keyword import should have dropped.
void find_prose(const json::value& value,
                const std::string& pointer,
                std::vector<std::string>& out) {
  static const std::set<std::string> kData = {"example", "examples", "default", "enum", "const"};
  if (const json::array* array = value.if_array()) {
    for (std::size_t i = 0; i < array->size(); ++i) {
      find_prose((*array)[i], pointer + "/" + std::to_string(i), out);
    }
    return;
  }
  const json::object* object = value.if_object();
  if (object == nullptr) return;
  for (const auto& member : *object) {
    std::string key(member.key());
    std::string at = pointer_append(pointer, key);
    if ((key == "description" || key == "summary") && member.value().is_string()) out.push_back(at);
    if (kData.count(key) == 0 && key.rfind("x-", 0) != 0) find_prose(member.value(), at, out);
  }
}

bool reference_documents_present() {
  for (const char* name : {"dynamic-dashboard.openapi.yaml", "dynamic-admin.openapi.json"}) {
    if (!fs::exists(kReferenceDir / name)) {
      MESSAGE("skipped: " << (kReferenceDir / name).string() << " does not exist");
      return false;
    }
  }
  return true;
}

}  // namespace

TEST_CASE("importing Dynamic's dashboard document gives the admin document's API") {
  if (!reference_documents_present()) return;
  auto started = std::chrono::steady_clock::now();
  ImportResult imported =
      import_admin_api(Document::load((kReferenceDir / "dynamic-dashboard.openapi.yaml").string()));
  MESSAGE("imported the dashboard YAML in "
          << std::chrono::duration_cast<std::chrono::milliseconds>(
                 std::chrono::steady_clock::now() - started)
                 .count()
          << " ms");
  json::value admin =
      Document::load((kReferenceDir / "dynamic-admin.openapi.json").string()).root();
  std::set<OperationKey> ours = operations_of(imported.document);
  std::set<OperationKey> theirs = operations_of(admin);
  CHECK(ours.size() == 193);
  CHECK(imported.counts.operations == 193);
  CHECK(imported.counts.paths == 131);
  CHECK_MESSAGE(ours == theirs,
                "only imported:" << only_in(ours, theirs)
                                 << "; only in the admin document:" << only_in(theirs, ours));
  std::set<std::string> our_schemas = schema_names(imported.document);
  std::set<std::string> their_schemas = schema_names(admin);
  CHECK(our_schemas.size() == 350);
  CHECK_MESSAGE(
      our_schemas == their_schemas,
      "only imported:" << only_in(our_schemas, their_schemas)
                       << "; only in the admin document:" << only_in(their_schemas, our_schemas));
  std::vector<std::string> prose;
  find_prose(imported.document, "", prose);
  CHECK_MESSAGE(prose.empty(), prose.size() << " left, first: " << (prose.empty() ? "" : prose[0]));
}

TEST_CASE("the dashboard YAML and the admin JSON import to the same bytes") {
  if (!reference_documents_present()) return;
  json::value from_yaml =
      import_admin_api(Document::load((kReferenceDir / "dynamic-dashboard.openapi.yaml").string()))
          .document;
  json::value from_json =
      import_admin_api(Document::load((kReferenceDir / "dynamic-admin.openapi.json").string()))
          .document;
  // The admin document retitles the API ("Dashboard API (admin subset)"); all else must agree.
  CHECK(from_yaml.at_pointer("/info/title") == "Dashboard API");
  CHECK(from_json.at_pointer("/info/title") == "Dashboard API (admin subset)");
  from_json.as_object()["info"] = from_yaml.at("info");
  std::string yaml_text = pretty_json(from_yaml);
  CHECK(yaml_text == pretty_json(from_json));
  // And the import of an import changes nothing.
  CHECK(pretty_json(import_admin_api(Document::parse(yaml_text, "again.json")).document) ==
        yaml_text);
}
