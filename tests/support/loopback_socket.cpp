#include "loopback_socket.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <stdexcept>
#include <string>

namespace dynamic::testing {
namespace {

sockaddr_in loopback_address(int port) {
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = htons(static_cast<uint16_t>(port));
  return address;
}

}  // namespace

LoopbackSocket listen_on_free_loopback_port(const char* who) {
  LoopbackSocket out;
  out.fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (out.fd < 0) throw std::runtime_error(std::string(who) + ": socket() failed");
  int yes = 1;
  ::setsockopt(out.fd, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof(yes));
  sockaddr_in address = loopback_address(0);
  socklen_t length = sizeof(address);
  if (::bind(out.fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)) != 0 ||
      ::listen(out.fd, 64) != 0 ||
      ::getsockname(out.fd, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
    ::close(out.fd);
    throw std::runtime_error(std::string(who) + ": could not listen on 127.0.0.1");
  }
  out.port = ntohs(address.sin_port);
  return out;
}

bool send_all(int fd, const char* data, std::size_t size) {
  while (size > 0) {
    ssize_t n = ::send(fd, data, size, MSG_NOSIGNAL);
    if (n <= 0) return false;
    data += n;
    size -= static_cast<std::size_t>(n);
  }
  return true;
}

int closed_loopback_port() {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) throw std::runtime_error("closed_loopback_port: socket() failed");
  sockaddr_in address = loopback_address(0);
  socklen_t length = sizeof(address);
  const bool ok = ::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)) == 0 &&
                  ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) == 0;
  ::close(fd);
  if (!ok) throw std::runtime_error("closed_loopback_port: could not bind 127.0.0.1");
  return ntohs(address.sin_port);
}

int connect_to_loopback(int port) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return -1;
  sockaddr_in address = loopback_address(port);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)) != 0) {
    ::close(fd);
    return -1;
  }
  return fd;
}

}  // namespace dynamic::testing
