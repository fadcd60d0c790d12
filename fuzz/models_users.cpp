// Fuzz target: a users list answer (models::UsersResponse) decoded strictly and leniently.
#include "dynamic/models/users_response.hpp"
#include "models_target.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  dynamic_fuzz::fuzz_model<dynamic::models::UsersResponse>(data, size);
  return 0;
}
