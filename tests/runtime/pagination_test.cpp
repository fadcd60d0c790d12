// OffsetRange and CursorRange: lazy page fetching, stop rules, input-iterator behaviour.
#include <doctest/doctest.h>

#include <algorithm>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "dynamic/runtime/pagination.hpp"

using dynamic::CursorPage;
using dynamic::CursorRange;
using dynamic::OffsetPage;
using dynamic::OffsetRange;

namespace {

struct Call {
  std::int64_t offset;
  std::int64_t limit;
};

/// A server holding `count` items 0..count-1; reports the total when `with_total`, and never
/// returns more than `server_cap` items per page.
struct FakeList {
  explicit FakeList(int count_, bool with_total_ = true, std::int64_t server_cap_ = 1000)
      : count(count_), with_total(with_total_), server_cap(server_cap_) {}

  int count;
  bool with_total;
  std::int64_t server_cap;
  std::vector<Call> calls;

  OffsetRange<int> range(std::int64_t limit, std::int64_t offset = 0) {
    return OffsetRange<int>(
        [this](std::int64_t at, std::int64_t size) {
          calls.push_back({at, size});
          OffsetPage<int> page;
          const std::int64_t end = std::min<std::int64_t>(count, at + std::min(size, server_cap));
          for (std::int64_t i = at; i < end; ++i) page.items.push_back(static_cast<int>(i));
          if (with_total) page.total = count;
          return page;
        },
        limit,
        offset);
  }
};

std::vector<int> collect(OffsetRange<int>& range) {
  std::vector<int> out;
  for (int item : range) out.push_back(item);
  return out;
}

std::vector<int> iota(int from, int to) {
  std::vector<int> out;
  for (int i = from; i < to; ++i) out.push_back(i);
  return out;
}

}  // namespace

TEST_CASE("offset range: nothing is fetched before iteration starts") {
  FakeList list{25};
  OffsetRange<int> range = list.range(10);
  CHECK(list.calls.empty());
  CHECK(range.pages_fetched() == 0);
}

TEST_CASE("offset range: walks every page and stops at the reported total") {
  FakeList list{25};
  OffsetRange<int> range = list.range(10);
  CHECK(collect(range) == iota(0, 25));
  REQUIRE(list.calls.size() == 3);
  CHECK(list.calls[0].offset == 0);
  CHECK(list.calls[1].offset == 10);
  CHECK(list.calls[2].offset == 20);
  CHECK(list.calls[2].limit == 10);
  CHECK(range.total() == std::optional<std::int64_t>(25));
}

TEST_CASE("offset range: an exact multiple of the limit needs no extra fetch with a total") {
  FakeList list{20};
  OffsetRange<int> range = list.range(10);
  CHECK(collect(range) == iota(0, 20));
  CHECK(list.calls.size() == 2);
}

TEST_CASE("offset range without a total stops on a short page or an empty one") {
  FakeList shorter{25, false};
  OffsetRange<int> a = shorter.range(10);
  CHECK(collect(a) == iota(0, 25));
  CHECK(shorter.calls.size() == 3);

  FakeList exact{20, false};
  OffsetRange<int> b = exact.range(10);
  CHECK(collect(b) == iota(0, 20));
  CHECK(exact.calls.size() == 3);  // the third page is empty
  CHECK_FALSE(b.total().has_value());
}

TEST_CASE("offset range with a total keeps going past short pages when the server caps the size") {
  FakeList list{25, true, 4};
  OffsetRange<int> range = list.range(10);
  CHECK(collect(range) == iota(0, 25));
  CHECK(list.calls.size() == 7);  // 4+4+4+4+4+4+1
  CHECK(list.calls[1].offset == 4);
}

TEST_CASE("offset range: pages are fetched only when iteration reaches them") {
  FakeList list{100};
  OffsetRange<int> range = list.range(10);
  auto it = range.begin();
  CHECK(list.calls.size() == 1);
  for (int i = 0; i < 9; ++i) ++it;
  CHECK(*it == 9);
  CHECK(list.calls.size() == 1);
  ++it;
  CHECK(*it == 10);
  CHECK(list.calls.size() == 2);
  // Breaking out early leaves the rest unfetched.
  int seen = 0;
  for (int item : range) {
    (void)item;
    if (++seen == 3) break;
  }
  CHECK(list.calls.size() == 2);
}

TEST_CASE("offset range: a start offset and an empty list") {
  FakeList list{25};
  OffsetRange<int> range = list.range(10, 18);
  CHECK(collect(range) == iota(18, 25));
  CHECK(list.calls.size() == 1);

  FakeList empty{0};
  OffsetRange<int> none = empty.range(10);
  CHECK(none.begin() == none.end());
  CHECK(collect(none).empty());
  CHECK(empty.calls.size() == 1);
}

TEST_CASE("offset range: begin() twice continues where iteration is") {
  FakeList list{5};
  OffsetRange<int> range = list.range(10);
  auto first = range.begin();
  CHECK(*first == 0);
  ++first;
  auto again = range.begin();
  CHECK(*again == 1);
  CHECK(list.calls.size() == 1);
  // Post-increment keeps the old value for *it++.
  CHECK(*again++ == 1);
  CHECK(*again == 2);
}

TEST_CASE("offset range: a failing fetch propagates and ends the iteration") {
  int calls = 0;
  OffsetRange<int> range(
      [&](std::int64_t offset, std::int64_t) -> OffsetPage<int> {
        ++calls;
        if (offset > 0) throw std::runtime_error("page 2 failed");
        return {{1, 2}, 10};
      },
      2);
  auto it = range.begin();
  CHECK(*it == 1);
  ++it;
  CHECK_THROWS_WITH(++it, "page 2 failed");
  CHECK(it == range.end());
  CHECK(calls == 2);
}

