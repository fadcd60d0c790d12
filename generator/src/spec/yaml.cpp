#include "spec/yaml.hpp"

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/mark.h>
#include <yaml-cpp/parser.h>

#include <boost/json.hpp>
#include <charconv>
#include <cstdint>
#include <cstdlib>
#include <limits>
#include <optional>
#include <sstream>
#include <system_error>
#include <unordered_map>
#include <utility>
#include <vector>

#include "diagnostics.hpp"
#include "spec/document.hpp"

namespace dyngen {
namespace {

constexpr std::string_view kCoreTagPrefix = "tag:yaml.org,2002:";
// Aliases are expanded by copying; this bounds what a document of nested aliases can cost.
constexpr std::size_t kAliasNodeLimit = 1'000'000;

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_octal_digit(char c) { return c >= '0' && c <= '7'; }
bool is_hex_digit(char c) {
  return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

template <typename Predicate>
bool all_of(std::string_view text, Predicate predicate) {
  if (text.empty()) return false;
  for (char c : text) {
    if (!predicate(c)) return false;
  }
  return true;
}

bool is_null_text(std::string_view s) {
  return s.empty() || s == "~" || s == "null" || s == "Null" || s == "NULL";
}

std::optional<bool> bool_text(std::string_view s) {
  if (s == "true" || s == "True" || s == "TRUE") return true;
  if (s == "false" || s == "False" || s == "FALSE") return false;
  return std::nullopt;
}

std::string_view without_sign(std::string_view s) {
  if (!s.empty() && (s[0] == '-' || s[0] == '+')) s.remove_prefix(1);
  return s;
}

bool is_decimal_int(std::string_view s) { return all_of(without_sign(s), is_digit); }

// [-+]? ( \. [0-9]+ | [0-9]+ ( \. [0-9]* )? ) ( [eE] [-+]? [0-9]+ )?
bool is_float_number(std::string_view s) {
  s = without_sign(s);
  std::size_t i = 0;
  auto digits = [&] {
    std::size_t start = i;
    while (i < s.size() && is_digit(s[i])) ++i;
    return i - start;
  };
  if (i < s.size() && s[i] == '.') {
    ++i;
    if (digits() == 0) return false;
  } else {
    if (digits() == 0) return false;
    if (i < s.size() && s[i] == '.') {
      ++i;
      digits();
    }
  }
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '-' || s[i] == '+')) ++i;
    if (digits() == 0) return false;
  }
  return i == s.size();
}

bool is_infinity(std::string_view s) {
  s = without_sign(s);
  return s == ".inf" || s == ".Inf" || s == ".INF";
}

bool is_nan(std::string_view s) { return s == ".nan" || s == ".NaN" || s == ".NAN"; }

double to_double(std::string_view s) {
  if (!s.empty() && s[0] == '+') s.remove_prefix(1);
  double value = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  if (ec == std::errc::result_out_of_range) {
    // from_chars leaves the value alone; strtod gives +-HUGE_VAL or 0 as the text asks.
    return std::strtod(std::string(s).c_str(), nullptr);
  }
  return value;
}

double special_float(std::string_view s) {
  if (is_nan(s)) return std::numeric_limits<double>::quiet_NaN();
  return s[0] == '-' ? -std::numeric_limits<double>::infinity()
                     : std::numeric_limits<double>::infinity();
}

// `digits` has no sign or base prefix. int64 when it fits, else uint64 (non-negative), else double.
boost::json::value integer(std::string_view digits,
                           int base,
                           bool negative,
                           std::string_view text) {
  std::uint64_t magnitude = 0;
  auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), magnitude, base);
  constexpr auto kMaxInt64 = static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max());
  if (ec == std::errc() && end == digits.data() + digits.size()) {
    if (!negative) {
      if (magnitude <= kMaxInt64) return static_cast<std::int64_t>(magnitude);
      return magnitude;
    }
    if (magnitude <= kMaxInt64) return -static_cast<std::int64_t>(magnitude);
    if (magnitude == kMaxInt64 + 1) return std::numeric_limits<std::int64_t>::min();
  }
  if (base == 10) return to_double(text);
  double value = 0;
  for (char c : digits) {
    int digit = is_digit(c) ? c - '0' : (c | 0x20) - 'a' + 10;
    value = value * base + digit;
  }
  return negative ? -value : value;
}

