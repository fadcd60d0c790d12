// The tape the decoders read: every kind of value, strings in the input or kept by the tape,
// spans that skip whole subtrees, and refusals that say where the text stopped being JSON.
#include <doctest/doctest.h>

#include <boost/json.hpp>
#include <string>
#include <vector>

#include "dynamic/detail/json_codec.hpp"
#include "dynamic/detail/json_tape.hpp"
#include "dynamic/runtime/errors.hpp"
#include "dynamic/runtime/json.hpp"
#include "dynamic/runtime/json_io.hpp"

using dynamic::DecodeError;
using dynamic::detail::for_each_item;
using dynamic::detail::for_each_member;
using dynamic::detail::JsonNode;
using dynamic::detail::JsonTape;

TEST_CASE("tape: scalars of every kind") {
  static_assert(sizeof(JsonNode) == 16);
  const std::string text = R"([null,true,false,-7,18446744073709551615,2.5,"x",{},[]])";
  const JsonTape tape = JsonTape::parse(text);
  const JsonNode& root = tape.root();
  REQUIRE(root.is_array());
  CHECK(root.length == 9);
  std::vector<JsonNode::Kind> kinds;
  for_each_item(root, [&](std::size_t, const JsonNode& item) { kinds.push_back(item.kind()); });
  CHECK(kinds == std::vector<JsonNode::Kind>{JsonNode::Kind::kNull,
                                             JsonNode::Kind::kBool,
                                             JsonNode::Kind::kBool,
                                             JsonNode::Kind::kInt64,
                                             JsonNode::Kind::kUint64,
                                             JsonNode::Kind::kDouble,
                                             JsonNode::Kind::kString,
                                             JsonNode::Kind::kObject,
                                             JsonNode::Kind::kArray});
  const JsonNode* item = root.first_child();
  CHECK(item[1].boolean);
  CHECK_FALSE(item[2].boolean);
  CHECK(item[3].int64 == -7);
  CHECK(item[4].uint64 == 18446744073709551615ULL);
  CHECK(item[5].number == 2.5);
  CHECK(item[6].string() == "x");
  // Written back, the whole document is the one Boost.JSON itself parses.
  CHECK(boost::json::parse(dynamic::detail::compact_text(root)) == boost::json::parse(text));
}

// Found by fuzz/models_users.cpp: Boost.JSON 1.81 read these one unit in the last place off, so
// the shortest text of a double did not read back as that double and a round trip drifted.
TEST_CASE("tape: numbers read as the nearest double") {
  const std::string text = "[1.1111111111111112e+60,2.2222222222222222e+64,1111111111111111111111]";
  const JsonTape tape = JsonTape::parse(text);
  const JsonNode* item = tape.root().first_child();
  CHECK(item[0].number == 1.1111111111111112e+60);
  CHECK(item[1].number == 2.2222222222222222e+64);
  CHECK(item[2].number == 1111111111111111111111.0);
  // Normalised text is stable: it reads back as itself.
  const dynamic::Json once = dynamic::Json::parse(text);
  CHECK(dynamic::Json::parse(once.dump()) == once);
  CHECK(once.dump().rfind("[1.1111111111111112e+60,2.2222222222222222e+64,", 0) == 0);
}

// Found by fuzz/models_union.cpp: a negative zero was written "-0", which reads back as the
// integer 0, so normalised text changed when read again.
TEST_CASE("tape: every zero is normalised to 0") {
  for (const char* zero : {"-0.0", "-6e-2222", "-0e5", "0.0", "-0"}) {
    CAPTURE(std::string(zero));
    const dynamic::Json once = dynamic::Json::parse(zero);
    CHECK(once.dump() == "0");
    CHECK(dynamic::Json::parse(once.dump()) == once);
  }
  CHECK(dynamic::to_json(-0.0) == "0");
}

