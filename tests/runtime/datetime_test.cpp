// RFC 3339 date and date-time helpers: parsing, formatting, the calendar arithmetic under them,
// and robustness against arbitrary bytes.
#include <doctest/doctest.h>

#include <chrono>
#include <cstdint>
#include <optional>
#include <random>
#include <ratio>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "dynamic/runtime/datetime.hpp"

using dynamic::Date;
using dynamic::format_date;
using dynamic::format_date_time;
using dynamic::parse_date;
using dynamic::parse_date_time;
using Clock = std::chrono::system_clock;
using std::chrono::microseconds;
using std::chrono::milliseconds;
using std::chrono::nanoseconds;
using std::chrono::seconds;

namespace {

constexpr bool kNanosecondClock = std::is_same_v<Clock::period, std::nano>;

/// Microseconds since 1970 of a date-time that must parse.
std::int64_t micros(std::string_view text) {
  const auto instant = parse_date_time(text);
  INFO(text);
  REQUIRE(instant.has_value());
  return std::chrono::duration_cast<microseconds>(instant->time_since_epoch()).count();
}

/// Seconds since 1970 of a whole-second date-time that must parse.
std::int64_t epoch_seconds(std::string_view text) {
  const std::int64_t us = micros(text);
  INFO(text);
  CHECK(us % 1000000 == 0);
  return us / 1000000;
}

bool date_time_rejected(std::string_view text) { return !parse_date_time(text).has_value(); }

/// "YYYY-MM-DD" of a date that must parse, or "" when it does not.
std::string date_text(std::string_view text) {
  const auto date = parse_date(text);
  return date ? format_date(*date) : std::string();
}

Clock::time_point at(nanoseconds since_epoch) {
  return Clock::time_point(std::chrono::duration_cast<Clock::duration>(since_epoch));
}

}  // namespace

TEST_CASE("parse_date reads full dates") {
  const auto date = parse_date("2026-11-01");
  REQUIRE(date.has_value());
  CHECK(date->year == 2026);
  CHECK(date->month == 11);
  CHECK(date->day == 1);
  CHECK(*date == Date{2026, 11, 1});
  CHECK(*date != Date{2026, 11, 2});
  CHECK(date_text("0000-01-01") == "0000-01-01");
  CHECK(date_text("9999-12-31") == "9999-12-31");
  CHECK(date_text("1969-07-20") == "1969-07-20");
}

TEST_CASE("parse_date checks leap years") {
  CHECK(date_text("2024-02-29") == "2024-02-29");
  CHECK(date_text("2000-02-29") == "2000-02-29");
  CHECK(date_text("2400-02-29") == "2400-02-29");
  CHECK(date_text("0000-02-29") == "0000-02-29");
  CHECK_FALSE(parse_date("2023-02-29"));
  CHECK_FALSE(parse_date("1900-02-29"));
  CHECK_FALSE(parse_date("2100-02-29"));
  CHECK_FALSE(parse_date("2024-02-30"));
  CHECK(date_text("2023-02-28") == "2023-02-28");
}

TEST_CASE("parse_date checks month and day ranges") {
  CHECK_FALSE(parse_date("2026-00-10"));
  CHECK_FALSE(parse_date("2026-13-10"));
  CHECK_FALSE(parse_date("2026-99-10"));
  CHECK_FALSE(parse_date("2026-01-00"));
  CHECK_FALSE(parse_date("2026-01-32"));
  CHECK_FALSE(parse_date("2026-04-31"));
  CHECK_FALSE(parse_date("2026-06-31"));
  CHECK_FALSE(parse_date("2026-09-31"));
  CHECK_FALSE(parse_date("2026-11-31"));
  CHECK(date_text("2026-12-31") == "2026-12-31");
  CHECK(date_text("2026-04-30") == "2026-04-30");
  CHECK(date_text("2026-01-31") == "2026-01-31");
}

