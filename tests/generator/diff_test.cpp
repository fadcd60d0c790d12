#include <doctest/doctest.h>

#include <boost/json.hpp>
#include <filesystem>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "commands/diff_command.hpp"
#include "diagnostics.hpp"
#include "diff/api_diff.hpp"
#include "ir/builder.hpp"
#include "spec/document.hpp"

using namespace dyngen;
namespace json = boost::json;

namespace {

// Two resources; updateUser sends UserUpdate (which nests Profile), the others only answer.
const char* const kBaseSpec = R"({
  "openapi": "3.0.1", "info": {"title": "t", "version": "1"},
  "paths": {
    "/users/{userId}": {
      "get": {"operationId": "getUser", "tags": ["Users"],
        "parameters": [
          {"in": "path", "name": "userId", "required": true, "schema": {"type": "string"}},
          {"in": "query", "name": "expand", "schema": {"type": "boolean"}}],
        "responses": {
          "200": {"description": "ok", "content": {"application/json": {"schema":
            {"$ref": "#/components/schemas/User"}}}},
          "404": {"description": "missing", "content": {"application/json": {"schema":
            {"$ref": "#/components/schemas/Problem"}}}}}},
      "put": {"operationId": "updateUser", "tags": ["Users"],
        "parameters": [
          {"in": "path", "name": "userId", "required": true, "schema": {"type": "string"}}],
        "requestBody": {"required": true, "content": {"application/json": {"schema":
          {"$ref": "#/components/schemas/UserUpdate"}}}},
        "responses": {"200": {"description": "ok", "content": {"application/json": {"schema":
          {"$ref": "#/components/schemas/User"}}}}}}},
    "/tokens": {
      "get": {"operationId": "getTokens", "tags": ["Tokens"],
        "parameters": [
          {"in": "query", "name": "offset", "schema": {"type": "integer"}},
          {"in": "query", "name": "limit", "schema": {"type": "integer"}}],
        "responses": {"200": {"description": "ok", "content": {"application/json": {"schema":
          {"$ref": "#/components/schemas/TokenList"}}}}}}}},
  "components": {"schemas": {
    "User": {"type": "object", "required": ["id"], "properties": {
      "id": {"type": "string"}, "email": {"type": "string"},
      "role": {"$ref": "#/components/schemas/Role"},
      "wallet": {"$ref": "#/components/schemas/Wallet"}}},
    "UserUpdate": {"type": "object", "properties": {
      "email": {"type": "string"}, "profile": {"$ref": "#/components/schemas/Profile"}}},
    "Profile": {"type": "object", "properties": {"nickname": {"type": "string"}}},
    "Role": {"type": "string", "enum": ["admin", "member"]},
    "Wallet": {"oneOf": [{"$ref": "#/components/schemas/EvmWallet"},
                         {"$ref": "#/components/schemas/SolanaWallet"}]},
    "EvmWallet": {"type": "object", "required": ["address"], "properties": {
      "address": {"type": "string"}}},
    "SolanaWallet": {"type": "object", "required": ["publicKey"], "properties": {
      "publicKey": {"type": "string"}}},
    "Problem": {"type": "object", "properties": {"error": {"type": "string"}}},
    "TokenList": {"type": "object", "required": ["tokens"], "properties": {
      "tokens": {"type": "array", "items": {"$ref": "#/components/schemas/Token"}},
      "count": {"type": "integer"}}},
    "Token": {"type": "object", "required": ["id"], "properties": {"id": {"type": "string"}}}}}
})";

constexpr const char* kGetUser = "/paths/~1users~1{userId}/get";
constexpr const char* kUpdateUser = "/paths/~1users~1{userId}/put";
constexpr const char* kSchemas = "/components/schemas";

json::value base_spec() { return json::parse(kBaseSpec); }

Api build(const json::value& spec) {
  Diagnostics diagnostics;
  return build_api(Document::parse(json::serialize(spec), "spec.json"), diagnostics);
}

/// The text report of going from the base spec to `changed`.
std::string diff_from_base(const json::value& changed) {
  return render_changes_text(diff_apis(build(base_spec()), build(changed)));
}

