// Generated parameter, body and response handling (golden/parameters) through the real runtime:
// query styles, header parameters, form bodies, raw text bodies, error statuses and the
// _with_response and _async variants, checked on the HTTP request the fake transport records.
#include <doctest/doctest.h>

#include <future>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "dynamic/all.hpp"
#include "dynamic/models/bad_request.hpp"
#include "dynamic/models/list_users422_error.hpp"
#include "dynamic/models/login_request.hpp"
#include "dynamic/models/sort.hpp"
#include "dynamic/models/user.hpp"
#include "dynamic/models/user_filter.hpp"
#include "dynamic/runtime/errors.hpp"
#include "dynamic/runtime/query.hpp"
#include "fake_transport.hpp"

using namespace dynamic;
using dynamic::testing::count_header;
using dynamic::testing::Harness;
using dynamic::testing::header_of;

namespace {

const std::string kUsersUrl = "https://api.example.test/api/v0/environments/env1/users";

/// The one request the transport saw.
HttpRequest only_request(const Harness& harness) {
  std::vector<HttpRequest> requests = harness.transport->requests();
  REQUIRE(requests.size() == 1);
  return requests[0];
}

/// Calls list_users with `params` against a 200 "[]" answer and returns the URL sent.
std::string list_users_url(const ListUsersParams& params) {
  Harness harness;
  harness.transport->reply(200, "[]");
  Client client(harness.options());
  CHECK(client.users().list_users("env1", params).empty());
  return only_request(harness).url;
}

models::UserFilter filter(std::string value, bool verified) {
  models::UserFilter out;
  out.filter_value = std::move(value);
  out.verified = verified;
  return out;
}

models::LoginRequest login_request(std::string username, std::optional<bool> remember) {
  models::LoginRequest out;
  out.username = std::move(username);
  out.remember = remember;
  return out;
}

}  // namespace

// ---- list_users: query parameters ------------------------------------------------------------

TEST_CASE("x-dyngen objectQueryStyle sends object query parameters as deepObject by default") {
  // The spec says `style: form` for filter; its x-dyngen says the server reads deepObject.
  ListUsersParams params;
  CHECK(params.filter_style == QueryStyle::kDeepObject);
  params.filter = filter("x", true);
  // filter[filterValue]=x&filter[verified]=true with the brackets percent-encoded.
  CHECK(list_users_url(params) ==
        kUsersUrl + "?filter%5BfilterValue%5D=x&filter%5Bverified%5D=true");
}

TEST_CASE("filter_style kForm sends the object's keys as plain parameters") {
  ListUsersParams params;
  params.filter = filter("x", true);
  params.filter_style = QueryStyle::kForm;
  CHECK(list_users_url(params) == kUsersUrl + "?filterValue=x&verified=true");
}

TEST_CASE("an object query parameter sends only the fields that are set") {
  ListUsersParams params;
  params.filter = models::UserFilter{};
  params.filter->verified = false;
  CHECK(list_users_url(params) == kUsersUrl + "?filter%5Bverified%5D=false");
  params.filter_style = QueryStyle::kForm;
  CHECK(list_users_url(params) == kUsersUrl + "?verified=false");
  // An object with nothing set sends nothing at all.
  params.filter = models::UserFilter{};
  CHECK(list_users_url(params) == kUsersUrl);
  params.filter_style = QueryStyle::kDeepObject;
  CHECK(list_users_url(params) == kUsersUrl);
}

TEST_CASE("sort with style deepObject is sent as sort[key]=value") {
  ListUsersParams params;
  CHECK(params.sort_style == QueryStyle::kDeepObject);
  params.sort = models::Sort{};
  params.sort->field = "email";
  params.sort->descending = true;
  CHECK(list_users_url(params) == kUsersUrl + "?sort%5Bfield%5D=email&sort%5Bdescending%5D=true");
}

TEST_CASE("sort in form style is not exploded and joins keys and values with commas") {
  // The generated call passes sort's explode (false, deepObject's default) to the form style.
  ListUsersParams params;
  params.sort = models::Sort{};
  params.sort->field = "email";
  params.sort->descending = false;
  params.sort_style = QueryStyle::kForm;
  CHECK(list_users_url(params) == kUsersUrl + "?sort=field%2Cemail%2Cdescending%2Cfalse");
}

