// Pipeline: resolves the client's options once, builds each call's HTTP request and runs it
// through the policy chain (request log -> retry -> throttle -> attempt log -> size limit ->
// transport), then maps the answer to a result or a typed error.
#include "dynamic/detail/pipeline.hpp"

#include <algorithm>
#include <optional>
#include <stdexcept>
#include <string_view>
#include <utility>

#include "dynamic/detail/body.hpp"
#include "dynamic/detail/json_codec.hpp"
#include "dynamic/runtime/errors.hpp"
#include "dynamic/runtime/version.hpp"
#include "environment.hpp"
#include "error_mapping.hpp"
#include "logging_policy.hpp"
#include "policy.hpp"
#include "proxy.hpp"
#include "redact.hpp"
#include "request.hpp"
#include "retry_policy.hpp"
#include "throttle.hpp"
#include "worker_pool.hpp"

#ifndef DYNAMIC_SDK_VERSION
#define DYNAMIC_SDK_VERSION "0.0.0"
#endif

namespace dynamic {

const char* sdk_version() { return DYNAMIC_SDK_VERSION; }
namespace {

using std::chrono::milliseconds;

constexpr std::string_view kTokenPrefix = "dyn_";
constexpr std::size_t kTokenBodyLength = 56;

bool is_alnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

// Says what is wrong with a malformed token without repeating any of its characters.
std::string describe_token_problem(std::string_view token) {
  if (token.substr(0, kTokenPrefix.size()) != kTokenPrefix) {
    return "it does not start with \"dyn_\"";
  }
  std::string_view body = token.substr(kTokenPrefix.size());
  for (std::size_t i = 0; i < body.size(); ++i) {
    char c = body[i];
    if (!is_alnum(c)) {
      bool space = c == ' ' || c == '\t' || c == '\r' || c == '\n';
      return std::string("it contains ") +
             (space ? "whitespace" : "a character that is not an ASCII letter or digit") +
             " at position " + std::to_string(kTokenPrefix.size() + i + 1);
    }
  }
  return "it has " + std::to_string(body.size()) + " characters after \"dyn_\" instead of " +
         std::to_string(kTokenBodyLength);
}

std::string resolve_token(const ClientOptions& options) {
  std::string token = options.api_token;
  const char* source = "ClientOptions::api_token";
  if (token.empty()) {
    token = detail::read_environment(options.environment, kApiTokenVariable).value_or("");
    source = kApiTokenVariable;
  }
  if (token.empty()) {
    throw ConfigurationError("no API token: set ClientOptions::api_token or DYNAMIC_API_TOKEN");
  }
  if (!is_valid_api_token(token)) {
    throw ConfigurationError(std::string("malformed API token (from ") + source +
                             "): " + describe_token_problem(token) +
                             "; expected \"dyn_\" followed by 56 ASCII letters or digits");
  }
  return token;
}

ClientOptions checked(ClientOptions options) {
  if (options.timeout <= milliseconds(0)) {
    throw ConfigurationError("ClientOptions::timeout must be positive");
  }
  if (options.max_response_bytes == 0) {
    throw ConfigurationError("ClientOptions::max_response_bytes must be positive");
  }
  if (options.async_threads < 1) {
    throw ConfigurationError("ClientOptions::async_threads must be at least 1");
  }
  return options;
}

}  // namespace

struct Pipeline::State {
  explicit State(ClientOptions checked_options)
      : options(std::move(checked_options)),
        timing(options.sleep, options.clock),
        log(options.logger, options.log_allowed_headers, options.environment),
        proxies(options.proxy, options.no_proxy, options.environment),
        pool(options.async_threads) {}