TEST_CASE("parse_date rejects malformed text") {
  const std::vector<std::string_view> bad = {
      "",
      "2026",
      "2026-11",
      "2026-11-",
      "2026-11-1",
      "2026-1-01",
      "26-11-01",
      "02026-11-01",
      "2026-11-011",
      " 2026-11-01",
      "2026-11-01 ",
      "2026-11-01\n",
      "2026/11/01",
      "2026-11_01",
      "20261101",
      "+026-11-01",
      "-026-11-01",
      "2026-+1-01",
      "2026--1-01",
      "2026-11- 1",
      "2026-1a-01",
      "2026-11-01T00:00:00Z",
      "\xef\xbc\x92\xef\xbc\x90\xef\xbc\x92\xef\xbc\x96",  // full-width digits
  };
  for (const auto text : bad) {
    INFO(std::string(text));
    CHECK_FALSE(parse_date(text));
  }
  CHECK_FALSE(parse_date(std::string_view("2026-11-01\0", 11)));
  CHECK_FALSE(
      parse_date(std::string_view("2026\0"
                                  "11-01",
                                  10)));
}

TEST_CASE("format_date pads every field") {
  CHECK(format_date(Date{2026, 11, 1}) == "2026-11-01");
  CHECK(format_date(Date{7, 3, 9}) == "0007-03-09");
  CHECK(format_date(Date{9999, 12, 31}) == "9999-12-31");
  for (const auto text : {"2024-02-29", "1970-01-01", "0000-01-01", "1582-10-15"}) {
    const auto date = parse_date(text);
    REQUIRE(date.has_value());
    CHECK(format_date(*date) == text);
    CHECK(parse_date(format_date(*date)) == date);
  }
}

TEST_CASE("parse_date_time matches known epoch seconds") {
  CHECK(epoch_seconds("2026-11-01T09:30:00Z") == 1793525400);
  CHECK(epoch_seconds("1970-01-01T00:00:00Z") == 0);
  CHECK(epoch_seconds("2000-01-01T00:00:00Z") == 946684800);
  CHECK(epoch_seconds("2038-01-19T03:14:08Z") == 2147483648);
  CHECK(epoch_seconds("2016-12-31T23:59:59Z") == 1483228799);
  CHECK(epoch_seconds("2024-02-29T12:00:00Z") == 1709208000);
  CHECK(epoch_seconds("2100-03-01T00:00:00Z") == 4107542400);
}

TEST_CASE("parse_date_time reads instants before 1970") {
  CHECK(epoch_seconds("1969-12-31T23:59:59Z") == -1);
  CHECK(epoch_seconds("1969-07-20T20:17:40Z") == -14182940);
  CHECK(epoch_seconds("1900-01-01T00:00:00Z") == -2208988800);
  CHECK(epoch_seconds("1700-03-01T00:00:00Z") == -8515238400);
  CHECK(micros("1969-12-31T23:59:59.5Z") == -500000);
  CHECK(micros("1969-12-31T23:59:59.999999Z") == -1);
  CHECK(format_date_time(*parse_date_time("1969-07-20T20:17:40.250Z")) ==
        "1969-07-20T20:17:40.250Z");
}

TEST_CASE("parse_date_time applies offsets") {
  const std::int64_t utc = epoch_seconds("2026-11-01T09:30:00Z");
  CHECK(epoch_seconds("2026-11-01T15:00:00+05:30") == utc);
  CHECK(epoch_seconds("2026-11-01T01:30:00-08:00") == utc);
  CHECK(epoch_seconds("2026-11-01T09:30:00+00:00") == utc);
  CHECK(epoch_seconds("2026-11-01T09:30:00-00:00") == utc);
  // Offsets that move the instant to another day, month and year.
  CHECK(epoch_seconds("2026-11-01T03:00:00+05:30") == epoch_seconds("2026-10-31T21:30:00Z"));
  CHECK(epoch_seconds("2026-12-31T20:00:00-08:00") == epoch_seconds("2027-01-01T04:00:00Z"));
  CHECK(epoch_seconds("2024-03-01T00:00:00+01:00") == epoch_seconds("2024-02-29T23:00:00Z"));
  // The largest offsets the grammar allows.
  CHECK(epoch_seconds("2026-11-01T23:59:00+23:59") == epoch_seconds("2026-11-01T00:00:00Z"));
  CHECK(epoch_seconds("2026-11-01T00:00:00-23:59") == epoch_seconds("2026-11-01T23:59:00Z"));
  CHECK(format_date_time(*parse_date_time("2026-11-01T15:00:00.123+05:30")) ==
        "2026-11-01T09:30:00.123Z");
}

