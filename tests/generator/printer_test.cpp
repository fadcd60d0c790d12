#include <doctest/doctest.h>

#include <stdexcept>

#include "emit/printer.hpp"

using namespace dyngen;

TEST_CASE("the printer substitutes variables and escapes dollars") {
  Printer p;
  p.print("struct $name$ { int $field$; };  // $$5\n", {{"name", "Token"}, {"field", "count"}});
  CHECK(p.str() == "struct Token { int count; };  // $5\n");
}

TEST_CASE("substituted text is never read as a template") {
  CHECK(substitute("$a$", {{"a", "$b$"}}) == "$b$");
}

TEST_CASE("an unknown variable is an error and not an empty string") {
  CHECK_THROWS_WITH_AS(substitute("x $missing$ y", {{"other", "1"}}),
                       "template variable $missing$ is not defined",
                       std::logic_error);
  CHECK_THROWS_AS(substitute("unterminated $name", {}), std::logic_error);
}
