// Error classes built directly: what() format and redaction.
#include <doctest/doctest.h>

#include <stdexcept>
#include <string>
#include <type_traits>

#include "dynamic/runtime/errors.hpp"
#include "redact.hpp"

using namespace dynamic;

TEST_CASE("ApiError::what() names the class and status and message and request id") {
  NotFoundError e(404, "Environment not found", "req-1", {}, "{}");
  CHECK(std::string(e.what()) ==
        "NotFoundError: HTTP 404: Environment not found (request id req-1)");
  BadRequestError no_id(400, "Bad", "", {}, "");
  CHECK(std::string(no_id.what()) == "BadRequestError: HTTP 400: Bad");
  InternalServerError server(503, "down", "r", {}, "");
  CHECK(std::string(server.what()) == "InternalServerError: HTTP 503: down (request id r)");
  RateLimitError limited(429, "slow", "r", {}, "", std::chrono::milliseconds(1500));
  CHECK(std::string(limited.what()) == "RateLimitError: HTTP 429: slow (request id r)");
  CHECK(limited.retry_after() == std::chrono::milliseconds(1500));
}

// The documented hierarchy, checked by the compiler for every class: a change breaks the build.
template <class Base, class... Derived>
constexpr bool all_derive_from = (std::is_base_of_v<Base, Derived> && ...);
static_assert(all_derive_from<std::runtime_error, Error>);
static_assert(all_derive_from<Error,
                              ConfigurationError,
                              ConnectionError,
                              ResponseTooLargeError,
                              DecodeError,
                              ApiError>);
static_assert(all_derive_from<ConnectionError, TimeoutError, ConnectionRefusedError>);
static_assert(all_derive_from<ApiError,
                              BadRequestError,
                              AuthenticationError,
                              PermissionDeniedError,
                              NotFoundError,
                              ConflictError,
                              UnprocessableEntityError,
                              InternalServerError,
                              RateLimitError>);
// Catching a transport failure must not catch a server's answer, nor the other way round.
static_assert(!std::is_base_of_v<ConnectionError, ResponseTooLargeError>);
static_assert(!std::is_base_of_v<ConnectionError, ApiError>);
static_assert(!std::is_base_of_v<ApiError, DecodeError>);
static_assert(!std::is_base_of_v<ApiError, ConfigurationError>);

TEST_CASE("errors are caught by the classes they derive from") {
  CHECK_THROWS_AS(throw TimeoutError("t"), ConnectionError);
  CHECK_THROWS_AS(throw ConflictError(409, "c", "", {}, ""), ApiError);
  CHECK_THROWS_AS(throw ConfigurationError("c"), Error);
  CHECK_THROWS_AS(throw DecodeError("/a", "p"), Error);
}

TEST_CASE("DecodeError::what() is '<problem> at <pointer>'") {
  CHECK(std::string(DecodeError("/items/2/name", "expected a string").what()) ==
        "expected a string at /items/2/name");
  CHECK(std::string(DecodeError("", "not JSON").what()) == "not JSON at (document root)");
  CHECK(DecodeError("/a", "x").pointer() == "/a");
}

TEST_CASE("redact_secrets") {
  using detail::redact_secrets;
  CHECK(redact_secrets("Bearer dyn_abc123XYZ rejected") == "Bearer dyn_*** rejected");
  CHECK(redact_secrets("dyn_a,dyn_b") == "dyn_***,dyn_***");
  CHECK(redact_secrets("dyn_") == "dyn_");
  CHECK(redact_secrets("dyn_ x") == "dyn_ x");
  CHECK(redact_secrets("no secrets") == "no secrets");
  CHECK(redact_secrets("xdyn_Q9") == "xdyn_***");
  CHECK(redact_secrets("") == "");
}

TEST_CASE("error constructors redact tokens") {
  const std::string token = "dyn_" + std::string(56, 'k');
  ApiError e(401, "bad token " + token, "", {"bad " + token, token, std::nullopt}, token);
  CHECK(std::string(e.what()).find(token) == std::string::npos);
  CHECK(e.message() == "bad token dyn_***");
  CHECK(e.raw_body() == "dyn_***");
  CHECK(e.body().error == "bad dyn_***");
  CHECK(e.body().code == std::string("dyn_***"));
  DecodeError d("/x", "saw " + token);
  CHECK(std::string(d.what()) == "saw dyn_*** at /x");
}