TEST_CASE("parse_date_time accepts either case of T and Z and a space") {
  const std::int64_t expected = 1793525400;
  CHECK(epoch_seconds("2026-11-01T09:30:00Z") == expected);
  CHECK(epoch_seconds("2026-11-01T09:30:00z") == expected);
  CHECK(epoch_seconds("2026-11-01t09:30:00Z") == expected);
  CHECK(epoch_seconds("2026-11-01t09:30:00z") == expected);
  CHECK(epoch_seconds("2026-11-01 09:30:00Z") == expected);
  CHECK(epoch_seconds("2026-11-01 09:30:00+00:00") == expected);
  CHECK(date_time_rejected("2026-11-01_09:30:00Z"));
  CHECK(date_time_rejected("2026-11-01  09:30:00Z"));
  CHECK(date_time_rejected("2026-11-01T09:30:00UTC"));
  CHECK(date_time_rejected("2026-11-01T09:30:00GMT"));
}

TEST_CASE("parse_date_time keeps fractions to the microsecond") {
  const std::int64_t base = 1793525400LL * 1000000;
  CHECK(micros("2026-11-01T09:30:00Z") == base);
  CHECK(micros("2026-11-01T09:30:00.5Z") == base + 500000);
  CHECK(micros("2026-11-01T09:30:00.05Z") == base + 50000);
  CHECK(micros("2026-11-01T09:30:00.123Z") == base + 123000);
  CHECK(micros("2026-11-01T09:30:00.123456Z") == base + 123456);
  CHECK(micros("2026-11-01T09:30:00.123456789Z") == base + 123456);
  CHECK(micros("2026-11-01T09:30:00.000001Z") == base + 1);
  CHECK(micros("2026-11-01T09:30:00.0000009Z") == base);
  CHECK(micros("2026-11-01T09:30:00.000Z") == base);
  // Extra digits are dropped, never rounded into the next second.
  CHECK(micros("2026-11-01T09:30:00.999999999Z") == base + 999999);
  CHECK(micros("2026-11-01T09:30:00." + std::string(200, '9') + "Z") == base + 999999);
  CHECK(micros("2026-11-01T09:30:00.5+05:30") == base - (5 * 3600 + 30 * 60) * 1000000LL + 500000);
  // A fraction needs at least one digit, and digits only.
  CHECK(date_time_rejected("2026-11-01T09:30:00.Z"));
  CHECK(date_time_rejected("2026-11-01T09:30:00.+05:30"));
  CHECK(date_time_rejected("2026-11-01T09:30:00,5Z"));
  CHECK(date_time_rejected("2026-11-01T09:30:00.5.5Z"));
  CHECK(date_time_rejected("2026-11-01T09:30:00.-5Z"));
  CHECK(date_time_rejected("2026-11-01T09:30:00.5"));
}

TEST_CASE("parse_date_time checks leap years") {
  CHECK(epoch_seconds("2024-02-29T00:00:00Z") == 1709164800);
  CHECK(epoch_seconds("2000-02-29T00:00:00Z") == 951782400);
  CHECK(date_time_rejected("2023-02-29T00:00:00Z"));
  CHECK(date_time_rejected("1900-02-29T00:00:00Z"));
  CHECK(date_time_rejected("2026-04-31T00:00:00Z"));
  CHECK(date_time_rejected("2026-13-01T00:00:00Z"));
  CHECK(date_time_rejected("2026-00-01T00:00:00Z"));
  CHECK(date_time_rejected("2026-01-00T00:00:00Z"));
}

