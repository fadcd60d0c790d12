#include "dynamic/runtime/transport.hpp"

#include "redact.hpp"

namespace dynamic {

std::string HttpResponse::header(std::string_view name) const {
  for (const auto& [key, value] : headers) {
    if (detail::iequals(key, name)) return value;
  }
  return {};
}

}  // namespace dynamic
