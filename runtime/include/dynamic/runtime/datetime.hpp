// RFC 3339 dates and timestamps. Generated models keep `format: date` and `format: date-time`
// values as the text the server sent, so nothing is lost in decoding; these helpers turn that text
// into a calendar date or a std::chrono time point, and back.
//
// Dates are in the proleptic Gregorian calendar; years have exactly four digits (0000-9999), as
// RFC 3339 writes them. Parsing never throws: text that is not valid gives std::nullopt.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace dynamic {

/// A calendar date (RFC 3339 `full-date`), with no time of day and no time zone.
struct Date {
  int year = 1970;
  int month = 1;  ///< 1-12
  int day = 1;    ///< 1-31, as the month allows
};

inline bool operator==(const Date& a, const Date& b) {
  return a.year == b.year && a.month == b.month && a.day == b.day;
}
inline bool operator!=(const Date& a, const Date& b) { return !(a == b); }

/// Parses `YYYY-MM-DD` exactly (no surrounding spaces), checking that the month is 1-12 and the
/// day exists in that month (February 29 only in leap years).
std::optional<Date> parse_date(std::string_view text);

/// `YYYY-MM-DD`, each field zero-padded. Expects a valid date such as parse_date returns; the
/// fields of any other value are printed as they are.
std::string format_date(const Date& date);

/// Parses an RFC 3339 `date-time`: `YYYY-MM-DDTHH:MM:SS[.fraction]` followed by `Z` or a
/// `+HH:MM` / `-HH:MM` offset from UTC, and returns that instant.
///
/// - `T` and `Z` may be lower case, and the `T` may be a space (both allowed by RFC 3339).
/// - The fraction may have any number of digits; it is kept to the microsecond (later digits are
///   dropped, never rounded up into the next second).
/// - A leap second (`:60`) is accepted only where one can occur, at 23:59:60 UTC once the offset
///   is applied (`23:59:60Z`, `15:59:60-08:00`), and read as 23:59:59.999999 UTC, since
///   system_clock has no leap seconds; any fraction after `:60` is ignored. `:60` at any other
///   time of day is rejected.
/// - Hours are 00-23, minutes 00-59, offsets at most 23:59; `-00:00` means UTC.
/// - An instant that system_clock cannot represent gives std::nullopt (with libstdc++'s
///   nanosecond clock: before 1677-09-21 or after 2262-04-11).
std::optional<std::chrono::system_clock::time_point> parse_date_time(std::string_view text);

/// `YYYY-MM-DDTHH:MM:SS.mmmZ` in UTC, the form of Dynamic's own timestamps
/// (`2026-11-01T09:30:00.000Z`). Sub-millisecond digits are dropped, rounding towards the past,
/// so an instant before 1970 prints the second it falls in.
std::string format_date_time(std::chrono::system_clock::time_point instant);

}  // namespace dynamic
