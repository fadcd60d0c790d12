#include "raw_http_server.hpp"

#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <stdexcept>
#include <thread>
#include <vector>

#include "loopback_socket.hpp"
#include "self_signed_tls.hpp"

namespace dynamic::testing {
namespace {

std::string lower(std::string text) {
  for (char& c : text) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return text;
}

/// An accepted connection, over TLS when `ssl` is set.
struct Connection {
  int fd = -1;
  SSL* ssl = nullptr;

  ssize_t receive(char* buffer, std::size_t size) const {
    if (ssl == nullptr) return ::recv(fd, buffer, size, 0);
    return SSL_read(ssl, buffer, static_cast<int>(size));
  }
  bool write_all(const char* data, std::size_t size) const {
    if (ssl == nullptr) return send_all(fd, data, size);
    while (size > 0) {
      const int n = SSL_write(ssl, data, static_cast<int>(size));
      if (n <= 0) return false;
      data += n;
      size -= static_cast<std::size_t>(n);
    }
    return true;
  }
};

// SSL_write writes with write(), not send(MSG_NOSIGNAL): a client that hung up would raise
// SIGPIPE. Blocked in this thread, it only makes the write fail.
void block_sigpipe_in_this_thread() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGPIPE);
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
}

}  // namespace

std::string raw_response(int status, const std::string& body, const std::string& extra_headers) {
  return "HTTP/1.1 " + std::to_string(status) + " X\r\nContent-Type: application/json\r\n" +
         "Content-Length: " + std::to_string(body.size()) + "\r\n" + extra_headers + "\r\n" + body;
}

RawReply answer(int status, const std::string& body) {
  RawReply reply;
  reply.bytes = raw_response(status, body);
  return reply;
}

struct RawHttpServer::Impl {
  int listen_fd = -1;
  int port = 0;
  SslCtxPtr tls;
  std::thread acceptor;
  mutable std::mutex mutex;
  mutable std::condition_variable changed;
  std::deque<RawReply> queue;
  std::vector<int> open_fds;
  std::vector<std::thread> handlers;
  int active = 0;
  int connections = 0;
  int requests = 0;
  int failed_handshakes = 0;
  std::size_t filler_written = 0;
  std::atomic<bool> stopping{false};

  bool next_reply(RawReply& out, bool at_accept) {
    std::lock_guard<std::mutex> lock(mutex);
    if (queue.empty()) return false;
    if (queue.front().close_on_accept != at_accept) return false;
    out = std::move(queue.front());
    queue.pop_front();
    return true;
  }

  // Reads one request (headers and Content-Length body); false when the client hung up.
  bool read_request(const Connection& connection, std::string& buffer) {
    char chunk[8192];
    std::size_t header_end;
    while ((header_end = buffer.find("\r\n\r\n")) == std::string::npos) {
      ssize_t n = connection.receive(chunk, sizeof(chunk));
      if (n <= 0) return false;
      buffer.append(chunk, static_cast<std::size_t>(n));
    }
    std::size_t length = 0;
    const std::string head = lower(buffer.substr(0, header_end));
    std::size_t at = head.find("\r\ncontent-length:");
    if (at != std::string::npos) length = std::stoul(head.substr(at + 17));
    const std::size_t total = header_end + 4 + length;
    while (buffer.size() < total) {
      ssize_t n = connection.receive(chunk, sizeof(chunk));
      if (n <= 0) return false;
      buffer.append(chunk, static_cast<std::size_t>(n));
    }
    buffer.erase(0, total);
    return true;
  }

  void serve(const Connection& connection) {
    std::string buffer;
    while (!stopping && read_request(connection, buffer)) {
      RawReply reply;
      {
        std::lock_guard<std::mutex> lock(mutex);
        ++requests;
      }
      if (!next_reply(reply, false)) {
        reply.bytes = raw_response(599, "no scripted response");
      }
      if (reply.delay.count() > 0) {
        std::unique_lock<std::mutex> lock(mutex);
        changed.wait_for(lock, reply.delay, [this] { return stopping.load(); });
      }
      if (!connection.write_all(reply.bytes.data(), reply.bytes.size())) break;
      const std::string filler(64 * 1024, 'x');
      bool ok = true;
      for (std::size_t left = reply.filler_bytes; left > 0 && ok && !stopping;) {
        const std::size_t piece = std::min(left, filler.size());
        ok = connection.write_all(filler.data(), piece);
        if (ok) {
          left -= piece;
          std::lock_guard<std::mutex> lock(mutex);
          filler_written += piece;
        }
      }
      if (!ok || reply.close) break;
    }
  }

