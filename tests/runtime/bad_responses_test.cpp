// The bad-response corpus (RELIABILITY.md, "Bad input"): answers a broken server, proxy or
// network may give, through the generated client and the whole pipeline (a FakeTransport, and
// one loopback server where the socket matters). Every case runs in the default lenient mode and
// with strict_responses, and checks the documented result (docs/runtime.md): a value with
// Response::problems, or a typed error naming the problem. For deep nesting and oversize bodies
// the allocation peak is bounded too: memory_counter.cpp (from bench/) counts every operator new
// of this binary, all threads included.
#include <doctest/doctest.h>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "dynamic/all.hpp"
#include "dynamic/runtime/json_io.hpp"
#include "fake_transport.hpp"
#include "memory_counter.hpp"
#include "raw_http_server.hpp"

using namespace dynamic;

namespace {

/// For CAPTURE and messages: which mode a failure happened in.
std::string mode(bool strict) { return strict ? "strict" : "lenient"; }

struct Answer {
  int status = 200;
  std::string body;
  std::string content_type = "application/json";
};

/// A client whose transport gives `answer` (held by reference: the copy the transport makes is
/// then allocated during the call, where the memory tests count it). No retries: each case is
/// one attempt.
class Fixture {
 public:
  Fixture(bool strict, const Answer& answer, std::size_t max_response_bytes = 0) {
    harness_.transport->push([&answer](const HttpRequest&) {
      HeaderList headers;
      if (!answer.content_type.empty()) headers.emplace_back("Content-Type", answer.content_type);
      return HttpResponse{answer.status, headers, answer.body};
    });
    options_ = harness_.options();
    options_.strict_responses = strict;
    options_.max_retries = 0;
    if (max_response_bytes != 0) options_.max_response_bytes = max_response_bytes;
  }
  Client client() const { return Client(options_); }

 private:
  testing::Harness harness_;
  ClientOptions options_;
};

Response<models::UsersResponse> users(bool strict, const Answer& answer) {
  return Fixture(strict, answer).client().users().get_environment_users_with_response("env");
}

/// The DecodeError a users call throws, or a failed check.
DecodeError users_decode_error(bool strict, const Answer& answer) {
  try {
    users(strict, answer);
  } catch (const DecodeError& error) {
    return error;
  }
  FAIL("no DecodeError");
  return DecodeError("", "unreachable");
}

std::string what(const DecodeError& error) { return error.what(); }

/// Peak of heap bytes held while `run` runs, beyond what was held before.
template <class Run>
std::size_t allocation_peak(Run run) {
  bench::start_counting();
  run();
  return bench::stop_counting();
}

std::string nested(std::size_t depth) { return std::string(depth, '[') + std::string(depth, ']'); }

const std::string kUser = R"({"id":"u1","projectEnvironmentId":"e"})";

}  // namespace

TEST_CASE("truncated JSON is a DecodeError naming the byte where it stops in both modes") {
  const Answer answer{200, R"({"count":1,"users":[{"id":"u1","projectEnv)"};
  for (bool strict : {false, true}) {
    const std::string decoding = mode(strict);
    CAPTURE(decoding);
    const DecodeError error = users_decode_error(strict, answer);
    CHECK(error.pointer().empty());
    CHECK(error.problem() ==
          "body of HTTP 200 (42 bytes, Content-Type: application/json) is not valid JSON "
          "(incomplete JSON at byte 42)");
  }
}

TEST_CASE("values of the wrong kind are problems when lenient and a DecodeError when strict") {
  const Answer answer{
      200, R"({"count":"many","users":[{"id":7,"projectEnvironmentId":"e"},)" + kUser + "]}"};
  const auto lenient = users(false, answer);
  CHECK_FALSE(lenient.value.count.has_value());
  REQUIRE(lenient.value.users.has_value());
  REQUIRE(lenient.value.users->size() == 2);  // one odd field costs that field only
  CHECK(lenient.value.users->at(0).id.empty());
  CHECK(lenient.value.users->at(0).project_environment_id == "e");
  CHECK(lenient.value.users->at(1).id == "u1");
  CHECK(lenient.problems == std::vector<DecodeProblem>{{"/count", "a 64-bit integer", "a string"},
                                                       {"/users/0/id", "a string", "an integer"}});
  CHECK(lenient.body == answer.body);

  const DecodeError error = users_decode_error(true, answer);
  CHECK(error.pointer() == "/count");
  CHECK(what(error) == "expected a 64-bit integer, got a string at /count");

  // An object where the (optional) array belongs: the field is left absent.
  const auto object = users(false, {200, R"({"users":{"id":"u1"}})"});
  CHECK_FALSE(object.value.users.has_value());
  CHECK(object.problems == std::vector<DecodeProblem>{{"/users", "an array", "an object"}});
  CHECK(users_decode_error(true, {200, R"({"users":{"id":"u1"}})"}).pointer() == "/users");
}

