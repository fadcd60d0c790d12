#include "http_server.hpp"
#include "loopback_listener.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cpprest/http_listener.h>
#include <cpprest/producerconsumerstream.h>
#include <chrono>
#include <stdexcept>
#include <thread>

namespace dynamic::mock {
namespace http = web::http;
namespace {}  // namespace

int free_loopback_port() {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) throw std::runtime_error("socket() failed");
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof(address);
  int port = -1;
  if (::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)) == 0 &&
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) == 0) {
    port = ntohs(address.sin_port);
  }
  ::close(fd);
  if (port <= 0) throw std::runtime_error("no free port on 127.0.0.1");
  return port;
}

namespace {

std::string lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

void reply(const http::http_request& request, const MockResponse& answer) {
  http::http_response response(static_cast<http::status_code>(answer.status));
  for (const auto& [name, value] : answer.headers) {
    if (lower(name) != "content-type") response.headers().add(name, value);
  }
  std::string type = "application/json";
  for (const auto& [name, value] : answer.headers) {
    if (lower(name) == "content-type") type = value;
  }
  if (answer.cut_after >= 0) {
    // The full length is announced and only part of the body follows: the stream ends early,
    // and the listener has to give up on the connection.
    concurrency::streams::producer_consumer_buffer<std::uint8_t> buffer;
    const std::string body = answer.body.empty() ? std::string("{}") : answer.body;
    const std::size_t sent =
        std::min<std::size_t>(body.size(), static_cast<std::size_t>(answer.cut_after));
    buffer.putn_nocopy(reinterpret_cast<const std::uint8_t*>(body.data()), sent).wait();
    buffer.close(std::ios_base::out).wait();
    response.set_body(buffer.create_istream(), body.size(), type);
  } else if (!answer.body.empty()) {
    response.set_body(answer.body, type);
  }
  request.reply(response).then([](pplx::task<void> done) {
    try {
      done.get();
    } catch (...) {
      // The client went away; nothing to answer.
    }
  });
}

}  // namespace

struct HttpServer::Impl {
  std::unique_ptr<http::experimental::listener::http_listener> listener;
  int port = 0;
  std::string base_path;
};

LoopbackListener listen_on_loopback(int port,
                                    const std::function<void(http::http_request)>& handler) {
  std::string last_error;
  for (int attempt = 0; attempt < 10; ++attempt) {
    const int candidate = port != 0 ? port : free_loopback_port();
    auto listener = std::make_unique<http::experimental::listener::http_listener>(
        web::uri("http://127.0.0.1:" + std::to_string(candidate)));
    listener->support(handler);
    try {
      listener->open().wait();
      return {std::move(listener), candidate};
    } catch (const std::exception& error) {
      last_error = error.what();
      if (port != 0) break;  // a port the caller chose is not replaced by another
    }
  }
  throw std::runtime_error("cannot listen on 127.0.0.1: " + last_error);
}

HttpServer::HttpServer(MockService& service, int port) : impl_(std::make_unique<Impl>()) {
  impl_->base_path = service.routes().base_path();
  LoopbackListener open = listen_on_loopback(port, [&service](http::http_request request) {
    request.extract_vector().then([&service, request](pplx::task<std::vector<unsigned char>> body) {
      MockRequest mock;
      mock.method = request.method();
      mock.target = request.request_uri().resource().to_string();
      for (const auto& [name, value] : request.headers()) mock.headers[lower(name)] = value;
      MockResponse answer;
      try {
        std::vector<unsigned char> bytes = body.get();
        mock.body.assign(bytes.begin(), bytes.end());
        answer = service.handle(mock);
      } catch (const std::exception& error) {
        answer.status = 500;
        answer.body = std::string(R"({"error":"mock failure: )") + error.what() + "\"}";
      }
      if (answer.delay_ms > 0)
        std::this_thread::sleep_for(std::chrono::milliseconds(answer.delay_ms));
      reply(request, answer);
    });
  });
  impl_->listener = std::move(open.listener);
  impl_->port = open.port;
}

HttpServer::~HttpServer() {
  try {
    impl_->listener->close().wait();
  } catch (...) {
  }
}

int HttpServer::port() const { return impl_->port; }

std::string HttpServer::base_url() const {
  return "http://127.0.0.1:" + std::to_string(impl_->port) + impl_->base_path;
}

}  // namespace dynamic::mock
