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
