#include "retry_policy.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <random>
#include <string>

#include <date/date.h>

#include "dynamic/runtime/errors.hpp"
#include "redact.hpp"
#include "request.hpp"

namespace dynamic::detail {
namespace {

using std::chrono::milliseconds;

constexpr milliseconds kBaseBackoff{500};
constexpr milliseconds kMaxBackoff{8'000};

bool is_digit(char c) { return c >= '0' && c <= '9'; }

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

bool is_success(int status) { return status >= 200 && status < 300; }

}  // namespace

bool is_idempotent(std::string_view method) {
  return method == "GET" || method == "PUT" || method == "DELETE" || method == "HEAD" ||
         method == "OPTIONS";
}

std::optional<std::chrono::system_clock::time_point> parse_http_date(std::string_view text) {
  // IMF-fixdate only, "Sun, 06 Nov 1994 08:49:37 GMT" (RFC 9110, section 5.6.7): its fixed width
  // rules out the two obsolete forms, which servers must not send, and lets each field be read at
  // its place. Not date::parse: on some malformed times it converts an uninitialised seconds value
  // (undefined behaviour, found by fuzz/dates.cpp). Names are matched ignoring case, as
  // date::parse did; the date library checks the calendar and that the weekday agrees.
  static constexpr std::string_view kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static constexpr std::string_view kMonths[] = {
      "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  if (text.size() != 29 || text.substr(3, 2) != ", " || text[7] != ' ' || text[11] != ' ' ||
      text[16] != ' ' || text[19] != ':' || text[22] != ':' || text.substr(25) != " GMT") {
    return std::nullopt;
  }
  const auto number = [text](std::size_t pos, std::size_t width, unsigned& out) {
    if (!std::all_of(text.begin() + pos, text.begin() + pos + width, is_digit)) return false;
    out = 0;
    for (std::size_t i = pos; i < pos + width; ++i) out = out * 10 + (text[i] - '0');
    return true;
  };
  const auto name = [text](std::size_t pos, const std::string_view* names, std::size_t count) {
    for (std::size_t i = 0; i < count; ++i) {
      if (iequals(text.substr(pos, 3), names[i])) return i;
    }
    return count;
  };
  unsigned day = 0;
  unsigned year = 0;
  unsigned hour = 0;
  unsigned minute = 0;
  unsigned second = 0;
  const std::size_t weekday = name(0, kDays, 7);
  const std::size_t month = name(8, kMonths, 12);
  if (weekday == 7 || month == 12 || !number(5, 2, day) || !number(12, 4, year) ||
      !number(17, 2, hour) || !number(20, 2, minute) || !number(23, 2, second) || hour > 23 ||
      minute > 59 || second > 59) {
    return std::nullopt;
  }
  const date::year_month_day ymd{date::year{static_cast<int>(year)},
                                 date::month{static_cast<unsigned>(month + 1)},
                                 date::day{day}};
  if (!ymd.ok() ||
      date::weekday{date::sys_days{ymd}} != date::weekday{static_cast<unsigned>(weekday)}) {
    return std::nullopt;
  }
  const date::sys_seconds instant = date::sys_days{ymd} + std::chrono::hours(hour) +
                                    std::chrono::minutes(minute) + std::chrono::seconds(second);
  // Years 0000-9999 reach beyond what a nanosecond system_clock holds (1677-2262); converting
  // such an instant overflowed (UBSan in fuzz_dates). The nearest end keeps the meaning: far
  // future is too long to wait, far past is now.
  using Clock = std::chrono::system_clock;
  constexpr auto kFirst = std::chrono::ceil<std::chrono::seconds>(Clock::duration::min());
  constexpr auto kLast = std::chrono::floor<std::chrono::seconds>(Clock::duration::max());
  if (instant.time_since_epoch() < kFirst) return Clock::time_point::min();
  if (instant.time_since_epoch() > kLast) return Clock::time_point::max();
  return Clock::time_point(instant);
}

std::optional<milliseconds> server_delay(const HttpResponse& response,
                                         std::chrono::system_clock::time_point now) {
  std::string ms_header = response.header("retry-after-ms");
  std::string_view ms_text = trim(ms_header);
  if (!ms_text.empty()) {
    double value = 0;
    auto [end, ec] = std::from_chars(ms_text.data(), ms_text.data() + ms_text.size(), value);
    if (ec == std::errc() && end == ms_text.data() + ms_text.size() && std::isfinite(value) &&
        value >= 0) {
      return milliseconds(static_cast<long long>(std::ceil(std::min(value, 1e12))));
    }
  }
  std::string header = response.header("Retry-After");
  std::string_view text = trim(header);
  if (text.empty()) return std::nullopt;
  if (std::all_of(text.begin(), text.end(), is_digit)) {
    if (text.size() > 9) return milliseconds(999'999'999'000LL);  // Absurdly long: not retried.
    long long seconds = 0;
    for (char c : text) seconds = seconds * 10 + (c - '0');
    return milliseconds(seconds * 1000);
  }
  if (auto date = parse_http_date(text)) {
    // Compared first: the difference of a far-past date and now need not fit the clock's type.
    if (*date <= now) return milliseconds(0);
    return std::chrono::ceil<milliseconds>(*date - now);
  }
  return std::nullopt;
}

milliseconds backoff_delay(int retry) {
  milliseconds base = kMaxBackoff;
  if (retry >= 0 && retry < 5) {
    base = std::min(kMaxBackoff, milliseconds(kBaseBackoff.count() << retry));
  }
  thread_local std::mt19937_64 rng{std::random_device{}()};
  std::uniform_real_distribution<double> jitter(0.0, 0.25);
  double scaled = static_cast<double>(base.count()) * (1.0 - jitter(rng));
  return milliseconds(static_cast<long long>(scaled));
}

HttpResponse RetryPolicy::send(HttpRequest& request,
                               CallContext& context,
                               const NextPolicy& next) const {
  const bool repeatable = context.idempotent || context.retry_non_idempotent;
  for (context.attempt = 0;; ++context.attempt) {
    const bool may_retry = context.attempt < context.max_retries;
    HttpResponse response;
    try {
      response = next(request, context);
    } catch (const ConnectionRefusedError& e) {
      // No connection was made: the request surely was not processed, whatever the method.
      if (!may_retry) throw;
      wait(request, context, backoff_delay(context.attempt), std::nullopt, e.what());
      continue;
    } catch (const ConnectionError& e) {
      // Includes TimeoutError. The request may have reached the server.
      if (!may_retry || !repeatable) throw;
      wait(request, context, backoff_delay(context.attempt), std::nullopt, e.what());
      continue;
    }
    const int status = response.status;
    if (is_success(status)) return response;
    const bool retryable =
        status == 429 ||
        (repeatable && (status == 408 || status == 409 || (status >= 500 && status <= 599)));
    if (!retryable || !may_retry) return response;
    const std::optional<milliseconds> asked = server_delay(response, timing_.wall_now());
    if (asked && *asked > kMaxServerDelay) return response;
    wait(request,
         context,
         asked ? *asked : backoff_delay(context.attempt),
         status,
         "HTTP " + std::to_string(status));
  }
}

void RetryPolicy::wait(const HttpRequest& request,
                       const CallContext& context,
                       milliseconds delay,
                       std::optional<int> status,
                       const std::string& reason) const {
  if (log_.enabled(LogLevel::kDebug)) {
    LogRecord record;
    record.level = LogLevel::kDebug;
    record.method = request.method;
    record.path = loggable_path(request.url);
    record.status = status;
    record.attempt = context.attempt + 1;
    record.retries = context.attempt;
    record.message = redact_secrets(reason) + "; retry " + std::to_string(context.attempt + 1) +
                     " of " + std::to_string(context.max_retries) + " in " +
                     std::to_string(delay.count()) + " ms";
    log_.emit(record);
  }
  timing_.sleep(delay);
}

}  // namespace dynamic::detail