json::value& at(json::value& spec, const std::string& pointer) { return spec.at_pointer(pointer); }

json::array& parameters_of(json::value& spec, const std::string& operation) {
  return at(spec, operation + "/parameters").as_array();
}

json::object& properties_of(json::value& spec, const std::string& model) {
  return at(spec, std::string(kSchemas) + "/" + model + "/properties").as_object();
}

json::value query_parameter(const char* name, const char* type, bool required) {
  return json::object{{"in", "query"},
                      {"name", name},
                      {"required", required},
                      {"schema", json::object{{"type", type}}}};
}

json::value schema_ref(const std::string& model) {
  return json::object{{"$ref", "#/components/schemas/" + model}};
}

const std::filesystem::path kReferenceDir = DYNAMIC_REFERENCE_DIR;
// From the build, not __FILE__: ccache's base_dir makes __FILE__ relative to the build folder.
const std::filesystem::path kDiffFixtures = DYNGEN_DIFF_FIXTURES;

std::size_t count_kind(const std::vector<ApiChange>& changes, const std::string& kind) {
  std::size_t count = 0;
  for (const ApiChange& change : changes) count += change.kind == kind ? 1 : 0;
  return count;
}

}  // namespace

TEST_CASE("diff: the same spec twice changes nothing") {
  CHECK(diff_from_base(base_spec()) == "0 changes, 0 breaking\n");
  std::vector<ApiChange> changes = diff_apis(build(base_spec()), build(base_spec()));
  CHECK_FALSE(has_breaking_change(changes));
  CHECK(render_changes_json(changes) == "{\"breaking\":false,\"changes\":[]}\n");
}

TEST_CASE("diff: a removed operation breaks and so do the models only it used") {
  json::value spec = base_spec();
  at(spec, "/paths/~1users~1{userId}").as_object().erase("put");
  CHECK(diff_from_base(spec) ==
        "breaking  operation removed: UsersApi::update_user (PUT /users/{userId})\n"
        "breaking  model removed: models::Profile, object (Profile)\n"
        "breaking  model removed: models::UserUpdate, object (UserUpdate)\n"
        "3 changes, 3 breaking\n");
}

TEST_CASE("diff: an added operation does not break") {
  json::value spec = base_spec();
  at(spec, "/paths/~1users~1{userId}").as_object()["delete"] = json::object{
      {"operationId", "deleteUser"},
      {"tags", json::array{"Users"}},
      {"parameters", json::array{at(spec, kUpdateUser + std::string("/parameters/0"))}},
      {"responses", json::object{{"204", json::object{{"description", "gone"}}}}}};
  CHECK(diff_from_base(spec) ==
        "          operation added: UsersApi::delete_user (DELETE /users/{userId})\n"
        "1 change, 0 breaking\n");
}

TEST_CASE("diff: a new operationId at the same method and path is one rename") {
  json::value spec = base_spec();
  at(spec, kGetUser + std::string("/operationId")) = "fetchUser";
  CHECK(diff_from_base(spec) ==
        "breaking  operation renamed: UsersApi::get_user, now UsersApi::fetch_user"
        " (GET /users/{userId})\n"
        "breaking  params struct renamed: GetUserParams, now FetchUserParams"
        " (GET /users/{userId})\n"
        "2 changes, 2 breaking\n");
}

TEST_CASE("diff: a new operationId whose snake_case name is the same changes nothing") {
  json::value spec = base_spec();
  at(spec, kGetUser + std::string("/operationId")) = "get_user";
  CHECK(diff_from_base(spec) == "0 changes, 0 breaking\n");
}

TEST_CASE("diff: an operation moved to another tag moves to another resource class") {
  json::value spec = base_spec();
  at(spec, kGetUser + std::string("/tags")) = json::array{"Accounts"};
  CHECK(diff_from_base(spec) ==
        "breaking  operation moved: UsersApi::get_user, now AccountsApi::get_user"
        " (GET /users/{userId})\n"
        "1 change, 1 breaking\n");
}

