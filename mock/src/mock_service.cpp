#include "mock_service.hpp"

#include <algorithm>
#include <boost/url/parse.hpp>
#include <charconv>
#include <thread>

#include "dynamic/detail/pipeline.hpp"

namespace dynamic::mock {
namespace json = boost::json;
namespace {

std::string string_at(const json::object& object, const char* key) {
  const json::value* value = object.if_contains(key);
  return value && value->is_string() ? std::string(value->as_string()) : std::string();
}

/// A parameter's text as the JSON value its schema describes ("5" -> 5 for an integer); text
/// that does not convert stays a string, so the schema check reports it.
json::value typed(const std::string& text, const json::object& schema) {
  const std::vector<std::string> types = schema_types(schema);
  const std::string type = types.empty() ? "" : types.front();
  if (type == "integer") {
    std::int64_t number = 0;
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), number);
    if (error == std::errc() && end == text.data() + text.size()) return number;
  } else if (type == "number") {
    try {
      std::size_t used = 0;
      double number = std::stod(text, &used);
      if (used == text.size()) return number;
    } catch (const std::exception&) {
    }
  } else if (type == "boolean") {
    if (text == "true") return true;
    if (text == "false") return false;
  }
  return json::string(text);
}

/// The length of the well-formed UTF-8 sequence at `at` (the rules Boost.JSON's parser applies:
/// no overlong forms, surrogates or code points past U+10FFFF), or 0.
std::size_t utf8_sequence(std::string_view text, std::size_t at) {
  const auto byte = [&](std::size_t i) -> unsigned {
    return at + i < text.size() ? static_cast<unsigned char>(text[at + i]) : 0x100;
  };
  const auto continuation = [&](std::size_t i, unsigned low = 0x80, unsigned high = 0xBF) {
    return byte(i) >= low && byte(i) <= high;
  };
  const unsigned lead = byte(0);
  if (lead < 0x80) return 1;
  if (lead >= 0xC2 && lead <= 0xDF) return continuation(1) ? 2 : 0;
  if (lead >= 0xE0 && lead <= 0xEF) {
    const bool second = lead == 0xE0   ? continuation(1, 0xA0)
                        : lead == 0xED ? continuation(1, 0x80, 0x9F)
                                       : continuation(1);
    return second && continuation(2) ? 3 : 0;
  }
  if (lead >= 0xF0 && lead <= 0xF4) {
    const bool second = lead == 0xF0   ? continuation(1, 0x90)
                        : lead == 0xF4 ? continuation(1, 0x80, 0x8F)
                                       : continuation(1);
    return second && continuation(2) && continuation(3) ? 4 : 0;
  }
  return 0;
}

/// A body as JSON text. Boost.JSON writes a string's bytes as they are, so request text that is
/// not UTF-8 (a path, a percent-decoded value, echoed in a message or an id) made the body
/// invalid JSON (found by fuzz/mock_validation.cpp). Such bytes only occur inside strings, so
/// each ill-formed sequence becomes U+FFFD and the text stays JSON.
std::string body_text(const json::value& body) {
  const std::string text = json::serialize(body);
  std::string out;
  out.reserve(text.size());
  for (std::size_t at = 0; at < text.size();) {
    const std::size_t length = utf8_sequence(text, at);
    if (length == 0) {
      out += "\xEF\xBF\xBD";
      ++at;
    } else {
      out.append(text, at, length);
      at += length;
    }
  }
  return out;
}

bool requires_auth(const json::object& root, const json::object& operation) {
  const json::value* security = operation.if_contains("security");
  if (security == nullptr) security = root.if_contains("security");
  if (security == nullptr || !security->is_array() || security->as_array().empty()) return false;
  // An empty requirement ({}) makes authentication optional.
  return std::none_of(
      security->as_array().begin(), security->as_array().end(), [](const json::value& requirement) {
        return requirement.is_object() && requirement.as_object().empty();
      });
}

