#include <doctest/doctest.h>

#include <boost/json.hpp>
#include <cmath>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <limits>
#include <string>
#include <vector>

#include "diagnostics.hpp"
#include "spec/document.hpp"
#include "spec/yaml.hpp"

using namespace dyngen;
namespace json = boost::json;

namespace {

json::value yaml(const std::string& text) { return yaml_to_json(text, "t.yaml"); }

// The message of the SpecError that converting `text` throws, or "(no error)".
std::string yaml_error(const std::string& text) {
  try {
    yaml_to_json(text, "bad.yaml");
  } catch (const SpecError& error) {
    CHECK(error.pointer().empty());
    return error.what();
  }
  return "(no error)";
}

std::vector<std::string> keys(const json::value& value) {
  std::vector<std::string> out;
  for (const auto& entry : value.as_object()) out.emplace_back(entry.key());
  return out;
}

const std::filesystem::path kReferenceDir = DYNAMIC_REFERENCE_DIR;

}  // namespace

TEST_CASE("plain scalars are typed by the YAML 1.2 core schema") {
  struct Row {
    const char* text;
    json::value expected;
  };
  const std::vector<Row> rows = {
      {"", nullptr},
      {"~", nullptr},
      {"null", nullptr},
      {"Null", nullptr},
      {"NULL", nullptr},
      {"nULL", "nULL"},
      {"true", true},
      {"True", true},
      {"TRUE", true},
      {"false", false},
      {"False", false},
      {"FALSE", false},
      {"yes", "yes"},
      {"no", "no"},
      {"on", "on"},
      {"tRUE", "tRUE"},
      {"0", std::int64_t{0}},
      {"42", std::int64_t{42}},
      {"-17", std::int64_t{-17}},
      {"+17", std::int64_t{17}},
      {"0755", std::int64_t{755}},
      {"0o17", std::int64_t{15}},
      {"0x1F", std::int64_t{31}},
      {"0xff", std::int64_t{255}},
      {"0x", "0x"},
      {"0o8", "0o8"},
      {"-0x1", "-0x1"},
      {"1_000", "1_000"},
      {"9223372036854775807", std::numeric_limits<std::int64_t>::max()},
      {"-9223372036854775808", std::numeric_limits<std::int64_t>::min()},
      {"9223372036854775808", std::uint64_t{9223372036854775808ULL}},
      {"18446744073709551615", std::numeric_limits<std::uint64_t>::max()},
      {"18446744073709551616", 18446744073709551616.0},
      {"-9223372036854775809", -9223372036854775809.0},
      {"0xFFFFFFFFFFFFFFFF", std::numeric_limits<std::uint64_t>::max()},
      {"1.5", 1.5},
      {"-1.5", -1.5},
      {"1.", 1.0},
      {".5", 0.5},
      {"+.5", 0.5},
      {"1e3", 1000.0},
      {"1.5E-2", 0.015},
      {"-2.5e+2", -250.0},
      {"1e", "1e"},
      {".", "."},
      {"1.0.0", "1.0.0"},
      {"3.0.1", "3.0.1"},
      {"12:30", "12:30"},
      {"2024-01-01", "2024-01-01"},
      {"0.1.2-beta", "0.1.2-beta"},
      {"hello world", "hello world"},
      {"Infinity", "Infinity"},
  };
  for (const Row& row : rows) {
    CAPTURE(row.text);
    json::value value = yaml_plain_scalar(row.text);
    CHECK(value.kind() == row.expected.kind());
    CHECK(value == row.expected);
  }
  CHECK(yaml_plain_scalar(".inf").as_double() == std::numeric_limits<double>::infinity());
  CHECK(yaml_plain_scalar("+.Inf").as_double() == std::numeric_limits<double>::infinity());
  CHECK(yaml_plain_scalar("-.INF").as_double() == -std::numeric_limits<double>::infinity());
  CHECK(std::isnan(yaml_plain_scalar(".nan").as_double()));
  CHECK(std::isnan(yaml_plain_scalar(".NaN").as_double()));
  CHECK(yaml_plain_scalar(".NAN").is_double());
  CHECK(yaml_plain_scalar("-.nan").is_string());
  CHECK(yaml_plain_scalar("1e999").as_double() == std::numeric_limits<double>::infinity());
}

