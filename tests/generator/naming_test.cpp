#include <doctest/doctest.h>

#include "ir/naming.hpp"

using namespace dyngen;

TEST_CASE("split_words handles camel case and acronyms and digits and separators") {
  CHECK(split_words("createdAt") == std::vector<std::string>{"created", "at"});
  CHECK(split_words("MFADevice") == std::vector<std::string>{"mfa", "device"});
  CHECK(split_words("oAuthAccount") == std::vector<std::string>{"o", "auth", "account"});
  CHECK(split_words("environment.users.read") ==
        std::vector<std::string>{"environment", "users", "read"});
  CHECK(split_words("caip2") == std::vector<std::string>{"caip2"});
  CHECK(split_words("name_service") == std::vector<std::string>{"name", "service"});
  CHECK(split_words("--").empty());
}

TEST_CASE("case conversions") {
  CHECK(pascal_case("tokenScopes") == "TokenScopes");
  CHECK(pascal_case("ecdsaValidatorOptions") == "EcdsaValidatorOptions");
  CHECK(snake_case("projectEnvironmentId") == "project_environment_id");
  CHECK(kebab_case("getEnvironmentUsers") == "get-environment-users");
  CHECK(file_stem("Default") == "default");
  CHECK(enumerator_name("waas.delegatedAccess.signMessage") == "kWaasDelegatedAccessSignMessage");
  CHECK(enumerator_name("") == "kEmpty");
}

TEST_CASE("identifiers are always valid C++") {
  CHECK(snake_case("class") == "class_");
  CHECK(snake_case("default") == "default_");
  CHECK(pascal_case("") == "Unnamed");
  CHECK(snake_case("2fa") == "n2fa");
  CHECK(safe_identifier("__reserved") == "reserved");
  CHECK(safe_identifier("a__b") == "a_b");
  CHECK(safe_identifier("NULL") == "NULL_");
}