TEST_CASE("an exploded array repeats the parameter name") {
  ListUsersParams params;
  params.ids = std::vector<std::string>{"a", "b"};
  CHECK(list_users_url(params) == kUsersUrl + "?ids=a&ids=b");
  params.ids = std::vector<std::string>{"only"};
  CHECK(list_users_url(params) == kUsersUrl + "?ids=only");
}

TEST_CASE("an array with explode false joins the values with a percent-encoded comma") {
  ListUsersParams params;
  params.fields = std::vector<std::string>{"a", "b"};
  CHECK(list_users_url(params) == kUsersUrl + "?fields=a%2Cb");
  params.fields = std::vector<std::string>{"id", "email", "created at"};
  CHECK(list_users_url(params) == kUsersUrl + "?fields=id%2Cemail%2Ccreated%20at");
}

TEST_CASE("an empty array sends nothing whether exploded or not") {
  ListUsersParams params;
  params.ids = std::vector<std::string>{};
  params.fields = std::vector<std::string>{};
  CHECK(list_users_url(params) == kUsersUrl);
}

TEST_CASE("query values and the path parameter are percent-encoded") {
  Harness harness;
  harness.transport->reply(200, "[]");
  Client client(harness.options());
  ListUsersParams params;
  params.filter = filter("a b&c=d/\xC3\xA9", true);
  params.ids = std::vector<std::string>{"x+y", "1?2"};
  client.users().list_users("env/1 2", params);
  CHECK(only_request(harness).url ==
        "https://api.example.test/api/v0/environments/env%2F1%202/users"
        "?filter%5BfilterValue%5D=a%20b%26c%3Dd%2F%C3%A9&filter%5Bverified%5D=true"
        "&ids=x%2By&ids=1%3F2");
}

TEST_CASE("every query parameter together keeps the declared order") {
  ListUsersParams params;
  params.fields = std::vector<std::string>{"id", "email"};
  params.ids = std::vector<std::string>{"u1", "u2"};
  params.sort = models::Sort{};
  params.sort->field = "id";
  params.filter = filter("q", false);
  CHECK(list_users_url(params) == kUsersUrl +
                                      "?filter%5BfilterValue%5D=q&filter%5Bverified%5D=false"
                                      "&sort%5Bfield%5D=id&ids=u1&ids=u2&fields=id%2Cemail");
}

TEST_CASE("absent optional parameters send nothing") {
  Harness harness;
  harness.transport->reply(200, "[]");
  Client client(harness.options());
  client.users().list_users("env1");
  HttpRequest request = only_request(harness);
  CHECK(request.method == "GET");
  CHECK(request.url == kUsersUrl);
  CHECK(request.body.empty());
  CHECK(count_header(request, "X-Trace-Id") == 0);
  CHECK(count_header(request, "Content-Type") == 0);
}

// ---- list_users: header parameter ------------------------------------------------------------

TEST_CASE("the X-Trace-Id header parameter reaches the request headers") {
  Harness harness;
  harness.transport->reply(200, "[]");
  Client client(harness.options());
  ListUsersParams params;
  params.x_trace_id = "trace-42";
  client.users().list_users("env1", params);
  HttpRequest request = only_request(harness);
  CHECK(header_of(request, "X-Trace-Id") == "trace-42");
  CHECK(count_header(request, "x-trace-id") == 1);
  // A header parameter is not a query parameter.
  CHECK(request.url == kUsersUrl);
  CHECK(header_of(request, "Authorization") == "Bearer " + testing::valid_token());
}

TEST_CASE("a call's extra header replaces the header parameter of the same name") {
  Harness harness;
  harness.transport->reply(200, "[]");
  Client client(harness.options());
  ListUsersParams params;
  params.x_trace_id = "from-params";
  RequestOptions options;
  options.extra_headers = {{"x-trace-id", "from-options"}};
  client.users().list_users("env1", params, options);
  HttpRequest request = only_request(harness);
  CHECK(count_header(request, "X-Trace-Id") == 1);
  CHECK(header_of(request, "X-Trace-Id") == "from-options");
}

TEST_CASE("a header parameter holding a line break is refused before anything is sent") {
  Harness harness;
  Client client(harness.options());
  ListUsersParams params;
  params.x_trace_id = "abc\r\nX-Injected: 1";
  CHECK_THROWS_AS(client.users().list_users("env1", params), std::invalid_argument);
  CHECK(harness.transport->request_count() == 0);
}

