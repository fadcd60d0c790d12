#include "spec/importer.hpp"

#include <algorithm>
#include <array>
#include <boost/json.hpp>
#include <functional>
#include <optional>
#include <set>
#include <string_view>
#include <utility>

namespace dyngen {
namespace {

namespace json = boost::json;

// How the walk reads a value. An object's keys are keywords; a map's keys are names (a property
// called "description" is a name, not prose).
enum class Shape {
  kObject,     // an OpenAPI or JSON Schema object
  kLink,       // a Link object, whose `parameters` and `requestBody` are data
  kMap,        // name -> kObject: properties, schemas, content, headers, examples...
  kPatterned,  // name -> kObject, but `x-` keys are extensions: paths, responses
  kLinks,      // name -> kLink
  kCallbacks,  // name -> kPatterned (a callback maps expressions to path items)
  kList,       // objects in it are kObject, scalars are kept
  kData,       // copied untouched
  kProse,      // dropped
};

struct Reference {
  std::string target;   // as written: "#/components/schemas/User"
  std::string pointer;  // where it is written in the upstream document
};

constexpr std::array<std::string_view, 10> kDataKeywords = {"example",
                                                            "default",
                                                            "enum",
                                                            "const",
                                                            "value",
                                                            "security",
                                                            "required",
                                                            "mapping",
                                                            "scopes",
                                                            "dependentRequired"};
constexpr std::array<std::string_view, 15> kMapKeywords = {"properties",
                                                           "patternProperties",
                                                           "$defs",
                                                           "definitions",
                                                           "dependentSchemas",
                                                           "schemas",
                                                           "parameters",
                                                           "requestBodies",
                                                           "headers",
                                                           "securitySchemes",
                                                           "content",
                                                           "encoding",
                                                           "variables",
                                                           "pathItems",
                                                           "examples"};
constexpr std::array<std::string_view, 9> kMethods = {
    "get", "put", "post", "delete", "options", "head", "patch", "trace", "query"};
constexpr std::array<std::string_view, 2> kSdkTags = {"SDK", "SDK Views"};

template <std::size_t N>
bool one_of(std::string_view key, const std::array<std::string_view, N>& keys) {
  return std::find(keys.begin(), keys.end(), key) != keys.end();
}

bool is_extension(std::string_view key) { return key.substr(0, 2) == "x-"; }

std::string_view view(json::string_view text) { return {text.data(), text.size()}; }

Shape member_shape(std::string_view key, const json::value& value, Shape parent) {
  if (key == "description" || key == "summary") return Shape::kProse;
  if (is_extension(key) || one_of(key, kDataKeywords)) return Shape::kData;
  if (parent == Shape::kLink && (key == "parameters" || key == "requestBody")) return Shape::kData;
  // JSON Schema's `examples` is an array of data; OpenAPI's is a map of Example objects.
  if (value.is_array()) return key == "examples" ? Shape::kData : Shape::kList;
  if (!value.is_object()) return Shape::kData;
  if (key == "paths" || key == "webhooks" || key == "responses") return Shape::kPatterned;
  if (key == "links") return Shape::kLinks;
  if (key == "callbacks") return Shape::kCallbacks;
  return one_of(key, kMapKeywords) ? Shape::kMap : Shape::kObject;
}

bool is_map(Shape shape) {
  return shape == Shape::kMap || shape == Shape::kPatterned || shape == Shape::kLinks ||
         shape == Shape::kCallbacks;
}

// The shape of the values of a map.
Shape entry_shape(Shape map) {
  if (map == Shape::kLinks) return Shape::kLink;
  if (map == Shape::kCallbacks) return Shape::kPatterned;
  return Shape::kObject;
}

std::string unescape_token(std::string_view token) {
  std::string out;
  for (std::size_t i = 0; i < token.size(); ++i) {
    bool escape = token[i] == '~' && i + 1 < token.size();
    if (escape && (token[i + 1] == '0' || token[i + 1] == '1')) {
      out += token[i + 1] == '0' ? '~' : '/';
      ++i;
    } else {
      out += token[i];
    }
  }
  return out;
}

// "#/components/schemas/A/properties/b" -> {"schemas", "A"}; nothing for other targets.
std::optional<std::pair<std::string, std::string>> component_of(std::string_view target) {
  constexpr std::string_view kPrefix = "#/components/";
  if (target.substr(0, kPrefix.size()) != kPrefix) return std::nullopt;
  target.remove_prefix(kPrefix.size());
  std::size_t slash = target.find('/');
  if (slash == std::string_view::npos) return std::nullopt;
  std::string_view name = target.substr(slash + 1);
  name = name.substr(0, name.find('/'));
  return std::make_pair(unescape_token(target.substr(0, slash)), unescape_token(name));
}

// Copies values read as OpenAPI, dropping prose and noting every reference on the way.
class Walker {
 public:
  json::value copy(const json::value& value, Shape shape, const std::string& pointer);
  const std::vector<Reference>& references() const { return references_; }