TEST_CASE("parse_date_time reads a leap second as the last microsecond before midnight UTC") {
  const std::int64_t last = micros("2016-12-31T23:59:59.999999Z");
  CHECK(micros("2016-12-31T23:59:60Z") == last);
  CHECK(micros("2016-12-31T23:59:60z") == last);
  CHECK(micros("2016-12-31T23:59:60.5Z") == last);
  CHECK(micros("2016-12-31T15:59:60-08:00") == last);
  CHECK(micros("2017-01-01T05:29:60+05:30") == last);
  CHECK(micros("2016-12-31T23:59:60-00:00") == last);
  CHECK(format_date_time(*parse_date_time("2016-12-31T23:59:60Z")) == "2016-12-31T23:59:59.999Z");
  // Only 23:59:60 UTC can be a leap second.
  CHECK(date_time_rejected("2016-12-31T12:00:60Z"));
  CHECK(date_time_rejected("2016-12-31T23:58:60Z"));
  CHECK(date_time_rejected("2016-12-31T23:59:60+01:00"));
  CHECK(date_time_rejected("2016-12-31T15:59:60-08:30"));
  CHECK(date_time_rejected("2016-12-31T23:59:61Z"));
}

TEST_CASE("parse_date_time rejects invalid input") {
  const std::vector<std::string_view> bad = {
      // empty and missing parts
      "",
      "2026-11-01",
      "2026-11-01T",
      "2026-11-01T09",
      "2026-11-01T09:30",
      "2026-11-01T09:30Z",
      "2026-11-01T09:30:00",
      "2026-11-01T09:30:0Z",
      "2026-11-01T9:30:00Z",
      "2026-11-01T09:3:00Z",
      "2026-11-1T09:30:00Z",
      "T09:30:00Z",
      "09:30:00Z",
      // out-of-range fields
      "2026-11-01T24:00:00Z",
      "2026-11-01T25:00:00Z",
      "2026-11-01T99:00:00Z",
      "2026-11-01T09:60:00Z",
      "2026-11-01T09:99:00Z",
      "2026-11-01T09:30:61Z",
      "2026-11-01T09:30:99Z",
      // malformed or out-of-range offsets
      "2026-11-01T09:30:00+",
      "2026-11-01T09:30:00+05",
      "2026-11-01T09:30:00+0530",
      "2026-11-01T09:30:00+5:30",
      "2026-11-01T09:30:00+05:3",
      "2026-11-01T09:30:00+05:30:00",
      "2026-11-01T09:30:00+24:00",
      "2026-11-01T09:30:00+05:60",
      "2026-11-01T09:30:00-99:99",
      "2026-11-01T09:30:00++5:30",
      "2026-11-01T09:30:00+-5:30",
      "2026-11-01T09:30:00Z+05:30",
      "2026-11-01T09:30:00 Z",
      "2026-11-01T09:30:00 +05:30",
      // trailing or leading garbage
      "2026-11-01T09:30:00Zx",
      "2026-11-01T09:30:00ZZ",
      "2026-11-01T09:30:00Z ",
      "2026-11-01T09:30:00Z\n",
      " 2026-11-01T09:30:00Z",
      "x2026-11-01T09:30:00Z",
      "2026-11-01T09:30:00.000Zjunk",
      "2026-11-01T09:30:00+05:30x",
      // other separators and signs
      "2026-11-01T09-30-00Z",
      "2026-11-01T09:30:+0Z",
      "2026-11-01T09:-3:00Z",
      "2026-11-01T-9:30:00Z",
      "+2026-11-01T09:30:00Z",
      "20261101T093000Z",
  };
  for (const auto text : bad) {
    INFO(std::string(text));
    CHECK(date_time_rejected(text));
  }
  CHECK(date_time_rejected(std::string_view("2026-11-01T09:30:00Z\0", 21)));
  CHECK(date_time_rejected(std::string_view("2026-11-01T09:30:00\0Z", 21)));
}

