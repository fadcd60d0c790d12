#include "dynamic/runtime/datetime.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdint>
#include <cstdio>
#include <ratio>
#include <system_error>

namespace dynamic {
namespace {

using Clock = std::chrono::system_clock;
using Days = std::chrono::duration<std::int64_t, std::ratio<86400>>;

// Microseconds convert to the clock's duration exactly (true of libstdc++, libc++ and MSVC).
static_assert(std::ratio_less_equal_v<Clock::period, std::micro>,
              "system_clock must be at least as fine as a microsecond");

constexpr std::int64_t kSecondsPerDay = 86400;

bool is_leap_year(std::int64_t year) {
  return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
}

int days_in_month(std::int64_t year, int month) {
  static constexpr std::array<int, 12> kDays = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && is_leap_year(year) ? 29 : kDays[static_cast<std::size_t>(month - 1)];
}

// C++17 has no calendar: these two are Howard Hinnant's days_from_civil / civil_from_days
// (http://howardhinnant.github.io/date_algorithms.html), on the proleptic Gregorian calendar.
// The year is shifted to start on March 1 so that the leap day is the last day of the year; 400
// years ("an era") are exactly 146097 days, and 719468 is the day number of 1970-01-01 counted
// from 0000-03-01.

/// Days since 1970-01-01 of a valid date (negative before it).
std::int64_t days_from_civil(std::int64_t year, int month, int day) {
  year -= month <= 2 ? 1 : 0;
  const std::int64_t era = (year >= 0 ? year : year - 399) / 400;
  const std::int64_t year_of_era = year - era * 400;                         // [0, 399]
  const int shifted_month = month > 2 ? month - 3 : month + 9;               // March = 0
  const std::int64_t day_of_year = (153 * shifted_month + 2) / 5 + day - 1;  // [0, 365]
  const std::int64_t day_of_era =
      year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;  // [0, 146096]
  return era * 146097 + day_of_era - 719468;
}

struct Civil {
  std::int64_t year;
  int month;
  int day;
};

/// The date `days` days after 1970-01-01 (before it when negative).
Civil civil_from_days(std::int64_t days) {
  days += 719468;
  const std::int64_t era = (days >= 0 ? days : days - 146096) / 146097;
  const std::int64_t day_of_era = days - era * 146097;  // [0, 146096]
  // [0, 399]: the era's day count without its leap days, over 365.
  const std::int64_t year_of_era =
      (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
  const std::int64_t day_of_year =
      day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);  // [0, 365]
  const std::int64_t shifted_month = (5 * day_of_year + 2) / 153;              // March = 0
  const int day = static_cast<int>(day_of_year - (153 * shifted_month + 2) / 5 + 1);
  const int month = static_cast<int>(shifted_month < 10 ? shifted_month + 3 : shifted_month - 9);
  const std::int64_t year = year_of_era + era * 400 + (month <= 2 ? 1 : 0);
  return {year, month, day};
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

/// Reads exactly `width` ASCII digits starting at `pos` (no sign, no spaces).
bool read_number(std::string_view text, std::size_t pos, std::size_t width, int& out) {
  if (pos > text.size() || text.size() - pos < width) return false;
  const char* first = text.data() + pos;
  const char* last = first + width;
  unsigned value = 0;  // unsigned: from_chars then accepts no '-'
  const auto [end, error] = std::from_chars(first, last, value);
  if (error != std::errc() || end != last) return false;
  out = static_cast<int>(value);
  return true;
}

bool has_char(std::string_view text, std::size_t pos, char c) {
  return pos < text.size() && text[pos] == c;
}

/// The `YYYY-MM-DD` at the start of `text`, validated.
std::optional<Date> read_full_date(std::string_view text) {
  Date date;
  if (!read_number(text, 0, 4, date.year) || !has_char(text, 4, '-') ||
      !read_number(text, 5, 2, date.month) || !has_char(text, 7, '-') ||
      !read_number(text, 8, 2, date.day)) {
    return std::nullopt;
  }
  if (date.month < 1 || date.month > 12) return std::nullopt;
  if (date.day < 1 || date.day > days_in_month(date.year, date.month)) return std::nullopt;
  return date;
}

}  // namespace

std::optional<Date> parse_date(std::string_view text) {
  if (text.size() != 10) return std::nullopt;
  return read_full_date(text);
}

std::string format_date(const Date& date) {
  char buffer[48];
  const int length =
      std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", date.year, date.month, date.day);
  return std::string(buffer, static_cast<std::size_t>(length));
}

std::optional<Clock::time_point> parse_date_time(std::string_view text) {
  // YYYY-MM-DDTHH:MM:SS
  const std::optional<Date> date = read_full_date(text);
  if (!date) return std::nullopt;
  if (text.size() <= 10 || (text[10] != 'T' && text[10] != 't' && text[10] != ' ')) {
    return std::nullopt;
  }
  int hour = 0;
  int minute = 0;
  int second = 0;
  if (!read_number(text, 11, 2, hour) || !has_char(text, 13, ':') ||
      !read_number(text, 14, 2, minute) || !has_char(text, 16, ':') ||
      !read_number(text, 17, 2, second)) {
    return std::nullopt;
  }
  if (hour > 23 || minute > 59 || second > 60) return std::nullopt;
  std::size_t pos = 19;

  // [.fraction]: one digit or more, kept to the microsecond.
  int microseconds = 0;
  if (has_char(text, pos, '.')) {
    ++pos;
    const auto digits_end = std::find_if_not(text.begin() + pos, text.end(), is_digit);
    const auto digits = static_cast<std::size_t>(digits_end - (text.begin() + pos));
    if (digits == 0) return std::nullopt;
    const std::size_t kept = std::min<std::size_t>(digits, 6);
    if (!read_number(text, pos, kept, microseconds)) return std::nullopt;
    for (std::size_t i = kept; i < 6; ++i) microseconds *= 10;
    pos += digits;
  }

  // Z | z | +HH:MM | -HH:MM, then the end of the text.
  std::int64_t offset_seconds = 0;
  if (has_char(text, pos, 'Z') || has_char(text, pos, 'z')) {
    pos += 1;
  } else if (has_char(text, pos, '+') || has_char(text, pos, '-')) {
    int offset_hours = 0;
    int offset_minutes = 0;
    if (!read_number(text, pos + 1, 2, offset_hours) || !has_char(text, pos + 3, ':') ||
        !read_number(text, pos + 4, 2, offset_minutes)) {
      return std::nullopt;
    }
    if (offset_hours > 23 || offset_minutes > 59) return std::nullopt;
    offset_seconds = (text[pos] == '-' ? -1 : 1) * (offset_hours * 3600 + offset_minutes * 60);
    pos += 6;
  } else {
    return std::nullopt;
  }
  if (pos != text.size()) return std::nullopt;

  // Local time minus the offset is UTC. A leap second is read as the last microsecond of 23:59:59
  // UTC, and only there.
  const bool leap_second = second == 60;
  if (leap_second) second = 59;
  const std::int64_t utc_seconds =
      days_from_civil(date->year, date->month, date->day) * kSecondsPerDay + hour * 3600 +
      minute * 60 + second - offset_seconds;
  if (leap_second) {
    const std::int64_t second_of_day =
        (utc_seconds % kSecondsPerDay + kSecondsPerDay) % kSecondsPerDay;
    if (second_of_day != kSecondsPerDay - 1) return std::nullopt;
    microseconds = 999999;
  }

  // At most ~3.2e17 microseconds from 1970 for four-digit years: no overflow in int64.
  const std::chrono::microseconds since_epoch =
      std::chrono::seconds(utc_seconds) + std::chrono::microseconds(microseconds);
  constexpr auto kMin =
      std::chrono::duration_cast<std::chrono::microseconds>(Clock::duration::min());
  constexpr auto kMax =
      std::chrono::duration_cast<std::chrono::microseconds>(Clock::duration::max());
  if (since_epoch < kMin || since_epoch > kMax) return std::nullopt;
  return Clock::time_point(since_epoch);
}

std::string format_date_time(Clock::time_point instant) {
  const auto milliseconds =
      std::chrono::floor<std::chrono::milliseconds>(instant.time_since_epoch());
  const Days days = std::chrono::floor<Days>(milliseconds);
  const std::int64_t millisecond_of_day = (milliseconds - days).count();  // [0, 86399999]
  const Civil civil = civil_from_days(days.count());
  const auto part = [&](std::int64_t unit, std::int64_t modulus) {
    return static_cast<int>(millisecond_of_day / unit % modulus);
  };
  char buffer[64];
  const int length = std::snprintf(buffer,
                                   sizeof buffer,
                                   "%04lld-%02d-%02dT%02d:%02d:%02d.%03dZ",
                                   static_cast<long long>(civil.year),
                                   civil.month,
                                   civil.day,
                                   part(3600000, 24),
                                   part(60000, 60),
                                   part(1000, 60),
                                   part(1, 1000));
  return std::string(buffer, static_cast<std::size_t>(length));
}

}  // namespace dynamic