  ClientOptions options;
  std::string token;
  std::string base_url;
  std::shared_ptr<Transport> transport;
  detail::Timing timing;
  detail::LogSink log;
  detail::ProxyRules proxies;
  /// The proxy for base_url (calls with their own base URL decide again).
  std::optional<HttpProxy> base_proxy;
  std::vector<std::unique_ptr<detail::Policy>> policies;
  /// Last member: destroyed (threads joined) before anything its work may use.
  detail::WorkerPool pool;
};

Pipeline::Pipeline(ClientOptions options) {
  std::string token = resolve_token(options);
  std::string base_url = detail::resolve_base_url(options.base_url, options.allow_insecure_http);
  state_ = std::make_unique<State>(checked(std::move(options)));
  State& state = *state_;
  state.token = std::move(token);
  state.base_url = std::move(base_url);
  state.base_proxy = state.proxies.proxy_for(state.base_url);
  state.transport = state.options.transport ? state.options.transport : make_cpprest_transport();
  state.options.transport = state.transport;

  auto& chain = state.policies;
  chain.push_back(std::make_unique<detail::RequestLogPolicy>(state.log));
  chain.push_back(std::make_unique<detail::RetryPolicy>(state.timing, state.log));
  if (state.options.throttle) {
    chain.push_back(
        std::make_unique<detail::ThrottlePolicy>(*state.options.throttle, state.timing));
  }
  chain.push_back(std::make_unique<detail::AttemptLogPolicy>(state.log));
  chain.push_back(std::make_unique<detail::ResponseLimitPolicy>());
}

Pipeline::~Pipeline() {
  if (state_) state_->pool.shutdown();
}

const ClientOptions& Pipeline::options() const { return state_->options; }

void Pipeline::report_problems(const ApiRequest& request, const ApiResponse& response) const {
  if (!state_->log.enabled(LogLevel::kInfo)) return;
  for (const DecodeProblem& problem : response.problems) {
    LogRecord record;
    record.level = LogLevel::kInfo;
    record.method = request.method;
    record.path = request.path_template;
    record.status = response.status;
    record.request_id = response.request_id;
    record.message = detail::redact_secrets("read leniently: " + problem.describe());
    state_->log.emit(record);
  }
}

ApiResponse Pipeline::send(const ApiRequest& request, const RequestOptions& call) const {
  const State& state = *state_;
  const ClientOptions& options = state.options;

  HttpRequest http;
  http.method = detail::normalise_method(request.method);
  const std::string base_url =
      call.base_url ? detail::resolve_base_url(*call.base_url, options.allow_insecure_http)
                    : state.base_url;
  http.proxy = call.base_url ? state.proxies.proxy_for(base_url) : state.base_proxy;
  http.url = detail::build_url(base_url, request);
  http.timeout = call.timeout.value_or(options.timeout);
  if (http.timeout <= milliseconds(0)) {
    throw std::invalid_argument("RequestOptions::timeout must be positive");
  }
  http.max_response_bytes = call.max_response_bytes.value_or(options.max_response_bytes);
  if (http.max_response_bytes == 0) {
    throw std::invalid_argument("RequestOptions::max_response_bytes must be positive");
  }
  http.verify_tls = options.verify_tls;
  detail::set_header(http.headers, "Authorization", "Bearer " + state.token);
  detail::set_header(http.headers, "Accept", "application/json");
  detail::set_header(http.headers, "User-Agent", "dynamic-cpp/" DYNAMIC_SDK_VERSION);
  if (request.json_body) {
    detail::set_header(http.headers, "Content-Type", "application/json");
    http.body = *request.json_body;
  } else if (request.form_body) {
    detail::set_header(http.headers, "Content-Type", "application/x-www-form-urlencoded");
    http.body = *request.form_body;
  } else if (request.raw_body) {
    detail::set_header(http.headers, "Content-Type", request.raw_media);
    http.body = *request.raw_body;
  } else if (request.multipart) {
    const std::string boundary = detail::choose_boundary(*request.multipart);
    detail::set_header(http.headers, "Content-Type", "multipart/form-data; boundary=" + boundary);
    http.body = detail::encode_multipart(*request.multipart, boundary);
  }
  if (!request.cookies.empty()) {
    detail::set_header(http.headers, "Cookie", detail::cookie_header(request.cookies));
  }
  // The operation's header parameters, then the client's defaults, then the call's extras:
  // later ones win.
  for (const auto& [name, value] : request.headers) detail::set_header(http.headers, name, value);
  for (const auto& [name, value] : options.default_headers) {
    detail::set_header(http.headers, name, value);
  }
  for (const auto& [name, value] : call.extra_headers)
    detail::set_header(http.headers, name, value);

  detail::CallContext context;
  context.max_retries = std::max(0, call.max_retries.value_or(options.max_retries));
  context.idempotent = detail::is_idempotent(http.method);
  context.retry_non_idempotent = call.retry_non_idempotent.value_or(options.retry_non_idempotent);

  HttpResponse response = detail::run_chain(state.policies, *state.transport, http, context);
  std::string request_id = detail::find_request_id(response);
  if (response.status >= 200 && response.status < 300) {
    return ApiResponse{response.status,
                       std::move(response.headers),
                       std::move(response.body),
                       std::move(request_id)};
  }
  // The operation's typed error body is decoded as leniently as a success would be: an odd field
  // keeps its default instead of costing the whole typed body.
  detail::DecodeScope scope(options.strict_responses);
  detail::throw_api_error(response,
                          std::move(request_id),
                          detail::server_delay(response, state.timing.wall_now()),
                          request);
}

std::future<ApiResponse> Pipeline::send_async(ApiRequest request, RequestOptions options) const {
  return run_async([this, request = std::move(request), options = std::move(options)] {
    return send(request, options);
  });
}

void Pipeline::post(std::function<void()> work) const { state_->pool.post(std::move(work)); }

bool is_valid_api_token(std::string_view token) {
  if (token.size() != kTokenPrefix.size() + kTokenBodyLength) return false;
  if (token.substr(0, kTokenPrefix.size()) != kTokenPrefix) return false;
  return std::all_of(token.begin() + kTokenPrefix.size(), token.end(), is_alnum);
}

}  // namespace dynamic