TEST_CASE("diff: an operation at a new path keeps its methods and the move is reported") {
  json::value spec = base_spec();
  json::object& paths = at(spec, "/paths").as_object();
  paths["/tokens/all"] = paths["/tokens"];
  paths.erase("/tokens");
  CHECK(diff_from_base(spec) ==
        "          operation path changed: TokensApi::get_tokens, was GET /tokens"
        " (GET /tokens/all)\n"
        "1 change, 0 breaking\n");
}

TEST_CASE("diff: parameters added and removed and retyped and made required") {
  json::value spec = base_spec();
  json::array& params = parameters_of(spec, kGetUser);
  params[1] = query_parameter("expand", "string", true);         // retyped and now required
  params.push_back(query_parameter("locale", "string", false));  // optional: compatible
  params.push_back(query_parameter("tenant", "string", true));   // required: breaks
  json::array& token_params = parameters_of(spec, "/paths/~1tokens/get");
  token_params.erase(token_params.begin());  // offset: paging goes with it
  std::string text = diff_from_base(spec);
  CHECK(text ==
        "breaking  parameter removed: GetTokensParams::offset, optional query parameter 'offset',"
        " std::optional<std::int64_t> (GET /tokens)\n"
        "breaking  pagination removed: TokensApi::get_tokens_all, offset paging (GET /tokens)\n"
        "breaking  parameter added: GetUserParams::tenant, required query parameter 'tenant',"
        " std::string (GET /users/{userId})\n"
        "breaking  parameter retyped: GetUserParams::expand, was bool, now std::string"
        " (GET /users/{userId})\n"
        "breaking  parameter requirement changed: GetUserParams::expand, now required"
        " (GET /users/{userId})\n"
        "          parameter added: GetUserParams::locale, optional query parameter 'locale',"
        " std::optional<std::string> (GET /users/{userId})\n"
        "6 changes, 5 breaking\n");
}

TEST_CASE("diff: a parameter made optional does not break") {
  json::value spec = base_spec();
  parameters_of(spec, kGetUser)[1] = query_parameter("expand", "boolean", true);
  json::value required = spec;
  parameters_of(spec, kGetUser)[1] = query_parameter("expand", "boolean", false);
  CHECK(render_changes_text(diff_apis(build(required), build(spec))) ==
        "          parameter requirement changed: GetUserParams::expand, now optional"
        " (GET /users/{userId})\n"
        "1 change, 0 breaking\n");
}

TEST_CASE("diff: path parameters in a new order swap the method's arguments") {
  // Path parameters are passed in the order they appear in the path.
  auto with_member_operation = [](const std::string& path) {
    json::value spec = base_spec();
    json::value path_param = {{"in", "path"}, {"required", true}, {"schema", {{"type", "string"}}}};
    json::value team = path_param;
    json::value member = path_param;
    team.as_object()["name"] = "teamId";
    member.as_object()["name"] = "memberId";
    at(spec, "/paths").as_object()[path] = {{"get",
                                             {{"operationId", "getMember"},
                                              {"tags", {"Teams"}},
                                              {"parameters", {team, member}},
                                              {"responses", {{"204", {{"description", "ok"}}}}}}}};
    return spec;
  };
  json::value old_spec = with_member_operation("/teams/{teamId}/members/{memberId}");
  json::value new_spec = with_member_operation("/members/{memberId}/teams/{teamId}");
  CHECK(render_changes_text(diff_apis(build(old_spec), build(new_spec))) ==
        "breaking  path parameters reordered: TeamsApi::get_member, was (team_id, member_id),"
        " now (member_id, team_id) (GET /members/{memberId}/teams/{teamId})\n"
        "          operation path changed: TeamsApi::get_member, was GET"
        " /teams/{teamId}/members/{memberId} (GET /members/{memberId}/teams/{teamId})\n"
        "2 changes, 1 breaking\n");
}

