// The cpprestsdk transport. Every cpprest type stays inside this file.
#include <cpprest/http_client.h>
#include <openssl/err.h>

#include <atomic>
#include <map>
#include <mutex>
#include <stdexcept>
#include <system_error>
#include <tuple>
#include <utility>

#include "dynamic/runtime/errors.hpp"
#include "dynamic/runtime/transport.hpp"
#include "redact.hpp"

namespace dynamic {
namespace {

namespace http = web::http;
namespace streams = concurrency::streams;

/// At most this many clients are kept; beyond it an arbitrary idle one is dropped.
constexpr std::size_t kMaxCachedClients = 32;

bool is_timeout(const std::error_code& code) { return code == std::errc::timed_out; }

// cpprest reports "nothing accepted the connection" (refused, on every resolved address) and a
// broken pipe while writing the request headers as host_unreachable, and a failed name lookup
// with its own message: in all of these no request reached a server.
bool never_connected(const std::error_code& code, std::string_view message) {
  return code == std::errc::host_unreachable || code == std::errc::connection_refused ||
         message.find("Error resolving address") != std::string_view::npos ||
         message.find("Failed to resolve address") != std::string_view::npos;
}

// "http://127.0.0.1:8080/" -> "http://127.0.0.1:8080", for messages.
std::string without_trailing_slash(std::string text) {
  while (!text.empty() && text.back() == '/') text.pop_back();
  return text;
}

// cpprest reports a failed TLS handshake as "Error in SSL handshake" and carries OpenSSL's error
// code in the error code's value (the category is lost): name the reason ("certificate verify
// failed") so the message says what went wrong.
std::string describe_failure(const web::http::http_exception& e) {
  std::string message = detail::redact_secrets(e.what());
  if (message.find("SSL handshake") == std::string::npos) return message;
  const auto code = static_cast<unsigned long>(e.error_code().value());
  const char* reason = ERR_GET_LIB(code) != 0 ? ERR_reason_error_string(code) : nullptr;
  message = "TLS handshake failed";
  if (reason != nullptr) message += std::string(": ") + reason;
  return message;
}

/// A write-only stream buffer that keeps the response body and fails the write that would take
/// it past the limit. cpprest then stops reading and drops the connection, so an oversized body
/// is never held in memory.
class CappedBodyBuffer final : public streams::details::streambuf_state_manager<uint8_t> {
  using Base = streams::details::streambuf_state_manager<uint8_t>;

 public:
  explicit CappedBodyBuffer(std::size_t limit) : Base(std::ios_base::out), limit_(limit) {}
  ~CappedBodyBuffer() override { this->_close_write().wait(); }

  /// Once the status is known, for the error message.
  void set_status(int status) { status_ = status; }
  /// Every further write fails (the caller already gave up on this body).
  void reject_further_writes() { rejected_ = true; }
  std::string take() {
    std::lock_guard<std::mutex> lock(mutex_);
    return std::move(body_);
  }

  bool can_seek() const override { return false; }
  bool has_size() const override { return false; }
  size_t buffer_size(std::ios_base::openmode) const override { return 0; }
  void set_buffer_size(size_t, std::ios_base::openmode) override {}
  size_t in_avail() const override { return 0; }
  pos_type getpos(std::ios_base::openmode) const override { return pos_type(traits::eof()); }
  pos_type seekpos(pos_type, std::ios_base::openmode) override { return pos_type(traits::eof()); }
  pos_type seekoff(off_type, std::ios_base::seekdir, std::ios_base::openmode) override {
    return pos_type(traits::eof());
  }
  bool acquire(uint8_t*& ptr, size_t& count) override {
    ptr = nullptr;
    count = 0;
    return false;
  }
  void release(uint8_t*, size_t) override {}

