// Mapping non-2xx answers to typed errors.
#include <doctest/doctest.h>

#include <string>
#include <typeinfo>

#include "fake_transport.hpp"

using namespace dynamic;
using dynamic::testing::Harness;

namespace {

/// Sends one GET (no retries) answered with `status` and `body`; checks the thrown error.
template <class Expected>
void expect_error(int status,
                  const std::string& body,
                  const HeaderList& headers,
                  const std::string& message,
                  const std::string& request_id = "req-42") {
  CAPTURE(status);
  Harness harness;
  ClientOptions options = harness.options();
  options.max_retries = 0;
  Pipeline pipeline(options);
  harness.transport->reply(status, body, headers);
  ApiRequest request = testing::get("/environments/{id}");
  request.path_params = {{"id", "e1"}};
  try {
    pipeline.send(request);
    FAIL("no exception");
  } catch (const Expected& e) {
    CHECK(typeid(e) == typeid(Expected));
    CHECK(e.status() == status);
    CHECK(e.message() == message);
    CHECK(e.request_id() == request_id);
    CHECK(e.raw_body() == body);
  } catch (const std::exception& e) {
    FAIL("wrong exception type " << typeid(e).name() << ": " << e.what());
  }
}

template <class Expected>
void expect_json_error(int status) {
  const std::string body = R"({"error":"Something specific","code":"some_code"})";
  expect_error<Expected>(status, body, {{"X-Request-Id", "req-42"}}, "Something specific");
}

ApiError catch_api_error(int status, const std::string& body, const HeaderList& headers = {}) {
  Harness harness;
  ClientOptions options = harness.options();
  options.max_retries = 0;
  Pipeline pipeline(options);
  harness.transport->reply(status, body, headers);
  try {
    pipeline.send(testing::get("/sdk"));
  } catch (const ApiError& e) {
    return e;
  }
  FAIL("no ApiError");
  return ApiError(0, "", "", {}, "");
}

}  // namespace

TEST_CASE("each status maps to its error class") {
  expect_json_error<BadRequestError>(400);
  expect_json_error<AuthenticationError>(401);
  expect_json_error<PermissionDeniedError>(403);
  expect_json_error<NotFoundError>(404);
  expect_json_error<ConflictError>(409);
  expect_json_error<UnprocessableEntityError>(422);
  expect_json_error<RateLimitError>(429);
  expect_json_error<InternalServerError>(500);
  expect_json_error<InternalServerError>(503);
  expect_json_error<ApiError>(418);
  expect_json_error<ApiError>(405);
}

TEST_CASE("error body fields: error and code and payload") {
  const std::string body = R"({"error":"Email already exists","code":"email_already_exists",)"
                           R"("payload":{"email":"joe@email.com","n":[1,2]}})";
  ApiError e = catch_api_error(422, body, {{"x-request-id", "r-9"}});
  CHECK(e.body().error == "Email already exists");
  REQUIRE(e.body().code.has_value());
  CHECK(*e.body().code == "email_already_exists");
  REQUIRE(e.body().payload.has_value());
  CHECK(e.body().payload->dump() == R"({"email":"joe@email.com","n":[1,2]})");
  CHECK(e.message() == "Email already exists");
  CHECK(std::string(e.what()) ==
        "UnprocessableEntityError: HTTP 422: Email already exists (request id r-9)");
}

TEST_CASE("404 with the spec's error shape") {
  ApiError e = catch_api_error(
      404, R"({"error":"Environment not found","code":"not_found"})", {{"Request-Id", "abc"}});
  CHECK(std::string(e.what()) == "NotFoundError: HTTP 404: Environment not found (request id abc)");
  CHECK(*e.body().code == "not_found");
  CHECK_FALSE(e.body().payload.has_value());
}

TEST_CASE("bodies that are not a JSON object leave ErrorBody empty and never crash") {
  for (const std::string& body : {std::string("<html><body>Bad gateway</body></html>"),
                                  std::string(""),
                                  std::string("[1,2,3]"),
                                  std::string("\"just a string\""),
                                  std::string("{\"error\":"),
                                  std::string("{\"error\":5,\"code\":{}}"),
                                  std::string("null"),
                                  std::string("\xff\xfe{\"error\":\"x\"}"),
                                  std::string(100000, '['),
                                  std::string("{\"error\":\"a\"}trailing")}) {
    CAPTURE(body.substr(0, 40));
    ApiError e = catch_api_error(502, body);
    CHECK(e.status() == 502);
    CHECK(e.message() == "Bad Gateway");
    CHECK(e.body().error.empty());
    CHECK_FALSE(e.body().payload.has_value());
    CHECK(e.raw_body() == body);
  }
  ApiError unknown = catch_api_error(470, "");
  CHECK(unknown.message() == "HTTP 470");
  CHECK(std::string(unknown.what()) == "ApiError: HTTP 470: HTTP 470");
  ApiError not_found = catch_api_error(404, "");
  CHECK(not_found.message() == "Not Found");
  CHECK(std::string(not_found.what()) == "NotFoundError: HTTP 404: Not Found");
}

TEST_CASE("a numeric error code is kept as text and a non-string error falls back to the reason") {
  ApiError e = catch_api_error(400, R"({"error":7,"code":1234})");
  CHECK(e.message() == "Bad Request");
  REQUIRE(e.body().code.has_value());
  CHECK(*e.body().code == "1234");
}

TEST_CASE("an error nested as {code and message} (ErrorMessageWithCode) gives message and code") {
  ApiError e = catch_api_error(
      403, R"({"error":{"code":"session_revoked","message":"Session revoked"},"payload":{}})");
  CHECK(e.message() == "Session revoked");
  REQUIRE(e.body().code.has_value());
  CHECK(*e.body().code == "session_revoked");
  ApiError without_message = catch_api_error(403, R"({"error":{"code":5}})");
  CHECK(without_message.message() == "Forbidden");
  CHECK(*without_message.body().code == "5");
}

TEST_CASE("tokens echoed by the server are redacted everywhere") {
  const std::string token = testing::valid_token();
  ApiError e = catch_api_error(
      401,
      R"({"error":"token )" + token + R"( is revoked","payload":{"t":")" + token + R"("}})",
      {{"x-request-id", "id-" + token}});
  std::string what = e.what();
  CHECK(what.find(token) == std::string::npos);
  CHECK(what.find("dyn_***") != std::string::npos);
  CHECK(e.message() == "token dyn_*** is revoked");
  CHECK(e.raw_body().find(token) == std::string::npos);
  CHECK(e.body().error.find(token) == std::string::npos);
  REQUIRE(e.body().payload.has_value());
  CHECK(e.body().payload->dump() == R"({"t":"dyn_***"})");
  CHECK(e.request_id().find(token) == std::string::npos);
}

TEST_CASE("what() stays on one line") {
  ApiError e = catch_api_error(400, R"({"error":"line one\nline two\r\nthree"})");
  std::string what = e.what();
  CHECK(what.find('\n') == std::string::npos);
  CHECK(what.find('\r') == std::string::npos);
  CHECK(e.message() == "line one\nline two\r\nthree");
}
