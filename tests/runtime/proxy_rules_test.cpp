// Which proxy a request goes through (runtime/src/proxy.cpp), without a network: curl's
// environment variables, NO_PROXY matching, the explicit options, malformed proxy URLs. The
// environment is a map handed in through ClientOptions::environment, never setenv.
#include <doctest/doctest.h>

#include <map>
#include <memory>
#include <optional>
#include <string>

#include "fake_transport.hpp"
#include "proxy.hpp"

using namespace dynamic;
using detail::no_proxy_covers;
using detail::parse_proxy_url;
using detail::ProxyRules;

namespace {

using Variables = std::map<std::string, std::string>;

EnvironmentLookup environment_of(Variables variables) {
  auto shared = std::make_shared<const Variables>(std::move(variables));
  return [shared](const char* name) -> const char* {
    auto found = shared->find(name);
    return found == shared->end() ? nullptr : found->second.c_str();
  };
}

struct Setup {
  Variables environment;
  std::optional<std::string> proxy;
  std::optional<std::string> no_proxy;
};

/// The proxy address `url` goes through, or "direct".
std::string route_with(const std::string& url, const Setup& setup) {
  ProxyRules rules(setup.proxy, setup.no_proxy, environment_of(setup.environment));
  std::optional<HttpProxy> proxy = rules.proxy_for(url);
  return proxy ? proxy->address : "direct";
}

std::string route(const std::string& url, Variables environment) {
  return route_with(url, Setup{std::move(environment), std::nullopt, std::nullopt});
}

constexpr const char* kHttpsUrl = "https://api.example.com/api/v0";
constexpr const char* kHttpUrl = "http://127.0.0.1:8080/api/v0";

std::string configuration_error(const std::string& url, const Setup& setup) {
  try {
    route_with(url, setup);
  } catch (const ConfigurationError& e) {
    return e.what();
  }
  return "no ConfigurationError";
}

}  // namespace

TEST_CASE("proxy rules: no variables means a direct connection") {
  CHECK(route(kHttpsUrl, {}) == "direct");
  CHECK(route(kHttpUrl, {}) == "direct");
}

TEST_CASE("proxy rules: https URLs read https_proxy and then HTTPS_PROXY") {
  CHECK(route(kHttpsUrl, {{"HTTPS_PROXY", "http://upper:3128"}}) == "http://upper:3128");
  CHECK(route(kHttpsUrl, {{"https_proxy", "http://lower:3128"}}) == "http://lower:3128");
  CHECK(route(kHttpsUrl, {{"https_proxy", "http://lower:1"}, {"HTTPS_PROXY", "http://upper:2"}}) ==
        "http://lower:1");
  // The https variables are not for http URLs.
  CHECK(route(kHttpUrl, {{"https_proxy", "http://lower:1"}, {"HTTPS_PROXY", "http://upper:2"}}) ==
        "direct");
}

TEST_CASE("proxy rules: http URLs read lower-case http_proxy only (httpoxy)") {
  CHECK(route(kHttpUrl, {{"http_proxy", "http://plain:8080"}}) == "http://plain:8080");
  CHECK(route(kHttpUrl, {{"HTTP_PROXY", "http://from-a-cgi-header:8080"}}) == "direct");
  CHECK(route(kHttpsUrl, {{"http_proxy", "http://plain:8080"}}) == "direct");
}

TEST_CASE("proxy rules: all_proxy and then ALL_PROXY are the fallback for both schemes") {
  CHECK(route(kHttpsUrl, {{"ALL_PROXY", "http://all:1"}}) == "http://all:1");
  CHECK(route(kHttpUrl, {{"ALL_PROXY", "http://all:1"}}) == "http://all:1");
  CHECK(route(kHttpsUrl, {{"all_proxy", "http://lower:1"}, {"ALL_PROXY", "http://upper:2"}}) ==
        "http://lower:1");
  CHECK(route(kHttpsUrl, {{"https_proxy", "http://specific:1"}, {"all_proxy", "http://all:2"}}) ==
        "http://specific:1");
}

