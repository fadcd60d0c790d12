// Pipeline construction: where the token comes from, how it is checked, the base URL.
#include <doctest/doctest.h>

#include <cstdlib>
#include <optional>
#include <string>

#include "fake_transport.hpp"

using namespace dynamic;
using dynamic::testing::Harness;
using dynamic::testing::valid_token;

namespace {

/// Sets or clears DYNAMIC_API_TOKEN for one test and restores it afterwards.
class ScopedTokenEnv {
 public:
  explicit ScopedTokenEnv(const char* value) {
    if (const char* old = std::getenv(kApiTokenVariable)) saved_ = old;
    if (value != nullptr) {
      setenv(kApiTokenVariable, value, 1);
    } else {
      unsetenv(kApiTokenVariable);
    }
  }
  ~ScopedTokenEnv() {
    if (saved_) {
      setenv(kApiTokenVariable, saved_->c_str(), 1);
    } else {
      unsetenv(kApiTokenVariable);
    }
  }
  ScopedTokenEnv(const ScopedTokenEnv&) = delete;
  ScopedTokenEnv& operator=(const ScopedTokenEnv&) = delete;

 private:
  std::optional<std::string> saved_;
};

/// Builds a pipeline with `token` and returns the ConfigurationError's text ("" if none).
std::string configuration_error_for(const std::string& token) {
  ScopedTokenEnv env(nullptr);
  Harness harness;
  ClientOptions options = harness.options();
  options.api_token = token;
  try {
    Pipeline pipeline(options);
  } catch (const ConfigurationError& e) {
    CHECK(harness.transport->request_count() == 0);
    return e.what();
  }
  return "";
}

/// True when `text` shows any 8-character run of the token's secret part.
bool leaks_token(const std::string& text, const std::string& token) {
  if (text.find(token) != std::string::npos) return true;
  for (std::size_t i = 4; i + 8 <= token.size(); ++i) {
    if (text.find(token.substr(i, 8)) != std::string::npos) return true;
  }
  return false;
}

}  // namespace

TEST_CASE("token from ClientOptions is sent as a bearer token") {
  ScopedTokenEnv env(nullptr);
  Harness harness;
  harness.transport->reply(200, "{}");
  Pipeline pipeline(harness.options());
  pipeline.send(testing::get("/ping"));
  REQUIRE(harness.transport->request_count() == 1);
  CHECK(testing::header_of(harness.transport->requests()[0], "Authorization") ==
        "Bearer " + valid_token());
}

TEST_CASE("token falls back to DYNAMIC_API_TOKEN") {
  const std::string env_token = "dyn_" + std::string(28, 'E') + std::string(28, '7');
  ScopedTokenEnv env(env_token.c_str());
  Harness harness;
  harness.transport->reply(200, "{}");
  ClientOptions options = harness.options();
  options.api_token.clear();
  Pipeline pipeline(options);
  pipeline.send(testing::get("/ping"));
  CHECK(testing::header_of(harness.transport->requests()[0], "Authorization") ==
        "Bearer " + env_token);
}

TEST_CASE("ClientOptions::environment supplies DYNAMIC_API_TOKEN instead of the process") {
  ScopedTokenEnv env(("dyn_" + std::string(56, 'P')).c_str());
  const std::string injected = "dyn_" + std::string(56, 'I');
  Harness harness;
  harness.transport->reply(200, "{}");
  ClientOptions options = harness.options();
  options.api_token.clear();
  options.environment = [injected](const char* name) -> const char* {
    return std::string(name) == kApiTokenVariable ? injected.c_str() : nullptr;
  };
  Pipeline pipeline(options);
  pipeline.send(testing::get("/ping"));
  CHECK(testing::header_of(harness.transport->requests()[0], "Authorization") ==
        "Bearer " + injected);

  options.environment = [](const char*) -> const char* { return nullptr; };
  CHECK_THROWS_AS(Pipeline{options}, ConfigurationError);
}

TEST_CASE("ClientOptions::api_token wins over DYNAMIC_API_TOKEN") {
  const std::string env_token = "dyn_" + std::string(56, 'Q');
  ScopedTokenEnv env(env_token.c_str());
  Harness harness;
  harness.transport->reply(200, "{}");
  Pipeline pipeline(harness.options());
  pipeline.send(testing::get("/ping"));
  CHECK(testing::header_of(harness.transport->requests()[0], "Authorization") ==
        "Bearer " + valid_token());
}

TEST_CASE("missing token is a ConfigurationError") {
  CHECK(configuration_error_for("") ==
        "no API token: set ClientOptions::api_token or DYNAMIC_API_TOKEN");
  ScopedTokenEnv env("");
  Harness harness;
  ClientOptions options = harness.options();
  options.api_token.clear();
  CHECK_THROWS_AS(Pipeline{options}, ConfigurationError);
}