TEST_CASE("tape: spans skip nested values and members come in order") {
  const std::string text = R"({"a":{"deep":[1,[2,{"x":3}]]},"b":"after","a2":[]})";
  const JsonTape tape = JsonTape::parse(text);
  std::vector<std::string> keys;
  std::vector<std::string> values;
  for_each_member(tape.root(), [&](std::string_view key, const JsonNode& value) {
    keys.emplace_back(key);
    values.push_back(dynamic::detail::compact_text(value));
  });
  CHECK(keys == std::vector<std::string>{"a", "b", "a2"});
  CHECK(values == std::vector<std::string>{R"({"deep":[1,[2,{"x":3}]]})", R"("after")", "[]"});
  REQUIRE(tape.root().find("b") != nullptr);
  CHECK(tape.root().find("b")->string() == "after");
  CHECK(tape.root().find("deep") == nullptr);  // not a member of the root
}

TEST_CASE("tape: plain strings point into the input and escaped ones are kept by the tape") {
  const std::string text = R"({"plain":"abc","esc\"aped":"line\nbreak \u00e9 \ud83d\ude00"})";
  const JsonTape tape = JsonTape::parse(text);
  const JsonNode* plain = tape.root().find("plain");
  REQUIRE(plain != nullptr);
  CHECK(plain->text >= text.data());
  CHECK(plain->text < text.data() + text.size());
  const JsonNode* escaped = tape.root().find("esc\"aped");
  REQUIRE(escaped != nullptr);
  CHECK(escaped->string() == "line\nbreak \xc3\xa9 \xf0\x9f\x98\x80");
  CHECK((escaped->text < text.data() || escaped->text >= text.data() + text.size()));
}

TEST_CASE("tape: a duplicate key reads as its last value") {
  const JsonTape tape = JsonTape::parse(R"({"k":1,"k":2})");
  REQUIRE(tape.root().find("k") != nullptr);
  CHECK(tape.root().find("k")->int64 == 2);
}

TEST_CASE("tape: text that is not one JSON value is refused with the byte where it stopped") {
  for (const char* text : {"", "{", R"({"a":})", "[1,2", "nul", R"({"a":1} x)", "1 2", "\"\\x\""}) {
    INFO(text);
    try {
      JsonTape::parse(text);
      FAIL("no DecodeError");
    } catch (const DecodeError& error) {
      CHECK(error.pointer().empty());
      CHECK(std::string(error.what()).find("not valid JSON") != std::string::npos);
      CHECK(std::string(error.what()).find("at byte") != std::string::npos);
    }
  }
  // Nesting past the parser's limit is refused, not a stack overflow.
  const std::string deep = std::string(100000, '[') + std::string(100000, ']');
  CHECK_THROWS_AS(JsonTape::parse(deep), DecodeError);
}

TEST_CASE("tape: nesting deeper than kMaxDepth is named as such and not as invalid JSON") {
  auto nested = [](std::size_t depth) { return std::string(depth, '[') + std::string(depth, ']'); };
  CHECK(JsonTape::parse(nested(JsonTape::kMaxDepth)).root().is_array());
  CHECK_THROWS_WITH_AS(
      JsonTape::parse(nested(JsonTape::kMaxDepth + 1)),
      "body nests arrays and objects deeper than 32 levels (at byte 32) at (document root)",
      DecodeError);
}

TEST_CASE("tape: invalid UTF-8 is named with the byte where its sequence starts") {
  // A lone continuation byte, 0xFF, an overlong '/', a surrogate, a code point past U+10FFFF, a
  // sequence cut short by the closing quote.
  for (const char* bad :
       {"\x80", "\xff", "\xc0\xaf", "\xed\xa0\x80", "\xf4\x90\x80\x80", "\xe2\x82"}) {
    const std::string text = "[\"ab" + std::string(bad) + "\"]";
    CAPTURE(text);
    CHECK_THROWS_WITH_AS(JsonTape::parse(text),
                         "body is not valid JSON (invalid UTF-8 at byte 4) at (document root)",
                         DecodeError);
  }
  // Valid UTF-8 where no value may stand is a syntax error, reported where the parser stopped.
  CHECK_THROWS_WITH_AS(JsonTape::parse("[\xc3\xa9]"),
                       "body is not valid JSON (syntax error at byte 1) at (document root)",
                       DecodeError);
  CHECK(JsonTape::parse("[\"\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80\"]")
            .root()
            .first_child()
            ->string() == "\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80");
}