TEST_CASE("quoted and block scalars stay strings and plain ones are typed") {
  json::value doc = yaml(R"(plain_int: 1
single: '1'
double: "1"
plain_bool: true
quoted_bool: 'true'
plain_null: null
quoted_null: "null"
empty:
quoted_empty: ''
version: 1.0.0
float_version: 1.0
literal: |
  42
folded: >
  true
str_tag: !!str 12
int_tag: !!int "12"
float_tag: !!float 3
bool_tag: !!bool "false"
null_tag: !!null ""
custom_tag: !thing 12
bang_tag: ! 12
)");
  const json::object& o = doc.as_object();
  CHECK(o.at("plain_int") == 1);
  CHECK(o.at("single") == "1");
  CHECK(o.at("double") == "1");
  CHECK(o.at("plain_bool") == true);
  CHECK(o.at("quoted_bool") == "true");
  CHECK(o.at("plain_null").is_null());
  CHECK(o.at("quoted_null") == "null");
  CHECK(o.at("empty").is_null());
  CHECK(o.at("quoted_empty") == "");
  CHECK(o.at("version") == "1.0.0");
  CHECK(o.at("float_version").is_double());
  CHECK(o.at("literal") == "42\n");
  CHECK(o.at("folded") == "true\n");
  CHECK(o.at("str_tag") == "12");
  CHECK(o.at("int_tag") == 12);
  CHECK(o.at("float_tag").as_double() == 3.0);
  CHECK(o.at("bool_tag") == false);
  CHECK(o.at("null_tag").is_null());
  CHECK(o.at("custom_tag") == "12");
  CHECK(o.at("bang_tag") == "12");
  CHECK(yaml_error("a: !!int twelve\n") ==
        "bad.yaml:1:4: invalid YAML ('twelve' is not a valid !!int)");
}

TEST_CASE("mapping keys keep document order and their source text") {
  json::value doc = yaml("zeta: 1\nalpha: 2\n200: ok\n'404': missing\ntrue: yes\nmiddle: 3\n");
  CHECK(keys(doc) == std::vector<std::string>{"zeta", "alpha", "200", "404", "true", "middle"});
  CHECK(json::serialize(doc) ==
        R"({"zeta":1,"alpha":2,"200":"ok","404":"missing","true":"yes","middle":3})");
}

TEST_CASE("nested block and flow collections convert to objects and arrays") {
  json::value doc = yaml(R"(
paths:
  /things/{id}:
    get:
      tags: [Things, "Other"]
      parameters:
        - name: id
          in: path
          required: true
          schema: {type: string, format: uuid}
      responses:
        '200':
          description: ok
empty_list: []
empty_map: {}
list_of_lists:
  - [1, 2]
  - - 3
    - 4
)");
  CHECK(json::serialize(doc) ==
        R"({"paths":{"/things/{id}":{"get":{"tags":["Things","Other"],"parameters":[{"name":"id",)"
        R"("in":"path","required":true,"schema":{"type":"string","format":"uuid"}}],)"
        R"("responses":{"200":{"description":"ok"}}}}},"empty_list":[],"empty_map":{},)"
        R"("list_of_lists":[[1,2],[3,4]]})");
}

TEST_CASE("anchors and aliases are expanded") {
  json::value doc = yaml(R"(
base: &base {type: object, properties: {id: {type: string}}}
copy: *base
name: &name Id
names: [*name, *name]
*name : aliased key
)");
  CHECK(doc.at("copy") == doc.at("base"));
  CHECK(doc.at("copy").at("properties").at("id").at("type") == "string");
  CHECK(doc.at("names") == json::array{"Id", "Id"});
  CHECK(doc.at("Id") == "aliased key");
}

TEST_CASE("merge keys apply with explicit keys winning") {
  json::value doc = yaml(R"(
a: &a {x: 1, y: 2}
b: &b {y: 3, z: 4}
one:
  first: 0
  <<: *a
  x: 10
many:
  <<: [*a, *b]
  w: 5
quoted:
  '<<': literal
)");
  CHECK(json::serialize(doc.at("one")) == R"({"first":0,"y":2,"x":10})");
  CHECK(json::serialize(doc.at("many")) == R"({"x":1,"y":2,"z":4,"w":5})");
  CHECK(json::serialize(doc.at("quoted")) == R"({"<<":"literal"})");
  CHECK(yaml_error("a:\n  <<: 3\n") ==
        "bad.yaml:2:3: invalid YAML (a merge key '<<' needs a mapping or a sequence of mappings)");
}