 private:
  json::object copy_object(const json::object& object, Shape shape, const std::string& pointer);
  json::object copy_map(const json::object& map, Shape shape, const std::string& pointer);
  json::array copy_list(const json::array& list, const std::string& pointer);
  void note_ref(const json::value& ref, const std::string& pointer);
  void note_mapping(const json::value& mapping, const std::string& pointer);

  std::vector<Reference> references_;
};

json::value Walker::copy(const json::value& value, Shape shape, const std::string& pointer) {
  if (shape == Shape::kData || shape == Shape::kProse) return value;
  if (const json::array* list = value.if_array()) return copy_list(*list, pointer);
  const json::object* object = value.if_object();
  if (object == nullptr) return value;
  if (is_map(shape)) return copy_map(*object, shape, pointer);
  return copy_object(*object, shape, pointer);
}

json::object Walker::copy_object(const json::object& object,
                                 Shape shape,
                                 const std::string& pointer) {
  json::object out;
  for (const json::key_value_pair& member : object) {
    std::string at = pointer_append(pointer, view(member.key()));
    Shape member_kind = member_shape(view(member.key()), member.value(), shape);
    if (member_kind == Shape::kProse) continue;
    if (member.key() == "$ref") note_ref(member.value(), at);
    if (member.key() == "mapping") note_mapping(member.value(), at);
    out.emplace(member.key(), copy(member.value(), member_kind, at));
  }
  return out;
}

json::object Walker::copy_map(const json::object& map, Shape shape, const std::string& pointer) {
  json::object out;
  for (const json::key_value_pair& member : map) {
    if (shape == Shape::kPatterned && is_extension(view(member.key()))) {
      out.emplace(member.key(), member.value());
    } else {
      std::string at = pointer_append(pointer, view(member.key()));
      out.emplace(member.key(), copy(member.value(), entry_shape(shape), at));
    }
  }
  return out;
}

json::array Walker::copy_list(const json::array& list, const std::string& pointer) {
  json::array out;
  for (std::size_t i = 0; i < list.size(); ++i) {
    out.push_back(copy(list[i], Shape::kObject, pointer_append(pointer, std::to_string(i))));
  }
  return out;
}

void Walker::note_ref(const json::value& ref, const std::string& pointer) {
  const json::string* target = ref.if_string();
  if (target == nullptr) throw SpecError(pointer, "$ref must be a string");
  references_.push_back({std::string(view(*target)), pointer});
}

// A discriminator's mapping values name schemas ("Dog") or reference them ("#/...").
void Walker::note_mapping(const json::value& mapping, const std::string& pointer) {
  const json::object* map = mapping.if_object();
  if (map == nullptr) return;
  for (const json::key_value_pair& member : *map) {
    const json::string* value = member.value().if_string();
    if (value == nullptr) continue;
    std::string target(view(*value));
    if (target.find_first_of("#/") == std::string::npos) {
      target = pointer_append("#/components/schemas", target);
    }
    references_.push_back({target, pointer_append(pointer, view(member.key()))});
  }
}

// One run of import over one upstream document.
class Importer {
 public:
  explicit Importer(const Document& upstream);
  ImportResult run();