/// The text a request gives for a parameter, if any.
std::optional<std::string> parameter_text(const std::string& name,
                                          const std::string& in,
                                          const Match& match,
                                          const MockRequest& request,
                                          const std::multimap<std::string, std::string>& query) {
  if (in == "path") {
    auto found = match.path_values.find(name);
    if (found != match.path_values.end()) return found->second;
  } else if (in == "query") {
    auto found = query.find(name);
    if (found != query.end()) return found->second;
  } else if (in == "header") {
    std::string key = name;
    for (char& c : key) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    auto found = request.headers.find(key);
    if (found != request.headers.end()) return found->second;
  }
  return std::nullopt;
}

}  // namespace

std::map<std::string, std::string> parse_fault(const std::string& text) {
  std::map<std::string, std::string> out;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find(';', start);
    if (end == std::string::npos) end = text.size();
    std::string item = text.substr(start, end - start);
    item.erase(0, item.find_first_not_of(' '));
    item.erase(item.find_last_not_of(' ') + 1);
    const std::size_t equals = item.find('=');
    if (!item.empty()) {
      out[item.substr(0, equals)] = equals == std::string::npos ? "" : item.substr(equals + 1);
    }
    start = end + 1;
  }
  return out;
}

MockService::MockService(dyngen::Document document, MockOptions options)
    : document_(std::move(document)),
      options_(std::move(options)),
      check_(document_),
      sampler_(check_, options_.seed),
      routes_(document_),
      store_(routes_, check_, sampler_) {}

MockService::Incoming MockService::read(const MockRequest& request) {
  Incoming in{request, request.target.substr(0, request.target.find('?')), false, {}, {}, {}};
  if (auto parsed = boost::urls::parse_origin_form(request.target)) {
    in.valid_target = true;
    for (auto param : parsed->params()) in.query.emplace(param.key, param.value);
  }
  if (!request.body.empty()) {
    boost::system::error_code ec;
    json::value body = json::parse(request.body, ec);
    if (ec) {
      in.body_error = ec.message();
    } else {
      in.body = std::move(body);
    }
  }
  return in;
}

MockResponse MockService::handle(const MockRequest& raw) {
  std::map<std::string, std::string> fault = take_fault(raw);
  const Incoming request = read(raw);
  const std::string& path = request.path;
  std::vector<std::string> allowed;
  std::optional<Match> match = routes_.find(raw.method, path, allowed);
  MockResponse response;
  if (!match) {
    response = allowed.empty() ? error(nullptr, 404, "no operation at " + path)
                               : error(nullptr, 405, raw.method + " is not allowed on " + path);
    if (!allowed.empty()) {
      std::string list;
      for (const std::string& method : allowed) list += (list.empty() ? "" : ", ") + method;
      response.headers.emplace_back("Allow", list);
    }
  } else if (fault.count("status") != 0) {
    int status = std::atoi(fault["status"].c_str());
    response = error(
        match->route, status >= 100 && status <= 599 ? status : 500, "fault injected by the mock");
    if (fault.count("retry-after") != 0)
      response.headers.emplace_back("Retry-After", fault["retry-after"]);
  } else {
    response = answer(*match, request);
  }
  if (fault.count("delay-ms") != 0) {
    response.delay_ms = std::max(0, std::atoi(fault["delay-ms"].c_str()));
  }
  if (fault.count("reset-mid-body") != 0) {
    response.cut_after = static_cast<long long>(response.body.size() / 2);
  }
  if (fault.count("drop") != 0) response.cut_after = 0;
  return response;
}

void MockService::load_data(const json::value& data) {
  std::lock_guard<std::mutex> lock(mutex_);
  store_.load(data, routes_);
}

void MockService::set_fault(std::string fault) {
  std::lock_guard<std::mutex> lock(mutex_);
  options_.fault = std::move(fault);
}

