// The mock's behaviour without a network: authentication, routing, request checks against the
// spec, answers that conform to the declared responses, determinism and faults.
#include <doctest/doctest.h>

#include <boost/json.hpp>
#include <string>

#include "fake_transport.hpp"
#include "mock_service.hpp"

using namespace dynamic::mock;
namespace json = boost::json;

namespace {

const char* const kSpec = R"({
  "openapi": "3.0.3",
  "info": {"title": "t", "version": "1"},
  "servers": [{"url": "https://api.example.test/api/v0"}],
  "security": [{"bearer": []}],
  "components": {
    "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
    "schemas": {
      "Pet": {"type": "object", "required": ["id", "name"], "properties": {
        "id": {"type": "string", "format": "uuid"},
        "name": {"type": "string", "maxLength": 10},
        "kind": {"type": "string", "enum": ["cat", "dog"]},
        "age": {"type": "integer", "minimum": 0, "maximum": 30},
        "tags": {"type": "array", "items": {"type": "string"}},
        "owner": {"$ref": "#/components/schemas/Pet"}}},
      "Error": {"type": "object", "required": ["error"], "properties": {
        "error": {"type": "string"}, "code": {"type": "string", "enum": ["bad"]}}}
    }
  },
  "paths": {
    "/pets": {
      "get": {"parameters": [
          {"name": "limit", "in": "query", "schema": {"type": "integer", "maximum": 50}},
          {"name": "kind", "in": "query", "required": true, "schema": {"type": "string", "enum": ["cat", "dog"]}}],
        "responses": {"200": {"description": "ok", "content": {"application/json": {"schema":
          {"type": "array", "items": {"$ref": "#/components/schemas/Pet"}}}}}}},
      "post": {"requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Pet"}}}},
        "responses": {"201": {"description": "ok", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Pet"}}}},
          "422": {"description": "bad", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}}}
    },
    "/pets/me": {"get": {"security": [], "responses": {"204": {"description": "none"}}}},
    "/pets/{petId}": {
      "parameters": [{"name": "petId", "in": "path", "required": true, "schema": {"type": "string", "format": "uuid"}}],
      "get": {"responses": {"200": {"description": "ok", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Pet"}}}},
        "401": {"description": "no", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}}}
    }
  }
})";

const std::string kPetId = "95b11417-f18f-457f-8804-68e361f9164f";

MockOptions stateless() {
  MockOptions options;
  options.stateful = false;
  return options;
}

/// Stateless unless asked: any pet id is found.
MockService make_service(MockOptions options = stateless()) {
  return MockService(dyngen::Document::parse(kSpec, "spec.json"), options);
}

MockRequest request(std::string method, std::string target, std::string body = {}) {
  MockRequest out;
  out.method = std::move(method);
  out.target = "/api/v0" + target;
  out.headers["authorization"] = "Bearer " + dynamic::testing::valid_token();
  out.body = std::move(body);
  return out;
}

std::string error_of(const MockResponse& response) {
  return std::string(json::parse(response.body).at("error").as_string());
}

}  // namespace

TEST_CASE("mock: a missing or malformed bearer token gets 401 with the spec's error body") {
  MockService service = make_service();
  MockRequest missing = request("GET", "/pets/" + kPetId);
  missing.headers.erase("authorization");
  MockResponse response = service.handle(missing);
  CHECK(response.status == 401);
  CHECK(error_of(response) == "missing bearer token");
  MockRequest malformed = request("GET", "/pets/" + kPetId);
  malformed.headers["authorization"] = "Bearer dyn_short";
  response = service.handle(malformed);
  CHECK(response.status == 401);
  CHECK(error_of(response).find("malformed bearer token") == 0);
  // An operation whose security is [] needs no token; a literal path wins over {petId}.
  MockRequest open = request("GET", "/pets/me");
  open.headers.erase("authorization");
  CHECK(service.handle(open).status == 204);
}

TEST_CASE("mock: an unknown path gets 404 and a wrong method 405 with Allow") {
  MockService service = make_service();
  CHECK(service.handle(request("GET", "/nothing")).status == 404);
  MockResponse response = service.handle(request("DELETE", "/pets"));
  CHECK(response.status == 405);
  REQUIRE(response.headers.size() == 2);
  CHECK(response.headers[1].first == "Allow");
  CHECK(response.headers[1].second == "GET, POST");
}