TEST_CASE("token with the wrong prefix is rejected without echoing it") {
  const std::string token = "dyx_" + valid_token().substr(4);
  std::string message = configuration_error_for(token);
  REQUIRE(!message.empty());
  CHECK(message.find("does not start with \"dyn_\"") != std::string::npos);
  CHECK_FALSE(leaks_token(message, token));

  const std::string bare = valid_token().substr(4);
  message = configuration_error_for(bare);
  CHECK(message.find("does not start with") != std::string::npos);
  CHECK_FALSE(leaks_token(message, "dyn_" + bare));
}

TEST_CASE("token of the wrong length is rejected without echoing it") {
  const std::string short_token = valid_token().substr(0, 59);
  std::string message = configuration_error_for(short_token);
  REQUIRE(!message.empty());
  CHECK(message.find("55 characters") != std::string::npos);
  CHECK(message.find("56") != std::string::npos);
  CHECK_FALSE(leaks_token(message, short_token));

  const std::string long_token = valid_token() + "X";
  message = configuration_error_for(long_token);
  CHECK(message.find("57 characters") != std::string::npos);
  CHECK_FALSE(leaks_token(message, long_token));
}

TEST_CASE("token with a character outside [A-Za-z0-9] is rejected without echoing it") {
  std::string token = valid_token();
  token[20] = '-';
  std::string message = configuration_error_for(token);
  REQUIRE(!message.empty());
  CHECK(message.find("not an ASCII letter or digit") != std::string::npos);
  CHECK(message.find("position 21") != std::string::npos);
  CHECK_FALSE(leaks_token(message, token));

  // A trailing newline (a common copy-paste accident) is reported as whitespace.
  const std::string with_newline = valid_token().substr(0, 59) + "\n";
  message = configuration_error_for(with_newline);
  CHECK(message.find("whitespace") != std::string::npos);
  CHECK_FALSE(leaks_token(message, with_newline));
}

TEST_CASE("malformed DYNAMIC_API_TOKEN names its source") {
  const std::string token = "dyn_" + std::string(10, 'a');
  ScopedTokenEnv env(token.c_str());
  Harness harness;
  ClientOptions options = harness.options();
  options.api_token.clear();
  try {
    Pipeline pipeline(options);
    FAIL("expected a ConfigurationError");
  } catch (const ConfigurationError& e) {
    std::string message = e.what();
    CHECK(message.find("DYNAMIC_API_TOKEN") != std::string::npos);
    CHECK(message.find(token) == std::string::npos);
    CHECK(message.find("aaaaaaaa") == std::string::npos);
  }
}

TEST_CASE("is_valid_api_token") {
  CHECK(is_valid_api_token(valid_token()));
  CHECK(is_valid_api_token("dyn_" + std::string(56, '0')));
  CHECK_FALSE(is_valid_api_token(""));
  CHECK_FALSE(is_valid_api_token("dyn_"));
  CHECK_FALSE(is_valid_api_token("DYN_" + std::string(56, 'a')));
  CHECK_FALSE(is_valid_api_token("dyn_" + std::string(55, 'a')));
  CHECK_FALSE(is_valid_api_token("dyn_" + std::string(57, 'a')));
  CHECK_FALSE(is_valid_api_token("dyn_" + std::string(55, 'a') + "_"));
  CHECK_FALSE(is_valid_api_token("dyn_" + std::string(55, 'a') + "\xc3"));
  CHECK_FALSE(is_valid_api_token(" dyn_" + std::string(55, 'a')));
}

TEST_CASE("base_url must be http(s) and loses its trailing slashes") {
  Harness harness;
  ClientOptions options = harness.options();
  for (const char* bad : {"api.example.test/api/v0", "ftp://api.example.test", "", "https://"}) {
    options.base_url = bad;
    CHECK_THROWS_AS(Pipeline{options}, ConfigurationError);
  }
  options.base_url = "https://api.example.test/api/v0//";
  harness.transport->reply(200, "{}");
  Pipeline pipeline(options);
  pipeline.send(testing::get("/environments"));
  CHECK(harness.transport->requests()[0].url == "https://api.example.test/api/v0/environments");
}

// Found by fuzz/url_building.cpp: Boost 1.81's URL parser asserts on these (a scheme, then one
// character that cannot start a path), so a debug build aborted instead of refusing them.
TEST_CASE("a scheme followed by a stray character is a ConfigurationError") {
  Harness harness;
  ClientOptions options = harness.options();
  for (const char* bad : {"https:{", "http:<", "https:\xd2", "x:\"", "HTTPS:{"}) {
    CAPTURE(std::string(bad));
    options.base_url = bad;
    CHECK_THROWS_AS(Pipeline{options}, ConfigurationError);
  }
  options.base_url = "HTTPS://api.example.test";  // the scheme's case does not matter
  CHECK_NOTHROW(Pipeline{options});
}

TEST_CASE("options() reports the transport in use") {
  Harness harness;
  Pipeline pipeline(harness.options());
  CHECK(pipeline.options().transport.get() == harness.transport.get());
  CHECK(pipeline.options().base_url == "https://api.example.test/api/v0");

  ClientOptions defaults = harness.options();
  defaults.transport = nullptr;
  Pipeline with_default(defaults);
  CHECK(with_default.options().transport.get() != nullptr);
}