// ---- list_users: response --------------------------------------------------------------------

TEST_CASE("a JSON array response decodes into a vector of users") {
  Harness harness;
  harness.transport->reply(
      200, R"([{"id":"u1","email":"a@b.c"},{"id":"u2","unknown":{"x":1}},{"id":"u3"}])");
  Client client(harness.options());
  std::vector<models::User> users = client.users().list_users("env1");
  REQUIRE(users.size() == 3);
  CHECK(users[0].id == "u1");
  CHECK(users[0].email == "a@b.c");
  CHECK(users[1].id == "u2");
  CHECK_FALSE(users[1].email.has_value());
  CHECK(users[2].id == "u3");
}

TEST_CASE("in strict mode a bad element of the response array names its index in the DecodeError") {
  Harness harness;
  harness.transport->reply(200, R"([{"id":"u1"},{"email":"no id"}])");
  harness.transport->reply(200, R"([{"id":"u1"},{"id":"u2","email":7}])");
  harness.transport->reply(200, R"({"id":"u1"})");
  ClientOptions options = harness.options();
  options.strict_responses = true;
  Client client(options);
  try {
    client.users().list_users("env1");
    FAIL("no DecodeError for a missing id");
  } catch (const DecodeError& error) {
    CHECK(error.pointer() == "/1/id");
  }
  try {
    client.users().list_users("env1");
    FAIL("no DecodeError for a numeric email");
  } catch (const DecodeError& error) {
    CHECK(error.pointer() == "/1/email");
    CHECK(error.problem() == "expected a string, got an integer");
  }
  try {
    client.users().list_users("env1");
    FAIL("no DecodeError for an object instead of an array");
  } catch (const DecodeError& error) {
    CHECK(error.pointer() == "");
  }
}

// ---- login: form body ------------------------------------------------------------------------

TEST_CASE("login sends a form-urlencoded body with spaces as plus signs") {
  Harness harness;
  harness.transport->reply(200, R"({"id":"u1","email":"a@b.c"})");
  Client client(harness.options());
  models::User user = client.auth().login(login_request("a b", true));
  CHECK(user.id == "u1");
  CHECK(user.email == "a@b.c");
  HttpRequest request = only_request(harness);
  CHECK(request.method == "POST");
  CHECK(request.url == "https://api.example.test/api/v0/login");
  CHECK(request.body == "username=a+b&remember=true");
  CHECK(header_of(request, "Content-Type") == "application/x-www-form-urlencoded");
  CHECK(count_header(request, "Content-Type") == 1);
}

TEST_CASE("login sends the Authorization header although the operation declares security []") {
  Harness harness;
  harness.transport->reply(200, R"({"id":"u1"})");
  Client client(harness.options());
  client.auth().login(login_request("a", std::nullopt));
  CHECK(header_of(only_request(harness), "Authorization") == "Bearer " + testing::valid_token());
}

TEST_CASE("login form body escapes reserved and non-ASCII characters and omits absent fields") {
  Harness harness;
  harness.transport->reply(200, R"({"id":"u1"})");
  Client client(harness.options());
  client.auth().login(login_request("x&y=z+w%\xC3\xA9", std::nullopt));
  CHECK(only_request(harness).body == "username=x%26y%3Dz%2Bw%25%C3%A9");
}

TEST_CASE("login decodes a 201 answer as it decodes a 200 one") {
  Harness harness;
  harness.transport->reply(201, R"({"id":"created","email":"n@b.c"})");
  harness.transport->reply(200, R"({"id":"existing"})");
  Client client(harness.options());
  models::User created = client.auth().login(login_request("new", false));
  CHECK(created.id == "created");
  CHECK(created.email == "n@b.c");
  models::User existing = client.auth().login(login_request("old", false));
  CHECK(existing.id == "existing");
  CHECK_FALSE(existing.email.has_value());
  CHECK(harness.transport->requests()[0].body == "username=new&remember=false");
  CHECK(harness.transport->request_count() == 2);
}

// ---- get_welcome_page: raw text body ---------------------------------------------------------