TEST_CASE("parse_date_time rejects instants system_clock cannot hold") {
  if constexpr (kNanosecondClock) {
    // A 64-bit nanosecond count reaches from 1677-09-21T00:12:43.145224192Z to
    // 2262-04-11T23:47:16.854775807Z; the parser keeps microseconds.
    CHECK(date_time_rejected("0000-01-01T00:00:00Z"));
    CHECK(date_time_rejected("1677-09-21T00:12:43.145224Z"));
    CHECK(micros("1677-09-21T00:12:43.145225Z") == -9223372036854775LL);
    CHECK(micros("2262-04-11T23:47:16.854775Z") == 9223372036854775LL);
    CHECK(date_time_rejected("2262-04-11T23:47:16.854776Z"));
    CHECK(date_time_rejected("9999-12-31T23:59:59.999999Z"));
    CHECK(date_time_rejected("9999-12-31T23:59:59-23:59"));
  } else {
    CHECK(parse_date_time("0000-01-01T00:00:00Z").has_value());
    CHECK(parse_date_time("9999-12-31T23:59:59-23:59").has_value());
  }
}

TEST_CASE("format_date_time writes UTC with milliseconds") {
  CHECK(format_date_time(Clock::time_point(seconds(1793525400))) == "2026-11-01T09:30:00.000Z");
  CHECK(format_date_time(Clock::time_point()) == "1970-01-01T00:00:00.000Z");
  CHECK(format_date_time(at(seconds(1793525400) + nanoseconds(123456789))) ==
        "2026-11-01T09:30:00.123Z");
  CHECK(format_date_time(at(seconds(1793525400) + nanoseconds(999999999))) ==
        "2026-11-01T09:30:00.999Z");
  CHECK(format_date_time(Clock::time_point(seconds(951782400))) == "2000-02-29T00:00:00.000Z");
  CHECK(format_date_time(Clock::time_point(seconds(4107542399))) == "2100-02-28T23:59:59.000Z");
  CHECK(format_date_time(Clock::time_point(seconds(4107542400))) == "2100-03-01T00:00:00.000Z");
}

TEST_CASE("format_date_time writes instants before 1970") {
  CHECK(format_date_time(Clock::time_point(milliseconds(-1))) == "1969-12-31T23:59:59.999Z");
  CHECK(format_date_time(at(nanoseconds(-1))) == "1969-12-31T23:59:59.999Z");
  CHECK(format_date_time(Clock::time_point(seconds(-1))) == "1969-12-31T23:59:59.000Z");
  CHECK(format_date_time(Clock::time_point(seconds(-86400))) == "1969-12-31T00:00:00.000Z");
  CHECK(format_date_time(Clock::time_point(seconds(-86401))) == "1969-12-30T23:59:59.000Z");
  CHECK(format_date_time(Clock::time_point(seconds(-14182940))) == "1969-07-20T20:17:40.000Z");
  CHECK(format_date_time(Clock::time_point(seconds(-2208988800))) == "1900-01-01T00:00:00.000Z");
  CHECK(format_date_time(Clock::time_point(seconds(-8515238401))) == "1700-02-28T23:59:59.000Z");
  if constexpr (kNanosecondClock) {
    CHECK(format_date_time(Clock::time_point::min()) == "1677-09-21T00:12:43.145Z");
    CHECK(format_date_time(Clock::time_point::max()) == "2262-04-11T23:47:16.854Z");
  }
}

TEST_CASE("date-time text round trips") {
  for (const auto text : {"2026-11-01T09:30:00.000Z",
                          "2024-02-29T23:59:59.999Z",
                          "2000-02-29T00:00:00.001Z",
                          "1970-01-01T00:00:00.000Z",
                          "1969-12-31T23:59:59.999Z",
                          "1900-03-01T12:34:56.789Z",
                          "1678-01-01T00:00:00.000Z",
                          "2262-01-01T00:00:00.000Z"}) {
    const auto instant = parse_date_time(text);
    INFO(text);
    REQUIRE(instant.has_value());
    CHECK(format_date_time(*instant) == text);
  }
}