TEST_CASE("proxy rules: a variable set but empty means no proxy and stops the search") {
  CHECK(route(kHttpsUrl, {{"https_proxy", ""}, {"ALL_PROXY", "http://all:1"}}) == "direct");
  CHECK(route(kHttpUrl, {{"http_proxy", ""}, {"all_proxy", "http://all:1"}}) == "direct");
}

TEST_CASE("proxy rules: the explicit option wins over the environment") {
  Setup setup{{{"https_proxy", "http://env:1"}, {"http_proxy", "http://env:2"}},
              "http://explicit:3128",
              std::nullopt};
  CHECK(route_with(kHttpsUrl, setup) == "http://explicit:3128");
  CHECK(route_with(kHttpUrl, setup) == "http://explicit:3128");
  setup.proxy = kNoProxy;
  CHECK(route_with(kHttpsUrl, setup) == "direct");
  CHECK(route_with(kHttpUrl, setup) == "direct");
}

TEST_CASE("proxy rules: an explicit proxy ignores a malformed variable") {
  Setup setup{{{"HTTPS_PROXY", "socks5://nope:1080"}}, "http://explicit:3128", std::nullopt};
  CHECK(route_with(kHttpsUrl, setup) == "http://explicit:3128");
}

TEST_CASE("proxy rules: NO_PROXY exempts hosts from environment and explicit proxies alike") {
  CHECK(route(kHttpsUrl, {{"https_proxy", "http://p:1"}, {"NO_PROXY", "example.com"}}) == "direct");
  CHECK(route(kHttpsUrl, {{"https_proxy", "http://p:1"}, {"no_proxy", ".example.com"}}) ==
        "direct");
  CHECK(
      route_with(kHttpsUrl, Setup{{{"no_proxy", "api.example.com"}}, "http://p:1", std::nullopt}) ==
      "direct");
  CHECK(route(kHttpsUrl, {{"https_proxy", "http://p:1"}, {"NO_PROXY", "other.com"}}) ==
        "http://p:1");
}

TEST_CASE("proxy rules: no_proxy is read before NO_PROXY") {
  CHECK(route(kHttpsUrl,
              {{"https_proxy", "http://p:1"}, {"no_proxy", "other.com"}, {"NO_PROXY", "*"}}) ==
        "http://p:1");
}

TEST_CASE("proxy rules: ClientOptions::no_proxy replaces the environment's list") {
  Setup setup{{{"https_proxy", "http://p:1"}, {"NO_PROXY", "example.com"}}, std::nullopt, ""};
  CHECK(route_with(kHttpsUrl, setup) == "http://p:1");
  setup.no_proxy = "api.example.com";
  setup.environment.erase("NO_PROXY");
  CHECK(route_with(kHttpsUrl, setup) == "direct");
}

TEST_CASE("no_proxy_covers: star and names") {
  CHECK(no_proxy_covers("*", "anything.test", 443));
  CHECK(no_proxy_covers("a.test, *", "anything.test", 443));
  CHECK(no_proxy_covers("example.com", "example.com", 443));
  CHECK(no_proxy_covers("example.com", "api.example.com", 443));
  CHECK(no_proxy_covers(".example.com", "example.com", 443));
  CHECK(no_proxy_covers(".example.com", "deep.api.example.com", 443));
  CHECK(no_proxy_covers("*.example.com", "api.example.com", 443));
  CHECK_FALSE(no_proxy_covers("example.com", "badexample.com", 443));
  CHECK_FALSE(no_proxy_covers("api.example.com", "example.com", 443));
  CHECK_FALSE(no_proxy_covers("", "example.com", 443));
  CHECK_FALSE(no_proxy_covers(" , ,", "example.com", 443));
}

TEST_CASE("no_proxy_covers: case spaces and trailing dots do not matter") {
  CHECK(no_proxy_covers("EXAMPLE.com", "api.Example.COM", 443));
  CHECK(no_proxy_covers("other.test ,  example.com  ", "api.example.com", 443));
  CHECK(no_proxy_covers("example.com.", "api.example.com", 443));
  CHECK(no_proxy_covers("example.com", "api.example.com.", 443));
}

