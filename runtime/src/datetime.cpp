#include "dynamic/runtime/datetime.hpp"

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <ratio>
#include <system_error>

#include <date/date.h>

namespace dynamic {
namespace {

// The RFC 3339 grammar (fixed-width fields, separators, offsets) is read here; every calendar
// rule (month lengths, leap years, days since the epoch and back) is Howard Hinnant's date
// library, the model of C++20's <chrono> calendar.
using Clock = std::chrono::system_clock;

// Microseconds convert to the clock's duration exactly (true of libstdc++, libc++ and MSVC).
static_assert(std::ratio_less_equal_v<Clock::period, std::micro>,
              "system_clock must be at least as fine as a microsecond");

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

/// The `YYYY-MM-DD` at the start of `text`, if it names a day of the proleptic Gregorian calendar.
std::optional<date::year_month_day> read_full_date(std::string_view text) {
  int year = 0;
  int month = 0;
  int day = 0;
  if (!read_number(text, 0, 4, year) || !has_char(text, 4, '-') ||
      !read_number(text, 5, 2, month) || !has_char(text, 7, '-') || !read_number(text, 8, 2, day)) {
    return std::nullopt;
  }
  const date::year_month_day ymd{date::year{year},
                                 date::month{static_cast<unsigned>(month)},
                                 date::day{static_cast<unsigned>(day)}};
  if (!ymd.ok()) return std::nullopt;
  return ymd;
}

}  // namespace

std::optional<Date> parse_date(std::string_view text) {
  if (text.size() != 10) return std::nullopt;
  const std::optional<date::year_month_day> ymd = read_full_date(text);
  if (!ymd) return std::nullopt;
  return Date{static_cast<int>(ymd->year()),
              static_cast<int>(static_cast<unsigned>(ymd->month())),
              static_cast<int>(static_cast<unsigned>(ymd->day()))};
}

// Not date::format: the contract prints the fields of any Date, valid or not, as they are.
std::string format_date(const Date& date) {
  char buffer[48];
  const int length =
      std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", date.year, date.month, date.day);
  return std::string(buffer, static_cast<std::size_t>(length));
}

std::optional<Clock::time_point> parse_date_time(std::string_view text) {
  // YYYY-MM-DDTHH:MM:SS
  const std::optional<date::year_month_day> day = read_full_date(text);
  if (!day) return std::nullopt;
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
  using std::chrono::seconds;
  const bool leap_second = second == 60;
  const date::sys_seconds utc = date::sys_days(*day) + std::chrono::hours(hour) +
                                std::chrono::minutes(minute) + seconds(leap_second ? 59 : second) -
                                seconds(offset_seconds);
  if (leap_second) {
    if (utc - date::floor<date::days>(utc) != std::chrono::hours(24) - seconds(1)) {
      return std::nullopt;
    }
    microseconds = 999999;
  }

  // At most ~3.2e17 microseconds from 1970 for four-digit years: no overflow in int64.
  const std::chrono::microseconds since_epoch =
      utc.time_since_epoch() + std::chrono::microseconds(microseconds);
  constexpr auto kMin =
      std::chrono::duration_cast<std::chrono::microseconds>(Clock::duration::min());
  constexpr auto kMax =
      std::chrono::duration_cast<std::chrono::microseconds>(Clock::duration::max());
  if (since_epoch < kMin || since_epoch > kMax) return std::nullopt;
  return Clock::time_point(since_epoch);
}

std::string format_date_time(Clock::time_point instant) {
  // Flooring keeps the millisecond an instant falls in, before 1970 too.
  return date::format("%FT%TZ", date::floor<std::chrono::milliseconds>(instant));
}

}  // namespace dynamic
