// Fuzz target: a oneOf model (models::WalletProperties: five object alternatives, no
// discriminator, so decoding ranks and tries them) decoded strictly and leniently.
#include "dynamic/models/wallet_properties.hpp"
#include "models_target.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  dynamic_fuzz::fuzz_model<dynamic::models::WalletProperties>(data, size);
  return 0;
}
