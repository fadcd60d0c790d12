// cpprestsdk's listener on 127.0.0.1, for the mock, the tests' scripted server and the
// benchmark's server. The listener cannot bind port 0, so a free port is found first and another
// is tried when someone takes it in between.
#pragma once

#include <cpprest/http_listener.h>

#include <functional>
#include <memory>

namespace dynamic::mock {

struct LoopbackListener {
  std::unique_ptr<web::http::experimental::listener::http_listener> listener;
  int port = 0;
};

/// Opens a listener on 127.0.0.1:`port` that hands every request to `handler`; port 0 picks a
/// free port. Throws std::runtime_error naming the last failure.
LoopbackListener listen_on_loopback(int port,
                                    const std::function<void(web::http::http_request)>& handler);

}  // namespace dynamic::mock
