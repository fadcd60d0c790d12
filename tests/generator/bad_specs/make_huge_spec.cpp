// Writes a valid OpenAPI document of about 50 MB for the bad-input corpus, streamed (no DOM), so
// that the test does not check 50 MB in. Usage:
//   make_huge_spec OUT string   one operation, and a 50 MiB info.description
//   make_huge_spec OUT schemas  one operation reaching one of 200,000 component schemas
#include <cstdio>
#include <fstream>
#include <iostream>
#include <string>

namespace {

constexpr const char* kHead = R"({"openapi": "3.0.3", "info": {"title": "huge", "version": "1")";
constexpr const char* kPaths =
    R"("paths": {"/a": {"get": {"operationId": "getA", "responses": {"200": {"description": "ok", )"
    R"("content": {"application/json": {"schema": {"$ref": "#/components/schemas/S000000"}}}}}}}})";

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: make_huge_spec OUT string|schemas\n";
    return 64;
  }
  std::ofstream out(argv[1], std::ios::binary);
  const std::string mode = argv[2];
  out << kHead;
  if (mode == "string") {
    // One string of 50 MiB: a description with an embedded image, say.
    out << R"(, "description": ")" << std::string(50u << 20, 'x') << "\"}, " << kPaths
        << R"(, "components": {"schemas": {"S000000": {"type": "object"}}}})"
        << "\n";
  } else if (mode == "schemas") {
    // 200,000 objects of about 265 bytes; only the first is reachable from an operation.
    out << "}, " << kPaths << R"(, "components": {"schemas": {)";
    const std::string padding(200, 'p');
    for (int i = 0; i < 200000; ++i) {
      char name[16];
      std::snprintf(name, sizeof(name), "S%06d", i);
      out << (i == 0 ? "" : ", ") << '"' << name << R"(": {"type": "object", "description": ")"
          << padding << R"(", "properties": {"id": {"type": "string"}}})";
    }
    out << "}}}\n";
  } else {
    std::cerr << "make_huge_spec: unknown mode " << mode << "\n";
    return 64;
  }
  out.close();
  return out ? 0 : 74;
}