TEST_CASE("a YAML syntax error names the line and column") {
  CHECK(yaml_error("openapi: 3.0.1\npaths:\n  /a: [1, 2\n  /b: 3\n") ==
        "bad.yaml:4:5: invalid YAML (end of sequence flow not found)");
  CHECK(yaml_error("a: 1\n b: 2\n") == "bad.yaml:2:3: invalid YAML (illegal map value)");
  CHECK(yaml_error("a: b: c\n") == "bad.yaml:1:5: invalid YAML (illegal map value)");
  CHECK(yaml_error("key: \"unterminated") == "bad.yaml:1:19: invalid YAML (illegal EOF in scalar)");
}

TEST_CASE("a duplicate key is an error naming the key and its line") {
  CHECK(yaml_error("info:\n  title: a\n  version: 1\n  title: b\n") ==
        "bad.yaml:4:3: invalid YAML (duplicate key 'title', first at line 2)");
  CHECK(yaml_error("{a: 1, a: 2}") ==
        "bad.yaml:1:8: invalid YAML (duplicate key 'a', first at line 1)");
  CHECK(yaml_error("a:\n  <<: {x: 1}\n  <<: {y: 1}\n") ==
        "bad.yaml:3:3: invalid YAML (duplicate key '<<', first at line 2)");
  // The same key in sibling mappings is fine.
  CHECK(yaml("a: {k: 1}\nb: {k: 2}\n").at("b").at("k") == 2);
}

TEST_CASE("keys that are not scalars and recursive aliases are errors") {
  CHECK(yaml_error("? [a, b]\n: 1\n") ==
        "bad.yaml:1:3: invalid YAML (a mapping key is not a scalar)");
  CHECK(yaml_error("{a: 1}: 2\n") == "bad.yaml:1:1: invalid YAML (a mapping key is not a scalar)");
  CHECK(yaml_error("a: &x [1, *x]\n") ==
        "bad.yaml:1:11: invalid YAML (an alias refers to a node that contains it)");
  CHECK(yaml_error("a: *nowhere\n").rfind("bad.yaml:1:", 0) == 0);
}

TEST_CASE("aliases that expand without bound are refused") {
  std::string text = "l0: &l0 [x, x, x, x, x, x, x, x, x, x]\n";
  for (int level = 1; level < 8; ++level) {
    std::string previous = "*l" + std::to_string(level - 1);
    text += "l" + std::to_string(level) + ": &l" + std::to_string(level) + " [";
    for (int i = 0; i < 10; ++i) text += (i == 0 ? "" : ", ") + previous;
    text += "]\n";
  }
  CHECK(yaml_error(text).find("aliases expand to more than 1000000 nodes") != std::string::npos);
}

TEST_CASE("a YAML stream must hold exactly one document") {
  CHECK(yaml_error("") == "bad.yaml:1:1: invalid YAML (no document)");
  CHECK(yaml_error("# only a comment\n") == "bad.yaml:1:1: invalid YAML (no document)");
  CHECK(yaml_error("a: 1\n---\nb: 2\n") == "bad.yaml:2:1: invalid YAML (more than one document)");
  CHECK(yaml("---\na: 1\n...\n").at("a") == 1);
  CHECK(yaml("- 1\n- two\n") == json::array{1, "two"});
  CHECK(yaml("just text") == "just text");
}

TEST_CASE("Document::load reads YAML by file name and JSON otherwise") {
  const std::filesystem::path dir = std::filesystem::temp_directory_path() / "dyngen_yaml_test";
  std::filesystem::create_directories(dir);
  const std::string yaml_text = "openapi: 3.0.1\ninfo: {title: t, version: '1'}\npaths: {}\n";
  for (const char* file : {"spec.yaml", "spec.yml", "SPEC.YAML"}) {
    std::ofstream(dir / file) << yaml_text;
    Document doc = Document::load((dir / file).string());
    CHECK(doc.name() == file);
    CHECK(doc.root().at("info").at("version") == "1");
  }
  std::ofstream(dir / "spec.json") << yaml_text;
  try {
    Document::load((dir / "spec.json").string());
    FAIL("expected a SpecError");
  } catch (const SpecError& error) {
    CHECK(std::string(error.what()).rfind("spec.json:1:1: invalid JSON", 0) == 0);
  }
  std::ofstream(dir / "bad.yaml") << "a: 1\na: 2\n";
  CHECK_THROWS_WITH_AS(Document::load((dir / "bad.yaml").string()),
                       "bad.yaml:2:1: invalid YAML (duplicate key 'a', first at line 1)",
                       SpecError);
  std::filesystem::remove_all(dir);
}