// The core schema's int forms, or nothing.
std::optional<boost::json::value> int_value(std::string_view s) {
  if (is_decimal_int(s)) return integer(without_sign(s), 10, s[0] == '-', s);
  if (s.size() > 2 && s[0] == '0' && s[1] == 'o' && all_of(s.substr(2), is_octal_digit)) {
    return integer(s.substr(2), 8, false, s);
  }
  if (s.size() > 2 && s[0] == '0' && s[1] == 'x' && all_of(s.substr(2), is_hex_digit)) {
    return integer(s.substr(2), 16, false, s);
  }
  return std::nullopt;
}

std::optional<double> float_value(std::string_view s) {
  if (is_float_number(s)) return to_double(s);
  if (is_infinity(s) || is_nan(s)) return special_float(s);
  return std::nullopt;
}

std::string location(const std::string& name, const YAML::Mark& mark) {
  if (mark.is_null() || mark.line < 0) return name;
  return name + ":" + std::to_string(mark.line + 1) + ":" + std::to_string(mark.column + 1);
}

[[noreturn]] void fail(const std::string& name, const YAML::Mark& mark, const std::string& what) {
  throw SpecError("", location(name, mark) + ": invalid YAML (" + what + ")");
}

// Builds the JSON value from yaml-cpp's parse events.
class JsonBuilder : public YAML::EventHandler {
 public:
  explicit JsonBuilder(const std::string& name) : name_(name) {}

  boost::json::value take() { return std::move(root_); }

