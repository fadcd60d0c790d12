#include "schema_check.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <memory>
#include <mutex>
#include <regex>

#include "dynamic/runtime/datetime.hpp"

namespace dynamic::mock {
namespace json = boost::json;
namespace {

constexpr int kMaxDepth = 64;

/// ECMAScript patterns, matched without recursion where the library allows: libstdc++'s default
/// matcher recurses once per character for patterns such as `(\/.*)?`, so a long value
/// overflowed the stack and crashed the mock (fuzz/mock_validation.cpp, on a 20 kB URL), and it
/// backtracks exponentially on nested repetition (`(a+)+`). Its `__polynomial` mode (a libstdc++
/// extension) matches breadth-first, in stack bounded by the pattern and time polynomial in the
/// value; it refuses back-references, and such a pattern checks nothing like any other pattern
/// std::regex cannot read.
constexpr std::regex::flag_type kPatternSyntax =
#if defined(__GLIBCXX__)
    std::regex::ECMAScript | std::regex_constants::__polynomial;
#else
    std::regex::ECMAScript;
#endif

std::string field_pointer(const std::string& at, std::string_view key) {
  return dyngen::pointer_append(at, key);
}

const char* kind_of(const json::value& value) {
  switch (value.kind()) {
    case json::kind::null:
      return "null";
    case json::kind::bool_:
      return "boolean";
    case json::kind::int64:
    case json::kind::uint64:
      return "integer";
    case json::kind::double_:
      return "number";
    case json::kind::string:
      return "string";
    case json::kind::array:
      return "array";
    case json::kind::object:
      return "object";
  }
  return "value";
}

bool is_type(const json::value& value, const std::string& type) {
  if (type == "integer") {
    if (value.is_int64() || value.is_uint64()) return true;
    return value.is_double() && std::floor(value.as_double()) == value.as_double();
  }
  if (type == "number") return value.is_number();
  if (type == "string") return value.is_string();
  if (type == "boolean") return value.is_bool();
  if (type == "array") return value.is_array();
  if (type == "object") return value.is_object();
  if (type == "null") return value.is_null();
  return true;  // an unknown type name constrains nothing
}

double number_of(const json::value& value) {
  if (value.is_int64()) return static_cast<double>(value.as_int64());
  if (value.is_uint64()) return static_cast<double>(value.as_uint64());
  return value.is_double() ? value.as_double() : 0.0;
}

/// Code points, not bytes: maxLength counts characters.
std::size_t length_of(std::string_view text) {
  return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
}

/// The compiled form of a schema's `pattern`, compiled once per pattern for the life of the
/// process (compiling took more than half of the mock's time under load); null for a pattern
/// std::regex cannot read, which then checks nothing rather than refusing every value.
const std::regex* compiled_pattern(const std::string& pattern) {
  static std::mutex mutex;
  static std::map<std::string, std::unique_ptr<const std::regex>> cache;
  std::lock_guard<std::mutex> lock(mutex);
  auto found = cache.find(pattern);
  if (found == cache.end()) {
    std::unique_ptr<const std::regex> expression;
    try {
      expression = std::make_unique<const std::regex>(pattern, kPatternSyntax);
    } catch (const std::regex_error&) {
    }
    found = cache.emplace(pattern, std::move(expression)).first;
  }
  return found->second.get();
}

bool matches_format(std::string_view text, const std::string& format) {
  if (format == "date-time") return parse_date_time(text).has_value();
  if (format == "date") return parse_date(text).has_value();
  if (format == "uuid") {
    static const std::regex uuid(
        "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$",
        kPatternSyntax);
    return std::regex_match(text.begin(), text.end(), uuid);
  }
  if (format == "email") {
    const std::size_t at = text.find('@');
    return at != std::string_view::npos && at > 0 && at + 1 < text.size();
  }
  return true;  // other formats (uri, hostname, ...) are documentation here
}

bool is_json_media(std::string_view media) {
  const std::string_view type = media.substr(0, media.find(';'));
  return type == "application/json" || (type.size() > 5 && type.substr(type.size() - 5) == "+json");
}

}  // namespace

std::vector<std::string> schema_types(const json::object& schema) {
  std::vector<std::string> out;
  const json::value* type = schema.if_contains("type");
  if (type == nullptr) return out;
  if (type->is_string()) out.emplace_back(type->as_string());
  if (const json::array* list = type->if_array()) {
    for (const json::value& entry : *list) {
      if (entry.is_string()) out.emplace_back(entry.as_string());
    }
  }
  return out;
}

bool admits_null(const json::object& schema) {
  const json::value* nullable = schema.if_contains("nullable");
  if (nullable != nullptr && nullable->is_bool() && nullable->as_bool()) return true;
  std::vector<std::string> types = schema_types(schema);
  if (std::find(types.begin(), types.end(), "null") != types.end()) return true;
  const json::value* values = schema.if_contains("enum");
  return values != nullptr && values->is_array() &&
         std::any_of(values->as_array().begin(),
                     values->as_array().end(),
                     [](const json::value& v) { return v.is_null(); });
}

const json::value& SchemaCheck::resolve(const json::value& schema) const {
  const json::value* current = &schema;
  for (int hops = 0; hops < 32; ++hops) {
    const json::object* object = current->if_object();
    const json::value* ref = object ? object->if_contains("$ref") : nullptr;
    if (ref == nullptr || !ref->is_string() || ref->as_string().empty() ||
        ref->as_string()[0] != '#') {
      return *current;
    }
    current = &document_.at_pointer(ref->as_string(), "");
  }
  return *current;
}

const json::value* SchemaCheck::content_schema(const json::value* owner) const {
  if (owner == nullptr) return nullptr;
  const json::object* object = resolve(*owner).if_object();
  const json::value* content = object ? object->if_contains("content") : nullptr;
  if (content == nullptr || !content->is_object()) return nullptr;
  for (const auto& media : content->as_object()) {
    if (!is_json_media(media.key()) || !media.value().is_object()) continue;
    const json::value* schema = media.value().as_object().if_contains("schema");
    static const json::value kAny = json::object{};
    return schema ? schema : &kAny;
  }
  return nullptr;
}

std::vector<Problem> SchemaCheck::check(const json::value& value,
                                        const json::value& schema,
                                        const std::string& at) const {
  std::vector<Problem> out;
  check(value, schema, at, out, 0);
  return out;
}

void SchemaCheck::check(const json::value& value,
                        const json::value& schema_value,
                        const std::string& at,
                        std::vector<Problem>& out,
                        int depth) const {
  if (depth > kMaxDepth) return;
  if (schema_value.is_bool()) {
    if (!schema_value.as_bool()) out.push_back({at, "no value is allowed here"});
    return;
  }
  const json::value& resolved = resolve(schema_value);
  const json::object* schema = resolved.if_object();
  if (schema == nullptr) return;
  if (value.is_null() && admits_null(*schema)) return;

  if (const json::value* parts = schema->if_contains("allOf"); parts && parts->is_array()) {
    for (const json::value& part : parts->as_array()) check(value, part, at, out, depth + 1);
  }
  for (const char* keyword : {"anyOf", "oneOf"}) {
    const json::value* options = schema->if_contains(keyword);
    if (options == nullptr || !options->is_array() || options->as_array().empty()) continue;
    // Real documents often list overlapping alternatives: one that fits is enough.
    bool fits = false;
    for (const json::value& option : options->as_array()) {
      std::vector<Problem> trial;
      check(value, option, at, trial, depth + 1);
      fits = fits || trial.empty();
    }
    if (!fits) out.push_back({at, std::string("matches none of the ") + keyword + " alternatives"});
  }

  std::vector<std::string> types = schema_types(*schema);
  if (!types.empty() && std::none_of(types.begin(), types.end(), [&](const std::string& type) {
        return is_type(value, type);
      })) {
    std::string expected;
    for (const std::string& type : types) expected += (expected.empty() ? "" : " or ") + type;
    out.push_back({at, "expected " + expected + ", got " + kind_of(value)});
    return;
  }
  if (const json::value* values = schema->if_contains("enum"); values && values->is_array()) {
    const json::array& list = values->as_array();
    if (std::find(list.begin(), list.end(), value) == list.end()) {
      out.push_back(
          {at, "value " + json::serialize(value) + " is not one of " + json::serialize(*values)});
    }
  }
  if (const json::value* constant = schema->if_contains("const"); constant && *constant != value) {
    out.push_back({at, "expected " + json::serialize(*constant)});
  }
  if (const json::string* text = value.if_string()) check_string(*text, *schema, at, out);
  if (value.is_number()) check_number(number_of(value), *schema, at, out);
  if (const json::array* items = value.if_array()) {
    const json::value* min_items = schema->if_contains("minItems");
    const json::value* max_items = schema->if_contains("maxItems");
    if (min_items && min_items->is_number() && items->size() < number_of(*min_items)) {
      out.push_back({at, "fewer than " + json::serialize(*min_items) + " items"});
    }
    if (max_items && max_items->is_number() && items->size() > number_of(*max_items)) {
      out.push_back({at, "more than " + json::serialize(*max_items) + " items"});
    }
    if (const json::value* item_schema = schema->if_contains("items")) {
      for (std::size_t i = 0; i < items->size(); ++i) {
        check((*items)[i], *item_schema, at + "/" + std::to_string(i), out, depth + 1);
      }
    }
  }
  if (const json::object* object = value.if_object())
    check_object(*object, *schema, at, out, depth);
}

void SchemaCheck::check_string(const json::string& text,
                               const json::object& schema,
                               const std::string& at,
                               std::vector<Problem>& out) const {
  const std::size_t length = length_of(text);
  const json::value* min_length = schema.if_contains("minLength");
  const json::value* max_length = schema.if_contains("maxLength");
  if (min_length && min_length->is_number() && length < number_of(*min_length)) {
    out.push_back({at, "shorter than " + json::serialize(*min_length) + " characters"});
  }
  if (max_length && max_length->is_number() && length > number_of(*max_length)) {
    out.push_back({at, "longer than " + json::serialize(*max_length) + " characters"});
  }
  if (const json::value* format = schema.if_contains("format"); format && format->is_string()) {
    if (!matches_format(text, std::string(format->as_string()))) {
      out.push_back({at, "not a valid " + std::string(format->as_string())});
    }
  }
  if (const json::value* pattern = schema.if_contains("pattern"); pattern && pattern->is_string()) {
    const std::regex* expression = compiled_pattern(std::string(pattern->as_string()));
    if (expression != nullptr && !std::regex_search(text.begin(), text.end(), *expression)) {
      out.push_back({at, "does not match the pattern " + json::serialize(*pattern)});
    }
  }
}

void SchemaCheck::check_number(double number,
                               const json::object& schema,
                               const std::string& at,
                               std::vector<Problem>& out) const {
  auto bound = [&](const char* key) -> const json::value* {
    const json::value* found = schema.if_contains(key);
    return found != nullptr && found->is_number() ? found : nullptr;
  };
  auto flag = [&](const char* key) {
    const json::value* found = schema.if_contains(key);
    return found != nullptr && found->is_bool() && found->as_bool();
  };
  if (const json::value* minimum = bound("minimum")) {
    const bool exclusive = flag("exclusiveMinimum");
    if (exclusive ? number <= number_of(*minimum) : number < number_of(*minimum)) {
      out.push_back({at, "below the minimum " + json::serialize(*minimum)});
    }
  }
  if (const json::value* maximum = bound("maximum")) {
    const bool exclusive = flag("exclusiveMaximum");
    if (exclusive ? number >= number_of(*maximum) : number > number_of(*maximum)) {
      out.push_back({at, "above the maximum " + json::serialize(*maximum)});
    }
  }
  // 3.1 spells exclusive bounds as numbers.
  if (const json::value* minimum = bound("exclusiveMinimum");
      minimum && number <= number_of(*minimum)) {
    out.push_back({at, "not above " + json::serialize(*minimum)});
  }
  if (const json::value* maximum = bound("exclusiveMaximum");
      maximum && number >= number_of(*maximum)) {
    out.push_back({at, "not below " + json::serialize(*maximum)});
  }
}

void SchemaCheck::check_object(const json::object& object,
                               const json::object& schema,
                               const std::string& at,
                               std::vector<Problem>& out,
                               int depth) const {
  if (const json::value* required = schema.if_contains("required");
      required && required->is_array()) {
    for (const json::value& name : required->as_array()) {
      if (name.is_string() && !object.contains(name.as_string())) {
        out.push_back({field_pointer(at, name.as_string()), "required field is missing"});
      }
    }
  }
  const json::value* properties_value = schema.if_contains("properties");
  const json::object* properties = properties_value ? properties_value->if_object() : nullptr;
  const json::value* additional = schema.if_contains("additionalProperties");
  for (const auto& member : object) {
    const std::string pointer = field_pointer(at, member.key());
    if (properties != nullptr) {
      if (const json::value* property = properties->if_contains(member.key())) {
        check(member.value(), *property, pointer, out, depth + 1);
        continue;
      }
    }
    if (additional == nullptr) continue;
    if (additional->is_bool() && !additional->as_bool()) {
      out.push_back({pointer, "unknown field"});
    } else if (additional->is_object()) {
      check(member.value(), *additional, pointer, out, depth + 1);
    }
  }
}

}  // namespace dynamic::mock
