// Entry point of the `dynamic` command: the driver over the generated operation table.
#include <cstdlib>
#include <iostream>
#include <string>
#include <vector>

#include <unistd.h>

#include "driver.hpp"
#include "operation.hpp"

int main(int argc, char** argv) {
  std::vector<std::string> args;
  for (int i = 1; i < argc; ++i) args.emplace_back(argv[i]);
  return dynamic::cli::run_cli(
      args,
      dynamic::cli::operations(),
      [](const char* name) { return std::getenv(name); },
      std::cout,
      std::cerr,
      isatty(STDOUT_FILENO) == 1,
      dynamic::cli::spec_description());
}