 protected:
  pplx::task<int_type> _putc(uint8_t ch) override {
    return _putn(&ch, 1).then([ch](size_t) { return static_cast<int_type>(ch); });
  }
  pplx::task<size_t> _putn(const uint8_t* ptr, size_t count) override {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      // body_ never grows past limit_, so the subtraction cannot wrap.
      if (!rejected_ && count <= limit_ - body_.size()) {
        body_.append(reinterpret_cast<const char*>(ptr), count);
        return pplx::task_from_result<size_t>(count);
      }
    }
    rejected_ = true;
    return pplx::task_from_exception<size_t>(ResponseTooLargeError(limit_, status_));
  }
  pplx::task<int_type> _bumpc() override { return pplx::task_from_result<int_type>(traits::eof()); }
  int_type _sbumpc() override { return traits::eof(); }
  pplx::task<int_type> _getc() override { return pplx::task_from_result<int_type>(traits::eof()); }
  int_type _sgetc() override { return traits::eof(); }
  pplx::task<int_type> _nextc() override { return pplx::task_from_result<int_type>(traits::eof()); }
  pplx::task<int_type> _ungetc() override {
    return pplx::task_from_result<int_type>(traits::eof());
  }
  pplx::task<size_t> _getn(uint8_t*, size_t) override { return pplx::task_from_result<size_t>(0); }
  size_t _scopy(uint8_t*, size_t) override { return 0; }
  pplx::task<bool> _sync() override { return pplx::task_from_result(true); }
  uint8_t* _alloc(size_t) override { return nullptr; }
  void _commit(size_t) override {}

 private:
  const std::size_t limit_;
  std::atomic<int> status_{0};
  std::atomic<bool> rejected_{false};
  std::mutex mutex_;
  std::string body_;
};

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
    std::shared_ptr<http::client::http_client> client = client_for(authority, request);

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
    auto body = std::make_shared<CappedBodyBuffer>(request.max_response_bytes);
    message.set_response_stream(streams::ostream(streams::streambuf<uint8_t>(
        std::static_pointer_cast<streams::details::basic_streambuf<uint8_t>>(body))));

    // The proxy's address holds no credentials (they travel separately), so it may be shown.
    const std::string via = request.proxy ? " via proxy " + request.proxy->address : "";
    const std::string target = request.method + " " + without_trailing_slash(authority) + via;
    try {
      http::http_response answer = client->request(message).get();
      HttpResponse out;
      out.status = answer.status_code();
      body->set_status(out.status);
      for (const auto& [name, value] : answer.headers()) out.headers.emplace_back(name, value);
      // A declared length over the limit fails before any of the body is read.
      if (answer.headers().content_length() > request.max_response_bytes) {
        body->reject_further_writes();
        throw ResponseTooLargeError(request.max_response_bytes, out.status);
      }
      answer.content_ready().get();
      out.body = body->take();
      return out;
    } catch (const http::http_exception& e) {
      if (is_timeout(e.error_code())) throw timed_out(request.timeout, via);
      if (never_connected(e.error_code(), e.what())) {
        throw ConnectionRefusedError(target + " failed: " + detail::redact_secrets(e.what()));
      }
      throw ConnectionError(target + " failed: " + describe_failure(e));
    } catch (const std::system_error& e) {
      if (is_timeout(e.code())) throw timed_out(request.timeout, via);
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
  static TimeoutError timed_out(std::chrono::milliseconds timeout, const std::string& via) {
    return TimeoutError("request timed out after " + std::to_string(timeout.count()) + " ms" + via);
  }

  using ClientKey = std::tuple<std::string, long long, bool, std::string, std::string, std::string>;

  static ClientKey key_of(const std::string& authority, const HttpRequest& request) {
    const HttpProxy none;
    const HttpProxy& proxy = request.proxy ? *request.proxy : none;
    return {authority,
            request.timeout.count(),
            request.verify_tls,
            proxy.address,
            proxy.username,
            proxy.password};
  }

  static http::client::http_client_config config_for(const HttpRequest& request) {
    http::client::http_client_config config;
    config.set_timeout(request.timeout);
    config.set_validate_certificates(request.verify_tls);
    // A redirect would carry the Authorization header to wherever it points.
    config.set_max_redirects(0);
    if (request.proxy) {
      web::web_proxy proxy{web::uri(request.proxy->address)};
      if (!request.proxy->username.empty()) {
        proxy.set_credentials(web::credentials(request.proxy->username, request.proxy->password));
      }
      config.set_proxy(proxy);
    }
    return config;
  }

  std::shared_ptr<http::client::http_client> client_for(const std::string& authority,
                                                        const HttpRequest& request) {
    std::lock_guard<std::mutex> lock(mutex_);
    ClientKey key = key_of(authority, request);
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
    auto client =
        std::make_shared<http::client::http_client>(web::uri(authority), config_for(request));
    clients_.emplace(std::move(key), client);
    return client;
  }

  std::mutex mutex_;
  std::map<ClientKey, std::shared_ptr<http::client::http_client>> clients_;
};

}  // namespace

std::shared_ptr<Transport> make_cpprest_transport() { return std::make_shared<CpprestTransport>(); }

}  // namespace dynamic
