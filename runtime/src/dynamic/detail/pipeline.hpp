// The one runtime entry point generated operations call: auth, retries and error mapping live here.
// Internal: only the runtime, the generated sources and the CLI include it.
#pragma once

#include <cstddef>
#include <functional>
#include <future>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "dynamic/runtime/errors.hpp"
#include "dynamic/runtime/options.hpp"
#include "dynamic/runtime/response.hpp"
#include "dynamic/runtime/transport.hpp"

namespace dynamic {

/// Decodes an error's raw body into the model the operation declares for its status
/// (ApiError::typed_body) before the error is thrown.
using ErrorBodyDecoder = void (*)(ApiError& error);

/// One row of an operation's error table: a status (0: any status not listed) and its decoder.
struct ErrorBodyRow {
  int status;
  ErrorBodyDecoder decode;
};

/// A view of a static array of ErrorBodyRow rows, built once per operation rather than per call.
struct ErrorBodyTable {
  const ErrorBodyRow* rows = nullptr;
  std::size_t size = 0;

  ErrorBodyTable() = default;
  template <std::size_t N>
  constexpr ErrorBodyTable(const ErrorBodyRow (&table)[N]) : rows(table), size(N) {}  // NOLINT
  const ErrorBodyRow* begin() const { return rows; }
  const ErrorBodyRow* end() const { return rows + size; }
};

/// One part of a multipart/form-data body.
struct MultipartPart {
  std::string name;
  /// The file name a file part declares; empty for a value part.
  std::string filename;
  /// Empty: none is sent (a value part reads as text/plain).
  std::string content_type;
  std::string bytes;
};

/// What a generated operation asks for, before encoding.
struct ApiRequest {
  std::string method;
  /// OpenAPI path template relative to the base URL, e.g. "/environments/{environmentId}".
  std::string path_template;
  /// Values for the template's placeholders; percent-encoded by the pipeline.
  std::vector<std::pair<std::string, std::string>> path_params;
  /// Query parameters in order; names and values percent-encoded by the pipeline.
  std::vector<std::pair<std::string, std::string>> query;
  /// Header parameters the operation declares.
  HeaderList headers;
  /// Serialised JSON body, when the operation has one.
  std::optional<std::string> json_body;
  /// An application/x-www-form-urlencoded body (used when json_body is empty).
  std::optional<std::string> form_body;
  /// A body sent as it is (text or bytes) as `raw_media` (used when the two above are empty).
  std::optional<std::string> raw_body;
  std::string raw_media;
  /// A multipart/form-data body; the pipeline picks a boundary no part contains.
  std::optional<std::vector<MultipartPart>> multipart;
  /// Cookie parameters, sent together in one Cookie header.
  std::vector<std::pair<std::string, std::string>> cookies;
  /// The operation's table of typed error bodies (a static array in the generated source).
  ErrorBodyTable error_bodies;
};

/// A 2xx answer.
struct ApiResponse {
  int status = 0;
  HeaderList headers;
  std::string body;
  std::string request_id;
  /// What decoding the body read leniently (see decode_response in json_codec.hpp).
  std::vector<DecodeProblem> problems{};
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
  /// status, RateLimitError for 429 after the retries, ConnectionError, TimeoutError,
  /// ResponseTooLargeError; ConfigurationError for a bad RequestOptions::base_url;
  /// std::invalid_argument for a malformed request (path parameters, header values).
  ApiResponse send(const ApiRequest& request, const RequestOptions& options = {}) const;

  /// send() on the pipeline's worker pool; its exceptions come out of the future's get().
  std::future<ApiResponse> send_async(ApiRequest request, RequestOptions options = {}) const;

  /// Runs `f` on the pipeline's worker pool (ClientOptions::async_threads threads, started on
  /// first use) and returns its result, or its exception, through the future. Generated
  /// `xxx_async` methods capture their arguments by value and call the synchronous method. Tasks
  /// still queued when the pipeline is destroyed are dropped (their futures report
  /// std::future_errc::broken_promise); running ones finish first. A task must not block on the
  /// future of another task of the same pipeline (the pool is bounded).
  template <class F>
  auto run_async(F f) const -> std::future<decltype(f())> {
    using Result = decltype(f());
    auto task = std::make_shared<std::packaged_task<Result()>>(std::move(f));
    std::future<Result> future = task->get_future();
    post([task] { (*task)(); });
    return future;
  }

  const ClientOptions& options() const;

  /// Logs, at info, what decoding an answer read leniently (one record per problem).
  void report_problems(const ApiRequest& request, const ApiResponse& response) const;

 private:
  void post(std::function<void()> work) const;

  struct State;
  std::unique_ptr<State> state_;
};

/// A decoded value with the raw answer's status, headers and request id.
template <class T>
Response<T> make_response(ApiResponse raw, T value) {
  return Response<T>{std::move(value),
                     raw.status,
                     std::move(raw.headers),
                     std::move(raw.request_id),
                     std::move(raw.body),
                     std::move(raw.problems)};
}

/// Status, headers and request id of an answer without a result.
inline Response<void> make_response(ApiResponse raw) {
  return Response<void>{raw.status,
                        std::move(raw.headers),
                        std::move(raw.request_id),
                        std::move(raw.body),
                        std::move(raw.problems)};
}

/// True when `token` is `dyn_` followed by exactly 56 ASCII letters or digits.
bool is_valid_api_token(std::string_view token);

}  // namespace dynamic
