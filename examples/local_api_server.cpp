// A stand-in for the slice of Dynamic's admin API in spec/, kept in memory, on 127.0.0.1, for the
// offline demo. It checks the bearer token's shape like the real service would reject a missing
// one, answers the documented error shapes, and prints its base URL on the first line of stdout.
//
//   local_api_server [port]      (default: a free port)
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cpprest/http_listener.h>
#include <pthread.h>
#include <boost/json.hpp>
#include <boost/json/src.hpp>  // compiled in, not linked: see runtime/src/boost_json.cpp
#include <csignal>
#include <iostream>
#include <map>
#include <mutex>
#include <string>
#include <vector>

namespace http = web::http;
namespace json = boost::json;

namespace {

int free_port() {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof address;
  ::bind(fd, reinterpret_cast<sockaddr*>(&address), length);
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
  ::close(fd);
  return ntohs(address.sin_port);
}

std::vector<std::string> split_path(const std::string& path) {
  std::vector<std::string> parts;
  std::string part;
  for (char c : path + "/") {
    if (c == '/') {
      if (!part.empty()) parts.push_back(web::uri::decode(part));
      part.clear();
    } else {
      part += c;
    }
  }
  return parts;
}

class FakeApi {
 public:
  FakeApi() {
    add_token("Deploy pipeline", {"environment.users.read"});
    add_token("Analytics export", {"environment.analytics.read"});
    users_.push_back(json::object{{"id", "3f7c2a51-6d0e-4b8a-9f14-2c5d8e7a1b30"},
                                  {"projectEnvironmentId", kEnvironment},
                                  {"email", "ada@example.com"},
                                  {"firstName", "Ada"}});
  }

  void handle(http::http_request request) {
    std::string auth = request.headers().has("Authorization")
                           ? request.headers().find("Authorization")->second
                           : "";
    if (auth.rfind("Bearer dyn_", 0) != 0) return reply(request, 401, error("No jwt provided!"));
    std::vector<std::string> parts = split_path(request.relative_uri().path());
    std::string method = request.method();
    std::lock_guard<std::mutex> lock(mutex_);
    // /api/v0/environments/{id}[/tokens[/{tokenId}] | /users[/{userId}]]
    if (parts.size() < 4 || parts[0] != "api" || parts[1] != "v0" || parts[2] != "environments" ||
        parts[3] != kEnvironment) {
      return reply(request, 404, not_found());
    }
    if (parts.size() == 4 && method == "GET") {
      return reply(request, 200, json::object{{"id", kEnvironment}, {"sdkVersion", "4.0.0"}});
    }
    if (parts.size() == 5 && parts[4] == "tokens" && method == "GET") {
      json::array tokens;
      for (const auto& [id, token] : tokens_) tokens.push_back(token);
      return reply(request, 200, json::object{{"tokens", tokens}});
    }
    if (parts.size() == 5 && parts[4] == "tokens" && method == "POST") {
      json::value body = json::parse(request.extract_string().get(), ec_);
      if (ec_ || !body.is_object() || !body.as_object().contains("note")) {
        return reply(
            request, 422, json::object{{"error", "note is required"}, {"code", "invalid_request"}});
      }
      std::vector<std::string> scopes;
      if (const json::array* list =
              body.as_object().contains("scopes") ? body.at("scopes").if_array() : nullptr) {
        for (const json::value& scope : *list) {
          if (scope.is_string()) scopes.emplace_back(scope.as_string());
        }
      }
      json::object token = add_token(json::value_to<std::string>(body.at("note")), scopes);
      token["rawToken"] = last_raw_token_;
      return reply(request, 201, json::object{{"token", token}});
    }
    if (parts.size() == 6 && parts[4] == "tokens" && method == "DELETE") {
      if (tokens_.erase(parts[5]) == 0) return reply(request, 404, not_found());
      request.reply(http::status_codes::NoContent).wait();
      return;
    }
    if (parts.size() == 5 && parts[4] == "users" && method == "GET") {
      return reply(request,
                   200,
                   json::object{{"count", users_.size()},
                                {"users", json::array(users_.begin(), users_.end())}});
    }
    if (parts.size() == 6 && parts[4] == "users" && method == "GET") {
      for (const json::value& user : users_) {
        if (user.at("id") == parts[5].c_str())
          return reply(request, 200, json::object{{"user", user}});
      }
    }
    return reply(request, 404, not_found());
  }

 private:
  static constexpr const char* kEnvironment = "2b0f4f3e-8a7c-4d6e-9b1a-5c3d2e1f0a9b";

  static json::object error(const std::string& message) { return json::object{{"error", message}}; }
  static json::object not_found() {
    return json::object{{"error", "Not found"}, {"code", "not_found"}};
  }

  static void reply(const http::http_request& request, int status, const json::object& body) {
    http::http_response response(static_cast<http::status_code>(status));
    response.headers().add("Content-Type", "application/json");
    response.headers().add("x-request-id", "local-" + std::to_string(++request_counter()));
    response.set_body(json::serialize(body));
    request.reply(response).wait();
  }

  static int& request_counter() {
    static int counter = 0;
    return counter;
  }

  json::object add_token(const std::string& note, const std::vector<std::string>& scopes) {
    char id[40];
    std::snprintf(id, sizeof id, "7d9e%04x-1c2b-4a3d-8e5f-6a7b8c9d0e1f", ++next_id_);
    // A fake token of the documented shape; its last six characters are the checksum.
    std::string raw = "dyn_";
    for (int i = 0; i < 56; ++i)
      raw += "abcdefghjkmnpqrstuvwxyz23456789"[(next_id_ * 7 + i * 13) % 31];
    last_raw_token_ = raw;
    json::array scope_list;
    for (const std::string& scope : scopes) scope_list.push_back(json::string(scope));
    json::object token{{"id", id},
                       {"checksum", raw.substr(raw.size() - 6)},
                       {"createdBy", json::object{{"id", "a1b2c3d4-0000-4000-8000-000000000001"}}},
                       {"createdAt", "2026-11-01T09:30:00.000Z"},
                       {"note", note},
                       {"projectEnvironmentId", kEnvironment},
                       {"scopes", scope_list}};
    tokens_[id] = token;
    return token;
  }

  std::mutex mutex_;
  std::map<std::string, json::object> tokens_;
  std::vector<json::value> users_;
  std::string last_raw_token_;
  int next_id_ = 0;
  json::error_code ec_;
};

}  // namespace

int main(int argc, char** argv) {
  // Block SIGINT/SIGTERM in every thread (the listener's threads inherit the mask) and wait for
  // them here, which is safe where a signal handler would not be.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  int port = argc > 1 ? std::stoi(argv[1]) : free_port();
  FakeApi api;
  http::experimental::listener::http_listener listener("http://127.0.0.1:" + std::to_string(port));
  listener.support([&api](http::http_request request) {
    try {
      api.handle(request);
    } catch (const std::exception& error) {
      request.reply(http::status_codes::InternalError, error.what()).wait();
    }
  });
  listener.open().wait();
  std::cout << "http://127.0.0.1:" << port << "/api/v0" << std::endl;
  int signal_number = 0;
  sigwait(&stop_signals, &signal_number);
  listener.close().wait();
  return 0;
}
