#include "dynamic/runtime/errors.hpp"

#include <algorithm>
#include <string_view>
#include <utility>

#include "redact.hpp"

namespace dynamic {
namespace {

constexpr std::size_t kMaxWhatMessage = 500;

const char* class_name_for(int status) {
  switch (status) {
    case 400:
      return "BadRequestError";
    case 401:
      return "AuthenticationError";
    case 403:
      return "PermissionDeniedError";
    case 404:
      return "NotFoundError";
    case 409:
      return "ConflictError";
    case 422:
      return "UnprocessableEntityError";
    case 429:
      return "RateLimitError";
    default:
      return status >= 500 ? "InternalServerError" : "ApiError";
  }
}

// what() stays on one line and bounded, whatever the server sent.
std::string one_line(std::string_view text) {
  std::string out;
  out.reserve(std::min(text.size(), kMaxWhatMessage + 3));
  for (char c : text) {
    if (out.size() >= kMaxWhatMessage) {
      out += "...";
      break;
    }
    out += (c == '\r' || c == '\n' || c == '\t') ? ' ' : c;
  }
  return out;
}

std::string api_what(int status, const std::string& message, const std::string& request_id) {
  std::string out = class_name_for(status);
  out += ": HTTP ";
  out += std::to_string(status);
  if (!message.empty()) {
    out += ": ";
    out += one_line(message);
  }
  if (!request_id.empty()) {
    out += " (request id ";
    out += one_line(request_id);
    out += ')';
  }
  return out;
}

ErrorBody redact_body(ErrorBody body) {
  body.error = detail::redact_secrets(body.error);
  if (body.code) body.code = detail::redact_secrets(*body.code);
  return body;
}

}  // namespace

DecodeError::DecodeError(std::string pointer, const std::string& problem)
    : Error(detail::redact_secrets(one_line(problem) + " at " +
                                   (pointer.empty() ? std::string("(document root)") : pointer))),
      pointer_(std::move(pointer)),
      problem_(detail::redact_secrets(one_line(problem))) {}

DecodeError::DecodeError(std::string pointer, const std::string& expected, const std::string& got)
    : DecodeError(std::move(pointer), "expected " + expected + ", got " + got, expected, got) {}

DecodeError::DecodeError(std::string pointer,
                         const std::string& problem,
                         const std::string& expected,
                         const std::string& got)
    : DecodeError(std::move(pointer), problem) {
  expected_ = expected;
  got_ = got;
}

ApiError::ApiError(
    int status, std::string message, std::string request_id, ErrorBody body, std::string raw_body)
    : Error(api_what(status, detail::redact_secrets(message), detail::redact_secrets(request_id))),
      status_(status),
      message_(detail::redact_secrets(message)),
      request_id_(detail::redact_secrets(request_id)),
      body_(redact_body(std::move(body))),
      raw_body_(detail::redact_secrets(raw_body)) {}

ResponseTooLargeError::ResponseTooLargeError(std::size_t limit, int status)
    : Error("ResponseTooLargeError: the response body" +
            (status > 0 ? " (HTTP " + std::to_string(status) + ")" : std::string()) +
            " is larger than the limit of " + std::to_string(limit) +
            " bytes (ClientOptions::max_response_bytes)"),
      limit_(limit),
      status_(status) {}

RateLimitError::RateLimitError(int status,
                               std::string message,
                               std::string request_id,
                               ErrorBody body,
                               std::string raw_body,
                               std::optional<std::chrono::milliseconds> retry_after)
    : ApiError(
          status, std::move(message), std::move(request_id), std::move(body), std::move(raw_body)),
      retry_after_(retry_after) {}

}  // namespace dynamic