TEST_CASE("date-time instants round trip at millisecond precision") {
  // Every millisecond system_clock can hold on every platform (about 1678 to 2261).
  const std::int64_t lowest = -9200000000000;
  const std::int64_t highest = 9200000000000;
  std::mt19937_64 random(20261101);
  std::uniform_int_distribution<std::int64_t> pick(lowest, highest);
  for (int i = 0; i < 20000; ++i) {
    const Clock::time_point instant(milliseconds(pick(random)));
    const std::string text = format_date_time(instant);
    const auto parsed = parse_date_time(text);
    INFO(text);
    REQUIRE(parsed.has_value());
    CHECK(*parsed == instant);
  }
}

TEST_CASE("calendar arithmetic agrees with a day by day walk") {
  // From 1678-01-01 to 2261-12-31, each day must follow the previous one in the calendar that
  // parse_date checks, and midnight of each day must parse back to the same instant.
  const std::int64_t first_day = epoch_seconds("1678-01-01T00:00:00Z") / 86400;
  const std::int64_t last_day = epoch_seconds("2261-12-31T00:00:00Z") / 86400;
  Date previous{1677, 12, 31};
  std::int64_t failures = 0;
  for (std::int64_t day = first_day; day <= last_day && failures < 10; ++day) {
    const Clock::time_point midnight(seconds(day * 86400));
    const std::string text = format_date_time(midnight);
    const auto date = parse_date(std::string_view(text).substr(0, 10));
    const bool valid_date = date.has_value() && text.substr(10) == "T00:00:00.000Z";
    Date expected{previous.year, previous.month, previous.day + 1};
    if (!parse_date(format_date(expected))) expected = Date{previous.year, previous.month + 1, 1};
    if (!parse_date(format_date(expected))) expected = Date{previous.year + 1, 1, 1};
    const auto back = parse_date_time(text);
    const bool ok = valid_date && *date == expected && back && *back == midnight;
    if (!ok) {
      ++failures;
      FAIL_CHECK("day " << day << " formatted as " << text << " after " << format_date(previous));
    }
    if (date) previous = *date;
  }
  CHECK(previous == Date{2261, 12, 31});
  CHECK(failures == 0);
}

TEST_CASE("parsers survive random bytes") {
  std::mt19937 random(12345);
  std::uniform_int_distribution<int> byte(0, 255);
  std::uniform_int_distribution<int> length(0, 40);
  const auto check_date = [](std::string_view text) {
    // Whatever parse_date accepts is exactly the canonical form it formats back to.
    if (const auto date = parse_date(text)) CHECK(format_date(*date) == text);
  };
  const auto check_date_time = [](std::string_view text) {
    // Whatever parse_date_time accepts formats to something it accepts again.
    if (const auto instant = parse_date_time(text)) {
      CHECK(parse_date_time(format_date_time(*instant)).has_value());
    }
  };
  for (int i = 0; i < 20000; ++i) {
    std::string text(static_cast<std::size_t>(length(random)), '\0');
    for (char& c : text) c = static_cast<char>(byte(random));
    check_date(text);
    check_date_time(text);
  }
  // Mutations of valid text reach deeper into the parser than random bytes do.
  const std::vector<std::string> seeds = {"2024-02-29",
                                          "2026-11-01T09:30:00Z",
                                          "2026-11-01T09:30:00.123456789+05:30",
                                          "2016-12-31T15:59:60-08:00",
                                          "1969-12-31 23:59:59.5z"};
  const std::string alphabet = "0123456789:-+.TtZz 6";
  std::uniform_int_distribution<std::size_t> pick_alphabet(0, alphabet.size() - 1);
  for (int i = 0; i < 50000; ++i) {
    std::string text = seeds[static_cast<std::size_t>(i) % seeds.size()];
    const int edits = 1 + i % 3;
    for (int e = 0; e < edits && !text.empty(); ++e) {
      std::uniform_int_distribution<std::size_t> where(0, text.size() - 1);
      const std::size_t at = where(random);
      switch (byte(random) % 4) {
        case 0:
          text[at] = static_cast<char>(byte(random));
          break;
        case 1:
          text[at] = alphabet[pick_alphabet(random)];
          break;
        case 2:
          text.erase(at, 1);
          break;
        default:
          text.insert(at, 1, alphabet[pick_alphabet(random)]);
          break;
      }
    }
    check_date(text);
    check_date_time(text);
  }
}