std::map<std::string, std::string> MockService::take_fault(const MockRequest& request) {
  auto header = request.headers.find("x-mock-fault");
  std::string text;
  if (header != request.headers.end()) {
    text = header->second;
  } else {
    std::lock_guard<std::mutex> lock(mutex_);
    text = options_.fault;
  }
  if (text.empty()) return {};
  std::map<std::string, std::string> fault = parse_fault(text);
  if (fault.count("times") != 0) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (++fault_uses_[text] > std::atoi(fault["times"].c_str())) return {};
  }
  return fault;
}

MockResponse MockService::answer(const Match& match, const Incoming& request) {
  const Route& route = *match.route;
  const json::object& root = document_.root().as_object();
  if (requires_auth(root, *route.operation)) {
    const std::map<std::string, std::string>& headers = request.raw.headers;
    auto header = headers.find("authorization");
    const std::string value = header == headers.end() ? "" : header->second;
    if (value.rfind("Bearer ", 0) != 0 || !is_valid_api_token(value.substr(7))) {
      return error(&route,
                   401,
                   header == headers.end()
                       ? "missing bearer token"
                       : "malformed bearer token (expected dyn_ and 56 letters or digits)");
    }
  }
  bool malformed = false;
  std::vector<Problem> problems = check_request(match, request, malformed);
  if (!problems.empty()) {
    const json::value* responses = route.operation->if_contains("responses");
    const bool has_422 =
        responses && responses->is_object() && responses->as_object().contains("422");
    const bool has_400 =
        responses && responses->is_object() && responses->as_object().contains("400");
    const int status = !malformed && has_422 && !has_400 ? 422 : 400;
    const Problem& first = problems.front();
    return error(&route, status, first.pointer + ": " + first.message);
  }
  return stored_or_generated(match, request);
}

MockResponse MockService::stored_or_generated(const Match& match, const Incoming& request) {
  if (options_.stateful) {
    if (std::optional<MockResponse> stored = stored_answer(match, request)) return *stored;
  }
  const Route& route = *match.route;
  const Success success = first_success(*route.operation);
  MockResponse response;
  response.status = success.status;
  const json::value* responses = route.operation->if_contains("responses");
  const json::value* declared = responses && responses->is_object()
                                    ? responses->as_object().if_contains(success.key)
                                    : nullptr;
  if (const json::value* schema = check_.content_schema(declared)) {
    response.headers.emplace_back("Content-Type", "application/json");
    json::value body = sampler_.sample(*schema, route.pointer);
    about_the_id_asked(body, match, *schema);
    end_cursor_list(body, request, *schema);
    response.body = body_text(body);
  }
  return response;
}

std::optional<MockResponse> MockService::stored_answer(const Match& match,
                                                       const Incoming& request) {
  std::string path = request.path;
  if (path.rfind(routes_.base_path(), 0) == 0) path = path.substr(routes_.base_path().size());
  const json::value body = request.body.value_or(json::value());
  std::lock_guard<std::mutex> lock(mutex_);
  std::optional<StoredAnswer> stored = store_.handle(match, path, request.query, body);
  if (!stored) return std::nullopt;
  if (!stored->not_found.empty()) return error(match.route, 404, stored->not_found);
  MockResponse response;
  response.status = stored->status;
  if (stored->body) {
    response.headers.emplace_back("Content-Type", "application/json");
    response.body = body_text(*stored->body);
  }
  return response;
}

void MockService::about_the_id_asked(json::value& body,
                                     const Match& match,
                                     const json::value& schema) const {
  // GET /things/{id} answers about that id: its `id` is the one asked for, where it fits.
  const std::vector<std::string>& segments = match.route->segments;
  const std::string last = segments.empty() ? std::string() : segments.back();
  json::object* object = body.if_object();
  if (object == nullptr || last.size() < 3 || last.front() != '{' || !object->contains("id")) {
    return;
  }
  json::value previous = object->at("id");
  (*object)["id"] = match.path_values.at(last.substr(1, last.size() - 2));
  if (!check_.check(body, schema).empty()) (*object)["id"] = previous;
}

