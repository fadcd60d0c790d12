// Bare-socket pieces shared by the raw test servers: a listening socket on a free port of
// 127.0.0.1 (the kernel picks it, so no retry is needed) and a write that finishes or fails.
#pragma once

#include <cstddef>

namespace dynamic::testing {

struct LoopbackSocket {
  int fd = -1;
  int port = 0;
};

/// Listens on 127.0.0.1 with a port the kernel picks. Throws std::runtime_error naming `who`.
LoopbackSocket listen_on_free_loopback_port(const char* who);

/// Writes everything (no SIGPIPE); false when the peer is gone.
bool send_all(int fd, const char* data, std::size_t size);

/// A port of 127.0.0.1 nothing listens on (bound, then closed).
int closed_loopback_port();

/// Connects to 127.0.0.1:`port`; -1 when nothing accepts.
int connect_to_loopback(int port);

}  // namespace dynamic::testing