TEST_CASE("a root of the wrong kind is a DecodeError in both modes") {
  for (bool strict : {false, true}) {
    const std::string decoding = mode(strict);
    CAPTURE(decoding);
    for (const char* body : {"[1]", "\"users\"", "null"}) {
      CAPTURE(body);
      const DecodeError error = users_decode_error(strict, {200, body});
      CHECK(error.pointer().empty());
      CHECK(error.expected() == "an object");
    }
  }
}

TEST_CASE("null in a required field is a problem when lenient and a DecodeError when strict") {
  const std::string token = R"({"id":null,"checksum":"c","createdAt":"2024-01-01T00:00:00Z",)"
                            R"("createdBy":{"id":"a","email":"a@example.test"}})";
  const Answer answer{200, R"({"tokens":[)" + token + "]}"};
  Fixture lenient(false, answer);
  const auto tokens = lenient.client().tokens().get_tokens_with_response("env");
  REQUIRE(tokens.value.tokens.has_value());
  REQUIRE(tokens.value.tokens->size() == 1);
  CHECK(tokens.value.tokens->at(0).id.empty());
  CHECK(tokens.value.tokens->at(0).checksum == "c");
  CHECK(tokens.problems == std::vector<DecodeProblem>{{"/tokens/0/id", "a string", "null"}});

  Fixture strict(true, answer);
  try {
    strict.client().tokens().get_tokens("env");
    FAIL("strict decoding accepted null in a required field");
  } catch (const DecodeError& error) {
    CHECK(error.pointer() == "/tokens/0/id");
    CHECK(what(error) == "expected a string, got null at /tokens/0/id");
  }
}

TEST_CASE("integers out of range for an int64 field are problems or a DecodeError") {
  // 1e400 overflows a double, 2^64 a uint64, 2^63 an int64.
  for (const char* number : {"1e400", "-1e400", "18446744073709551616", "9223372036854775808"}) {
    CAPTURE(number);
    const Answer answer{200, R"({"count":)" + std::string(number) + R"(,"users":[]})"};
    const auto lenient = users(false, answer);
    CHECK_FALSE(lenient.value.count.has_value());
    CHECK(lenient.problems ==
          std::vector<DecodeProblem>{{"/count", "a 64-bit integer", "a number out of its range"}});
    const DecodeError error = users_decode_error(true, answer);
    CHECK(what(error) == "number out of range for a 64-bit integer at /count");
  }
  // -1 is in range: the spec states no minimum, and the runtime checks types, not bounds.
  for (bool strict : {false, true}) {
    const auto response = users(strict, {200, R"({"count":-1,"users":[]})"});
    CHECK(response.value.count == -1);
    CHECK(response.problems.empty());
  }
}

TEST_CASE("1e400 for a double field is out of range and never read as infinity") {
  const Answer answer{200,
                      R"({"enabled":true,"fieldType":"text","id":"f","key":"k","name":"n",)"
                      R"("position":1e400,"required":false})"};
  Fixture lenient(false, answer);
  const auto field = lenient.client().custom_fields().get_custom_field_by_id_with_response("f");
  CHECK(field.value.position == 0.0);  // its default, not infinity (which encodes as null)
  CHECK(field.value.key == "k");
  CHECK(field.problems ==
        std::vector<DecodeProblem>{{"/position", "a number", "a number out of its range"}});
  Fixture strict(true, answer);
  CHECK_THROWS_WITH_AS(strict.client().custom_fields().get_custom_field_by_id("f"),
                       "number out of range for a double at /position",
                       DecodeError);
  // The documented loss: free-form JSON is normalised through doubles, so 1e400 becomes null.
  const auto user = users(
      true,
      {200, R"({"users":[{"id":"u1","projectEnvironmentId":"e","metadata":{"big":1e400}}]})"});
  CHECK(user.value.users->at(0).metadata->dump() == R"({"big":null})");
  CHECK(user.problems.empty());
}