 private:
  json::value import_info() const;
  json::value import_tags() const;
  json::object import_path_items(std::string_view key);
  std::optional<json::value> admin_path_item(const json::value& item, const std::string& pointer);
  bool is_sdk_operation(const json::value& operation, const std::string& pointer) const;
  void note_tags(const json::object& operation);
  void copy_other_members(json::object& out);
  void follow(const Reference& reference);
  json::object import_components();
  void check_references(const json::value& output) const;

  const Document& upstream_;
  const json::object& root_;
  const json::object* components_ = nullptr;
  Walker walker_;
  json::value security_schemes_;
  std::map<std::string, json::object> reached_;  // kind -> name -> component, prose dropped
  std::vector<std::string> used_tags_;           // by kept operations, in order of first use
  ImportCounts counts_;
};

const json::object& root_object(const Document& upstream) {
  const json::object* root = upstream.root().if_object();
  if (root == nullptr) {
    throw SpecError("", upstream.name() + ": not an OpenAPI document (the root is not an object)");
  }
  return *root;
}

// The `components` object, checked to be an object of maps (extensions aside); null if absent.
const json::object* components_of(const json::object& root) {
  const json::value* value = root.if_contains("components");
  if (value == nullptr) return nullptr;
  const json::object* components = value->if_object();
  if (components == nullptr) throw SpecError("/components", "components must be an object");
  for (const json::key_value_pair& member : *components) {
    if (is_extension(view(member.key())) || member.value().is_object()) continue;
    throw SpecError(pointer_append("/components", view(member.key())),
                    "must be an object mapping names to components");
  }
  return components;
}

Importer::Importer(const Document& upstream)
    : upstream_(upstream), root_(root_object(upstream)), components_(components_of(root_)) {}

ImportResult Importer::run() {
  json::object out;
  if (const json::value* version = root_.if_contains("openapi")) out["openapi"] = *version;
  json::value info = import_info();
  if (!info.is_null()) out["info"] = std::move(info);
  out["paths"] = import_path_items("paths");
  for (const json::key_value_pair& member : out["paths"].as_object()) {
    if (!is_extension(view(member.key()))) ++counts_.paths;
  }
  if (root_.contains("webhooks")) out["webhooks"] = import_path_items("webhooks");
  json::value tags = import_tags();
  if (!tags.as_array().empty()) out["tags"] = std::move(tags);
  copy_other_members(out);
  if (components_ != nullptr && components_->contains("securitySchemes")) {
    security_schemes_ = walker_.copy(
        components_->at("securitySchemes"), Shape::kMap, "/components/securitySchemes");
  }
  // follow() may add references (those of the components it reaches) while this loop runs.
  for (std::size_t i = 0; i < walker_.references().size(); ++i) {
    follow(Reference(walker_.references()[i]));
  }
  json::object components = import_components();
  if (!components.empty()) out["components"] = std::move(components);
  json::value document(std::move(out));
  check_references(document);
  return {std::move(document), counts_};
}

json::value Importer::import_info() const {
  const json::value* info = root_.if_contains("info");
  if (info == nullptr) return nullptr;
  const json::object* object = info->if_object();
  if (object == nullptr) throw SpecError("/info", "info must be an object");
  json::object out;
  for (std::string_view key : {"title", "version"}) {
    if (const json::value* value = object->if_contains(key)) out[key] = *value;
  }
  return out;
}

// Names of the declared tags that kept operations use, in their order, then of undeclared ones
// they use, in order of first use.
json::value Importer::import_tags() const {
  std::vector<std::string> names;
  if (const json::value* tags = root_.if_contains("tags")) {
    const json::array* list = tags->if_array();
    if (list == nullptr) throw SpecError("/tags", "tags must be an array of tag objects");
    for (std::size_t i = 0; i < list->size(); ++i) {
      const json::object* tag = (*list)[i].if_object();
      const json::value* name = tag == nullptr ? nullptr : tag->if_contains("name");
      if (name == nullptr || !name->is_string()) {
        throw SpecError("/tags/" + std::to_string(i), "a tag must be an object with a string name");
      }
      names.emplace_back(view(name->get_string()));
    }
  }
  auto is_used = [this](const std::string& name) {
    return std::find(used_tags_.begin(), used_tags_.end(), name) != used_tags_.end();
  };
  names.erase(std::remove_if(names.begin(), names.end(), std::not_fn(is_used)), names.end());
  names.insert(names.end(), used_tags_.begin(), used_tags_.end());
  json::array out;
  std::set<std::string> written;
  for (const std::string& name : names) {
    if (written.insert(name).second) out.push_back(json::object{{"name", name}});
  }
  return out;
}

json::object Importer::import_path_items(std::string_view key) {
  const std::string pointer = pointer_append("", key);
  const json::value* items = root_.if_contains(key);
  if (items == nullptr) return {};
  const json::object* map = items->if_object();
  if (map == nullptr) throw SpecError(pointer, std::string(key) + " must be an object");
  json::object out;
  for (const json::key_value_pair& member : *map) {
    if (is_extension(view(member.key()))) {
      out.emplace(member.key(), member.value());
      continue;
    }
    auto item = admin_path_item(member.value(), pointer_append(pointer, view(member.key())));
    if (item) out.emplace(member.key(), std::move(*item));
  }
  return out;
}

// The path item without SDK operations, prose dropped; nothing when no operation is left. A path
// item that is only a $ref is kept: its operations are elsewhere.
std::optional<json::value> Importer::admin_path_item(const json::value& item,
                                                     const std::string& pointer) {
  const json::object* object = item.if_object();
  if (object == nullptr) throw SpecError(pointer, "a path item must be an object");
  json::object kept;
  std::size_t operations = 0;
  for (const json::key_value_pair& member : *object) {
    if (one_of(view(member.key()), kMethods)) {
      if (is_sdk_operation(member.value(), pointer_append(pointer, view(member.key())))) {
        ++counts_.dropped_operations;
        continue;
      }
      note_tags(member.value().as_object());
      ++operations;
    }
    kept.emplace(member.key(), member.value());
  }
  if (operations == 0 && !object->contains("$ref")) return std::nullopt;
  counts_.operations += operations;
  return walker_.copy(kept, Shape::kObject, pointer);
}

// Whether the operation is tagged for the end-user SDK; checks its tags along the way.
bool Importer::is_sdk_operation(const json::value& operation, const std::string& pointer) const {
  const json::object* object = operation.if_object();
  if (object == nullptr) throw SpecError(pointer, "an operation must be an object");
  const json::value* tags = object->if_contains("tags");
  if (tags == nullptr) return false;
  const std::string tags_pointer = pointer_append(pointer, "tags");
  const json::array* list = tags->if_array();
  if (list == nullptr) throw SpecError(tags_pointer, "tags must be an array of strings");
  bool sdk = false;
  for (std::size_t i = 0; i < list->size(); ++i) {
    const json::string* tag = (*list)[i].if_string();
    if (tag == nullptr) throw SpecError(tags_pointer + "/" + std::to_string(i), "not a string");
    sdk = sdk || one_of(view(*tag), kSdkTags);
  }
  return sdk;
}

void Importer::note_tags(const json::object& operation) {
  const json::value* tags = operation.if_contains("tags");
  if (tags == nullptr) return;
  for (const json::value& tag : tags->as_array()) {  // checked by is_sdk_operation
    std::string name(view(tag.as_string()));
    if (std::find(used_tags_.begin(), used_tags_.end(), name) == used_tags_.end()) {
      used_tags_.push_back(std::move(name));
    }
  }
}

// Root members import does not treat specially: servers, security, externalDocs, extensions.
void Importer::copy_other_members(json::object& out) {
  for (const json::key_value_pair& member : root_) {
    std::string_view key = view(member.key());
    if (key == "openapi" || key == "info" || key == "tags" || key == "paths" || key == "webhooks" ||
        key == "components") {
      continue;
    }
    Shape shape = member_shape(key, member.value(), Shape::kObject);
    if (shape == Shape::kProse) continue;
    out.emplace(member.key(), walker_.copy(member.value(), shape, pointer_append("", key)));
  }
}

// Checks that a reference resolves upstream and keeps the component it reaches.
void Importer::follow(const Reference& reference) {
  if (reference.target.substr(0, 1) != "#") {
    throw SpecError(reference.pointer,
                    "$ref '" + reference.target +
                        "' points outside this document; import needs a self-contained one");
  }
  upstream_.at_pointer(reference.target, reference.pointer);  // throws when it points at nothing
  auto component = component_of(reference.target);
  if (!component || components_ == nullptr) return;
  const auto& [kind, name] = *component;
  // Security schemes are all kept; extensions are copied as they are.
  if (kind == "securitySchemes" || is_extension(kind) || reached_[kind].contains(name)) return;
  const json::value* entries = components_->if_contains(kind);
  const json::value* entry = entries == nullptr ? nullptr : entries->as_object().if_contains(name);
  if (entry == nullptr) return;
  Shape shape = entry_shape(member_shape(kind, *entries, Shape::kObject));
  std::string pointer = pointer_append(pointer_append("/components", kind), name);
  reached_[kind].emplace(name, walker_.copy(*entry, shape, pointer));
}

json::object Importer::import_components() {
  json::object out;
  if (components_ == nullptr) return out;
  for (const json::key_value_pair& member : *components_) {
    std::string kind(view(member.key()));
    if (is_extension(kind)) {
      out.emplace(kind, member.value());
      continue;
    }
    const json::object& kept =
        kind == "securitySchemes" ? security_schemes_.as_object() : reached_[kind];
    counts_.dropped_components += member.value().as_object().size() - kept.size();
    if (kept.empty()) continue;
    counts_.components[kind] = kept.size();
    out.emplace(kind, kept);
  }
  return out;
}

// Every reference must resolve in the output too: one into a dropped path, or into prose, would
// be left dangling.
void Importer::check_references(const json::value& output) const {
  for (const Reference& reference : walker_.references()) {
    json::error_code ec;
    if (output.find_pointer(std::string_view(reference.target).substr(1), ec) != nullptr) continue;
    throw SpecError(reference.pointer,
                    "$ref '" + reference.target +
                        "' points into a part of the document that import "
                        "drops");
  }
}

void merge_object(json::object& target,
                  const json::object& patch,
                  const std::string& pointer,
                  std::vector<Diagnostic>& warnings) {
  for (const json::key_value_pair& member : patch) {
    std::string at = pointer_append(pointer, view(member.key()));
    const json::object* patch_object = member.value().if_object();
    if (member.value().is_null()) {
      target.erase(member.key());
    } else if (patch_object == nullptr) {
      target[member.key()] = member.value();
    } else if (json::value* existing = target.if_contains(member.key())) {
      if (json::object* object = existing->if_object()) {
        merge_object(*object, *patch_object, at, warnings);
      } else {
        warnings.push_back({at, "not an object in the imported document; skipped"});
      }
    } else if (view(member.key()).rfind("x-", 0) == 0) {
      // An extension (x-dyngen, ...) is the overlay's own: added, not matched.
      target[member.key()] = member.value();
    } else {
      warnings.push_back({at, "not in the imported document; skipped"});
    }
  }
}

}  // namespace

ImportResult import_admin_api(const Document& upstream) { return Importer(upstream).run(); }

std::vector<Diagnostic> apply_overlay(boost::json::value& document, const Document& overlay) {
  const json::object* patch = overlay.root().if_object();
  if (patch == nullptr) {
    throw SpecError("", overlay.name() + ": an overlay must be a JSON object (a merge patch)");
  }
  std::vector<Diagnostic> warnings;
  if (json::object* target = document.if_object()) merge_object(*target, *patch, "", warnings);
  return warnings;
}

}  // namespace dyngen
