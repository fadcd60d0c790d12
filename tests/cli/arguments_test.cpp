// Arguments: strict typed parsing of flag values and --body files.
#include <doctest/doctest.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <optional>
#include <string>

#include "operation.hpp"

namespace {

using dynamic::cli::Arguments;
using dynamic::cli::UsageError;

using Values = std::map<std::string, std::string, std::less<>>;

std::string usage_message(const std::function<void()>& action) {
  try {
    action();
  } catch (const UsageError& error) {
    return error.what();
  }
  return "(no UsageError)";
}

}  // namespace

TEST_CASE("Arguments: text and presence") {
  const Arguments args(Values{{"name", "alice"}, {"empty", ""}});
  CHECK(args.text("name") == "alice");
  CHECK(args.text("empty").empty());
  CHECK(args.has("name"));
  CHECK_FALSE(args.has("other"));
  CHECK(args.optional_text("name") == std::optional<std::string>("alice"));
  CHECK_FALSE(args.optional_text("other").has_value());
  CHECK(usage_message([&] { args.text("other"); }).find("--other") != std::string::npos);
}

TEST_CASE("Arguments: integers parse strictly") {
  const Arguments args(Values{{"limit", "42"},
                              {"negative", "-7"},
                              {"plus", "+5"},
                              {"big", "9223372036854775807"},
                              {"abc", "abc"},
                              {"trailing", "12x"},
                              {"space", " 12"},
                              {"fraction", "1.5"},
                              {"empty", ""},
                              {"overflow", "9223372036854775808"}});
  CHECK(args.integer("limit") == 42);
  CHECK(args.integer("negative") == -7);
  CHECK(args.integer("plus") == 5);
  CHECK(args.integer("big") == INT64_MAX);
  CHECK(args.optional_integer("limit") == std::optional<std::int64_t>(42));
  CHECK_FALSE(args.optional_integer("missing").has_value());
  CHECK(usage_message([&] { args.integer("abc"); }) == "--abc: expected an integer, got 'abc'");
  for (const char* bad : {"trailing", "space", "fraction", "empty", "overflow"}) {
    CAPTURE(bad);
    CHECK_THROWS_AS(args.integer(bad), UsageError);
    CHECK_THROWS_AS(args.optional_integer(bad), UsageError);
  }
}

TEST_CASE("Arguments: the bad-value message names the flag and the value") {
  const Arguments args(Values{{"limit", "abc"}});
  CHECK(usage_message([&] { args.integer("limit"); }) == "--limit: expected an integer, got 'abc'");
}

TEST_CASE("Arguments: numbers parse strictly") {
  const Arguments args(Values{{"ratio", "0.25"},
                              {"exp", "-1e3"},
                              {"int", "3"},
                              {"word", "fast"},
                              {"inf", "inf"},
                              {"nan", "nan"},
                              {"hex", "0x10"},
                              {"trailing", "1.5s"},
                              {"huge", "1e400"}});
  CHECK(args.number("ratio") == doctest::Approx(0.25));
  CHECK(args.number("exp") == doctest::Approx(-1000.0));
  CHECK(args.number("int") == doctest::Approx(3.0));
  CHECK_FALSE(args.optional_number("missing").has_value());
  for (const char* bad : {"word", "inf", "nan", "hex", "trailing", "huge"}) {
    CAPTURE(bad);
    CHECK_THROWS_AS(args.number(bad), UsageError);
  }
  CHECK(usage_message([&] { args.number("word"); }) == "--word: expected a number, got 'fast'");
}

TEST_CASE("Arguments: booleans accept true/false/1/0 only") {
  const Arguments args(
      {{"a", "true"}, {"b", "false"}, {"c", "1"}, {"d", "0"}, {"e", "yes"}, {"f", "TRUE"}});
  CHECK(args.boolean("a"));
  CHECK_FALSE(args.boolean("b"));
  CHECK(args.boolean("c"));
  CHECK_FALSE(args.boolean("d"));
  CHECK(args.optional_boolean("a") == std::optional<bool>(true));
  CHECK_FALSE(args.optional_boolean("missing").has_value());
  CHECK_THROWS_AS(args.boolean("e"), UsageError);
  CHECK_THROWS_AS(args.boolean("f"), UsageError);
  CHECK(usage_message([&] { args.boolean("e"); }).rfind("--e: expected", 0) == 0);
}

TEST_CASE("Arguments: body inline or from a file or missing") {
  CHECK(Arguments(Values{{"body", R"({"a":1})"}}).body() == R"({"a":1})");
  CHECK_THROWS_AS(Arguments(Values{}).body(), UsageError);

  const std::filesystem::path path =
      std::filesystem::temp_directory_path() / "dynamic_cli_arguments_body.json";
  {
    std::ofstream file(path, std::ios::binary);
    file << "{\n  \"name\": \"from file\"\n}\n";
  }
  CHECK(Arguments(Values{{"body", "@" + path.string()}}).body() ==
        "{\n  \"name\": \"from file\"\n}\n");
  std::filesystem::remove(path);

  const std::string missing = usage_message([&] {
    Arguments(Values{{"body", "@" + path.string()}}).body();
  });
  CHECK(missing.find("--body") != std::string::npos);
  CHECK(missing.find(path.string()) != std::string::npos);
  CHECK_THROWS_AS(
      Arguments(Values{{"body", "@" + std::filesystem::temp_directory_path().string()}}).body(),
      UsageError);
  CHECK_THROWS_AS(Arguments(Values{{"body", "@"}}).body(), UsageError);
}
