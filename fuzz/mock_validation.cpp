// Fuzz target: dynamic-mock's request validation against spec/dynamic.openapi.json.
//
// Input, in one of two text forms (readable seeds, and libFuzzer mutates them well):
//  - "#schema <Name>\n<JSON>": the JSON value checked against components/schemas/<Name>
//    (SchemaCheck, mock/src/schema_check.cpp);
//  - an HTTP-like request: "<METHOD> <target>\n", "name: value" header lines, an empty line, the
//    body. It goes through MockService::handle with a valid bearer token (unless the input sends
//    its own Authorization), so routing, parameter typing and checks and body checks all run.
// The mock must answer every request (no exception, crash or sanitizer report), with a status it
// documents and a body that is JSON; a schema problem must point into the checked value.
#include <algorithm>
#include <boost/json.hpp>
#include <cctype>
#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>

#include "fuzz_check.hpp"
#include "mock_service.hpp"
#include "schema_check.hpp"
#include "spec/document.hpp"

namespace {

namespace json = boost::json;

const dyngen::Document& spec() {
  static const dyngen::Document document = dyngen::Document::load(DYNAMIC_FUZZ_SPEC_PATH);
  return document;
}

dynamic::mock::MockService& service() {
  // Stateless: what one input creates must not change how the next is answered.
  static dynamic::mock::MockService mock(spec(), dynamic::mock::MockOptions{1, "", false});
  return mock;
}

std::string_view take_line(std::string_view& text) {
  const std::size_t end = std::min(text.find('\n'), text.size());
  std::string_view line = text.substr(0, end);
  text.remove_prefix(std::min(end + 1, text.size()));
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  return line;
}

void check_schema(std::string_view name, std::string_view body) {
  const json::value* schemas =
      spec().root().as_object().at("components").as_object().if_contains("schemas");
  const json::value* schema = schemas->as_object().if_contains(name);
  if (schema == nullptr) return;
  json::error_code ec;
  const json::value value = json::parse(body, ec);
  if (ec) return;
  const dynamic::mock::SchemaCheck check(spec());
  for (const dynamic::mock::Problem& problem : check.check(value, *schema)) {
    FUZZ_CHECK(problem.pointer.empty() || problem.pointer.front() == '/');
    FUZZ_CHECK(!problem.message.empty());
    // The value itself, or a member that is missing from an object that is there.
    const std::string parent = problem.pointer.substr(0, problem.pointer.rfind('/'));
    json::error_code missing;
    FUZZ_CHECK(value.find_pointer(problem.pointer.empty() ? "" : parent, missing) != nullptr);
  }
}

void check_request(std::string_view text) {
  dynamic::mock::MockRequest request;
  std::string_view line = take_line(text);
  const std::size_t space = line.find(' ');
  if (space == std::string_view::npos) return;
  request.method = std::string(line.substr(0, space));
  request.target = std::string(line.substr(space + 1));
  while (!text.empty()) {
    line = take_line(text);
    if (line.empty()) break;
    const std::size_t colon = line.find(':');
    if (colon == std::string_view::npos) continue;
    std::string name(line.substr(0, colon));
    for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    std::string_view value = line.substr(colon + 1);
    while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
    request.headers[name] = std::string(value);
  }
  request.body = std::string(text);
  // Faults are not validation, and each distinct `times=` fault is remembered for good.
  request.headers.erase("x-mock-fault");
  request.headers.emplace("authorization",
                          "Bearer dyn_" + std::string(56, 'a'));  // kept if the input has one

  const dynamic::mock::MockResponse response = service().handle(request);
  FUZZ_CHECK(response.status >= 200 && response.status <= 599);
  FUZZ_CHECK(response.cut_after < 0 && response.delay_ms == 0);
  if (!response.body.empty()) {
    json::error_code ec;
    const json::value body = json::parse(response.body, ec);
    FUZZ_CHECK(!ec);
    if (response.status >= 400) {
      // Dynamic's error bodies: {"error": "..."} or {"error": {"message": "...", ...}}.
      const json::object* object = body.if_object();
      FUZZ_CHECK(object != nullptr && object->contains("error"));
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  constexpr std::string_view kSchema = "#schema ";
  if (text.substr(0, kSchema.size()) == kSchema) {
    text.remove_prefix(kSchema.size());
    const std::string_view name = take_line(text);
    check_schema(name, text);
  } else {
    check_request(text);
  }
  return 0;
}
