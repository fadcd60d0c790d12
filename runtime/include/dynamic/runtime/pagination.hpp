// Lazy ranges over paginated lists: offset/limit pages and cursor pages. A page is fetched only
// when iteration reaches it; the ranges are input ranges (one pass, iterators share a position).
//
//   dynamic::OffsetRange<User> users(
//       [&](std::int64_t offset, std::int64_t limit) {
//         auto page = api.get_users(env, offset, limit);
//         return dynamic::OffsetPage<User>{std::move(page.users), page.count};
//       },
//       /*limit=*/100);
//   for (const User& user : users) { ... }
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <iterator>
#include <memory>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace dynamic {

namespace detail {

/// The items of the current page and a way to get the next one.
template <class T>
struct PagedItems {
  /// Fills `items` with the next page; false when there is none (no fetch is made then).
  std::function<bool(std::vector<T>& items)> next_page;
  std::vector<T> items;
  std::size_t index = 0;
  bool started = false;
  bool done = false;

  void start() {
    if (started) return;
    started = true;
    load();
  }

  void advance() {
    if (done) return;
    if (++index >= items.size()) load();
  }

  void load() {
    items.clear();
    index = 0;
    // A failing fetch ends the iteration (the exception still reaches the caller).
    done = true;
    if (next_page(items) && !items.empty()) done = false;
  }
};

/// Input iterator over PagedItems; a default-constructed one is the end.
template <class T>
class PageIterator {
 public:
  using iterator_category = std::input_iterator_tag;
  using value_type = T;
  using difference_type = std::ptrdiff_t;
  using pointer = T*;
  using reference = T&;

  PageIterator() = default;
  explicit PageIterator(std::shared_ptr<PagedItems<T>> items) : items_(std::move(items)) {}

  reference operator*() const { return items_->items[items_->index]; }
  pointer operator->() const { return &items_->items[items_->index]; }

  /// Moves to the next item, fetching the next page when this one is used up.
  PageIterator& operator++() {
    items_->advance();
    return *this;
  }

  /// Keeps the current item for `*it++`.
  class Postfix {
   public:
    explicit Postfix(T value) : value_(std::move(value)) {}
    const T& operator*() const { return value_; }

   private:
    T value_;
  };
  Postfix operator++(int) {
    Postfix previous(**this);
    ++*this;
    return previous;
  }

  friend bool operator==(const PageIterator& a, const PageIterator& b) {
    const bool a_end = a.at_end();
    const bool b_end = b.at_end();
    if (a_end || b_end) return a_end == b_end;
    return a.items_ == b.items_;
  }
  friend bool operator!=(const PageIterator& a, const PageIterator& b) { return !(a == b); }

 private:
  bool at_end() const { return !items_ || items_->done; }
  std::shared_ptr<PagedItems<T>> items_;
};

}  // namespace detail

/// One page of an offset/limit list.
template <class T>
struct OffsetPage {
  std::vector<T> items;
  /// Number of items across all pages, when the API reports it.
  std::optional<std::int64_t> total;
};

/// Items of an offset/limit list, fetched page by page. Stops after an empty page, once the
/// offset reaches the reported total, or (when no total is reported) after a page shorter than the
/// limit. With a total, a short page does not end the list (a server may cap the page size).
template <class T>
class OffsetRange {
 public:
  /// Returns the page starting at `offset` with at most `limit` items.
  using Fetch = std::function<OffsetPage<T>(std::int64_t offset, std::int64_t limit)>;
  using iterator = detail::PageIterator<T>;

  /// Nothing is fetched until begin(). Throws std::invalid_argument when `limit` < 1, `offset` < 0
  /// or `fetch` is empty.
  OffsetRange(Fetch fetch, std::int64_t limit, std::int64_t offset = 0)
      : state_(std::make_shared<State>()), items_(std::make_shared<detail::PagedItems<T>>()) {
    if (!fetch) throw std::invalid_argument("OffsetRange: no fetch function");
    if (limit < 1) throw std::invalid_argument("OffsetRange: limit must be at least 1");
    if (offset < 0) throw std::invalid_argument("OffsetRange: offset must not be negative");
    state_->fetch = std::move(fetch);
    state_->limit = limit;
    state_->offset = offset;
    items_->next_page = [state = state_](std::vector<T>& items) { return state->next(items); };
  }

