#include "connect_proxy.hpp"

#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <mutex>
#include <thread>

#include "loopback_socket.hpp"

namespace dynamic::testing {
namespace {

constexpr std::size_t kMaxHead = 64 * 1024;

std::string lower(std::string text) {
  for (char& c : text) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return text;
}

std::string trim(const std::string& text) {
  const std::size_t begin = text.find_first_not_of(" \t");
  if (begin == std::string::npos) return {};
  return text.substr(begin, text.find_last_not_of(" \t") - begin + 1);
}

ProxiedRequest parse_head(const std::string& head) {
  ProxiedRequest out;
  std::size_t line_end = head.find("\r\n");
  out.request_line = head.substr(0, line_end);
  while (line_end != std::string::npos && line_end + 2 < head.size()) {
    const std::size_t start = line_end + 2;
    line_end = head.find("\r\n", start);
    const std::string line = head.substr(start, line_end - start);
    const std::size_t colon = line.find(':');
    if (colon != std::string::npos && lower(line.substr(0, colon)) == "proxy-authorization") {
      out.proxy_authorization = trim(line.substr(colon + 1));
    }
  }
  return out;
}

/// The port of a CONNECT target on loopback ("127.0.0.1:4431", "localhost:4431"), or -1: the
/// proxy never leaves the machine.
int loopback_port(const std::string& request_line) {
  const std::size_t start = request_line.find(' ') + 1;
  const std::string target = request_line.substr(start, request_line.find(' ', start) - start);
  const std::size_t colon = target.rfind(':');
  if (colon == std::string::npos) return -1;
  const std::string host = target.substr(0, colon);
  if (host != "127.0.0.1" && host != "localhost") return -1;
  try {
    return std::stoi(target.substr(colon + 1));
  } catch (const std::exception&) {
    return -1;
  }
}

std::string status_only(int status, const std::string& reason, const std::string& extra = "") {
  return "HTTP/1.1 " + std::to_string(status) + " " + reason + "\r\n" + extra +
         "Content-Length: 0\r\nConnection: close\r\n\r\n";
}

}  // namespace

struct ConnectProxy::Impl {
  LoopbackSocket listener;
  std::thread acceptor;
  mutable std::mutex mutex;
  std::vector<ProxiedRequest> requests;
  std::optional<std::string> required_authorization;
  std::vector<int> open_fds;
  std::vector<std::thread> handlers;
  std::atomic<bool> stopping{false};

  void track(int fd) {
    std::lock_guard<std::mutex> lock(mutex);
    open_fds.push_back(fd);
  }

  void close_fd(int fd) {
    std::lock_guard<std::mutex> lock(mutex);
    open_fds.erase(std::remove(open_fds.begin(), open_fds.end(), fd), open_fds.end());
    ::close(fd);
  }

  // The request head; bytes read past it (the start of a body or tunnel) go to `early`.
  static bool read_head(int fd, std::string& head, std::string& early) {
    char chunk[8192];
    std::size_t end;
    while ((end = head.find("\r\n\r\n")) == std::string::npos) {
      if (head.size() > kMaxHead) return false;
      const ssize_t n = ::recv(fd, chunk, sizeof(chunk), 0);
      if (n <= 0) return false;
      head.append(chunk, static_cast<std::size_t>(n));
    }
    early = head.substr(end + 4);
    head.resize(end + 4);
    return true;
  }

  // Copies bytes both ways until either side hangs up or the proxy stops.
  void relay(int a, int b) const {
    char buffer[16384];
    while (!stopping) {
      pollfd fds[2] = {{a, POLLIN, 0}, {b, POLLIN, 0}};
      const int ready = ::poll(fds, 2, 20);
      if (ready < 0) return;
      for (int i = 0; i < 2 && ready > 0; ++i) {
        if (fds[i].revents == 0) continue;
        const ssize_t n = ::recv(fds[i].fd, buffer, sizeof(buffer), 0);
        if (n <= 0 || !send_all(fds[1 - i].fd, buffer, static_cast<std::size_t>(n))) return;
      }
    }
  }

  void tunnel(int client, const std::string& request_line, const std::string& early) {
    const int port = loopback_port(request_line);
    if (port < 0) {
      const std::string answer = status_only(403, "Forbidden");
      send_all(client, answer.data(), answer.size());
      return;
    }
    const int upstream = connect_to_loopback(port);
    if (upstream < 0) {
      const std::string answer = status_only(502, "Bad Gateway");
      send_all(client, answer.data(), answer.size());
      return;
    }
    track(upstream);
    const std::string established = "HTTP/1.1 200 Connection established\r\n\r\n";
    if (send_all(client, established.data(), established.size()) &&
        send_all(upstream, early.data(), early.size())) {
      relay(client, upstream);
    }
    close_fd(upstream);
  }

  void handle(int client) {
    std::string head;
    std::string early;
    if (read_head(client, head, early)) {
      ProxiedRequest request = parse_head(head);
      std::optional<std::string> required;
      {
        std::lock_guard<std::mutex> lock(mutex);
        requests.push_back(request);
        required = required_authorization;
      }
      if (required && request.proxy_authorization != required) {
        const std::string answer =
            status_only(407, "Proxy Authentication Required", "Proxy-Authenticate: Basic\r\n");
        send_all(client, answer.data(), answer.size());
      } else if (request.request_line.rfind("CONNECT ", 0) == 0) {
        tunnel(client, request.request_line, early);
      } else {
        const std::string body = R"({"answered_by":"proxy"})";
        const std::string answer =
            "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
            "Content-Length: " +
            std::to_string(body.size()) + "\r\nConnection: close\r\n\r\n" + body;
        send_all(client, answer.data(), answer.size());
      }
    }
    close_fd(client);
  }

  void accept_loop() {
    while (!stopping) {
      pollfd poll_fd{listener.fd, POLLIN, 0};
      if (::poll(&poll_fd, 1, 20) <= 0) continue;
      const int fd = ::accept(listener.fd, nullptr, nullptr);
      if (fd < 0) continue;
      std::lock_guard<std::mutex> lock(mutex);
      open_fds.push_back(fd);
      handlers.emplace_back([this, fd] { handle(fd); });
    }
  }
};

ConnectProxy::ConnectProxy() : impl_(std::make_unique<Impl>()) {
  impl_->listener = listen_on_free_loopback_port("ConnectProxy");
  impl_->acceptor = std::thread([impl = impl_.get()] { impl->accept_loop(); });
}

ConnectProxy::~ConnectProxy() {
  impl_->stopping = true;
  impl_->acceptor.join();
  std::vector<std::thread> handlers;
  {
    std::lock_guard<std::mutex> lock(impl_->mutex);
    for (int fd : impl_->open_fds) ::shutdown(fd, SHUT_RDWR);
    handlers.swap(impl_->handlers);
  }
  for (std::thread& handler : handlers) handler.join();
  ::close(impl_->listener.fd);
}

std::string ConnectProxy::url() const {
  return "http://127.0.0.1:" + std::to_string(impl_->listener.port);
}

int ConnectProxy::port() const { return impl_->listener.port; }

void ConnectProxy::require_authorization(std::string value) {
  std::lock_guard<std::mutex> lock(impl_->mutex);
  impl_->required_authorization = std::move(value);
}

std::vector<ProxiedRequest> ConnectProxy::requests() const {
  std::lock_guard<std::mutex> lock(impl_->mutex);
  return impl_->requests;
}

}  // namespace dynamic::testing