TEST_CASE("diff: a first query parameter inserts the Params argument before the body") {
  json::value spec = base_spec();
  parameters_of(spec, kUpdateUser).push_back(query_parameter("dryRun", "boolean", false));
  parameters_of(spec, "/paths/~1tokens/get").clear();
  CHECK(diff_from_base(spec) ==
        "breaking  params argument removed: TokensApi::get_tokens, no more GetTokensParams"
        " (GET /tokens)\n"
        "breaking  parameter removed: GetTokensParams::limit, optional query parameter 'limit',"
        " std::optional<std::int64_t> (GET /tokens)\n"
        "breaking  parameter removed: GetTokensParams::offset, optional query parameter 'offset',"
        " std::optional<std::int64_t> (GET /tokens)\n"
        "breaking  pagination removed: TokensApi::get_tokens_all, offset paging (GET /tokens)\n"
        "breaking  params argument added: UsersApi::update_user, UpdateUserParams before the body"
        " (PUT /users/{userId})\n"
        "          parameter added: UpdateUserParams::dry_run, optional query parameter 'dryRun',"
        " std::optional<bool> (PUT /users/{userId})\n"
        "6 changes, 5 breaking\n");
}

TEST_CASE("diff: request bodies retyped or removed or added or made optional") {
  json::value retyped = base_spec();
  at(retyped, kUpdateUser + std::string("/requestBody/content/application~1json/schema")) =
      schema_ref("Profile");
  CHECK(diff_from_base(retyped) ==
        "breaking  request body retyped: UsersApi::update_user(body), was models::UserUpdate,"
        " now models::Profile (PUT /users/{userId})\n"
        "breaking  model removed: models::UserUpdate, object (UserUpdate)\n"
        "2 changes, 2 breaking\n");

  json::value optional = base_spec();
  at(optional, kUpdateUser + std::string("/requestBody/required")) = false;
  CHECK(diff_from_base(optional) ==
        "          request body requirement changed: UsersApi::update_user(body), now optional"
        " (PUT /users/{userId})\n"
        "1 change, 0 breaking\n");

  json::value removed = base_spec();
  at(removed, kUpdateUser).as_object().erase("requestBody");
  std::vector<ApiChange> changes = diff_apis(build(base_spec()), build(removed));
  REQUIRE_FALSE(changes.empty());
  CHECK(changes[0].kind == "request-body-removed");
  CHECK(changes[0].breaking);
  CHECK(changes[0].symbol == "UsersApi::update_user(body)");
  CHECK(changes[0].detail == "was models::UserUpdate");

  // Going back adds the body: a required one is a new argument every call must pass.
  changes = diff_apis(build(removed), build(base_spec()));
  REQUIRE_FALSE(changes.empty());
  CHECK(changes[0].kind == "request-body-added");
  CHECK(changes[0].breaking);
  CHECK(changes[0].detail == "required models::UserUpdate");

  // The same model sent as a multipart form: callers compile, the wire changes.
  json::value multipart = base_spec();
  json::object& content =
      at(multipart, kUpdateUser + std::string("/requestBody/content")).as_object();
  content["multipart/form-data"] = content["application/json"];
  content.erase("application/json");
  CHECK(diff_from_base(multipart) ==
        "          request body media changed: UsersApi::update_user(body), was application/json,"
        " now multipart/form-data (PUT /users/{userId})\n"
        "1 change, 0 breaking\n");
}

TEST_CASE("diff: a new success type breaks while error statuses are informational") {
  json::value spec = base_spec();
  json::object& responses = at(spec, kGetUser + std::string("/responses")).as_object();
  responses["200"].at_pointer("/content/application~1json/schema") = schema_ref("Token");
  responses.erase("404");
  responses["409"] = {{"description", "conflict"},
                      {"content", {{"application/json", {{"schema", schema_ref("Problem")}}}}}};
  responses["500"] = responses["409"];
  CHECK(diff_from_base(spec) ==
        "breaking  response retyped: UsersApi::get_user, was models::User, now models::Token"
        " (GET /users/{userId})\n"
        "          error status removed: UsersApi::get_user, HTTP 404, models::Problem"
        " (GET /users/{userId})\n"
        "          error status added: UsersApi::get_user, HTTP 409, models::Problem"
        " (GET /users/{userId})\n"
        "          error status added: UsersApi::get_user, HTTP 500, models::Problem"
        " (GET /users/{userId})\n"
        "4 changes, 1 breaking\n");
}

