#include <doctest/doctest.h>

#include <filesystem>
#include <string>

#include "diagnostics.hpp"
#include "spec/document.hpp"

using namespace dyngen;

TEST_CASE("a JSON syntax error names the line and column") {
  try {
    Document::parse("{\n  \"openapi\": \"3.0.1\",\n  \"paths\": {,}\n}", "bad.json");
    FAIL("expected a SpecError");
  } catch (const SpecError& error) {
    CHECK(std::string(error.what()).rfind("bad.json:3:13: invalid JSON", 0) == 0);
  }
}

TEST_CASE("JSON pointers resolve escaped tokens and array indices") {
  Document doc = Document::parse(R"({"paths": {"/a/b": {"get": {"tags": ["x", "y"]}}}})", "s.json");
  CHECK(doc.at_pointer("#/paths/~1a~1b/get/tags/1", "").as_string() == "y");
  CHECK_THROWS_AS(doc.at_pointer("#/paths/~1a~1b/get/tags/2", "/here"), SpecError);
  try {
    doc.at_pointer("#/components/schemas/Nope", "/from/here");
  } catch (const SpecError& error) {
    CHECK(error.pointer() == "/from/here");
    CHECK(std::string(error.what()) == "$ref '#/components/schemas/Nope' points at nothing");
  }
}

TEST_CASE("pointer_append escapes ~ and /") {
  CHECK(pointer_append("/paths", "/a~b") == "/paths/~1a~0b");
}

TEST_CASE("a directory given as the spec is refused by name") {
  const std::string dir = std::filesystem::temp_directory_path().string();
  CHECK_THROWS_WITH_AS(
      Document::load(dir), doctest::Contains((dir + ": it is a directory").c_str()), SpecError);
}

TEST_CASE("a pointer through a $ref follows it") {
  Document doc =
      Document::parse(R"({"components": {"schemas": {"A": {"$ref": "#/components/schemas/B"},)"
                      R"( "B": {"properties": {"x": {"type": "string"}}}}}})",
                      "s.json");
  CHECK(doc.at_pointer("#/components/schemas/A/properties/x/type", "").as_string() == "string");
}

TEST_CASE("a pointer through a cycle of $refs is an error") {
  Document doc =
      Document::parse(R"({"components": {"schemas": {"A": {"$ref": "#/components/schemas/B"},)"
                      R"( "B": {"$ref": "#/components/schemas/A"}}}})",
                      "s.json");
  CHECK_THROWS_WITH_AS(doc.at_pointer("#/components/schemas/A/properties", "/here"),
                       doctest::Contains("cycle"),
                       SpecError);
}
