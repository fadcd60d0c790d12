// The cpprestsdk transport. Every cpprest type stays inside this file.
#include <cpprest/http_client.h>

#include <map>
#include <mutex>
#include <stdexcept>
#include <system_error>
#include <utility>

#include "dynamic/runtime/errors.hpp"
#include "dynamic/runtime/transport.hpp"
#include "redact.hpp"

namespace dynamic {
namespace {

namespace http = web::http;

/// At most this many clients are kept; beyond it an arbitrary idle one is dropped.
constexpr std::size_t kMaxCachedClients = 32;

bool is_timeout(const std::error_code& code) { return code == std::errc::timed_out; }

// "http://127.0.0.1:8080/" -> "http://127.0.0.1:8080", for messages.
std::string without_trailing_slash(std::string text) {
  while (!text.empty() && text.back() == '/') text.pop_back();
  return text;
}

class CpprestTransport final : public Transport {
 public:
  HttpResponse send(const HttpRequest& request) override {
    web::uri uri;
    try {
      uri = web::uri(request.url);
    } catch (const std::exception& e) {
      throw std::invalid_argument("invalid request URL: " + detail::redact_secrets(e.what()));
    }
    if (uri.host().empty()) throw std::invalid_argument("request URL has no host");
    const std::string authority = uri.authority().to_string();
    std::shared_ptr<http::client::http_client> client = client_for(authority, request.timeout);

    http::http_request message(request.method);
    // The URL is already percent-encoded: hand cpprest the path and query verbatim.
    message.set_request_uri(uri.resource());
    std::string content_type = "application/octet-stream";
    for (const auto& [name, value] : request.headers) {
      if (detail::iequals(name, "Content-Type")) {
        content_type = value;
      } else {
        message.headers().add(name, value);
      }
    }
    if (!request.body.empty()) {
      message.set_body(std::string(request.body), content_type);
    } else if (content_type != "application/octet-stream") {
      message.headers().add("Content-Type", content_type);
    }

    const std::string target = request.method + " " + without_trailing_slash(authority);
    try {
      http::http_response answer = client->request(message).get();
      HttpResponse out;
      out.status = answer.status_code();
      for (const auto& [name, value] : answer.headers()) out.headers.emplace_back(name, value);
      std::vector<unsigned char> bytes = answer.extract_vector().get();
      out.body.assign(bytes.begin(), bytes.end());
      return out;
    } catch (const http::http_exception& e) {
      if (is_timeout(e.error_code())) throw timed_out(request.timeout);
      throw ConnectionError(target + " failed: " + detail::redact_secrets(e.what()));
    } catch (const std::system_error& e) {
      if (is_timeout(e.code())) throw timed_out(request.timeout);
      throw ConnectionError(target + " failed: " + detail::redact_secrets(e.what()));
    } catch (const pplx::task_canceled&) {
      throw ConnectionError(target + " failed: the request was cancelled");
    } catch (const Error&) {
      throw;
    } catch (const std::exception& e) {
      throw ConnectionError(target + " failed: " + detail::redact_secrets(e.what()));
    }
  }

 private:
  static TimeoutError timed_out(std::chrono::milliseconds timeout) {
    return TimeoutError("request timed out after " + std::to_string(timeout.count()) + " ms");
  }

  std::shared_ptr<http::client::http_client> client_for(const std::string& authority,
                                                        std::chrono::milliseconds timeout) {
    std::lock_guard<std::mutex> lock(mutex_);
    auto key = std::make_pair(authority, timeout.count());
    auto found = clients_.find(key);
    if (found != clients_.end()) return found->second;
    if (clients_.size() >= kMaxCachedClients) {
      // Requests in flight keep their client alive through their own shared_ptr.
      for (auto it = clients_.begin(); it != clients_.end(); ++it) {
        if (it->second.use_count() == 1) {
          clients_.erase(it);
          break;
        }
      }
    }
    http::client::http_client_config config;
    config.set_timeout(timeout);
    auto client = std::make_shared<http::client::http_client>(web::uri(authority), config);
    clients_.emplace(std::move(key), client);
    return client;
  }

  std::mutex mutex_;
  std::map<std::pair<std::string, long long>, std::shared_ptr<http::client::http_client>> clients_;
};

}  // namespace

std::shared_ptr<Transport> make_cpprest_transport() { return std::make_shared<CpprestTransport>(); }

}  // namespace dynamic
