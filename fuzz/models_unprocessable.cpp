// Fuzz target: a 422 answer's body. The model (models::UnprocessableEntity) is decoded strictly
// and leniently (models_target.hpp), then the body goes through the runtime's error mapping as
// a 422 would, and the thrown UnprocessableEntityError is checked against what docs/runtime.md
// promises: what() is one bounded line, no token-shaped text survives in the message or body,
// and typed_body() holds the model exactly when it decodes in that mode.
#include <string>
#include <string_view>

#include "dynamic/detail/codecs/unprocessable_entity.hpp"
#include "dynamic/models/unprocessable_entity.hpp"
#include "error_mapping.hpp"
#include "models_target.hpp"

namespace {

using dynamic::models::UnprocessableEntity;

/// "dyn_" directly followed by a letter or digit: what redaction must never leave behind.
bool has_token_shape(std::string_view text) {
  for (std::size_t at = text.find("dyn_"); at != std::string_view::npos;
       at = text.find("dyn_", at + 1)) {
    if (at + 4 < text.size()) {
      const char c = text[at + 4];
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return true;
    }
  }
  return false;
}

void check_error_mapping(std::string_view body,
                         bool strict,
                         const dynamic_fuzz::Decoded<UnprocessableEntity>& decoded) {
  static const dynamic::ErrorBodyRow kRows[] = {
      {422, &dynamic::detail::decode_error_body<UnprocessableEntity>}};
  dynamic::ApiRequest request;
  request.method = "POST";
  request.path_template = "/fuzz";
  request.error_bodies = kRows;
  dynamic::HttpResponse response;
  response.status = 422;
  response.body = std::string(body);
  dynamic::detail::DecodeScope scope(strict);
  try {
    dynamic::detail::throw_api_error(response, "", std::nullopt, request);
  } catch (const dynamic::UnprocessableEntityError& error) {
    const std::string_view what = error.what();
    FUZZ_CHECK(what.find('\n') == std::string_view::npos);
    FUZZ_CHECK(what.find('\r') == std::string_view::npos);
    FUZZ_CHECK(what.size() <= 600);
    FUZZ_CHECK(error.status() == 422);
    FUZZ_CHECK(!error.message().empty());
    FUZZ_CHECK(!has_token_shape(what) && !has_token_shape(error.message()));
    FUZZ_CHECK(!has_token_shape(error.body().error) && !has_token_shape(error.raw_body()));
    FUZZ_CHECK(!error.body().code || !has_token_shape(*error.body().code));
    // The typed body is decoded from the redacted text, so it matches the model only when
    // redaction changed nothing.
    if (error.raw_body() == body) {
      const UnprocessableEntity* typed = error.typed_body<UnprocessableEntity>();
      FUZZ_CHECK((typed != nullptr) == decoded.value.has_value());
      if (typed != nullptr) FUZZ_CHECK(*typed == *decoded.value);
    }
    return;
  }
  FUZZ_CHECK(false);  // a 422 must throw UnprocessableEntityError
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto [strict, lenient] = dynamic_fuzz::fuzz_model<UnprocessableEntity>(data, size);
  const std::string_view body(reinterpret_cast<const char*>(data), size);
  check_error_mapping(body, true, strict);
  check_error_mapping(body, false, lenient);
  return 0;
}
