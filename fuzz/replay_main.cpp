// Runs a fuzz target's entry point over files without libFuzzer, so that the regular (gcc) test
// suite replays the checked-in corpora and keeps targets and seeds from rotting. Arguments are
// files or folders (every regular file inside, recursively). An input that breaks an invariant
// aborts; an empty corpus fails too, so a moved folder cannot pass silently.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace {

void run_one(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    std::cerr << "cannot read " << file << "\n";
    std::exit(1);
  }
  const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  // A copy of exactly the input's size, as libFuzzer passes it (out-of-bounds reads stay visible
  // to a sanitizer).
  std::vector<std::uint8_t> data(bytes.begin(), bytes.end());
  LLVMFuzzerTestOneInput(data.data(), data.size());
}

}  // namespace

int main(int argc, char** argv) {
  std::size_t count = 0;
  for (int i = 1; i < argc; ++i) {
    const std::filesystem::path path(argv[i]);
    if (std::filesystem::is_directory(path)) {
      std::vector<std::filesystem::path> files;
      for (const auto& entry : std::filesystem::recursive_directory_iterator(path)) {
        if (entry.is_regular_file()) files.push_back(entry.path());
      }
      std::sort(files.begin(), files.end());  // a stable order: failures are reproducible
      for (const auto& file : files) {
        run_one(file);
        ++count;
      }
    } else {
      run_one(path);
      ++count;
    }
  }
  if (count == 0) {
    std::cerr << "no inputs found\n";
    return 1;
  }
  std::cout << "replayed " << count << " inputs\n";
  return 0;
}