void MockService::end_cursor_list(json::value& body,
                                  const Incoming& request,
                                  const json::value& schema) const {
  // A cursor list has two pages: the first hands out a cursor, the page it names ends the list.
  json::object* object = body.if_object();
  if (object == nullptr || !object->contains("cursor")) return;
  if (request.query.count("cursor") == 0) {
    (*object)["cursor"] = "page-2";
    if (check_.check(body, schema).empty()) return;
  }
  for (json::value last : {json::value(nullptr), json::value("")}) {
    (*object)["cursor"] = last;
    if (check_.check(body, schema).empty()) return;
  }
  object->erase("cursor");
}

std::vector<Problem> MockService::check_request(const Match& match,
                                                const Incoming& request,
                                                bool& malformed) const {
  std::vector<Problem> problems;
  if (!request.valid_target) {
    malformed = true;
    problems.push_back({"", "the request target is not a valid URL path"});
    return problems;
  }
  const std::multimap<std::string, std::string>& query = request.query;
  for (const json::object* param : match.route->parameters) {
    const std::string name = string_at(*param, "name");
    const std::string in = string_at(*param, "in");
    const json::value* schema_value = param->if_contains("schema");
    const json::object* schema = schema_value ? check_.resolve(*schema_value).if_object() : nullptr;
    std::optional<std::string> text = parameter_text(name, in, match, request.raw, query);
    const std::string pointer = dyngen::pointer_append("/" + in, name);
    const json::value* required = param->if_contains("required");
    if (!text) {
      if ((required && required->is_bool() && required->as_bool()) || in == "path") {
        problems.push_back({pointer, "required parameter is missing"});
      }
      continue;
    }
    // Arrays and objects in the query are checked by their items' presence only.
    if (schema == nullptr ||
        (!schema_types(*schema).empty() &&
         (schema_types(*schema).front() == "array" || schema_types(*schema).front() == "object"))) {
      continue;
    }
    for (Problem& problem : check_.check(typed(*text, *schema), *schema_value, pointer)) {
      problems.push_back(std::move(problem));
    }
  }
  const json::value* body_spec = match.route->operation->if_contains("requestBody");
  const json::value* body_schema = check_.content_schema(body_spec);
  if (body_schema == nullptr) return problems;
  const json::object* body_object = check_.resolve(*body_spec).if_object();
  const json::value* body_required = body_object ? body_object->if_contains("required") : nullptr;
  if (request.raw.body.empty()) {
    if (body_required && body_required->is_bool() && body_required->as_bool()) {
      problems.push_back({"/body", "a request body is required"});
    }
    return problems;
  }
  if (!request.body) {
    malformed = true;
    problems.push_back({"/body", "not valid JSON (" + request.body_error + ")"});
    return problems;
  }
  for (Problem& problem : check_.check(*request.body, *body_schema, "/body"))
    problems.push_back(std::move(problem));
  return problems;
}

MockResponse MockService::error(const Route* route, int status, const std::string& message) const {
  MockResponse response;
  response.status = status;
  response.headers.emplace_back("Content-Type", "application/json");
  json::value body = json::object{};
  if (route != nullptr) {
    const json::value* responses = route->operation->if_contains("responses");
    const json::object* list = responses ? responses->if_object() : nullptr;
    const json::value* declared = list ? list->if_contains(std::to_string(status)) : nullptr;
    if (declared == nullptr && list) declared = list->if_contains("default");
    if (const json::value* schema = check_.content_schema(declared)) {
      body = sampler_.sample(*schema, route->pointer + "/" + std::to_string(status));
    }
  }
  // Dynamic's error bodies are {"error": "..."}, or {"error": {"code", "message"}} where the spec
  // says so: the message names what was wrong and where.
  if (!body.is_object()) body = json::object{};
  json::value& error = body.as_object()["error"];
  if (error.is_object()) {
    error.as_object()["message"] = message;
  } else {
    error = message;
  }
  response.body = body_text(body);
  return response;
}

}  // namespace dynamic::mock
