#include "sample.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace dynamic::mock {
namespace json = boost::json;
namespace {

/// allOf nesting deeper than this is taken for a cycle.
constexpr int kMaxAllOfDepth = 32;
/// Beyond this depth only required fields are filled, so recursive schemas end.
constexpr int kFullDepth = 4;
constexpr int kMaxDepth = 12;

double number_of(const json::value& value) {
  if (value.is_int64()) return static_cast<double>(value.as_int64());
  if (value.is_uint64()) return static_cast<double>(value.as_uint64());
  return value.is_double() ? value.as_double() : 0.0;
}

}  // namespace

std::uint64_t Sampler::hash(const std::string& salt) const {
  // FNV-1a over the seed and the salt: stable across runs and platforms.
  std::uint64_t h = 1469598103934665603ull ^ seed_;
  for (unsigned char c : salt) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return h;
}

json::value Sampler::sample(const json::value& schema, const std::string& salt) const {
  return sample(schema, salt, 0);
}

json::value Sampler::sample(const json::value& schema_value,
                            const std::string& salt,
                            int depth) const {
  if (schema_value.is_bool() || depth > kMaxDepth) return nullptr;
  const json::value& resolved = check_.resolve(schema_value);
  const json::object* schema = resolved.if_object();
  if (schema == nullptr) return nullptr;
  // The spec's own example, where it conforms (3.0 `example`, 3.1 `examples`).
  const json::value* example = schema->if_contains("example");
  if (example == nullptr) {
    const json::value* examples = schema->if_contains("examples");
    if (examples && examples->is_array() && !examples->as_array().empty()) {
      example = &examples->as_array()[0];
    }
  }
  for (const json::value* candidate : {example, schema->if_contains("default")}) {
    if (candidate != nullptr && check_.check(*candidate, resolved).empty()) return *candidate;
  }
  if (const json::value* constant = schema->if_contains("const")) return *constant;
  if (const json::value* values = schema->if_contains("enum"); values && values->is_array()) {
    for (const json::value& value : values->as_array()) {
      if (!value.is_null()) return value;
    }
  }
  for (const char* keyword : {"oneOf", "anyOf"}) {
    const json::value* options = schema->if_contains(keyword);
    if (options == nullptr || !options->is_array()) continue;
    for (const json::value& option : options->as_array()) {
      json::value value = sample(option, salt, depth + 1);
      if (!value.is_null()) return value;
    }
  }
  std::vector<std::string> types = schema_types(*schema);
  types.erase(std::remove(types.begin(), types.end(), "null"), types.end());
  const std::string type = types.empty() ? "" : types.front();
  if (type == "string") return sample_string(*schema, salt);
  if (type == "integer" || type == "number") return sample_number(*schema, type == "integer", salt);
  if (type == "boolean") return (hash(salt) & 1) == 0;
  if (type == "array") {
    json::array items;
    const json::value* item_schema = schema->if_contains("items");
    const json::value* min_items = schema->if_contains("minItems");
    const std::size_t count = std::max<std::size_t>(
        min_items && min_items->is_number() ? static_cast<std::size_t>(number_of(*min_items)) : 0,
        depth < kFullDepth ? 2 : 0);
    for (std::size_t i = 0; item_schema != nullptr && i < count; ++i) {
      items.push_back(sample(*item_schema, salt + "/" + std::to_string(i), depth + 1));
    }
    return items;
  }
  if (type == "object" || schema->contains("properties") || schema->contains("allOf")) {
    return sample_object(*schema, salt, depth);
  }
  return type.empty() ? json::value(nullptr) : json::value(json::object{});
}

void Sampler::collect_shape(const json::object& schema, ObjectShape& shape, int depth) const {
  if (depth > kMaxAllOfDepth) return;  // an allOf that includes itself
  if (const json::value* parts = schema.if_contains("allOf"); parts && parts->is_array()) {
    for (const json::value& part : parts->as_array()) {
      const json::object* object = check_.resolve(part).if_object();
      if (object == nullptr) continue;
      collect_shape(*object, shape, depth + 1);
      if (object->contains("oneOf") || object->contains("anyOf"))
        shape.alternatives.push_back(&part);
    }
  }
  if (const json::value* list = schema.if_contains("required"); list && list->is_array()) {
    for (const json::value& name : list->as_array()) {
      if (name.is_string()) shape.required.emplace(name.as_string());
    }
  }
  if (const json::value* properties = schema.if_contains("properties");
      properties && properties->is_object()) {
    for (const auto& member : properties->as_object()) {
      shape.properties[std::string(member.key())] = &member.value();
    }
  }
}

// The parts of an allOf are merged before sampling: a part may require a property that another
// part defines (Dynamic's SdkUser requires BaseUser's optional verifiedCredentials).
json::value Sampler::sample_object(const json::object& schema,
                                   const std::string& salt,
                                   int depth) const {
  ObjectShape shape;
  collect_shape(schema, shape, 0);
  json::object out;
  for (const json::value* alternative : shape.alternatives) {
    json::value piece = sample(*alternative, salt, depth + 1);
    if (json::object* fields = piece.if_object()) {
      for (auto& member : *fields) out[member.key()] = std::move(member.value());
    }
  }
  // A required name without a property schema (a defect some documents have) still gets a value.
  for (const std::string& name : shape.required) {
    if (shape.properties.count(name) == 0 && !out.contains(name)) {
      out[name] = "value-" + std::to_string(hash(salt + "/" + name) % 100000);
    }
  }
  for (const auto& [name, property_schema] : shape.properties) {
    const bool needed = shape.required.count(name) != 0;
    if (!needed && depth >= kFullDepth) continue;
    json::value value = sample(*property_schema, salt + "/" + name, depth + 1);
    const json::object* property = check_.resolve(*property_schema).if_object();
    // A value the generator could not make (a cycle cut short) is left out when it may be.
    if (value.is_null() && !needed && !(property && admits_null(*property))) continue;
    out[name] = std::move(value);
  }
  return out;
}

