// Models that keep what the spec does not list, compare with ==, and an answer that drifts from
// the spec read leniently by default and strictly on request.
#include <doctest/doctest.h>

#include <boost/json.hpp>
#include <string>

#include "dynamic/all.hpp"
#include "fake_transport.hpp"

using namespace dynamic;
namespace json = boost::json;

namespace {

/// An environment whose settings carry fields the spec does not know at several depths: on the
/// environment, on its settings, in a nested object, in an array element and one level below.
const char* const kEnvironment = R"({
  "id": "env-1", "projectId": "p-1", "name": "sandbox", "sdkVersion": "1.0", "futureTopLevel": {"a": [1, 2]},
  "settings": {
    "futureInSettings": "kept",
    "general": {"displayName": "Before", "futureInGeneral": true},
    "chains": [{"name": "EVM", "enabled": true, "futureInChain": 7,
                "networks": [{"networkId": 1, "enabled": true, "chainName": "Ethereum",
                              "futureInNetwork": null}]}],
    "kyc": [], "design": {}, "privacy": {}, "sdk": {}, "security": {}
  }
})";

json::value body_of(const HttpRequest& request) { return json::parse(request.body); }

}  // namespace

TEST_CASE("an unknown field at any depth survives GET then edit then PUT") {
  testing::Harness harness;
  harness.transport->reply(200, kEnvironment);
  harness.transport->reply(200, "{}");
  Client client(harness.options());
  EnvironmentEnvironmentsApi environments = client.environment("env-1").environments();
  models::ProjectEnvironment environment = environments.get_environment_by_id();
  REQUIRE(environment.settings.has_value());
  models::ProjectSettings settings = *environment.settings;
  settings.general.display_name = "After";
  environments.update_project_settings(settings);

  auto requests = harness.transport->requests();
  REQUIRE(requests.size() == 2);
  CHECK(requests[1].method == "PUT");
  json::value sent = body_of(requests[1]);
  CHECK(sent.at("futureInSettings") == "kept");
  CHECK(sent.at("general").at("displayName") == "After");
  CHECK(sent.at("general").at("futureInGeneral") == true);
  CHECK(sent.at("chains").at(0).at("futureInChain") == 7);
  CHECK(sent.at("chains").at(0).at("networks").at(0).at("futureInNetwork").is_null());
  CHECK(environment.unknown_fields.at("futureTopLevel").dump() == R"({"a":[1,2]})");
}

TEST_CASE("a number sent as a string is read leniently by default and refused when strict") {
  std::string drifted = kEnvironment;
  drifted.replace(drifted.find(R"("networkId": 1)"), 14, R"("networkId": "1")");
  testing::Harness harness;
  harness.transport->reply(200, drifted);
  harness.transport->reply(200, drifted);
  Client lenient(harness.options());
  auto response = lenient.environments().get_environment_by_id_with_response("env-1");
  CHECK(response.value.settings->chains.at(0).networks->at(0).network_id == 1.0);
  REQUIRE(response.problems.size() == 1);
  CHECK(response.problems[0] ==
        DecodeProblem{"/settings/chains/0/networks/0/networkId", "a number", "a numeric string"});
  CHECK(response.body == drifted);  // the body as sent stays reachable

  ClientOptions strict_options = harness.options();
  strict_options.strict_responses = true;
  Client strict(strict_options);
  try {
    strict.environments().get_environment_by_id("env-1");
    FAIL("strict decoding accepted a numeric string");
  } catch (const DecodeError& error) {
    CHECK(error.pointer() == "/settings/chains/0/networks/0/networkId");
    CHECK(error.expected() == "a number");
    CHECK(error.got() == "a numeric string");
  }
}

TEST_CASE("lenient problems are logged at info") {
  std::string drifted = kEnvironment;
  drifted.replace(drifted.find(R"("sdkVersion": "1.0")"), 19, R"("sdkVersion": 42)");
  testing::Harness harness;
  harness.transport->reply(200, drifted);
  ClientOptions options = harness.options();
  std::vector<std::string> messages;
  options.logger = [&](const LogRecord& record) { messages.push_back(record.message); };
  Client client(options);
  models::ProjectEnvironment environment = client.environments().get_environment_by_id("env-1");
  CHECK_FALSE(environment.sdk_version.has_value());  // wrong kind: the field keeps its default
  CHECK(environment.id == "env-1");
  bool logged = false;
  for (const std::string& message : messages) {
    logged = logged || message == "read leniently: /sdkVersion: expected a string, got an integer";
  }
  CHECK(logged);
}

TEST_CASE("every model kind round-trips decode then encode then decode and compares equal") {
  // Object with nullable, absent and unknown fields; an open enum with an unknown value; a
  // union whose value fits none of its shapes; a map; arrays.
  const char* text = R"({"id":"u1","projectEnvironmentId":"e1","alias":null,
    "futureField":{"deep":[1,{"x":null}]},
    "verifiedCredentials":[{"id":"c1","format":"from-the-future","signInEnabled":true,
      "walletProperties":{"unexpected":true}}],
    "metadata":{"k":"v"}})";
  models::User first;
  from_json(text, first);
  CHECK(first.alias.is_null());
  CHECK_FALSE(first.email.has_value());
  CHECK_FALSE(first.email.is_null());
  REQUIRE(first.verified_credentials.has_value());
  CHECK(first.verified_credentials->at(0).format.to_string() == "from-the-future");
  std::string encoded = to_json(first);
  models::User second;
  from_json(encoded, second);
  CHECK(first == second);
  CHECK(to_json(second) == encoded);
  CHECK(second.unknown_fields.at("futureField").dump() == R"({"deep":[1,{"x":null}]})");
  second.unknown_fields["futureField"] = Json::parse("2");
  CHECK(first != second);
}
