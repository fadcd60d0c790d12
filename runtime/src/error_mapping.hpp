// Turning a non-2xx answer into the typed error of its status.
#pragma once

#include <chrono>
#include <optional>
#include <string>

#include "dynamic/detail/pipeline.hpp"
#include "dynamic/runtime/transport.hpp"

namespace dynamic::detail {

/// The server's request id (x-request-id, request-id, x-amzn-requestid), or empty.
std::string find_request_id(const HttpResponse& response);

/// Throws the ApiError subclass for the answer's status; RateLimitError carries `retry_after`.
/// The decoder `request` names for the status (or for any status, 0) attaches a typed body.
[[noreturn]] void throw_api_error(const HttpResponse& response,
                                  std::string request_id,
                                  std::optional<std::chrono::milliseconds> retry_after,
                                  const ApiRequest& request);

}  // namespace dynamic::detail
