#include "routes.hpp"

#include <algorithm>
#include <boost/url/decode_view.hpp>
#include <boost/url/parse.hpp>
#include <cctype>

namespace dynamic::mock {
namespace json = boost::json;
namespace {

const char* const kMethods[] = {
    "get", "put", "post", "delete", "options", "head", "patch", "trace"};

std::string upper(std::string text) {
  for (char& c : text) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return text;
}

const json::object* resolved_object(const dyngen::Document& document, const json::value& value) {
  const json::value* current = &value;
  for (int hops = 0; hops < 16; ++hops) {
    const json::object* object = current->if_object();
    const json::value* ref = object ? object->if_contains("$ref") : nullptr;
    if (ref == nullptr || !ref->is_string()) return object;
    current = &document.at_pointer(ref->as_string(), "");
  }
  return current->if_object();
}

/// Adds `list`'s parameters, replacing earlier ones with the same name and location.
void add_parameters(const dyngen::Document& document,
                    const json::value* list,
                    std::vector<const json::object*>& out) {
  if (list == nullptr || !list->is_array()) return;
  for (const json::value& entry : list->as_array()) {
    const json::object* param = resolved_object(document, entry);
    if (param == nullptr) continue;
    auto same = std::find_if(out.begin(), out.end(), [&](const json::object* known) {
      return known->if_contains("name") && param->if_contains("name") &&
             known->at("name") == param->at("name") && known->if_contains("in") &&
             param->if_contains("in") && known->at("in") == param->at("in");
    });
    if (same != out.end()) {
      *same = param;
    } else {
      out.push_back(param);
    }
  }
}

bool is_placeholder(const std::string& segment) {
  return segment.size() > 2 && segment.front() == '{' && segment.back() == '}';
}

}  // namespace

Success first_success(const json::object& operation) {
  Success best{"", 0};
  const json::value* responses = operation.if_contains("responses");
  if (responses != nullptr && responses->is_object()) {
    for (const auto& entry : responses->as_object()) {
      const std::string key(entry.key());
      if (key.size() != 3 || key[0] != '2') continue;
      const bool range = (key[1] == 'X' || key[1] == 'x') && (key[2] == 'X' || key[2] == 'x');
      const bool digits = std::isdigit(static_cast<unsigned char>(key[1])) &&
                          std::isdigit(static_cast<unsigned char>(key[2]));
      if (!range && !digits) continue;
      const int status = range ? 200 : std::stoi(key);
      if (best.key.empty() || status < best.status) best = {key, status};
    }
  }
  return best.key.empty() ? Success{"200", 200} : best;
}

std::vector<std::string> path_segments(const std::string& path) {
  std::vector<std::string> out;
  std::size_t start = path.empty() || path[0] != '/' ? 0 : 1;
  while (start <= path.size()) {
    std::size_t end = path.find('/', start);
    if (end == std::string::npos) end = path.size();
    const std::string raw = path.substr(start, end - start);
    if (!raw.empty() || end < path.size()) {
      auto decoded = boost::urls::make_pct_string_view(raw);
      out.push_back(decoded ? std::string(decoded->decode()) : raw);
    }
    start = end + 1;
  }
  return out;
}

Routes::Routes(const dyngen::Document& document) {
  const json::object& root = document.root().as_object();
  if (const json::value* servers = root.if_contains("servers"); servers && servers->is_array()) {
    const json::array& list = servers->as_array();
    const json::object* first = list.empty() ? nullptr : list[0].if_object();
    const json::value* url = first ? first->if_contains("url") : nullptr;
    if (url && url->is_string()) {
      auto parsed = boost::urls::parse_uri_reference(url->as_string());
      if (parsed) base_path_ = std::string(parsed->path());
      while (!base_path_.empty() && base_path_.back() == '/') base_path_.pop_back();
    }
  }
  const json::value* paths = root.if_contains("paths");
  if (paths == nullptr || !paths->is_object()) return;
  for (const auto& entry : paths->as_object()) {
    const json::object* item = resolved_object(document, entry.value());
    if (item == nullptr) continue;
    const std::string path(entry.key());
    for (const char* method : kMethods) {
      const json::value* op = item->if_contains(method);
      if (op == nullptr || !op->is_object()) continue;
      Route route;
      route.method = upper(method);
      route.path_template = path;
      route.pointer = dyngen::pointer_append(dyngen::pointer_append("/paths", path), method);
      route.operation = &op->as_object();
      add_parameters(document, item->if_contains("parameters"), route.parameters);
      add_parameters(document, op->as_object().if_contains("parameters"), route.parameters);
      route.segments = path_segments(path);
      routes_.push_back(std::move(route));
    }
  }
}

std::optional<Match> Routes::find(const std::string& method,
                                  const std::string& path,
                                  std::vector<std::string>& allowed) const {
  std::string relative = path;
  if (!base_path_.empty() && relative.rfind(base_path_, 0) == 0) {
    relative = relative.substr(base_path_.size());
  }
  const std::vector<std::string> segments = path_segments(relative);
  std::optional<Match> best;
  int best_literals = -1;
  allowed.clear();
  for (const Route& route : routes_) {
    if (route.segments.size() != segments.size()) continue;
    Match match{&route, {}};
    int literals = 0;
    bool fits = true;
    for (std::size_t i = 0; fits && i < segments.size(); ++i) {
      const std::string& part = route.segments[i];
      if (is_placeholder(part)) {
        fits = !segments[i].empty();
        match.path_values[part.substr(1, part.size() - 2)] = segments[i];
      } else {
        fits = part == segments[i];
        ++literals;
      }
    }
    if (!fits) continue;
    if (std::find(allowed.begin(), allowed.end(), route.method) == allowed.end()) {
      allowed.push_back(route.method);
    }
    if (route.method == method && literals > best_literals) {
      best = std::move(match);
      best_literals = literals;
    }
  }
  return best;
}

}  // namespace dynamic::mock