TEST_CASE("offset range: invalid arguments") {
  auto fetch = [](std::int64_t, std::int64_t) { return OffsetPage<int>{}; };
  CHECK_THROWS_AS(OffsetRange<int>(fetch, 0), std::invalid_argument);
  CHECK_THROWS_AS(OffsetRange<int>(fetch, 10, -1), std::invalid_argument);
  CHECK_THROWS_AS(OffsetRange<int>(nullptr, 10), std::invalid_argument);
}

TEST_CASE("offset range: range algorithms and vector construction work with input iterators") {
  FakeList list{12};
  OffsetRange<int> range = list.range(5);
  std::vector<int> all(range.begin(), range.end());
  CHECK(all == iota(0, 12));
  FakeList again{12};
  OffsetRange<int> second = again.range(5);
  CHECK(std::find(second.begin(), second.end(), 7) != second.end());
  CHECK(again.calls.size() == 2);  // found on the second page, the third never fetched
}

namespace {

/// Pages keyed by cursor ("" is the first page).
struct FakeFeed {
  std::map<std::string, CursorPage<std::string>> pages;
  std::vector<std::optional<std::string>> calls;

  CursorRange<std::string> range(std::optional<std::string> start = std::nullopt) {
    return CursorRange<std::string>(
        [this](const std::optional<std::string>& cursor) {
          calls.push_back(cursor);
          auto found = pages.find(cursor.value_or(""));
          return found == pages.end() ? CursorPage<std::string>{} : found->second;
        },
        std::move(start));
  }
};

std::vector<std::string> collect(CursorRange<std::string>& range) {
  std::vector<std::string> out;
  for (const std::string& item : range) out.push_back(item);
  return out;
}

}  // namespace

TEST_CASE("cursor range: follows next cursors until there is none") {
  FakeFeed feed;
  feed.pages[""] = {{"a", "b"}, std::string("c1")};
  feed.pages["c1"] = {{"c"}, std::string("c2")};
  feed.pages["c2"] = {{"d", "e"}, std::nullopt};
  CursorRange<std::string> range = feed.range();
  CHECK(feed.calls.empty());
  CHECK(collect(range) == std::vector<std::string>{"a", "b", "c", "d", "e"});
  REQUIRE(feed.calls.size() == 3);
  CHECK_FALSE(feed.calls[0].has_value());
  CHECK(feed.calls[1] == std::optional<std::string>("c1"));
  CHECK(feed.calls[2] == std::optional<std::string>("c2"));
  CHECK_FALSE(range.repeated_cursor());
  CHECK_FALSE(range.cursor().has_value());
}

TEST_CASE("cursor range: an empty next cursor or an empty page ends the list") {
  FakeFeed empty_cursor;
  empty_cursor.pages[""] = {{"a"}, std::string("")};
  CursorRange<std::string> a = empty_cursor.range();
  CHECK(collect(a) == std::vector<std::string>{"a"});
  CHECK(empty_cursor.calls.size() == 1);

  FakeFeed empty_page;
  empty_page.pages[""] = {{"a"}, std::string("next")};
  empty_page.pages["next"] = {{}, std::string("again")};
  CursorRange<std::string> b = empty_page.range();
  CHECK(collect(b) == std::vector<std::string>{"a"});
  CHECK(empty_page.calls.size() == 2);
}

TEST_CASE("cursor range: a server repeating a cursor does not loop forever") {
  FakeFeed same;
  same.pages[""] = {{"a"}, std::string("c1")};
  same.pages["c1"] = {{"b"}, std::string("c1")};
  CursorRange<std::string> a = same.range();
  CHECK(collect(a) == std::vector<std::string>{"a", "b"});
  CHECK(same.calls.size() == 2);
  CHECK(a.repeated_cursor());

  FakeFeed cycle;
  cycle.pages[""] = {{"a"}, std::string("c1")};
  cycle.pages["c1"] = {{"b"}, std::string("c2")};
  cycle.pages["c2"] = {{"c"}, std::string("c1")};
  CursorRange<std::string> b = cycle.range();
  CHECK(collect(b) == std::vector<std::string>{"a", "b", "c"});
  CHECK(cycle.calls.size() == 3);
  CHECK(b.repeated_cursor());

  FakeFeed back_to_start;
  back_to_start.pages["s"] = {{"x"}, std::string("s")};
  CursorRange<std::string> c = back_to_start.range(std::string("s"));
  CHECK(collect(c) == std::vector<std::string>{"x"});
  CHECK(back_to_start.calls.size() == 1);
  CHECK(c.repeated_cursor());
}

TEST_CASE("cursor range: lazy and resumable from cursor()") {
  FakeFeed feed;
  feed.pages[""] = {{"a", "b"}, std::string("c1")};
  feed.pages["c1"] = {{"c"}, std::string("c2")};
  feed.pages["c2"] = {{"d"}, std::nullopt};
  CursorRange<std::string> range = feed.range();
  auto it = range.begin();
  CHECK(*it == "a");
  CHECK(feed.calls.size() == 1);
  CHECK(range.cursor() == std::optional<std::string>("c1"));
  ++it;
  CHECK(it->size() == 1);
  CHECK(feed.calls.size() == 1);
  ++it;
  CHECK(*it == "c");
  CHECK(feed.calls.size() == 2);

  // A later job picks up from the saved cursor.
  CursorRange<std::string> resumed = feed.range(range.cursor());
  CHECK(collect(resumed) == std::vector<std::string>{"d"});
}