TEST_CASE("int32 values out of range are refused by the scalar decoder") {
  // The Dynamic API has no int32 field; generated int32 fields use this decoder.
  std::int32_t value = 0;
  for (const char* number : {"2147483648", "-2147483649", "1e400", "18446744073709551616"}) {
    CAPTURE(number);
    CHECK_THROWS_WITH_AS(from_json(number, value),
                         "number out of range for a 32-bit integer at (document root)",
                         DecodeError);
  }
  from_json("-1", value);
  CHECK(value == -1);
}

TEST_CASE("invalid UTF-8 in a string is a DecodeError naming its byte in both modes") {
  // RFC 8259 requires UTF-8: the body is not JSON. Byte 28 is where the string's bad bytes start.
  for (const char* bad :
       {"\xff", "\xc0\xaf", "\xed\xa0\x80", "\xf4\x90\x80\x80", "\x80", "\xe2\x82"}) {
    const std::string body =
        R"({"count":1,"users":[{"id":"u)" + std::string(bad) + R"(","projectEnvironmentId":"e"}]})";
    for (bool strict : {false, true}) {
      const std::string decoding = mode(strict);
      CAPTURE(decoding);
      const DecodeError error = users_decode_error(strict, {200, body});
      CHECK(error.pointer().empty());
      CHECK(error.problem() == "body of HTTP 200 (" + std::to_string(body.size()) +
                                   " bytes, Content-Type: application/json) is not valid JSON "
                                   "(invalid UTF-8 at byte 28)");
    }
  }
  // Valid multi-byte text is read as sent.
  const auto fine = users(false, {200, R"({"users":[{"id":"ü€😀","projectEnvironmentId":"e"}]})"});
  CHECK(fine.value.users->at(0).id == "ü€😀");
}

TEST_CASE("nesting past 32 levels is refused whole and 100000 levels cost a bounded peak") {
  // 32 levels are read: the root, users, a user, and 29 levels of free-form metadata.
  const std::string user = R"({"id":"u1","projectEnvironmentId":"e","metadata":)";
  for (bool strict : {false, true}) {
    const std::string decoding = mode(strict);
    CAPTURE(decoding);
    const auto deepest = users(strict, {200, R"({"users":[)" + user + nested(29) + "}]}"});
    CHECK(deepest.value.users->at(0).metadata->dump() == nested(29));
    CHECK(users_decode_error(strict, {200, R"({"users":[)" + user + nested(30) + "}]}"})
              .problem()
              .find("deeper than 32 levels (at byte 88)") != std::string::npos);
  }

  const Answer deep{200, nested(100000)};
  for (bool strict : {false, true}) {
    const std::string decoding = mode(strict);
    CAPTURE(decoding);
    Fixture fixture(strict, deep);
    const Client client = fixture.client();
    std::string problem;
    const std::size_t peak = allocation_peak([&] {
      try {
        client.users().get_environment_users("env");
      } catch (const DecodeError& error) {
        problem = error.problem();
      }
    });
    CHECK(problem ==
          "body of HTTP 200 (200000 bytes, Content-Type: application/json) nests arrays and "
          "objects deeper than 32 levels (at byte 32)");
    MESSAGE("100000 levels (" << deep.body.size() << " bytes): allocation peak " << peak
                              << " bytes");
    CHECK(peak < 10 * deep.body.size());
  }
}

TEST_CASE("a body over max_response_bytes is ResponseTooLargeError and is never decoded") {
  // Valid JSON: the size alone refuses it. The fake transport holds the body already, so the
  // peak is the copies the pipeline makes (the loopback case below shows reading stops early).
  const Answer big{200, R"({"users":[],"pad":")" + std::string(2u << 20, 'x') + "\"}"};
  for (bool strict : {false, true}) {
    const std::string decoding = mode(strict);
    CAPTURE(decoding);
    Fixture fixture(strict, big, 1u << 20);
    const Client client = fixture.client();
    bool refused = false;
    const std::size_t peak = allocation_peak([&] {
      try {
        client.users().get_environment_users("env");
      } catch (const ResponseTooLargeError& error) {
        refused = error.limit() == (1u << 20) && error.status() == 200;
      }
    });
    CHECK(refused);
    MESSAGE("body of " << big.body.size() << " bytes over a 1 MiB limit: allocation peak " << peak
                       << " bytes");
    CHECK(peak < 3 * big.body.size());
  }
  // The per-call limit applies the same way.
  const Answer user{200, kUser};  // outlives the fixture, which holds it by reference
  Fixture fixture(false, user);
  RequestOptions call;
  call.max_response_bytes = 8;
  CHECK_THROWS_AS(fixture.client().users().get_user("env", "u1", call), ResponseTooLargeError);
}