  // The TLS handshake (when the server speaks TLS), then the requests.
  void handle(int fd) {
    Connection connection{fd, nullptr};
    if (tls) {
      block_sigpipe_in_this_thread();
      connection.ssl = SSL_new(tls.get());
      SSL_set_fd(connection.ssl, fd);
      if (SSL_accept(connection.ssl) != 1) {
        std::lock_guard<std::mutex> lock(mutex);
        ++failed_handshakes;
      } else {
        serve(connection);
      }
      SSL_free(connection.ssl);
    } else {
      serve(connection);
    }
    finish(fd);
  }

  void finish(int fd) {
    std::lock_guard<std::mutex> lock(mutex);
    open_fds.erase(std::remove(open_fds.begin(), open_fds.end(), fd), open_fds.end());
    ::close(fd);
    --active;
    changed.notify_all();
  }

  void accept_loop() {
    while (!stopping) {
      pollfd poll_fd{listen_fd, POLLIN, 0};
      if (::poll(&poll_fd, 1, 20) <= 0) continue;
      int fd = ::accept(listen_fd, nullptr, nullptr);
      if (fd < 0) continue;
      RawReply reply;
      std::lock_guard<std::mutex> lock(mutex);
      ++connections;
      changed.notify_all();
      if (next_reply_locked(reply)) {
        ::close(fd);
        continue;
      }
      open_fds.push_back(fd);
      ++active;
      handlers.emplace_back([this, fd] { handle(fd); });
    }
  }

  // Pops a close_on_accept step; the caller holds the mutex.
  bool next_reply_locked(RawReply& out) {
    if (queue.empty() || !queue.front().close_on_accept) return false;
    out = std::move(queue.front());
    queue.pop_front();
    return true;
  }
};

RawHttpServer::RawHttpServer(RawScheme scheme) : impl_(std::make_unique<Impl>()) {
  if (scheme == RawScheme::kHttps) impl_->tls = self_signed_server_context();
  const LoopbackSocket socket = listen_on_free_loopback_port("RawHttpServer");
  impl_->listen_fd = socket.fd;
  impl_->port = socket.port;
  impl_->acceptor = std::thread([impl = impl_.get()] { impl->accept_loop(); });
}

RawHttpServer::~RawHttpServer() {
  impl_->stopping = true;
  impl_->acceptor.join();
  std::vector<std::thread> handlers;
  {
    std::lock_guard<std::mutex> lock(impl_->mutex);
    for (int fd : impl_->open_fds) ::shutdown(fd, SHUT_RDWR);
    handlers.swap(impl_->handlers);
    impl_->changed.notify_all();
  }
  for (std::thread& handler : handlers) handler.join();
  ::close(impl_->listen_fd);
}

std::string RawHttpServer::base_url() const {
  return std::string(impl_->tls ? "https" : "http") +
         "://127.0.0.1:" + std::to_string(impl_->port) + "/api/v0";
}

int RawHttpServer::port() const { return impl_->port; }

void RawHttpServer::enqueue(RawReply reply) {
  std::lock_guard<std::mutex> lock(impl_->mutex);
  impl_->queue.push_back(std::move(reply));
}

int RawHttpServer::connections() const {
  std::lock_guard<std::mutex> lock(impl_->mutex);
  return impl_->connections;
}

int RawHttpServer::requests() const {
  std::lock_guard<std::mutex> lock(impl_->mutex);
  return impl_->requests;
}

int RawHttpServer::failed_handshakes() const {
  std::lock_guard<std::mutex> lock(impl_->mutex);
  return impl_->failed_handshakes;
}

std::size_t RawHttpServer::filler_bytes_written() const {
  std::lock_guard<std::mutex> lock(impl_->mutex);
  return impl_->filler_written;
}

bool RawHttpServer::wait_idle(std::chrono::milliseconds timeout) const {
  std::unique_lock<std::mutex> lock(impl_->mutex);
  return impl_->changed.wait_for(lock, timeout, [this] { return impl_->active == 0; });
}

}  // namespace dynamic::testing
