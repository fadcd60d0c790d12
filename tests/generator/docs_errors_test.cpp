// The API reference says which error class each status throws; the runtime decides it
// (runtime/src/error_mapping.cpp). This holds the pages to what the runtime really throws.
#include <doctest/doctest.h>

#include <cxxabi.h>

#include <cstdlib>
#include <memory>
#include <string>

#include "dynamic/detail/pipeline.hpp"
#include "dynamic/runtime/errors.hpp"
#include "dynamic/runtime/transport.hpp"
#include "emit/emitters.hpp"
#include "error_mapping.hpp"
#include "ir/builder.hpp"
#include "spec/document.hpp"

namespace {

/// The class the runtime throws for an answer with `status`, as "dynamic::NotFoundError".
std::string thrown_class(int status) {
  dynamic::HttpResponse response;
  response.status = status;
  response.body = R"({"error": "no"})";
  try {
    dynamic::detail::throw_api_error(response, "", std::nullopt, dynamic::ApiRequest{});
  } catch (const dynamic::ApiError& error) {
    int result = 0;
    std::unique_ptr<char, decltype(&std::free)> name(
        abi::__cxa_demangle(typeid(error).name(), nullptr, nullptr, &result), &std::free);
    return result == 0 ? std::string(name.get()) : typeid(error).name();
  }
  return "(nothing thrown)";
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

/// One operation declaring a spread of statuses, documented by dyngen.
dyngen::FileSet documented() {
  std::string responses = R"("200": {"description": "ok"})";
  for (int status : {400, 401, 403, 404, 405, 409, 410, 422, 429, 500, 502, 503}) {
    responses += ", \"" + std::to_string(status) + "\": {\"description\": \"e\"}";
  }
  std::string spec = R"({"openapi": "3.0.1", "info": {"title": "t", "version": "1"}, "paths":
      {"/things": {"get": {"operationId": "getThings", "tags": ["Things"], "responses": {)" +
                     responses + "}}}}}";
  dyngen::Diagnostics diagnostics;
  dyngen::Api api = dyngen::build_api(dyngen::Document::parse(spec, "t.json"), diagnostics);
  return dyngen::emit_all(api);
}

}  // namespace

TEST_CASE("each declared status is documented with the class the runtime throws for it") {
  dyngen::FileSet files = documented();
  const std::string& page = files.at("docs/api/things_api.md");
  for (int status : {400, 401, 403, 404, 405, 409, 410, 422, 429, 500, 502, 503}) {
    std::string row = "| " + std::to_string(status) + " | `" + thrown_class(status) + "` |";
    CHECK_MESSAGE(contains(page, row), row);
  }
}

TEST_CASE("the index's status table is the runtime's") {
  const std::string index = documented().at("docs/api/README.md");
  for (int status : {400, 401, 403, 404, 409, 422, 429}) {
    std::string row = "| " + std::to_string(status) + " | `" + thrown_class(status) + "`";
    CHECK_MESSAGE(contains(index, row), row);
  }
  for (int status : {500, 502, 503, 599}) {
    CHECK_MESSAGE(contains(index, "| 5xx | `" + thrown_class(status) + "` |"), status);
  }
  for (int status : {402, 405, 410, 418, 451}) {
    CHECK_MESSAGE(contains(index, "| any other | `" + thrown_class(status) + "` |"), status);
  }
}