  void OnDocumentStart(const YAML::Mark&) override {}
  void OnDocumentEnd() override {}

  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    if (key_expected()) fail(name_, mark, "a mapping key is empty");
    remember(anchor, {nullptr, std::string(), 1});
    add(nullptr, 1);
  }

  void OnScalar(const YAML::Mark& mark,
                const std::string& tag,
                YAML::anchor_t anchor,
                const std::string& text) override {
    if (key_expected()) {
      // Keys stay text: `200:` is the key "200". A plain `<<` is a merge key.
      if (anchor != 0) remember(anchor, {scalar(tag, text, mark), text, 1});
      set_key(text, tag == "?" && text == "<<", mark);
      return;
    }
    boost::json::value value = scalar(tag, text, mark);
    if (anchor != 0) remember(anchor, {value, text, 1});
    add(std::move(value), 1);
  }

  void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    auto found = anchors_.find(anchor);
    if (found == anchors_.end()) fail(name_, mark, "an alias refers to a node that contains it");
    const Anchored& anchored = found->second;
    alias_nodes_ += anchored.nodes;
    if (alias_nodes_ > kAliasNodeLimit) {
      fail(
          name_, mark, "aliases expand to more than " + std::to_string(kAliasNodeLimit) + " nodes");
    }
    if (key_expected()) {
      if (!anchored.key) fail(name_, mark, "a mapping key is not a scalar");
      set_key(*anchored.key, false, mark);
      return;
    }
    add(anchored.value, anchored.nodes);
  }

  void OnSequenceStart(const YAML::Mark& mark,
                       const std::string&,
                       YAML::anchor_t anchor,
                       YAML::EmitterStyle::value) override {
    open(mark, anchor, boost::json::array());
  }
  void OnSequenceEnd() override { close(); }

  void OnMapStart(const YAML::Mark& mark,
                  const std::string&,
                  YAML::anchor_t anchor,
                  YAML::EmitterStyle::value) override {
    open(mark, anchor, boost::json::object());
  }
  void OnMapEnd() override { close(); }

 private:
  struct Anchored {
    boost::json::value value;
    std::optional<std::string> key;  // set for scalars, which may serve as keys
    std::size_t nodes = 1;
  };

  struct Frame {
    YAML::anchor_t anchor = 0;
    boost::json::value value;  // array or object
    std::size_t nodes = 1;
    // Mappings: the key waiting for its value, and the line of each key already in `value`.
    bool has_key = false;
    bool key_is_merge = false;
    std::string key;
    YAML::Mark key_mark;
    std::vector<int> key_lines;
    // Merge key: where it stood (count of keys before it) and the mappings it names.
    std::optional<std::size_t> merge_at;
    int merge_line = 0;
    std::vector<boost::json::object> merged;
  };

  bool key_expected() const {
    return !stack_.empty() && stack_.back().value.is_object() && !stack_.back().has_key;
  }

  boost::json::value scalar(const std::string& tag,
                            const std::string& text,
                            const YAML::Mark& mark) {
    if (tag == "?") return yaml_plain_scalar(text);
    if (tag.compare(0, kCoreTagPrefix.size(), kCoreTagPrefix) != 0)
      return boost::json::string(text);
    const std::string type = tag.substr(kCoreTagPrefix.size());
    if (type == "null" && is_null_text(text)) return nullptr;
    if (type == "bool") {
      if (auto value = bool_text(text)) return *value;
    } else if (type == "int") {
      if (auto value = int_value(text)) return *value;
    } else if (type == "float") {
      if (auto value = float_value(text)) return *value;
      if (auto value = int_value(text)) return value->to_number<double>();
    } else if (type != "null") {
      return boost::json::string(text);
    }
    fail(name_, mark, "'" + text + "' is not a valid !!" + type);
  }

  void remember(YAML::anchor_t anchor, Anchored anchored) {
    if (anchor != 0) anchors_[anchor] = std::move(anchored);
  }

  void set_key(const std::string& key, bool merge, const YAML::Mark& mark) {
    Frame& frame = stack_.back();
    if (merge) {
      if (frame.merge_at) {
        fail(name_, mark, "duplicate key '<<', first at line " + std::to_string(frame.merge_line));
      }
    } else {
      const boost::json::object& object = frame.value.get_object();
      auto found = object.find(key);
      if (found != object.end()) {
        int first = frame.key_lines[static_cast<std::size_t>(found - object.begin())];
        fail(name_, mark, "duplicate key '" + key + "', first at line " + std::to_string(first));
      }
    }
    frame.has_key = true;
    frame.key_is_merge = merge;
    frame.key = key;
    frame.key_mark = mark;
  }

  void open(const YAML::Mark& mark, YAML::anchor_t anchor, boost::json::value value) {
    if (key_expected()) fail(name_, mark, "a mapping key is not a scalar");
    // yaml-cpp recurses once per level: stop well before its own guard (whose message reads
    // "bad file", at a mark past the problem) or, in versions without one, the stack's end.
    if (stack_.size() >= kMaxNesting) {
      fail(name_, mark, "nesting deeper than " + std::to_string(kMaxNesting) + " levels");
    }
    Frame frame;
    frame.anchor = anchor;
    frame.value = std::move(value);
    stack_.push_back(std::move(frame));
  }

  void close() {
    Frame frame = std::move(stack_.back());
    stack_.pop_back();
    if (frame.merge_at) apply_merge(frame);
    if (frame.anchor != 0) remember(frame.anchor, {frame.value, std::nullopt, frame.nodes});
    add(std::move(frame.value), frame.nodes);
  }

  // Adds a finished value to the node being built, or makes it the root.
  void add(boost::json::value value, std::size_t nodes) {
    if (stack_.empty()) {
      root_ = std::move(value);
      return;
    }
    Frame& frame = stack_.back();
    frame.nodes += nodes;
    if (auto* array = frame.value.if_array()) {
      array->push_back(std::move(value));
      return;
    }
    frame.has_key = false;
    if (frame.key_is_merge) {
      take_merge(frame, std::move(value));
      return;
    }
    frame.value.get_object().emplace(frame.key, std::move(value));
    frame.key_lines.push_back(frame.key_mark.line + 1);
  }

  void take_merge(Frame& frame, boost::json::value value) {
    frame.merge_at = frame.value.get_object().size();
    frame.merge_line = frame.key_mark.line + 1;
    if (auto* object = value.if_object()) {
      frame.merged.push_back(std::move(*object));
      return;
    }
    if (auto* array = value.if_array()) {
      for (auto& element : *array) {
        if (!element.is_object()) break;
        frame.merged.push_back(std::move(element.get_object()));
      }
      if (frame.merged.size() == array->size()) return;
    }
    fail(name_, frame.key_mark, "a merge key '<<' needs a mapping or a sequence of mappings");
  }

  // Rebuilds a mapping with its merged keys where the `<<` key stood.
  void apply_merge(Frame& frame) {
    boost::json::object own = std::move(frame.value.get_object());
    boost::json::object out(own.storage());
    auto insert_merged = [&] {
      for (auto& source : frame.merged) {
        for (auto& entry : source) {
          if (!own.contains(entry.key()) && !out.contains(entry.key())) {
            out.emplace(entry.key(), std::move(entry.value()));
          }
        }
      }
    };
    std::size_t index = 0;
    for (auto& entry : own) {
      if (index++ == *frame.merge_at) insert_merged();
      out.emplace(entry.key(), std::move(entry.value()));
    }
    if (*frame.merge_at == own.size()) insert_merged();
    frame.value = std::move(out);
  }

  const std::string& name_;
  boost::json::value root_;
  std::vector<Frame> stack_;
  std::unordered_map<YAML::anchor_t, Anchored> anchors_;
  std::size_t alias_nodes_ = 0;
};

