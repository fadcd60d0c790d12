// `dyngen generate --namespace`: bindings of another API in their own namespace and folder, so
// that they live next to Dynamic's in one program.
#include <doctest/doctest.h>

#include <string>

#include "diagnostics.hpp"
#include "emit/emitters.hpp"
#include "ir/builder.hpp"
#include "ir/naming.hpp"
#include "spec/document.hpp"

using namespace dyngen;

namespace {

Api notes_api(const std::string& cpp_namespace) {
  Document doc = Document::parse(R"({"openapi": "3.0.1", "info": {"title": "Notes", "version": "1"},
    "paths": {"/environments/{environmentId}/notes": {"get": {"operationId": "listNotes",
      "tags": ["Notes"],
      "parameters": [{"name": "environmentId", "in": "path", "required": true,
                      "schema": {"type": "string"}}],
      "responses": {"200": {"description": "ok", "content": {"application/json":
        {"schema": {"$ref": "#/components/schemas/Note"}}}}}}}},
    "components": {"schemas": {"Note": {"type": "object", "properties": {
      "text": {"type": "string"}}}}}})",
                                 "notes.json");
  Diagnostics diagnostics;
  Api api = build_api(doc, diagnostics);
  api.cpp_namespace = cpp_namespace;
  return api;
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

}  // namespace

TEST_CASE("namespace names are identifiers joined by :: and never a keyword or std") {
  CHECK(is_namespace_name("acme"));
  CHECK(is_namespace_name("acme::v1"));
  CHECK(is_namespace_name("Acme_2"));
  CHECK(is_namespace_name("dynamic"));
  CHECK(is_namespace_name("dynamic::acme"));
  CHECK_FALSE(is_namespace_name("acme::models"));  // would hide the bindings' own models
  CHECK_FALSE(is_namespace_name("acme::dynamic"));
  CHECK_FALSE(is_namespace_name(""));
  CHECK_FALSE(is_namespace_name("acme::"));
  CHECK_FALSE(is_namespace_name("::acme"));
  CHECK_FALSE(is_namespace_name("acme:v1"));
  CHECK_FALSE(is_namespace_name("acme-api"));
  CHECK_FALSE(is_namespace_name("2acme"));
  CHECK_FALSE(is_namespace_name("class"));
  CHECK_FALSE(is_namespace_name("acme::int"));
  CHECK_FALSE(is_namespace_name("std"));
  CHECK_FALSE(is_namespace_name("_Acme"));
  CHECK_FALSE(is_namespace_name("a__b"));
  CHECK_FALSE(is_namespace_name("caf\xc3\xa9"));
}

TEST_CASE("bindings in another namespace go to its folder and reach the runtime through it") {
  FileSet files = emit_all(notes_api("acme::v1"));
  REQUIRE(files.count("include/acme/v1/client.hpp") == 1);
  REQUIRE(files.count("include/acme/v1/notes_api.hpp") == 1);
  REQUIRE(files.count("include/acme/v1/environment.hpp") == 1);
  REQUIRE(files.count("include/acme/v1/models/note.hpp") == 1);
  REQUIRE(files.count("include/acme/v1/models/fwd.hpp") == 1);
  REQUIRE(files.count("src/acme/v1/detail/codecs/note.hpp") == 1);
  for (const auto& file : files) {
    const std::string& path = file.first;  // INFO captures it: no structured binding (clang)
    const std::string& text = file.second;
    INFO(path);
    CHECK_FALSE(path.rfind("include/dynamic/", 0) == 0);
    // Generated headers and sources include their own folder, never Dynamic's bindings.
    CHECK_FALSE(contains(text, "#include \"dynamic/client.hpp\""));
    CHECK_FALSE(contains(text, "#include \"dynamic/models/"));
    CHECK_FALSE(contains(text, "#include \"dynamic/notes_api.hpp\""));
  }
  const std::string& model = files["include/acme/v1/models/note.hpp"];
  CHECK(contains(model, "namespace acme::v1::models {\nusing namespace ::dynamic;\n}"));
  CHECK(contains(model, "namespace acme::v1::models {\n\nstruct Note {"));
  CHECK(contains(model, "}  // namespace acme::v1::models\n"));
  const std::string& client = files["include/acme/v1/client.hpp"];
  CHECK(contains(client, "#include \"acme/v1/environment.hpp\""));
  CHECK(contains(client, "namespace acme::v1 {\n\nclass NotesApi;"));
  CHECK_FALSE(contains(client, "struct ClientOptions;"));  // that would declare a new type
  CHECK(contains(files["src/client.cpp"], "#include \"acme/v1/notes_api.hpp\""));
  // The API reference spells the bindings' names in their namespace, the runtime's in dynamic.
  const std::string& page = files["docs/api/notes_api.md"];
  CHECK(contains(page, "acme::v1::Client client;"));
  CHECK(contains(page, "acme/v1/notes_api.hpp"));
  CHECK(contains(page, "acme::v1::models::Note"));
  CHECK_FALSE(contains(page, "dynamic::Client"));
  CHECK_FALSE(contains(page, "dynamic::models::"));
  // The CLI table stays the driver's (dynamic::cli) and names the bindings through a directive.
  const std::string& cli = files["cli/operations.cpp"];
  CHECK(contains(cli, "namespace dynamic::cli {\nusing namespace ::acme::v1;\n"));
  CHECK(contains(cli, "#include \"acme/v1/notes_api.hpp\""));
}

TEST_CASE("the default namespace is dynamic with no using-directive") {
  FileSet files = emit_all(notes_api("dynamic"));
  REQUIRE(files.count("include/dynamic/models/note.hpp") == 1);
  const std::string& model = files["include/dynamic/models/note.hpp"];
  CHECK(contains(model, "namespace dynamic::models {\n\nstruct Note {"));
  for (const auto& file : files) {
    const std::string& path = file.first;  // INFO captures it: no structured binding (clang)
    const std::string& text = file.second;
    INFO(path);
    CHECK_FALSE(contains(text, "using namespace"));
  }
}