// Found by fuzz/mock_validation.cpp: the request's bytes were echoed into the body as they came,
// so a path or value that is not UTF-8 gave a body that is not JSON.
TEST_CASE("mock: request text that is not UTF-8 is answered with a JSON body") {
  MockService service = make_service();
  MockResponse response = service.handle(request("GET", "/nothing/\xC7\xC7-\xF0\x9F"));
  CHECK(response.status == 404);
  CHECK(error_of(response) == "no operation at /api/v0/nothing/\uFFFD\uFFFD-\uFFFD\uFFFD");
  response = service.handle(request("GET", "/pets?kind=%C0%AF%ED%A0%80"));  // overlong, surrogate
  CHECK(response.status == 400);
  CHECK(error_of(response).find("/query/kind: value \"\uFFFD") == 0);
  // Well-formed UTF-8 is kept as it is.
  response = service.handle(request("GET", "/pets?kind=%C3%A9%E2%82%AC%F0%9F%90%88"));
  CHECK(error_of(response) == R"(/query/kind: value "é€🐈" is not one of ["cat","dog"])");
}

// Found by fuzz/mock_validation.cpp: std::regex's default matcher recursed once per character,
// so a long value against a pattern like this URL's overflowed the stack and crashed the mock.
TEST_CASE("mock: a long value is checked against a pattern in bounded stack and time") {
  const dyngen::Document document = dyngen::Document::parse(R"({"components": {"schemas": {
    "Url": {"type": "string", "pattern": "^(https:\\/\\/)[a-z0-9]+([-.]+[a-z0-9]+)*\\.[a-z]{2,10}(\\/.*)?$"},
    "Nested": {"type": "string", "pattern": "^(a+)+$"}}}})",
                                                            "spec.json");
  const SchemaCheck check(document);
  const json::value& schemas = document.root().at_pointer("/components/schemas");
  const std::string path(1'000'000, 'x');
  CHECK(check.check(json::value("https://example.com/" + path), schemas.at("Url")).empty());
  CHECK(check.check(json::value("http://example.com/" + path), schemas.at("Url")).size() == 1);
  // Nested repetition that a backtracking matcher needs 2^40 steps to refuse.
  CHECK(check.check(json::value(std::string(40, 'a') + "!"), schemas.at("Nested")).size() == 1);
  CHECK(check.check(json::value(std::string(40, 'a')), schemas.at("Nested")).empty());
}

TEST_CASE("mock: parameters are checked against their schemas and named by pointer") {
  MockService service = make_service();
  CHECK(error_of(service.handle(request("GET", "/pets"))) ==
        "/query/kind: required parameter is missing");
  CHECK(error_of(service.handle(request("GET", "/pets?kind=cow"))) ==
        R"(/query/kind: value "cow" is not one of ["cat","dog"])");
  CHECK(error_of(service.handle(request("GET", "/pets?kind=cat&limit=many"))) ==
        "/query/limit: expected integer, got string");
  CHECK(error_of(service.handle(request("GET", "/pets?kind=cat&limit=51"))) ==
        "/query/limit: above the maximum 50");
  CHECK(error_of(service.handle(request("GET", "/pets/not-a-uuid"))) ==
        "/path/petId: not a valid uuid");
  CHECK(service.handle(request("GET", "/pets?kind=cat&limit=5")).status == 200);
}

TEST_CASE("mock: bodies are checked against their schema and answered 422 where declared") {
  MockService service = make_service();
  MockResponse response = service.handle(request("POST", "/pets", R"({"id":"x","name":"Rex"})"));
  CHECK(response.status == 422);
  CHECK(error_of(response) == "/body/id: not a valid uuid");
  // The error body is the declared Error schema, with the message in `error`.
  CHECK(json::parse(response.body).at("code") == "bad");
  CHECK(error_of(service.handle(request("POST", "/pets", R"({"id":")" + kPetId + R"("})"))) ==
        "/body/name: required field is missing");
  CHECK(error_of(service.handle(
            request("POST", "/pets", R"({"id":")" + kPetId + R"(","name":"a name too long"})"))) ==
        "/body/name: longer than 10 characters");
  response = service.handle(request("POST", "/pets", "{not json"));
  CHECK(response.status == 400);
  CHECK(error_of(response).rfind("/body: not valid JSON", 0) == 0);
  CHECK(service.handle(request("POST", "/pets")).status == 422);
  CHECK(service.handle(request("POST", "/pets", R"({"id":")" + kPetId + R"(","name":"Rex"})"))
            .status == 201);
}

