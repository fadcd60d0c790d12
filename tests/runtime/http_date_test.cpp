// parse_http_date (Retry-After as a date): IMF-fixdate only, read field by field. The inputs
// named "fuzz" are crashes fuzz/dates.cpp found; fuzz/corpus/dates keeps them too.
#include <doctest/doctest.h>

#include <chrono>
#include <string>

#include "retry_policy.hpp"

using dynamic::detail::parse_http_date;

TEST_CASE("an IMF-fixdate names its instant") {
  const auto instant = parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT");
  REQUIRE(instant.has_value());
  CHECK(instant->time_since_epoch() == std::chrono::seconds(784'111'777));
  // Names are matched ignoring case, as before.
  CHECK(parse_http_date("SUN, 06 nov 1994 08:49:37 GMT") == instant);
  CHECK(parse_http_date("Sat, 01 Jan 0000 00:00:00 GMT").has_value());
  CHECK(parse_http_date("Tue, 29 Feb 2000 23:59:59 GMT").has_value());
}

TEST_CASE("text that is not an IMF-fixdate gives no instant") {
  for (const char* text : {"",
                           "Sun, 06 Nov 1994 08:49:37",
                           "Sun, 06 Nov 1994 08:49:37 UTC",
                           "Sunday, 06-Nov-94 08:49:37 GMT",
                           "Sun Nov  6 08:49:37 1994",
                           "Mon, 06 Nov 1994 08:49:37 GMT",  // the weekday disagrees
                           "Wed, 29 Feb 1995 08:49:37 GMT",  // no such day
                           "Sun, 06 Nov 1994 24:00:00 GMT",
                           "Sun, 06 Nov 1994 08:60:00 GMT",
                           "Sun, 06 Nov 1994 08:49:60 GMT",
                           "Sun, 06 Nov 1994 +8:49:37 GMT",
                           "Sun, 06 Xyz 1994 08:49:37 GMT",
                           "Sun, 06 Nov 1994 08:49:37 GMt",
                           "Sun, 06 Nov 8:49 10949:37 GMT"}) {  // fuzz: date::parse read garbage
    CAPTURE(std::string(text));
    CHECK_FALSE(parse_http_date(text).has_value());
  }
}

TEST_CASE("a date beyond what system_clock holds is read as its nearest end") {
  using Clock = std::chrono::system_clock;
  // fuzz: converting year 9994 to nanoseconds overflowed.
  CHECK(parse_http_date("Sun, 06 Nov 9994 08:49:37 GMT") == Clock::time_point::max());
  CHECK(parse_http_date("Sat, 01 Jan 1600 00:00:00 GMT") == Clock::time_point::min());
}

TEST_CASE("Retry-After far in the future is too long to wait and far in the past is now") {
  const std::chrono::system_clock::time_point now{
      std::chrono::seconds(1'767'225'600)};  // 2026-01-01
  dynamic::HttpResponse response;
  response.status = 503;
  response.headers = {{"Retry-After", "Sun, 06 Nov 9994 08:49:37 GMT"}};
  const auto later = dynamic::detail::server_delay(response, now);
  REQUIRE(later.has_value());
  CHECK(*later > dynamic::detail::kMaxServerDelay);
  response.headers = {{"Retry-After", "Sat, 01 Jan 1600 00:00:00 GMT"}};
  CHECK(dynamic::detail::server_delay(response, now) == std::chrono::milliseconds(0));
}
