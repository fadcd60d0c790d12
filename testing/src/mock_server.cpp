#include <memory>
#include <string_view>
#include <utility>

#include "dynamic/testing.hpp"
#include "http_server.hpp"
#include "mock_service.hpp"

namespace dynamic::testing {

namespace detail {
std::string_view default_spec();  // the SDK's spec, compiled in (testing/CMakeLists.txt)
}  // namespace detail

struct MockServer::Impl {
  std::unique_ptr<mock::MockService> service;
  std::unique_ptr<mock::HttpServer> server;
};

MockServer::MockServer(MockServerOptions options) : impl_(std::make_unique<Impl>()) {
  mock::MockOptions mock_options;
  mock_options.seed = options.seed;
  mock_options.stateful = options.stateful;
  dyngen::Document spec =
      options.spec_path.empty()
          ? dyngen::Document::parse(detail::default_spec(), "dynamic.openapi.json")
          : dyngen::Document::load(options.spec_path);
  impl_->service = std::make_unique<mock::MockService>(std::move(spec), mock_options);
  impl_->server = std::make_unique<mock::HttpServer>(*impl_->service, 0);
}

MockServer::~MockServer() = default;

std::string MockServer::base_url() const { return impl_->server->base_url(); }

ClientOptions MockServer::client_options() const {
  ClientOptions options;
  options.api_token = test_token();
  options.base_url = base_url();
  return options;
}

void MockServer::set_fault(const std::string& fault) { impl_->service->set_fault(fault); }

}  // namespace dynamic::testing