  /// Fetches the first page (once) and points at its first item.
  iterator begin() {
    items_->start();
    return iterator(items_);
  }
  iterator end() { return iterator(); }

  /// The total the API reported with the last page, if any.
  std::optional<std::int64_t> total() const { return state_->total; }
  /// Offset of the page the next fetch would ask for.
  std::int64_t next_offset() const { return state_->offset; }
  int pages_fetched() const { return state_->pages; }

 private:
  struct State {
    Fetch fetch;
    std::int64_t limit = 1;
    std::int64_t offset = 0;
    std::optional<std::int64_t> total;
    bool last = false;
    int pages = 0;

    bool next(std::vector<T>& items) {
      if (last || (total && offset >= *total)) return false;
      OffsetPage<T> page = fetch(offset, limit);
      ++pages;
      if (page.total) total = page.total;
      const auto count = static_cast<std::int64_t>(page.items.size());
      items = std::move(page.items);
      offset += count;
      last = count == 0 || (total ? offset >= *total : count < limit);
      return true;
    }
  };

  std::shared_ptr<State> state_;
  std::shared_ptr<detail::PagedItems<T>> items_;
};

/// One page of a cursor list.
template <class T>
struct CursorPage {
  std::vector<T> items;
  /// Cursor of the next page; absent or empty on the last page.
  std::optional<std::string> next_cursor;
};

/// Items of a cursor list, fetched page by page. Stops after an empty page, a page without a next
/// cursor, or a page whose next cursor was already used (a server repeating itself would
/// otherwise loop forever; repeated_cursor() tells that case apart).
template <class T>
class CursorRange {
 public:
  /// Returns the page at `cursor` (absent: the first page).
  using Fetch = std::function<CursorPage<T>(const std::optional<std::string>& cursor)>;
  using iterator = detail::PageIterator<T>;

  /// Nothing is fetched until begin(). `cursor`: where to start (absent: the first page).
  explicit CursorRange(Fetch fetch, std::optional<std::string> cursor = std::nullopt)
      : state_(std::make_shared<State>()), items_(std::make_shared<detail::PagedItems<T>>()) {
    if (!fetch) throw std::invalid_argument("CursorRange: no fetch function");
    state_->fetch = std::move(fetch);
    if (cursor && !cursor->empty()) state_->seen.insert(*cursor);
    state_->cursor = std::move(cursor);
    items_->next_page = [state = state_](std::vector<T>& items) { return state->next(items); };
  }

  iterator begin() {
    items_->start();
    return iterator(items_);
  }
  iterator end() { return iterator(); }

  /// Cursor of the page the next fetch would ask for (to resume later); empty once the list ended.
  const std::optional<std::string>& cursor() const { return state_->cursor; }
  /// True when the list ended because the server handed back a cursor it had already given.
  bool repeated_cursor() const { return state_->repeated; }
  int pages_fetched() const { return state_->pages; }

 private:
  struct State {
    Fetch fetch;
    std::optional<std::string> cursor;
    std::set<std::string> seen;
    bool last = false;
    bool repeated = false;
    int pages = 0;

    bool next(std::vector<T>& items) {
      if (last) return false;
      CursorPage<T> page = fetch(cursor);
      ++pages;
      items = std::move(page.items);
      if (items.empty() || !page.next_cursor || page.next_cursor->empty()) {
        last = true;
        cursor.reset();
      } else if (!seen.insert(*page.next_cursor).second) {
        last = true;
        repeated = true;
        cursor.reset();
      } else {
        cursor = std::move(page.next_cursor);
      }
      return true;
    }
  };

  std::shared_ptr<State> state_;
  std::shared_ptr<detail::PagedItems<T>> items_;
};

}  // namespace dynamic