TEST_CASE("a text/html success body comes back as the raw string") {
  const std::string page = "<!doctype html>\n<html><body><p>Hello & \"welcome\"</p></body></html>";
  Harness harness;
  harness.transport->reply(200, page, {{"Content-Type", "text/html; charset=utf-8"}});
  harness.transport->reply(200, "");
  Client client(harness.options());
  CHECK(client.auth().get_welcome_page() == page);
  CHECK(client.auth().get_welcome_page().empty());
  HttpRequest request = harness.transport->requests()[0];
  CHECK(request.method == "GET");
  CHECK(request.url == "https://api.example.test/api/v0/welcome");
  CHECK(request.body.empty());
}

// ---- error statuses --------------------------------------------------------------------------

TEST_CASE("a 422 answer becomes UnprocessableEntityError with the body's message") {
  Harness harness;
  harness.transport->reply(422,
                           R"({"error":"filter is not valid","code":"invalid_filter"})",
                           {{"x-request-id", "req-422"}});
  Client client(harness.options());
  try {
    client.users().list_users("env1");
    FAIL("no UnprocessableEntityError");
  } catch (const UnprocessableEntityError& error) {
    CHECK(error.status() == 422);
    CHECK(error.message() == "filter is not valid");
    CHECK(error.body().error == "filter is not valid");
    CHECK(error.body().code == "invalid_filter");
    CHECK(error.request_id() == "req-422");
    CHECK(error.raw_body() == R"({"error":"filter is not valid","code":"invalid_filter"})");
    // The body is also decoded as the model the operation declares for 422.
    const auto* typed = error.typed_body<models::ListUsers422Error>();
    REQUIRE(typed != nullptr);
    CHECK(typed->error == "filter is not valid");
    CHECK(typed->code == "invalid_filter");
    CHECK(error.typed_body<models::BadRequest>() == nullptr);
  }
  // 422 is final: no retry.
  CHECK(harness.transport->request_count() == 1);
  CHECK(harness.sleeps->empty());
}

TEST_CASE("a 400 answer becomes BadRequestError") {
  Harness harness;
  harness.transport->reply(400, R"({"error":"sort field is unknown"})");
  Client client(harness.options());
  try {
    client.users().list_users("env1");
    FAIL("no BadRequestError");
  } catch (const BadRequestError& error) {
    CHECK(error.status() == 400);
    CHECK(error.message() == "sort field is unknown");
    CHECK_FALSE(error.body().code.has_value());
    CHECK(std::string(error.what()) == "BadRequestError: HTTP 400: sort field is unknown");
    const auto* typed = error.typed_body<models::BadRequest>();
    REQUIRE(typed != nullptr);
    CHECK(typed->error == "sort field is unknown");
    CHECK(error.typed_body<models::ListUsers422Error>() == nullptr);
  }
  CHECK(harness.transport->request_count() == 1);
}

TEST_CASE("an error answer without a JSON message falls back to the reason phrase") {
  Harness harness;
  harness.transport->reply(422, "{}");
  harness.transport->reply(400, "<html>bad</html>");
  Client client(harness.options());
  try {
    client.users().list_users("env1");
    FAIL("no UnprocessableEntityError");
  } catch (const UnprocessableEntityError& error) {
    CHECK(std::string(error.what()) == "UnprocessableEntityError: HTTP 422: Unprocessable Content");
    // "{}" lacks the required `error` of the declared 422 model: decoded leniently (the client's
    // default), the typed body is there with the field at its default.
    const auto* body = error.typed_body<models::ListUsers422Error>();
    REQUIRE(body != nullptr);
    CHECK(body->error.empty());
  }
  try {
    client.auth().get_welcome_page();
    FAIL("no BadRequestError");
  } catch (const BadRequestError& error) {
    CHECK(error.message() == "Bad Request");
    CHECK(error.raw_body() == "<html>bad</html>");
    // get_welcome_page declares no error bodies.
    CHECK(error.typed_body<models::BadRequest>() == nullptr);
  }
}

TEST_CASE("a failed login is not retried because POST is not idempotent") {
  Harness harness;
  harness.transport->reply(503, R"({"error":"down"})");
  harness.transport->reply(200, R"({"id":"u1"})");
  Client client(harness.options());
  CHECK_THROWS_AS(client.auth().login(login_request("a", true)), InternalServerError);
  CHECK(harness.transport->request_count() == 1);
}

// ---- _with_response and _async variants ------------------------------------------------------

