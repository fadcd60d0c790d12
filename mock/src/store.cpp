#include "store.hpp"

#include <algorithm>
#include <cstdio>
#include <stdexcept>

namespace dynamic::mock {
namespace json = boost::json;
namespace {

constexpr int kSeeded = 3;

bool is_placeholder(const std::string& segment) {
  return segment.size() > 2 && segment.front() == '{' && segment.back() == '}';
}

std::string parent_of(const std::string& path) { return path.substr(0, path.rfind('/')); }

/// Where the entity sits in a creation answer: the answer itself when it has the id field, else
/// its first member object that has it ({"webhook": {...}}).
std::optional<std::string> entity_pointer(const json::value& response, const std::string& id_key) {
  const json::object* object = response.if_object();
  if (object == nullptr) return std::nullopt;
  if (object->contains(id_key) || object->contains("id")) return std::string();
  for (const auto& member : *object) {
    const json::object* inner = member.value().if_object();
    if (inner && (inner->contains(id_key) || inner->contains("id"))) {
      return dyngen::pointer_append("", member.key());
    }
  }
  return std::nullopt;
}

json::value* value_at(json::value& value, const std::string& pointer) {
  if (pointer.empty()) return &value;
  boost::system::error_code ignored;
  return value.find_pointer(pointer, ignored);
}

json::object* entity_in(json::value& response, const std::string& pointer) {
  json::value* found = value_at(response, pointer);
  return found ? found->if_object() : nullptr;
}

/// Copies the request's top-level fields onto the entity where it has them with the same kind.
void merge_body(json::object& entity, const json::value& body) {
  const json::object* fields = body.if_object();
  if (fields == nullptr) return;
  for (const auto& member : *fields) {
    json::value* known = entity.if_contains(member.key());
    if (known && (known->kind() == member.value().kind() ||
                  (known->is_number() && member.value().is_number()))) {
      *known = member.value();
    }
  }
}

std::int64_t query_number(const std::multimap<std::string, std::string>& query,
                          const char* name,
                          std::int64_t fallback) {
  auto found = query.find(name);
  if (found == query.end()) return fallback;
  try {
    return std::max<std::int64_t>(0, std::stoll(found->second));
  } catch (const std::exception&) {
    return fallback;
  }
}

}  // namespace

Store::Store(const Routes& routes, const SchemaCheck& check, const Sampler& sampler)
    : check_(check), sampler_(sampler) {
  for (const Route& post : routes.all()) {
    if (post.method != "POST") continue;
    for (const Route& item : routes.all()) {
      const std::string& path = item.path_template;
      if (item.segments.size() != post.segments.size() + 1 ||
          parent_of(path) != post.path_template || !is_placeholder(item.segments.back())) {
        continue;
      }
      collections_[post.path_template] =
          item.segments.back().substr(1, item.segments.back().size() - 2);
      creators_[post.path_template] = &post;
    }
  }
}

const json::value* Store::success_schema(const Route& route, int& status) const {
  const json::value* responses = route.operation->if_contains("responses");
  if (responses == nullptr || !responses->is_object()) return nullptr;
  const Success success = first_success(*route.operation);
  status = success.status;
  return check_.content_schema(responses->as_object().if_contains(success.key));
}

Store::Entity Store::create(const Route& post, const std::string& key, const json::value& body) {
  int status = 201;
  const json::value* schema = success_schema(post, status);
  Entity entity;
  char id[40];
  const std::uint64_t n = ++created_;
  std::snprintf(id,
                sizeof(id),
                "%08llx-0000-4000-8000-%012llx",
                static_cast<unsigned long long>(n * 2654435761ull & 0xFFFFFFFFull),
                static_cast<unsigned long long>(n));
  entity.id = id;
  entity.response =
      schema ? sampler_.sample(*schema, key + "#" + std::to_string(n)) : json::object{};
  const std::string id_key = collections_.at(post.path_template);
  entity.pointer = entity_pointer(entity.response, id_key).value_or("");
  if (json::object* object = entity_in(entity.response, entity.pointer)) {
    merge_body(*object, body);
    (*object)[object->contains(id_key) ? id_key : "id"] = entity.id;
  }
  return entity;
}

Store::Collection& Store::collection(const std::string& key, const std::string& template_path) {
  auto found = data_.find(key);
  if (found != data_.end()) return found->second;
  Collection& created = data_[key];
  for (int i = 0; i < kSeeded; ++i) {
    created.entities.push_back(create(*creators_.at(template_path), key, json::object{}));
  }
  return created;
}

StoredAnswer Store::render(const Route& route, const Entity& entity) const {
  StoredAnswer answer;
  const json::value* schema = success_schema(route, answer.status);
  if (schema == nullptr) return answer;
  json::value whole = entity.response;
  const json::value* inner = value_at(whole, entity.pointer);
  // The stored answer as created, or the entity alone, whichever the operation's schema takes.
  for (const json::value* candidate : {static_cast<const json::value*>(&whole), inner}) {
    if (candidate && check_.check(*candidate, *schema).empty()) {
      answer.body = *candidate;
      return answer;
    }
  }
  answer.body = sampler_.sample(*schema, route.pointer + "/" + entity.id);
  return answer;
}

StoredAnswer Store::list(const Route& route,
                         const Collection& items,
                         const std::multimap<std::string, std::string>& query) const {
  StoredAnswer answer;
  const json::value* schema = success_schema(route, answer.status);
  if (schema == nullptr) return answer;
  json::value body = sampler_.sample(*schema, route.pointer);
  const std::int64_t offset = query_number(query, "offset", 0);
  const std::int64_t limit =
      query_number(query, "limit", static_cast<std::int64_t>(items.entities.size()));
  json::array page;
  for (std::int64_t i = offset;
       i < static_cast<std::int64_t>(items.entities.size()) && i < offset + limit;
       ++i) {
    const Entity& entity = items.entities[static_cast<std::size_t>(i)];
    json::value copy = entity.response;
    const json::value* inner = value_at(copy, entity.pointer);
    page.push_back(inner ? *inner : copy);
  }
  if (body.is_array()) {
    body = page;
  } else if (json::object* object = body.if_object()) {
    for (auto& member : *object) {
      if (member.value().is_array()) {
        member.value() = page;
        break;
      }
    }
    for (const char* total : {"count", "total", "totalCount"}) {
      if (json::value* field = object->if_contains(total); field && field->is_number()) {
        *field = static_cast<std::int64_t>(items.entities.size());
      }
    }
  }
  answer.body = std::move(body);
  return answer;
}

void Store::load(const json::value& data, const Routes& routes) {
  const json::object* collections = data.if_object();
  if (collections == nullptr) throw std::invalid_argument("the data set must be a JSON object");
  for (const auto& entry : *collections) {
    const std::string path(entry.key());
    std::vector<std::string> allowed;
    std::optional<Match> match = routes.find("POST", routes.base_path() + path, allowed);
    if (!match || collections_.count(match->route->path_template) == 0) {
      throw std::invalid_argument("data set: " + path + " is not a collection of the spec");
    }
    const json::array* items = entry.value().if_array();
    if (items == nullptr) throw std::invalid_argument("data set: " + path + " must be an array");
    const std::string id_key = collections_.at(match->route->path_template);
    Collection& collection = data_[path];
    collection.entities.clear();
    for (const json::value& item : *items) {
      const json::object* object = item.if_object();
      if (object == nullptr)
        throw std::invalid_argument("data set: " + path + " holds a non-object");
      // Made like a created entry (so that fields the data leaves out are still there, and the
      // entry sits where the creation answer puts it), then given the data's own id.
      Entity entity = create(*match->route, path, item);
      const json::value* id = object->if_contains(id_key);
      if (id == nullptr) id = object->if_contains("id");
      if (id && id->is_string()) {
        entity.id = std::string(id->as_string());
        if (json::object* stored = entity_in(entity.response, entity.pointer)) {
          (*stored)[stored->contains(id_key) ? id_key : "id"] = entity.id;
        }
      }
      collection.entities.push_back(std::move(entity));
    }
  }
}

std::optional<StoredAnswer> Store::handle(const Match& match,
                                          const std::string& path,
                                          const std::multimap<std::string, std::string>& query,
                                          const json::value& body) {
  const Route& route = *match.route;
  const std::string& template_path = route.path_template;
  if (collections_.count(template_path) != 0) {
    Collection& items = collection(path, template_path);
    if (route.method == "POST") {
      items.entities.push_back(create(route, path, body));
      return render(route, items.entities.back());
    }
    if (route.method == "GET") return list(route, items, query);
    return std::nullopt;
  }
  const std::string parent = parent_of(template_path);
  auto owner = collections_.find(parent);
  if (owner == collections_.end() || route.segments.empty() ||
      route.segments.back() != "{" + owner->second + "}") {
    return std::nullopt;
  }
  Collection& items = collection(parent_of(path), parent);
  const std::string id = match.path_values.at(owner->second);
  auto entity = std::find_if(
      items.entities.begin(), items.entities.end(), [&](const Entity& e) { return e.id == id; });
  if (entity == items.entities.end()) {
    StoredAnswer missing;
    missing.status = 404;
    missing.not_found = "no " + owner->second + " " + id + " in " + parent_of(path);
    return missing;
  }
  if (route.method == "DELETE") {
    StoredAnswer answer = render(route, *entity);
    items.entities.erase(entity);
    return answer;
  }
  if (route.method == "PUT" || route.method == "PATCH") {
    if (json::object* object = entity_in(entity->response, entity->pointer))
      merge_body(*object, body);
  }
  return render(route, *entity);
}

}  // namespace dynamic::mock
