#include "error_mapping.hpp"

#include <boost/json.hpp>
#include <string_view>
#include <utility>

#include "dynamic/runtime/errors.hpp"
#include "dynamic/runtime/json.hpp"
#include "redact.hpp"

namespace dynamic::detail {
namespace {

using std::chrono::milliseconds;

const char* reason_phrase(int status) {
  switch (status) {
    case 400:
      return "Bad Request";
    case 401:
      return "Unauthorized";
    case 403:
      return "Forbidden";
    case 404:
      return "Not Found";
    case 405:
      return "Method Not Allowed";
    case 406:
      return "Not Acceptable";
    case 408:
      return "Request Timeout";
    case 409:
      return "Conflict";
    case 410:
      return "Gone";
    case 413:
      return "Content Too Large";
    case 415:
      return "Unsupported Media Type";
    case 422:
      return "Unprocessable Content";
    case 429:
      return "Too Many Requests";
    case 500:
      return "Internal Server Error";
    case 501:
      return "Not Implemented";
    case 502:
      return "Bad Gateway";
    case 503:
      return "Service Unavailable";
    case 504:
      return "Gateway Timeout";
    default:
      return nullptr;
  }
}

// Reads what it can from an error body; anything unexpected leaves fields empty, never throws.
ErrorBody parse_error_body(std::string_view text) noexcept {
  try {
    ErrorBody out;
    boost::json::error_code ec;
    boost::json::value json = boost::json::parse(text, ec);
    if (ec) return {};
    const boost::json::object* object = json.if_object();
    if (object == nullptr) return {};
    const auto read_code = [&out](const boost::json::value& code) {
      if (const boost::json::string* s = code.if_string()) {
        out.code = std::string(s->data(), s->size());
      } else if (code.is_number()) {
        out.code = boost::json::serialize(code);
      }
    };
    if (const boost::json::value* error = object->if_contains("error")) {
      if (const boost::json::string* s = error->if_string()) out.error.assign(s->data(), s->size());
      // Some answers nest it: {"error": {"code": "...", "message": "..."}} (ErrorMessageWithCode).
      if (const boost::json::object* nested = error->if_object()) {
        const boost::json::value* message = nested->if_contains("message");
        if (message && message->is_string()) out.error = std::string(message->as_string());
        if (const boost::json::value* code = nested->if_contains("code")) read_code(*code);
      }
    }
    if (const boost::json::value* code = object->if_contains("code")) read_code(*code);
    if (const boost::json::value* payload = object->if_contains("payload")) {
      out.payload = Json::parse(boost::json::serialize(*payload));
    }
    return out;
  } catch (...) {
    return {};
  }
}

}  // namespace

std::string find_request_id(const HttpResponse& response) {
  for (const char* name : {"x-request-id", "request-id", "x-amzn-requestid"}) {
    std::string value = response.header(name);
    if (!value.empty()) return value;
  }
  return {};
}

namespace {

// Attaches the operation's typed body, then throws.
template <class Error>
[[noreturn]] void raise(Error error, const ApiRequest& request) {
  ErrorBodyDecoder decoder = nullptr;
  for (const ErrorBodyRow& row : request.error_bodies) {
    if (row.status == error.status()) decoder = row.decode;
    if (row.status == 0 && decoder == nullptr) decoder = row.decode;
  }
  if (decoder != nullptr) decoder(error);
  throw error;
}

}  // namespace

[[noreturn]] void throw_api_error(const HttpResponse& response,
                                  std::string request_id,
                                  std::optional<milliseconds> retry_after,
                                  const ApiRequest& request) {
  const int status = response.status;
  std::string raw_body = redact_secrets(response.body);
  ErrorBody body = parse_error_body(raw_body);
  std::string message = body.error;
  if (message.empty()) {
    const char* reason = reason_phrase(status);
    message = reason != nullptr ? reason : "HTTP " + std::to_string(status);
  }
  switch (status) {
    case 400:
      raise(BadRequestError(status, message, request_id, body, raw_body), request);
    case 401:
      raise(AuthenticationError(status, message, request_id, body, raw_body), request);
    case 403:
      raise(PermissionDeniedError(status, message, request_id, body, raw_body), request);
    case 404:
      raise(NotFoundError(status, message, request_id, body, raw_body), request);
    case 409:
      raise(ConflictError(status, message, request_id, body, raw_body), request);
    case 422:
      raise(UnprocessableEntityError(status, message, request_id, body, raw_body), request);
    case 429:
      raise(RateLimitError(status, message, request_id, body, raw_body, retry_after), request);
    default:
      if (status >= 500) {
        raise(InternalServerError(status, message, request_id, body, raw_body), request);
      }
      raise(ApiError(status, message, request_id, body, raw_body), request);
  }
}

}  // namespace dynamic::detail