TEST_CASE("mock: answers conform to the declared schema and depend only on the seed") {
  dyngen::Document document = dyngen::Document::parse(kSpec, "spec.json");
  SchemaCheck check(document);
  MockService service = make_service();
  MockResponse first = service.handle(request("GET", "/pets?kind=dog"));
  REQUIRE(first.status == 200);
  json::value body = json::parse(first.body);
  const json::value& schema =
      document.at_pointer("/paths/~1pets/get/responses/200/content/application~1json/schema", "");
  CHECK(check.check(body, schema).empty());
  CHECK(body.as_array().size() == 2);
  CHECK(make_service().handle(request("GET", "/pets?kind=dog")).body == first.body);
  MockOptions other = stateless();
  other.seed = 2;
  CHECK(make_service(other).handle(request("GET", "/pets?kind=dog")).body != first.body);
}

TEST_CASE("mock: faults by header answer the status a given number of times") {
  MockService service = make_service();
  MockRequest faulty = request("GET", "/pets/" + kPetId);
  faulty.headers["x-mock-fault"] = "status=503;times=2";
  CHECK(service.handle(faulty).status == 503);
  CHECK(service.handle(faulty).status == 503);
  CHECK(service.handle(faulty).status == 200);
  faulty.headers["x-mock-fault"] = "status=429;retry-after=1";
  MockResponse limited = service.handle(faulty);
  CHECK(limited.status == 429);
  CHECK(limited.headers.back() == std::make_pair(std::string("Retry-After"), std::string("1")));
  faulty.headers["x-mock-fault"] = "delay-ms=1500";
  MockResponse slow = service.handle(faulty);
  CHECK(slow.status == 200);
  CHECK(slow.delay_ms == 1500);
  CHECK(parse_fault("status=503; times=2;drop") ==
        std::map<std::string, std::string>{{"status", "503"}, {"times", "2"}, {"drop", ""}});
}

TEST_CASE("mock: what a collection creates can be listed and read and updated and deleted") {
  MockService service = make_service(MockOptions{});
  // First use seeds the collection with three generated pets; limit and offset page through it.
  json::value seeded = json::parse(service.handle(request("GET", "/pets?kind=cat")).body);
  REQUIRE(seeded.as_array().size() == 3);
  CHECK(json::parse(service.handle(request("GET", "/pets?kind=cat&limit=2")).body)
            .as_array()
            .size() == 2);
  MockResponse created = service.handle(
      request("POST", "/pets", R"({"id":")" + kPetId + R"(","name":"Rex","age":4})"));
  REQUIRE(created.status == 201);
  json::value pet = json::parse(created.body);
  // The mock assigns the id; the fields sent are kept.
  const std::string id(pet.at("id").as_string());
  CHECK(id != kPetId);
  CHECK(pet.at("name") == "Rex");
  CHECK(pet.at("age") == 4);
  CHECK(json::parse(service.handle(request("GET", "/pets/" + id)).body) == pet);
  json::value all = json::parse(service.handle(request("GET", "/pets?kind=cat&offset=3")).body);
  REQUIRE(all.as_array().size() == 1);
  CHECK(all.as_array()[0] == pet);
  // An unknown id is the spec's 404 body.
  MockResponse missing = service.handle(request("GET", "/pets/" + kPetId));
  CHECK(missing.status == 404);
  CHECK(error_of(missing) == "no petId " + kPetId + " in /pets");
}

TEST_CASE("mock: a data set replaces the generated entries and bad ones are named") {
  MockService service = make_service(MockOptions{});
  service.load_data(
      json::parse(R"({"/pets": [{"id": "p1", "name": "Ada"}, {"id": "p2", "name": "Bo"}]})"));
  json::value pets = json::parse(service.handle(request("GET", "/pets?kind=cat")).body);
  REQUIRE(pets.as_array().size() == 2);
  CHECK(pets.as_array()[1].at("name") == "Bo");
  CHECK_THROWS_WITH_AS(service.load_data(json::parse(R"({"/cats": []})")),
                       "data set: /cats is not a collection of the spec",
                       std::invalid_argument);
}

TEST_CASE("mock: a 2XX range answer is sent as 200") {
  MockService service(dyngen::Document::parse(R"({"openapi": "3.0.3",
    "info": {"title": "t", "version": "1"},
    "paths": {"/ping": {"get": {"responses": {"2XX": {"description": "ok", "content":
      {"application/json": {"schema": {"type": "object", "required": ["ok"],
        "properties": {"ok": {"type": "boolean"}}}}}}}}}}})",
                                              "spec.json"),
                      stateless());
  MockRequest ping;
  ping.method = "GET";
  ping.target = "/ping";
  MockResponse response = service.handle(ping);
  CHECK(response.status == 200);
  CHECK(json::parse(response.body).at("ok").is_bool());
}
