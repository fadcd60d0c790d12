// The SDK's error vocabulary. Every failure a call can report derives from dynamic::Error.
#pragma once

#include <chrono>
#include <cstddef>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <typeinfo>
#include <utility>

#include "dynamic/runtime/json.hpp"

namespace dynamic {

class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// The client cannot be set up: missing or malformed token, bad base URL. Never echoes the token.
class ConfigurationError : public Error {
 public:
  using Error::Error;
};

/// The request never got an HTTP answer (refused, reset, DNS, TLS).
class ConnectionError : public Error {
 public:
  using Error::Error;
};

/// No answer within the timeout.
class TimeoutError : public ConnectionError {
 public:
  using ConnectionError::ConnectionError;
};

/// No connection could be made (refused, nothing listening): the request surely was not sent, so
/// the pipeline retries it whatever the method.
class ConnectionRefusedError : public ConnectionError {
 public:
  using ConnectionError::ConnectionError;
};

/// The answer's body is larger than ClientOptions::max_response_bytes. Detected from
/// Content-Length before reading, or while reading; never retried.
class ResponseTooLargeError : public Error {
 public:
  /// `status`: the answer's HTTP status (0 when unknown).
  ResponseTooLargeError(std::size_t limit, int status);
  std::size_t limit() const { return limit_; }
  int status() const { return status_; }

 private:
  std::size_t limit_;
  int status_;
};

/// A JSON document did not match the expected shape; `pointer()` says where.
class DecodeError : public Error {
 public:
  DecodeError(std::string pointer, const std::string& problem);
  /// A value of the wrong kind: "expected <expected>, got <got>".
  DecodeError(std::string pointer, const std::string& expected, const std::string& got);
  /// A problem worded its own way, with the kinds for DecodeProblem.
  DecodeError(std::string pointer,
              const std::string& problem,
              const std::string& expected,
              const std::string& got);
  const std::string& pointer() const { return pointer_; }
  /// What was wrong, without the location.
  const std::string& problem() const { return problem_; }
  /// The kind the spec asks for ("a string"), and what came ("an integer", "nothing"); empty
  /// for problems that are not about one value (a body that is not JSON).
  const std::string& expected() const { return expected_; }
  const std::string& got() const { return got_; }

 private:
  std::string pointer_;
  std::string problem_;
  std::string expected_;
  std::string got_;
};

/// The body of an error response, as far as it could be read.
struct ErrorBody {
  /// The `error` field, or empty.
  std::string error;
  /// The `code` field (404 and 422 answers carry one).
  std::optional<std::string> code;
  /// The `payload` field (422 answers may carry one).
  std::optional<Json> payload;
};

/// The server answered with a non-2xx status.
class ApiError : public Error {
 public:
  ApiError(int status,
           std::string message,
           std::string request_id,
           ErrorBody body,
           std::string raw_body);

  int status() const { return status_; }
  /// The server's message (`error` field), or the HTTP reason when the body has none.
  const std::string& message() const { return message_; }
  /// Value of the request id response header, empty when absent.
  const std::string& request_id() const { return request_id_; }
  const ErrorBody& body() const { return body_; }
  const std::string& raw_body() const { return raw_body_; }

  /// The body decoded as the model the operation declares for this status (for example
  /// `error.typed_body<models::UnprocessableEntity>()`); null when it declares none, asks for
  /// another type, or the body is not JSON of that shape. Decoded like a success: leniently (an
  /// odd field keeps its default) unless the client has `strict_responses`.
  template <class T>
  const T* typed_body() const {
    if (!typed_body_ || typed_body_type_ == nullptr || *typed_body_type_ != typeid(T)) {
      return nullptr;
    }
    return static_cast<const T*>(typed_body_.get());
  }
  /// Which model `typed_body` holds (null when none): for generic handlers and logs that do not
  /// know the operation's error types.
  const std::type_info* typed_body_type() const { return typed_body_ ? typed_body_type_ : nullptr; }
  /// Used by generated code when the error is raised.
  void set_typed_body(std::shared_ptr<const void> body, const std::type_info& type) {
    typed_body_ = std::move(body);
    typed_body_type_ = &type;
  }

 private:
  int status_;
  std::string message_;
  std::string request_id_;
  ErrorBody body_;
  std::string raw_body_;
  std::shared_ptr<const void> typed_body_;
  const std::type_info* typed_body_type_ = nullptr;
};

#define DYNAMIC_API_ERROR(Name)  \
  class Name : public ApiError { \
   public:                       \
    using ApiError::ApiError;    \
  }
DYNAMIC_API_ERROR(BadRequestError);           // 400
DYNAMIC_API_ERROR(AuthenticationError);       // 401
DYNAMIC_API_ERROR(PermissionDeniedError);     // 403
DYNAMIC_API_ERROR(NotFoundError);             // 404
DYNAMIC_API_ERROR(ConflictError);             // 409
DYNAMIC_API_ERROR(UnprocessableEntityError);  // 422
DYNAMIC_API_ERROR(InternalServerError);       // 5xx
#undef DYNAMIC_API_ERROR

/// 429 after the retries ran out.
class RateLimitError : public ApiError {
 public:
  RateLimitError(int status,
                 std::string message,
                 std::string request_id,
                 ErrorBody body,
                 std::string raw_body,
                 std::optional<std::chrono::milliseconds> retry_after);
  /// The wait the server asked for (Retry-After / retry-after-ms), when it gave one.
  std::optional<std::chrono::milliseconds> retry_after() const { return retry_after_; }

 private:
  std::optional<std::chrono::milliseconds> retry_after_;
};

}  // namespace dynamic