TEST_CASE("diff: a new required field breaks only models sent in requests") {
  json::value spec = base_spec();
  json::value required_name = {{"type", "string"}};
  // User is only answered; Profile is nested in UserUpdate, updateUser's body.
  properties_of(spec, "User")["name"] = required_name;
  at(spec, std::string(kSchemas) + "/User/required").as_array().push_back("name");
  properties_of(spec, "Profile")["handle"] = required_name;
  at(spec, std::string(kSchemas) + "/Profile").as_object()["required"] = json::array{"handle"};
  properties_of(spec, "Profile")["bio"] = required_name;  // optional: never breaks
  CHECK(diff_from_base(spec) ==
        "breaking  field added: models::Profile::handle, std::string, required in requests"
        " (Profile)\n"
        "          field added: models::Profile::bio, std::optional<std::string> (Profile)\n"
        "          field added: models::User::name, std::string (User)\n"
        "3 changes, 1 breaking\n");
}

TEST_CASE("diff: a required field that is read-only is never sent") {
  json::value spec = base_spec();
  properties_of(spec, "Profile")["createdAt"] = {{"type", "string"}, {"readOnly", true}};
  at(spec, std::string(kSchemas) + "/Profile").as_object()["required"] = json::array{"createdAt"};
  std::vector<ApiChange> changes = diff_apis(build(base_spec()), build(spec));
  REQUIRE(changes.size() == 1);
  CHECK(changes[0].kind == "field-added");
  CHECK_FALSE(changes[0].breaking);
}

TEST_CASE("diff: fields removed or retyped break with required and nullable in the type") {
  json::value spec = base_spec();
  json::object& user = properties_of(spec, "User");
  user.erase("role");  // removed, and with it the only use of Role
  // Required and nullable is std::optional<std::string>, as optional was: the member's type is
  // unchanged, so there is nothing to report for email.
  user["email"] = {{"type", "string"}, {"nullable", true}};
  at(spec, std::string(kSchemas) + "/User/required") = json::array{"email"};  // id is now optional
  properties_of(spec, "Profile")["nickname"] = {{"type", "integer"}};         // retyped
  CHECK(diff_from_base(spec) ==
        "breaking  field retyped: models::Profile::nickname, was std::optional<std::string>,"
        " now std::optional<std::int64_t> (Profile)\n"
        "breaking  model removed: models::Role, enum (Role)\n"
        "breaking  field removed: models::User::role, std::optional<Role> (User)\n"
        "breaking  field retyped: models::User::id, was std::string, now std::optional<std::string>"
        " (User)\n"
        "4 changes, 4 breaking\n");
}

TEST_CASE("diff: optional and nullable is Nullable rather than std::optional") {
  json::value spec = base_spec();
  properties_of(spec, "User")["email"] = {{"type", "string"}, {"nullable", true}};
  CHECK(diff_from_base(spec) ==
        "breaking  field retyped: models::User::email, was std::optional<std::string>,"
        " now Nullable<std::string> (User)\n"
        "1 change, 1 breaking\n");
}

TEST_CASE("diff: enum values added are compatible and removed ones break") {
  json::value spec = base_spec();
  at(spec, std::string(kSchemas) + "/Role/enum") = {"admin", "owner"};
  CHECK(diff_from_base(spec) ==
        "breaking  enum value removed: models::Role::Value::kMember, \"member\" (Role)\n"
        "          enum value added: models::Role::Value::kOwner, \"owner\" (Role)\n"
        "2 changes, 1 breaking\n");
}

TEST_CASE("diff: variant alternatives added are compatible and removed ones break") {
  json::value spec = base_spec();
  at(spec, std::string(kSchemas) + "/Wallet/oneOf") = {schema_ref("EvmWallet"),
                                                       schema_ref("Profile")};
  CHECK(diff_from_base(spec) ==
        "breaking  model removed: models::SolanaWallet, object (SolanaWallet)\n"
        "breaking  variant alternative removed: models::Wallet::value, models::SolanaWallet"
        " (Wallet)\n"
        "          variant alternative added: models::Wallet::value, models::Profile (Wallet)\n"
        "3 changes, 2 breaking\n");
}

