#include <doctest/doctest.h>

#include "emit/layout.hpp"

using namespace dyngen;

TEST_CASE("call_layout keeps short declarations on one line") {
  CHECK(call_layout(2, "void f", {"int a", "int b"}, ";") == "  void f(int a, int b);\n");
}

TEST_CASE("call_layout puts one aligned parameter per line when the line is too long") {
  std::string head = "models::CreateTokenResponse post_token";
  std::string out = call_layout(2,
                                head,
                                {"const std::string& environment_id",
                                 "const models::PostTokenFields& body",
                                 "const RequestOptions& options = {}"},
                                " const;");
  std::string align(2 + head.size() + 1, ' ');
  CHECK(out == "  " + head + "(const std::string& environment_id,\n" + align +
                   "const models::PostTokenFields& body,\n" + align +
                   "const RequestOptions& options = {}) const;\n");
}

TEST_CASE("call_statement_layout moves all arguments to the next line first") {
  std::string out = call_statement_layout(2,
                                          "detail::read_optional",
                                          {"object",
                                           "\"collectUserDataWelcomeMessage\"",
                                           "out.collect_user_data_welcome_message",
                                           "at"},
                                          ";");
  CHECK(out ==
        "  detail::read_optional(\n"
        "      object, \"collectUserDataWelcomeMessage\", out.collect_user_data_welcome_message, "
        "at);\n");
}

TEST_CASE("doc comments drop trailing backslashes and blank tails") {
  CHECK(doc_comment(2, "first\\\nsecond  \n\n") == "  /// first\n  /// second\n");
  CHECK(doc_comment(0, "").empty());
}

TEST_CASE("string literals escape quotes and backslashes and control characters") {
  CHECK(string_literal("a\"b\\c\nd") == "\"a\\\"b\\\\c\\nd\"");
  CHECK(string_literal(std::string("\x01") + "f") == "\"\\x01\" \"f\"");
}