TEST_CASE("list_users_with_response carries the status headers and request id") {
  Harness harness;
  harness.transport->reply(
      200, R"([{"id":"u1"}])", {{"X-Request-Id", "rid-1"}, {"X-Total-Count", "1"}});
  Client client(harness.options());
  ListUsersParams params;
  params.ids = std::vector<std::string>{"u1"};
  Response<std::vector<models::User>> response =
      client.users().list_users_with_response("env1", params);
  REQUIRE(response.value.size() == 1);
  CHECK(response.value[0].id == "u1");
  CHECK(response.status == 200);
  CHECK(response.request_id == "rid-1");
  CHECK(response.header("x-total-count") == "1");
  CHECK(response.header("missing").empty());
  CHECK(only_request(harness).url == kUsersUrl + "?ids=u1");
}

TEST_CASE("login_with_response tells a 201 from a 200") {
  Harness harness;
  harness.transport->reply(201, R"({"id":"created"})");
  harness.transport->reply(200, R"({"id":"existing"})");
  Client client(harness.options());
  Response<models::User> created = client.auth().login_with_response(login_request("a", true));
  CHECK(created.status == 201);
  CHECK(created.value.id == "created");
  Response<models::User> existing = client.auth().login_with_response(login_request("a", true));
  CHECK(existing.status == 200);
  CHECK(existing.value.id == "existing");
}

TEST_CASE("get_welcome_page_with_response keeps the body and its content type") {
  Harness harness;
  harness.transport->reply(200, "<p>hi</p>", {{"Content-Type", "text/html"}});
  Client client(harness.options());
  Response<std::string> page = client.auth().get_welcome_page_with_response();
  CHECK(page.value == "<p>hi</p>");
  CHECK(page.header("content-type") == "text/html");
}

TEST_CASE("list_users_async sends the same request on a worker thread") {
  Harness harness;
  auto caller = std::this_thread::get_id();
  auto sender = std::make_shared<std::thread::id>(caller);
  harness.transport->push([sender](const HttpRequest&) {
    *sender = std::this_thread::get_id();
    return HttpResponse{200, {}, R"([{"id":"u1"},{"id":"u2"}])"};
  });
  Client client(harness.options());
  ListUsersParams params;
  params.fields = std::vector<std::string>{"a", "b"};
  params.x_trace_id = "t1";
  std::future<std::vector<models::User>> future = client.users().list_users_async("env1", params);
  std::vector<models::User> users = future.get();
  REQUIRE(users.size() == 2);
  CHECK(users[1].id == "u2");
  const bool sent_from_caller_thread = *sender == caller;
  CHECK_FALSE(sent_from_caller_thread);
  HttpRequest request = only_request(harness);
  CHECK(request.url == kUsersUrl + "?fields=a%2Cb");
  CHECK(header_of(request, "X-Trace-Id") == "t1");
}

TEST_CASE("login_async reports an error status through the future") {
  Harness harness;
  harness.transport->reply(422, R"({"error":"username is taken"})");
  Client client(harness.options());
  std::future<models::User> future = client.auth().login_async(login_request("a b", false));
  try {
    future.get();
    FAIL("no UnprocessableEntityError");
  } catch (const UnprocessableEntityError& error) {
    CHECK(error.message() == "username is taken");
  }
  CHECK(only_request(harness).body == "username=a+b&remember=false");
}

TEST_CASE("by default a bad element of the response array is read leniently and reported") {
  Harness harness;
  harness.transport->reply(200, R"([{"id":"u1"},{"email":"no id"},{"id":"u3","email":7}])");
  harness.transport->reply(200, R"({"id":"u1"})");
  Client client(harness.options());
  Response<std::vector<models::User>> response = client.users().list_users_with_response("env1");
  REQUIRE(response.value.size() == 3);
  CHECK(response.value[1].id.empty());               // missing: the default
  CHECK(response.value[1].email == "no id");         // the rest of the element is kept
  CHECK_FALSE(response.value[2].email.has_value());  // wrong kind: left unset
  REQUIRE(response.problems.size() == 2);
  CHECK(response.problems[0] ==
        DecodeProblem{"/1/id", "a value", "nothing (the required field is missing)"});
  CHECK(response.problems[1] == DecodeProblem{"/2/email", "a string", "an integer"});
  // Nothing can be read from a body of the wrong kind at its root: that stays an error.
  CHECK_THROWS_AS(client.users().list_users("env1"), DecodeError);
}
