// Parameter styles (golden/styles): label and matrix path parameters, space- and pipe-delimited
// query arrays, and object query parameters in the style their spec declares.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "dynamic/all.hpp"
#include "fake_transport.hpp"

using namespace dynamic;
using dynamic::testing::Harness;

namespace {

const std::string kBase = "https://api.example.test/api/v0";

/// The URL of the one request `call` makes.
template <class Call>
std::string url_of(Call call) {
  Harness harness;
  harness.transport->reply(204, "");
  Client client(harness.options());
  call(client.styles());
  std::vector<HttpRequest> requests = harness.transport->requests();
  REQUIRE(requests.size() == 1);
  return requests[0].url;
}

}  // namespace

TEST_CASE("label path parameters start with a dot and exploded arrays are dot-separated") {
  CHECK(url_of([](const StylesApi& api) {
          api.get_label("a b", {1, 2}, {"x", "y"});
        }) == kBase + "/label/.a%20b/.1%2C2/.x.y");
}

TEST_CASE("matrix path parameters are name=value after a semicolon") {
  CHECK(url_of([](const StylesApi& api) {
          api.get_matrix(5, {"a", "b;c"});
        }) == kBase + "/matrix/;id=5/;ids=a%2Cb%3Bc");
}

TEST_CASE("space- and pipe-delimited arrays are one joined value") {
  GetQueryParams params;
  params.spaced = std::vector<std::string>{"a", "b"};
  params.piped = std::vector<std::int64_t>{1, 2, 3};
  CHECK(url_of([&](const StylesApi& api) { api.get_query(params); }) ==
        kBase + "/query?spaced=a%20b&piped=1%7C2%7C3");
}

TEST_CASE("object query parameters follow their declared style by default") {
  GetQueryParams params;
  CHECK(params.filter_style == QueryStyle::kForm);
  CHECK(params.deep_style == QueryStyle::kDeepObject);
  models::Filter filter;
  filter.name = "n";
  filter.age = 3;
  params.filter = filter;
  params.deep = filter;
  CHECK(url_of([&](const StylesApi& api) { api.get_query(params); }) ==
        kBase + "/query?name=n&age=3&deep%5Bname%5D=n&deep%5Bage%5D=3");
}

TEST_CASE("a header array is comma-joined whatever style the spec names") {
  GetQueryParams params;
  params.x_ids = std::vector<std::string>{"a", "b"};
  Harness harness;
  harness.transport->reply(204, "");
  Client(harness.options()).styles().get_query(params);
  CHECK(dynamic::testing::header_of(harness.transport->requests().at(0), "X-Ids") == "a,b");
}