TEST_CASE("diff: a model that changes kind breaks while new models do not") {
  json::value spec = base_spec();
  at(spec, std::string(kSchemas) + "/Role") = {{"type", "object"},
                                               {"properties", {{"name", {{"type", "string"}}}}}};
  properties_of(spec, "User")["team"] = schema_ref("Team");
  at(spec, kSchemas).as_object()["Team"] = {{"type", "object"},
                                            {"properties", {{"id", {{"type", "string"}}}}}};
  CHECK(diff_from_base(spec) ==
        "breaking  model kind changed: models::Role, was enum, now object (Role)\n"
        "          model added: models::Team, object (Team)\n"
        "          field added: models::User::team, std::optional<Team> (User)\n"
        "3 changes, 1 breaking\n");
}

TEST_CASE("diff: the JSON form lists every change in the text form's order") {
  json::value spec = base_spec();
  at(spec, std::string(kSchemas) + "/Role/enum") = {"admin", "owner"};
  std::vector<ApiChange> changes = diff_apis(build(base_spec()), build(spec));
  CHECK(render_changes_json(changes) ==
        R"({"breaking":true,"changes":[)"
        R"({"kind":"enum-value-removed","breaking":true,"symbol":"models::Role::Value::kMember",)"
        R"("where":"Role","detail":"\"member\""},)"
        R"({"kind":"enum-value-added","breaking":false,"symbol":"models::Role::Value::kOwner",)"
        R"("where":"Role","detail":"\"owner\""}]})"
        "\n");

  json::value parsed = json::parse(render_changes_json(diff_apis(build(spec), build(spec))));
  CHECK(parsed.at("breaking") == false);
  CHECK(parsed.at("changes").as_array().empty());
}

TEST_CASE("diff: the command's exit codes and messages") {
  const std::string six = (kDiffFixtures / "six_operations.openapi.json").string();
  const std::string absent = (kDiffFixtures / "absent.json").string();
  std::ostringstream errors;
  std::streambuf* saved = std::cerr.rdbuf(errors.rdbuf());
  int no_arguments = run_diff({});
  int unknown_flag = run_diff({"--old", six, "--new", six, "--verbose"});
  int unreadable = run_diff({"--old", six, "--new", absent});
  std::cerr.rdbuf(saved);
  CHECK(no_arguments == 64);
  CHECK(unknown_flag == 64);
  CHECK(unreadable == 2);
  CHECK(errors.str() ==
        "dyngen: --old and --new are required\n"
        "usage: dyngen diff --old FILE --new FILE [--json]\n"
        "dyngen: unexpected argument '--verbose'\n"
        "usage: dyngen diff --old FILE --new FILE [--json]\n"
        "dyngen: error: cannot read " +
            absent + "\n");
}

// The six-operation spec the SDK started from against Dynamic's full admin document: nearly a
// subset, so the update mostly adds.
TEST_CASE("diff: the six-operation spec against Dynamic's full admin document") {
  const std::filesystem::path full = kReferenceDir / "dynamic-admin.openapi.json";
  if (!std::filesystem::exists(full)) {
    MESSAGE("skipped: " << full.string() << " does not exist");
    return;
  }
  Diagnostics diagnostics;
  Api six = build_api(Document::load((kDiffFixtures / "six_operations.openapi.json").string()),
                      diagnostics);
  Api admin = build_api(Document::load(full.string()), diagnostics);
  std::vector<ApiChange> changes = diff_apis(six, admin);
  CHECK(count_kind(changes, "operation-added") == 187);
  CHECK(count_kind(changes, "model-added") == 233);
  // What the slice has that Dynamic's document does not: error answers 400, 404, 422 and 429 on
  // operations that do not declare them (informational), hence the TooManyRequests schema
  // (breaking: models::TooManyRequests goes away). It also leaves out getEnvironmentUsers'
  // optional `filter` query parameter.
  CHECK(count_kind(changes, "error-status-removed") == 22);
  CHECK(count_kind(changes, "parameter-added") == 1);
  CHECK(changes.size() == 187 + 233 + 22 + 1 + 1);
  REQUIRE_FALSE(changes.empty());
  CHECK(changes[0].kind == "model-removed");
  CHECK(changes[0].symbol == "models::TooManyRequests");
  CHECK(changes[0].breaking);
  CHECK_FALSE(changes[1].breaking);
}