TEST_CASE("no_proxy_covers: IP addresses match exactly") {
  CHECK(no_proxy_covers("127.0.0.1", "127.0.0.1", 80));
  CHECK_FALSE(no_proxy_covers("127.0.0.1", "127.0.0.2", 80));
  CHECK_FALSE(no_proxy_covers("0.0.1", "127.0.0.1", 80));
  CHECK_FALSE(no_proxy_covers("127.0.0", "127.0.0.1", 80));
  CHECK(no_proxy_covers("::1", "::1", 443));
  CHECK(no_proxy_covers("[::1]", "::1", 443));
  CHECK(no_proxy_covers("0:0:0:0:0:0:0:1", "::1", 443));
  CHECK_FALSE(no_proxy_covers("::2", "::1", 443));
  CHECK_FALSE(no_proxy_covers("localhost", "127.0.0.1", 80));
}

TEST_CASE("no_proxy_covers: an entry with a port covers only that port") {
  CHECK(no_proxy_covers("example.com:8443", "api.example.com", 8443));
  CHECK_FALSE(no_proxy_covers("example.com:8443", "api.example.com", 443));
  CHECK(no_proxy_covers("127.0.0.1:8080", "127.0.0.1", 8080));
  CHECK_FALSE(no_proxy_covers("127.0.0.1:8080", "127.0.0.1", 8081));
  CHECK(no_proxy_covers("[::1]:443", "::1", 443));
  CHECK_FALSE(no_proxy_covers("[::1]:443", "::1", 80));
  // A port that is not one makes the entry cover nothing (the others still count).
  CHECK_FALSE(no_proxy_covers("example.com:http", "example.com", 80));
  CHECK(no_proxy_covers("example.com:99999, example.com", "example.com", 80));
}

TEST_CASE("proxy rules: NO_PROXY uses the URL's port or the scheme's default") {
  const Variables environment{{"https_proxy", "http://p:1"}, {"http_proxy", "http://p:2"}};
  Variables with_port = environment;
  with_port["NO_PROXY"] = "api.example.com:443, 127.0.0.1:8080";
  CHECK(route("https://api.example.com/api/v0", with_port) == "direct");
  CHECK(route("https://api.example.com:8443/api/v0", with_port) == "http://p:1");
  CHECK(route("http://127.0.0.1:8080/api/v0", with_port) == "direct");
  CHECK(route("http://127.0.0.1/api/v0", with_port) == "http://p:2");
}

TEST_CASE("parse_proxy_url: defaults and credentials") {
  HttpProxy plain = parse_proxy_url("http://proxy.corp:3128", "X");
  CHECK(plain.address == "http://proxy.corp:3128");
  CHECK(plain.username.empty());
  CHECK(plain.password.empty());
  CHECK(parse_proxy_url("proxy.corp:3128", "X").address == "http://proxy.corp:3128");
  CHECK(parse_proxy_url("HTTP://proxy.corp:3128/", "X").address == "http://proxy.corp:3128");
  CHECK(parse_proxy_url("http://proxy.corp", "X").address == "http://proxy.corp:1080");
  CHECK(parse_proxy_url("http://proxy.corp:", "X").address == "http://proxy.corp:1080");
  CHECK(parse_proxy_url("http://[::1]:3128", "X").address == "http://[::1]:3128");

  HttpProxy with_user = parse_proxy_url("http://al%40ice:p%3Ass@proxy.corp:3128", "X");
  CHECK(with_user.address == "http://proxy.corp:3128");
  CHECK(with_user.username == "al@ice");
  CHECK(with_user.password == "p:ss");
  HttpProxy user_only = parse_proxy_url("http://bob@proxy.corp:3128", "X");
  CHECK(user_only.username == "bob");
  CHECK(user_only.password.empty());
}

