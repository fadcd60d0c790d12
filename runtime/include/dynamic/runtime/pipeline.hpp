// The one runtime entry point generated operations call: auth, retries and error mapping live here.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "dynamic/runtime/options.hpp"
#include "dynamic/runtime/transport.hpp"

namespace dynamic {

/// What a generated operation asks for, before encoding.
struct ApiRequest {
  std::string method;
  /// OpenAPI path template relative to the base URL, e.g. "/environments/{environmentId}".
  std::string path_template;
  /// Values for the template's placeholders; percent-encoded by the pipeline.
  std::vector<std::pair<std::string, std::string>> path_params;
  /// Query parameters in order; names and values percent-encoded by the pipeline.
  std::vector<std::pair<std::string, std::string>> query;
  /// Serialised JSON body, when the operation has one.
  std::optional<std::string> json_body;
};

/// A 2xx answer.
struct ApiResponse {
  int status = 0;
  HeaderList headers;
  std::string body;
  std::string request_id;
};

class Pipeline {
 public:
  /// Resolves the token (options, then DYNAMIC_API_TOKEN) and checks its shape; throws
  /// ConfigurationError (without the token's text) when it is missing or malformed.
  explicit Pipeline(ClientOptions options);
  ~Pipeline();
  Pipeline(const Pipeline&) = delete;
  Pipeline& operator=(const Pipeline&) = delete;

  /// Sends the request with retries. Returns a 2xx answer or throws: ApiError subclasses by
  /// status, RateLimitError for 429 after the retries, ConnectionError, TimeoutError.
  ApiResponse send(const ApiRequest& request, const RequestOptions& options = {}) const;

  const ClientOptions& options() const;

 private:
  struct State;
  std::unique_ptr<State> state_;
};

/// True when `token` is `dyn_` followed by exactly 56 ASCII letters or digits.
bool is_valid_api_token(std::string_view token);

}  // namespace dynamic
