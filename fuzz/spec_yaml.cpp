// Fuzz target: YAML text -> Document::parse_yaml -> build_api -> emit_all (see spec_target.hpp).
#include "spec_target.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  dynamic_fuzz::fuzz_spec(data, size, true);
  return 0;
}