// Refuses a second document.
class SecondDocument : public YAML::EventHandler {
 public:
  explicit SecondDocument(const std::string& name) : name_(name) {}
  void OnDocumentStart(const YAML::Mark& mark) override {
    fail(name_, mark, "more than one document");
  }
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark&, YAML::anchor_t) override {}
  void OnAlias(const YAML::Mark&, YAML::anchor_t) override {}
  void OnScalar(const YAML::Mark&,
                const std::string&,
                YAML::anchor_t,
                const std::string&) override {}
  void OnSequenceStart(const YAML::Mark&,
                       const std::string&,
                       YAML::anchor_t,
                       YAML::EmitterStyle::value) override {}
  void OnSequenceEnd() override {}
  void OnMapStart(const YAML::Mark&,
                  const std::string&,
                  YAML::anchor_t,
                  YAML::EmitterStyle::value) override {}
  void OnMapEnd() override {}

 private:
  const std::string& name_;
};

}  // namespace

boost::json::value yaml_plain_scalar(std::string_view text) {
  if (is_null_text(text)) return nullptr;
  if (auto value = bool_text(text)) return *value;
  if (auto value = int_value(text)) return *value;
  if (auto value = float_value(text)) return *value;
  return boost::json::string(text);
}

boost::json::value yaml_to_json(std::string_view text, const std::string& name) {
  std::istringstream in{std::string(text)};
  try {
    YAML::Parser parser(in);
    JsonBuilder builder(name);
    if (!parser.HandleNextDocument(builder)) {
      throw SpecError("", name + ":1:1: invalid YAML (no document)");
    }
    SecondDocument second(name);
    parser.HandleNextDocument(second);
    return builder.take();
  } catch (const YAML::Exception& error) {
    fail(name, error.mark, error.msg);
  }
}

}  // namespace dyngen