TEST_CASE("parse_proxy_url: malformed URLs name their source and never show the password") {
  const char* malformed[] = {
      "https://user:s3cr3t@proxy.corp:3128",
      "socks5://user:s3cr3t@proxy.corp:1080",
      "http://user:s3cr3t@",
      "http://user:s3cr3t@proxy.corp:99999",
      "http://user:s3cr3t@proxy.corp:0",
      "http://user:s3cr3t@proxy.corp:3128/path",
      "http://user:s3cr3t@proxy.corp:3128?q=1",
      "http://user:s3cr3t@proxy corp:3128",
      "http://user:s3cr3t@proxy.corp:31x8",
      "http://user:s3cr3t@127.0.0.1.example:3128",
  };
  for (const std::string text : malformed) {
    CAPTURE(text);
    try {
      parse_proxy_url(text, "HTTPS_PROXY");
      FAIL("expected a ConfigurationError");
    } catch (const ConfigurationError& e) {
      const std::string message = e.what();
      CHECK(message.rfind("HTTPS_PROXY is not a usable proxy URL: ", 0) == 0);
      CHECK(message.find("s3cr3t") == std::string::npos);
    }
  }
}

TEST_CASE("proxy rules: a malformed variable is reported by name when a URL needs it") {
  const Setup setup{
      {{"HTTPS_PROXY", "socks5://user:s3cr3t@proxy:1080"}}, std::nullopt, std::nullopt};
  const std::string message = configuration_error(kHttpsUrl, setup);
  CHECK(message ==
        "HTTPS_PROXY is not a usable proxy URL: the scheme \"socks5\" is not supported, only "
        "http:// proxies are (expected http://[user:password@]host[:port])");
  // Not needed for http URLs, nor for hosts NO_PROXY exempts.
  CHECK(route_with(kHttpUrl, setup) == "direct");
  Setup exempt = setup;
  exempt.environment["NO_PROXY"] = "example.com";
  CHECK(route_with(kHttpsUrl, exempt) == "direct");
}

TEST_CASE("proxy rules: a malformed explicit proxy fails at once") {
  CHECK_THROWS_WITH_AS(ProxyRules(std::string("ftp://proxy:21"), std::nullopt, environment_of({})),
                       "ClientOptions::proxy is not a usable proxy URL: the scheme \"ftp\" is not "
                       "supported, only http:// proxies are (expected "
                       "http://[user:password@]host[:port])",
                       ConfigurationError);
}

TEST_CASE("pipeline: the proxy decision reaches the transport") {
  testing::Harness harness;
  harness.transport->reply_times(3, 200, "{}");
  ClientOptions options = harness.options();
  options.environment = environment_of(
      {{"HTTPS_PROXY", "http://u%3Ar:p%40ss@proxy.test:3128"}, {"NO_PROXY", "internal.test"}});
  Pipeline pipeline(options);
  pipeline.send(testing::get("/ping"));
  RequestOptions exempt;
  exempt.base_url = "https://internal.test/api/v0";
  pipeline.send(testing::get("/ping"), exempt);
  RequestOptions other;
  other.base_url = "https://other.test/api/v0";
  pipeline.send(testing::get("/ping"), other);

  const std::vector<HttpRequest> sent = harness.transport->requests();
  REQUIRE(sent.size() == 3);
  REQUIRE(sent[0].proxy.has_value());
  CHECK(sent[0].proxy->address == "http://proxy.test:3128");
  CHECK(sent[0].proxy->username == "u:r");
  CHECK(sent[0].proxy->password == "p@ss");
  CHECK_FALSE(sent[1].proxy.has_value());
  REQUIRE(sent[2].proxy.has_value());
  CHECK(sent[2].proxy->address == "http://proxy.test:3128");
}

TEST_CASE("pipeline: a malformed proxy for the base URL fails the constructor by name") {
  testing::Harness harness;
  ClientOptions options = harness.options();
  options.environment = environment_of({{"https_proxy", "http://proxy.test:3128/some/path"}});
  CHECK_THROWS_WITH_AS(Pipeline{options},
                       "https_proxy is not a usable proxy URL: it has a path (expected "
                       "http://[user:password@]host[:port])",
                       ConfigurationError);
  options.environment = environment_of({});
  options.proxy = "gopher://proxy.test";
  CHECK_THROWS_AS(Pipeline{options}, ConfigurationError);
}