TEST_CASE("an HTML error page with status 500 is InternalServerError keeping the raw body") {
  const Answer page{
      500, "<!DOCTYPE html><html><body><h1>502 Bad Gateway</h1></body></html>", "text/html"};
  for (bool strict : {false, true}) {
    const std::string decoding = mode(strict);
    CAPTURE(decoding);
    try {
      users(strict, page);
      FAIL("no error");
    } catch (const InternalServerError& error) {
      CHECK(error.status() == 500);
      CHECK(error.message() == "Internal Server Error");  // no `error` field: the HTTP reason
      CHECK(error.raw_body() == page.body);
      CHECK(error.body().error.empty());
      CHECK(error.typed_body<models::InternalServerError>() == nullptr);
    }
  }
}

TEST_CASE("an HTML page with status 200 is a DecodeError naming the status and Content-Type") {
  // A captive portal or a proxy's login page answering in the API's place.
  const Answer page{200, "<!DOCTYPE html><html><body>Sign in</body></html>", "text/html"};
  for (bool strict : {false, true}) {
    const std::string decoding = mode(strict);
    CAPTURE(decoding);
    CHECK(users_decode_error(strict, page).problem() ==
          "body of HTTP 200 (48 bytes, Content-Type: text/html) is not valid JSON (syntax error "
          "at byte 0)");
  }
}

TEST_CASE("an empty 200 where JSON is expected is a DecodeError saying 0 bytes") {
  for (bool strict : {false, true}) {
    const std::string decoding = mode(strict);
    CAPTURE(decoding);
    CHECK(users_decode_error(strict, {200, "", ""}).problem() ==
          "body of HTTP 200 (0 bytes, no Content-Type) is not valid JSON (incomplete JSON at "
          "byte 0)");
    // An operation without a result reads no body: empty is what it expects.
    const Answer empty{200, "", ""};  // outlives the fixture, which holds it by reference
    Fixture fixture(strict, empty);
    CHECK(fixture.client().tokens().delete_token_by_id_with_response("env", "t1").status == 200);
  }
}

TEST_CASE("JSON labelled text/plain is read as JSON in both modes") {
  // The body decides, not the label: servers mislabel JSON more often than they send non-JSON.
  for (bool strict : {false, true}) {
    const std::string decoding = mode(strict);
    CAPTURE(decoding);
    const auto response =
        users(strict, {200, R"({"count":1,"users":[)" + kUser + "]}", "text/plain"});
    CHECK(response.value.count == 1);
    CHECK(response.value.users->at(0).id == "u1");
    CHECK(response.problems.empty());
    CHECK(response.header("Content-Type") == "text/plain");
  }
}

TEST_CASE("XML labelled application/json is a DecodeError naming the Content-Type") {
  const Answer xml{200, R"(<?xml version="1.0"?><users count="1"/>)"};
  for (bool strict : {false, true}) {
    const std::string decoding = mode(strict);
    CAPTURE(decoding);
    CHECK(users_decode_error(strict, xml).problem() ==
          "body of HTTP 200 (39 bytes, Content-Type: application/json) is not valid JSON "
          "(syntax error at byte 0)");
  }
}

TEST_CASE("loopback: an endless body stops being read at the cap with a bounded peak") {
  // The real transport over a socket: 48 MiB without a length, a 256 KiB cap. Reading stops at
  // the cap, so what the process holds stays near the cap, not near the body.
  testing::RawHttpServer server;
  testing::RawReply endless;
  endless.bytes = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n";
  endless.filler_bytes = 48u << 20;
  endless.close = true;
  server.enqueue(endless);
  ClientOptions options;
  options.api_token = testing::valid_token();
  options.base_url = server.base_url();
  options.max_retries = 0;
  options.timeout = std::chrono::seconds(10);
  constexpr std::size_t kCap = 256u << 10;
  options.max_response_bytes = kCap;
  for (bool strict : {false, true}) {
    options.strict_responses = strict;
    Client client(options);
    if (strict) server.enqueue(endless);
    bool refused = false;
    const std::size_t peak = allocation_peak([&] {
      try {
        client.users().get_environment_users("env");
      } catch (const ResponseTooLargeError& error) {
        refused = error.limit() == kCap && error.status() == 200;
      }
    });
    CHECK(refused);
    MESSAGE(mode(strict) << ": 48 MiB body over a 256 KiB cap: allocation peak " << peak
                         << " bytes");
    CHECK(peak < 10 * kCap);
  }
  CHECK(server.wait_idle(std::chrono::seconds(10)));
  CHECK(server.filler_bytes_written() < (24u << 20));  // the client hung up both times
}
