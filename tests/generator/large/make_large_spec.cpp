// Writes a large, deterministic OpenAPI 3.0 document for the size test of dyngen (issue 9): by
// default 1,200 operations over 240 resources in 60 tags, and 1,000 component schemas that
// refer to each other, about 13 MB once pretty-printed. Usage: make_large_spec OUT [SCHEMAS OPS].
#include <boost/json.hpp>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <string>

#include "spec/pretty_json.hpp"

namespace json = boost::json;

namespace {

const char* const kWords[] = {"account",
                              "ledger",
                              "invoice",
                              "shipment",
                              "parcel",
                              "route",
                              "wallet",
                              "device",
                              "session",
                              "policy",
                              "quota",
                              "region",
                              "cluster",
                              "volume",
                              "image",
                              "network",
                              "alert",
                              "report"};
constexpr int kWordCount = sizeof(kWords) / sizeof(kWords[0]);

/// Deterministic filler prose, so that descriptions have the length real documents give them.
std::string prose(int seed, int words) {
  std::string text;
  unsigned state = static_cast<unsigned>(seed) * 2654435761u + 1u;
  for (int i = 0; i < words; ++i) {
    state = state * 1103515245u + 12345u;
    text += (i == 0 ? "" : " ") + std::string(kWords[(state >> 16) % kWordCount]);
  }
  return text + ".";
}

std::string schema_name(int i) {
  char name[32];
  std::snprintf(name, sizeof(name), "%s%04d", kWords[i % kWordCount], i);
  name[0] = static_cast<char>(name[0] - 'a' + 'A');
  return name;
}

json::object schema_ref(const std::string& name) {
  return {{"$ref", "#/components/schemas/" + name}};
}

json::object schema(int i, int schemas) {
  json::object properties;
  auto add = [&](const char* key, json::object property, int words) {
    property["description"] = prose(i * 31 + static_cast<int>(properties.size()), words);
    properties[key] = std::move(property);
  };
  add("id", {{"type", "string"}, {"format", "uuid"}}, 120);
  add("name", {{"type", "string"}, {"maxLength", 255}}, 120);
  add("createdAt", {{"type", "string"}, {"format", "date-time"}}, 120);
  add("status", {{"type", "string"}, {"enum", {"active", "paused", "closed", "pending"}}}, 120);
  add("count", {{"type", "integer"}, {"format", "int32"}, {"minimum", 0}}, 120);
  add("amount", {{"type", "number"}}, 120);
  add("tags", {{"type", "array"}, {"items", {{"type", "string"}}}}, 120);
  add("metadata", {{"type", "object"}, {"additionalProperties", {{"type", "string"}}}}, 120);
  add("note", {{"type", "string"}, {"nullable", true}}, 120);
  add("owner", {{"allOf", {schema_ref(schema_name((i * 7 + 3) % schemas))}}}, 60);
  add("children",
      {{"type", "array"}, {"items", schema_ref(schema_name((i * 13 + 5) % schemas))}},
      60);
  if (i % 10 == 0) {
    add("either",
        {{"oneOf",
          {schema_ref(schema_name((i + 1) % schemas)),
           schema_ref(schema_name((i + 2) % schemas))}}},
        30);
  }
  json::object out{{"type", "object"},
                   {"required", {"id", "name"}},
                   {"properties", std::move(properties)},
                   {"description", prose(i, 120)}};
  if (i % 15 == 0) {
    return {{"allOf", {schema_ref(schema_name((i + 3) % schemas)), std::move(out)}}};
  }
  return out;
}

json::object errors() {
  json::object out;
  for (const char* status : {"400", "401", "404", "422", "429", "500"}) {
    out[status] = {{"$ref", std::string("#/components/responses/Error") + status}};
  }
  return out;
}

json::object answer(const std::string& name, bool list) {
  json::object body =
      list ? json::object{{"type", "object"},
                          {"properties",
                           {{"items", {{"type", "array"}, {"items", schema_ref(name)}}},
                            {"total", {{"type", "integer"}}}}}}
           : schema_ref(name);
  return {{"description", "ok"}, {"content", {{"application/json", {{"schema", body}}}}}};
}

json::object operation(const std::string& id, const std::string& tag, int seed) {
  return {{"operationId", id},
          {"tags", {tag}},
          {"summary", prose(seed, 8)},
          {"description", prose(seed + 7, 80)},
          {"responses", errors()}};
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2 && argc != 4) {
    std::cerr << "usage: make_large_spec OUT [SCHEMAS OPERATIONS]\n";
    return 1;
  }
  const int schemas = argc == 4 ? std::atoi(argv[2]) : 1000;
  const int operations = argc == 4 ? std::atoi(argv[3]) : 1200;
  json::object components_schemas;
  for (int i = 0; i < schemas; ++i) components_schemas[schema_name(i)] = schema(i, schemas);
  components_schemas["Error"] = {{"type", "object"},
                                 {"required", {"error"}},
                                 {"properties", {{"error", {{"type", "string"}}}}}};
  json::object responses;
  for (const char* status : {"400", "401", "404", "422", "429", "500"}) {
    responses[std::string("Error") + status] = {
        {"description", "error"},
        {"content", {{"application/json", {{"schema", schema_ref("Error")}}}}}};
  }
  json::object paths;
  const json::object id_param{
      {"name", "id"}, {"in", "path"}, {"required", true}, {"schema", {{"type", "string"}}}};
  for (int r = 0; r * 5 < operations; ++r) {
    const std::string name = schema_name(r % schemas);
    const std::string tag = "Area" + std::to_string(r / 4);
    const std::string base = "/v1/areas/" + std::to_string(r / 4) + "/" + name + "s";
    json::object list = operation("list" + name + "s", tag, r * 5);
    list["parameters"] = {
        {{"name", "offset"}, {"in", "query"}, {"schema", {{"type", "integer"}}}},
        {{"name", "limit"}, {"in", "query"}, {"schema", {{"type", "integer"}, {"maximum", 100}}}},
        {{"name", "status"},
         {"in", "query"},
         {"schema", {{"type", "string"}, {"enum", {"active", "closed"}}}}}};
    list["responses"].as_object()["200"] = answer(name, true);
    json::object create = operation("create" + name, tag, r * 5 + 1);
    create["requestBody"] = {{"required", true},
                             {"content", {{"application/json", {{"schema", schema_ref(name)}}}}}};
    create["responses"].as_object()["201"] = answer(name, false);
    json::object get = operation("get" + name, tag, r * 5 + 2);
    get["responses"].as_object()["200"] = answer(name, false);
    json::object update = operation("update" + name, tag, r * 5 + 3);
    update["requestBody"] = create["requestBody"];
    update["responses"].as_object()["200"] = answer(name, false);
    json::object remove = operation("delete" + name, tag, r * 5 + 4);
    remove["responses"].as_object()["204"] = {{"description", "deleted"}};
    paths[base] = {{"get", std::move(list)}, {"post", std::move(create)}};
    paths[base + "/{id}"] = {{"parameters", {id_param}},
                             {"get", std::move(get)},
                             {"put", std::move(update)},
                             {"delete", std::move(remove)}};
  }
  json::value document = {
      {"openapi", "3.0.3"},
      {"info", {{"title", "Large synthetic API"}, {"version", "1"}}},
      {"paths", std::move(paths)},
      {"components", {{"schemas", std::move(components_schemas)}, {"responses", responses}}}};
  std::ofstream out(argv[1], std::ios::binary);
  out << dyngen::pretty_json(document);
  return out ? 0 : 1;
}
