// Fuzz target: the runtime's date and delay parsers on arbitrary text. Each parser documents
// that it never throws and answers std::nullopt for text it does not accept; a crash, a
// sanitizer report (integer overflow included) or any exception is a bug. What they accept must
// also read back: a date and an RFC 3339 timestamp survive format-then-parse, an HTTP date is the
// instant it names, and a server's delay is never negative.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "dynamic/runtime/datetime.hpp"
#include "dynamic/runtime/transport.hpp"
#include "fuzz_check.hpp"
#include "retry_policy.hpp"

namespace {

using std::chrono::milliseconds;
using std::chrono::system_clock;

void check_dates(std::string_view text) {
  if (const auto date = dynamic::parse_date(text)) {
    FUZZ_CHECK(dynamic::format_date(*date) == text);  // YYYY-MM-DD has one spelling
  }
  if (const auto instant = dynamic::parse_date_time(text)) {
    const std::string formatted = dynamic::format_date_time(*instant);
    const auto again = dynamic::parse_date_time(formatted);
    FUZZ_CHECK(again.has_value());
    FUZZ_CHECK(*again == std::chrono::floor<milliseconds>(*instant));
  }
  if (const auto instant = dynamic::detail::parse_http_date(text)) {
    // IMF-fixdate names whole seconds; a date the clock cannot hold gives one of its ends.
    FUZZ_CHECK(*instant == system_clock::time_point::min() ||
               *instant == system_clock::time_point::max() ||
               std::chrono::floor<std::chrono::seconds>(*instant) == *instant);
  }
}

void check_delays(std::string_view text) {
  // Dates before, at and after these are all possible answers.
  const system_clock::time_point nows[] = {
      system_clock::time_point(),
      system_clock::time_point(std::chrono::seconds(1'767'225'600))};  // 2026-01-01
  for (const char* header : {"Retry-After", "retry-after-ms"}) {
    dynamic::HttpResponse response;
    response.status = 429;
    response.headers.emplace_back(header, std::string(text));
    for (const system_clock::time_point now : nows) {
      const auto delay = dynamic::detail::server_delay(response, now);
      if (delay) FUZZ_CHECK(delay->count() >= 0);
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  check_dates(text);
  check_delays(text);
  return 0;
}
