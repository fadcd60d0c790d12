#include "loopback_server.hpp"

#include <cpprest/http_listener.h>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <stdexcept>
#include <string>

#include "loopback_listener.hpp"

namespace dynamic::testing {
namespace {

namespace http = web::http;

std::string lower(std::string text) {
  for (char& c : text) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return text;
}

// State shared with the handlers, which may outlive a failed listener attempt.
struct Shared {
  std::mutex mutex;
  std::condition_variable stopped;
  bool stopping = false;
  std::deque<ScriptedResponse> queue;
  std::vector<RecordedRequest> requests;

  void handle(const http::http_request& request, std::vector<unsigned char> body) {
    RecordedRequest record;
    record.method = request.method();
    record.target = request.request_uri().resource().to_string();
    for (const auto& [name, value] : request.headers()) record.headers[lower(name)] = value;
    record.body.assign(body.begin(), body.end());

    ScriptedResponse scripted;
    {
      std::unique_lock<std::mutex> lock(mutex);
      requests.push_back(std::move(record));
      if (queue.empty()) {
        scripted.status = 599;
        scripted.body = "no scripted response";
      } else {
        scripted = std::move(queue.front());
        queue.pop_front();
      }
      if (scripted.delay.count() > 0) {
        stopped.wait_for(lock, scripted.delay, [this] { return stopping; });
      }
    }

    http::http_response response(static_cast<http::status_code>(scripted.status));
    std::string content_type;
    for (const auto& [name, value] : scripted.headers) {
      if (lower(name) == "content-type") {
        content_type = value;
      } else {
        response.headers().add(name, value);
      }
    }
    if (!scripted.body.empty()) {
      response.set_body(std::move(scripted.body),
                        content_type.empty() ? "text/plain; charset=utf-8" : content_type);
    } else if (!content_type.empty()) {
      response.headers().add("Content-Type", content_type);
    }
    request.reply(response).then([](pplx::task<void> done) {
      try {
        done.get();
      } catch (...) {
        // The client went away (e.g. it timed out); nothing to do.
      }
    });
  }
};

}  // namespace

struct LoopbackServer::Impl {
  std::shared_ptr<Shared> shared = std::make_shared<Shared>();
  std::unique_ptr<http::experimental::listener::http_listener> listener;
  int port = 0;
};

LoopbackServer::LoopbackServer() : impl_(std::make_unique<Impl>()) {
  std::weak_ptr<Shared> weak = impl_->shared;
  mock::LoopbackListener open = mock::listen_on_loopback(0, [weak](http::http_request request) {
    request.extract_vector().then([weak, request](pplx::task<std::vector<unsigned char>> body) {
      std::vector<unsigned char> bytes;
      try {
        bytes = body.get();
      } catch (...) {
      }
      if (auto shared = weak.lock()) {
        try {
          shared->handle(request, std::move(bytes));
          return;
        } catch (...) {
        }
      }
      request.reply(http::status_codes::InternalError).then([](pplx::task<void> done) {
        try {
          done.get();
        } catch (...) {
        }
      });
    });
  });
  impl_->listener = std::move(open.listener);
  impl_->port = open.port;
}

LoopbackServer::~LoopbackServer() {
  {
    std::lock_guard<std::mutex> lock(impl_->shared->mutex);
    impl_->shared->stopping = true;
  }
  impl_->shared->stopped.notify_all();
  try {
    impl_->listener->close().wait();
  } catch (...) {
  }
}

std::string LoopbackServer::base_url() const {
  return "http://127.0.0.1:" + std::to_string(impl_->port) + "/api/v0";
}

void LoopbackServer::enqueue(ScriptedResponse response) {
  std::lock_guard<std::mutex> lock(impl_->shared->mutex);
  impl_->shared->queue.push_back(std::move(response));
}

std::vector<RecordedRequest> LoopbackServer::requests() const {
  std::lock_guard<std::mutex> lock(impl_->shared->mutex);
  return impl_->shared->requests;
}

}  // namespace dynamic::testing