TEST_CASE("the Dynamic dashboard YAML loads with all its paths and schemas") {
  const std::filesystem::path file = kReferenceDir / "dynamic-dashboard.openapi.yaml";
  if (!std::filesystem::exists(file)) {
    MESSAGE("skipped: " << file.string() << " does not exist");
    return;
  }
  Document doc = Document::load(file.string());
  CHECK(doc.name() == "dynamic-dashboard.openapi.yaml");
  const json::object& root = doc.root().as_object();
  CHECK(root.at("openapi") == "3.0.1");
  CHECK(root.at("info").at("version") == "1.0.0");
  CHECK(root.at("paths").as_object().size() == 257);
  CHECK(root.at("components").at("schemas").as_object().size() == 612);
  CHECK(keys(doc.root()).front() == "openapi");
}

TEST_CASE("the dashboard YAML agrees with the admin JSON subset") {
  const std::filesystem::path yaml_file = kReferenceDir / "dynamic-dashboard.openapi.yaml";
  const std::filesystem::path json_file = kReferenceDir / "dynamic-admin.openapi.json";
  if (!std::filesystem::exists(yaml_file) || !std::filesystem::exists(json_file)) {
    MESSAGE("skipped: the reference documents are not in " << kReferenceDir.string());
    return;
  }
  const json::value full = Document::load(yaml_file.string()).root();
  const json::value admin = Document::load(json_file.string()).root();
  // Serialised text compares types and key order too.
  CHECK(json::serialize(full.at("components").at("schemas").at("TokenScopes")) ==
        json::serialize(admin.at("components").at("schemas").at("TokenScopes")));
  CHECK(json::serialize(full.at("paths").at("/environments/{environmentId}/tokens")) ==
        json::serialize(admin.at("paths").at("/environments/{environmentId}/tokens")));
  // Every path and component of the subset is the same in the full document.
  std::size_t compared = 0;
  for (const auto& path : admin.at("paths").as_object()) {
    CAPTURE(std::string(path.key()));
    CHECK(json::serialize(full.at("paths").at(path.key())) == json::serialize(path.value()));
    ++compared;
  }
  for (const auto& section : admin.at("components").as_object()) {
    for (const auto& entry : section.value().as_object()) {
      CAPTURE(std::string(section.key()) + "/" + std::string(entry.key()));
      CHECK(json::serialize(full.at("components").at(section.key()).at(entry.key())) ==
            json::serialize(entry.value()));
      ++compared;
    }
  }
  CHECK(compared > 131 + 350);
}

TEST_CASE("nesting is limited to kMaxNesting levels in YAML as in JSON") {
  // `depth` levels: the root sequence and depth - 1 nested in it.
  auto nested = [](std::size_t depth) { return std::string(depth, '[') + std::string(depth, ']'); };
  CHECK(yaml(nested(kMaxNesting)).is_array());
  CHECK(Document::parse(nested(kMaxNesting), "t.json").root().is_array());
  const std::string limit = std::to_string(kMaxNesting);
  CHECK(yaml_error(nested(kMaxNesting + 1)) == "bad.yaml:1:" + std::to_string(kMaxNesting + 1) +
                                                   ": invalid YAML (nesting deeper than " + limit +
                                                   " levels)");
  CHECK_THROWS_WITH_AS(Document::parse(nested(kMaxNesting + 1), "bad.json"),
                       ("bad.json:1:" + std::to_string(kMaxNesting + 1) +
                        ": invalid JSON (nesting deeper than " + limit + " levels)")
                           .c_str(),
                       SpecError);
  // Far past the limit the answer is the same, not a stack overflow in yaml-cpp.
  CHECK(yaml_error("- " + nested(100000)).find("nesting deeper than") != std::string::npos);
}
