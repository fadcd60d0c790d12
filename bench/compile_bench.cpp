// header_compile_users and header_compile_client: compiling a translation unit that includes one
// resource header, or client.hpp, against one that includes only the standard headers the SDK's
// headers use. The compiler is run directly (no ccache) on files written at start-up.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>

namespace dynamic::bench {
namespace {

namespace fs = std::filesystem;

const char* const kStandardHeaders =
    "#include <chrono>\n#include <cstdint>\n#include <functional>\n#include <future>\n"
    "#include <map>\n#include <memory>\n#include <optional>\n#include <string>\n"
    "#include <string_view>\n#include <utility>\n#include <variant>\n#include <vector>\n";

fs::path write_unit(const std::string& name, const std::string& includes) {
  const fs::path dir = fs::temp_directory_path() / "dynamic-bench";
  fs::create_directories(dir);
  const fs::path file = dir / (name + ".cpp");
  std::ofstream(file) << includes << "int main() { return 0; }\n";
  return file;
}

void compile(benchmark::State& state, const fs::path& unit) {
  const std::string command = std::string(DYNAMIC_BENCH_CXX) + " -std=c++17 -O0 -I" +
                              DYNAMIC_BENCH_GENERATED_INCLUDE + " -I" +
                              DYNAMIC_BENCH_RUNTIME_INCLUDE + " -c -o /dev/null " + unit.string();
  for (auto _ : state) {
    if (std::system(command.c_str()) != 0) {
      state.SkipWithError(("compiling failed: " + command).c_str());
      return;
    }
  }
}

}  // namespace

void register_compile_benchmarks() {
  static const fs::path standard = write_unit("standard_only", kStandardHeaders);
  static const fs::path users = write_unit(
      "users_api", std::string(kStandardHeaders) + "#include \"dynamic/users_api.hpp\"\n");
  static const fs::path client =
      write_unit("client", std::string(kStandardHeaders) + "#include \"dynamic/client.hpp\"\n");
  for (const auto& [name, unit] :
       {std::pair<const char*, const fs::path*>{"compile_standard", &standard},
        {"compile_users_api", &users},
        {"compile_client", &client}}) {
    const fs::path file = *unit;
    benchmark::RegisterBenchmark(name, [file](benchmark::State& state) { compile(state, file); })
        ->Iterations(1)
        ->UseRealTime()
        ->Unit(benchmark::kMillisecond);
  }
}

}  // namespace dynamic::bench