json::value Sampler::sample_string(const json::object& schema, const std::string& salt) const {
  const std::uint64_t h = hash(salt);
  const json::value* format = schema.if_contains("format");
  const std::string kind = format && format->is_string() ? std::string(format->as_string()) : "";
  char text[64];
  if (kind == "date-time") {
    std::snprintf(text,
                  sizeof(text),
                  "2026-%02u-%02uT%02u:%02u:00.000Z",
                  static_cast<unsigned>(1 + h % 12),
                  static_cast<unsigned>(1 + (h >> 8) % 28),
                  static_cast<unsigned>((h >> 16) % 24),
                  static_cast<unsigned>((h >> 24) % 60));
    return json::string(text);
  }
  if (kind == "date") {
    std::snprintf(text,
                  sizeof(text),
                  "2026-%02u-%02u",
                  static_cast<unsigned>(1 + h % 12),
                  static_cast<unsigned>(1 + (h >> 8) % 28));
    return json::string(text);
  }
  if (kind == "uuid") {
    const std::uint64_t low = hash(salt + "#low");
    std::snprintf(text,
                  sizeof(text),
                  "%08x-%04x-4%03x-a%03x-%012llx",
                  static_cast<unsigned>(h >> 32),
                  static_cast<unsigned>((h >> 16) & 0xFFFF),
                  static_cast<unsigned>(h & 0xFFF),
                  static_cast<unsigned>(low >> 52),
                  static_cast<unsigned long long>(low & 0xFFFFFFFFFFFFull));
    return json::string(text);
  }
  if (kind == "email") {
    std::snprintf(text, sizeof(text), "user%u@example.com", static_cast<unsigned>(h % 10000));
    return json::string(text);
  }
  if (kind == "uri" || kind == "url") {
    std::snprintf(text, sizeof(text), "https://example.com/%u", static_cast<unsigned>(h % 10000));
    return json::string(text);
  }
  std::string value = "value-" + std::to_string(h % 100000);
  const json::value* min_length = schema.if_contains("minLength");
  const json::value* max_length = schema.if_contains("maxLength");
  if (min_length && min_length->is_number()) {
    value.resize(std::max(value.size(), static_cast<std::size_t>(number_of(*min_length))), 'x');
  }
  if (max_length && max_length->is_number()) {
    value.resize(std::min(value.size(), static_cast<std::size_t>(number_of(*max_length))));
  }
  if (!schema.contains("pattern")) return json::string(value);
  // A pattern: the first of some common shapes that passes the whole schema (no general
  // generator from regular expressions is at hand); the plain value otherwise.
  const std::string number = std::to_string(10000 + h % 90000);
  const std::string candidates[] = {value,
                                    number,
                                    "abc" + number,
                                    "abcdef",
                                    "ABCDEF",
                                    "abc_def-1",
                                    "0x" + std::string(40, 'a'),
                                    "https://example.com/a/style.css",
                                    "https://example.com",
                                    "user@example.com",
                                    "2026-01-01",
                                    "a",
                                    ""};
  const json::value schema_value = schema;
  for (const std::string& candidate : candidates) {
    if (check_.check(json::string(candidate), schema_value).empty()) return json::string(candidate);
  }
  return json::string(value);
}

json::value Sampler::sample_number(const json::object& schema,
                                   bool integer,
                                   const std::string& salt) const {
  double low = 0;
  double high = 100;
  if (const json::value* minimum = schema.if_contains("minimum"); minimum && minimum->is_number()) {
    low = number_of(*minimum);
    high = std::max(high, low + 100);
  }
  if (const json::value* maximum = schema.if_contains("maximum"); maximum && maximum->is_number()) {
    high = number_of(*maximum);
    low = std::min(low, high);
  }
  // Exclusive bounds (3.0 flags or 3.1 numbers) move the range inward by one.
  if (const json::value* bound = schema.if_contains("exclusiveMinimum")) {
    if (bound->is_number()) low = std::max(low, number_of(*bound) + 1);
    if (bound->is_bool() && bound->as_bool()) low += 1;
  }
  if (const json::value* bound = schema.if_contains("exclusiveMaximum")) {
    if (bound->is_number()) high = std::min(high, number_of(*bound) - 1);
    if (bound->is_bool() && bound->as_bool()) high -= 1;
  }
  if (high < low) high = low;
  const double span = std::floor(high) - std::ceil(low);
  const double pick =
      std::ceil(low) +
      (span > 0 ? static_cast<double>(hash(salt) % static_cast<std::uint64_t>(span + 1)) : 0);
  if (integer) return static_cast<std::int64_t>(pick);
  return pick + (pick + 0.5 <= high ? 0.5 : 0.0);
}

}  // namespace dynamic::mock
