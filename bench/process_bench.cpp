#include "process_bench.hpp"

#include <fcntl.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <stdexcept>
#include <vector>

#include "dynamic/models/users_response.hpp"
#include "fixtures.hpp"
#include "memory_counter.hpp"

extern char** environ;

namespace dynamic::bench {
namespace {

namespace fs = std::filesystem;

struct ChildRun {
  double seconds = 0;
  long peak_kilobytes = 0;
  int status = 0;
};

ChildRun run_child(std::vector<std::string> args) {
  std::vector<char*> argv;
  for (std::string& arg : args) argv.push_back(arg.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
  // dyngen's warnings about the document are not the benchmark's business.
  posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
  const auto start = std::chrono::steady_clock::now();
  pid_t pid = 0;
  const int spawned = posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (spawned != 0) throw std::runtime_error("cannot start " + args[0]);
  ChildRun run;
  rusage usage{};
  if (wait4(pid, &run.status, 0, &usage) != pid) throw std::runtime_error("wait4 failed");
  run.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  run.peak_kilobytes = usage.ru_maxrss;
  return run;
}

}  // namespace

std::optional<GenerateFigures> measure_generate(const std::string& spec, int runs) {
  if (!fs::exists(spec)) return std::nullopt;
  std::vector<double> seconds;
  GenerateFigures figures;
  for (int i = 0; i < runs; ++i) {
    const fs::path out =
        fs::temp_directory_path() / ("dynamic-bench-generate-" + std::to_string(::getpid()));
    fs::remove_all(out);
    ChildRun run =
        run_child({DYNAMIC_BENCH_DYNGEN, "generate", "--spec", spec, "--out", out.string()});
    if (!WIFEXITED(run.status) || WEXITSTATUS(run.status) != 0) {
      throw std::runtime_error("dyngen generate failed on " + spec);
    }
    fs::remove_all(out);
    seconds.push_back(run.seconds);
    figures.peak_megabytes =
        std::max(figures.peak_megabytes, static_cast<double>(run.peak_kilobytes) / 1024.0);
  }
  std::sort(seconds.begin(), seconds.end());
  figures.median_seconds = seconds[seconds.size() / 2];
  return figures;
}

MemoryFigures measure_decode_memory(std::size_t users) {
  MemoryFigures figures;
  const std::string body = many_users_body(users);
  figures.input_bytes = body.size();
  figures.users = users;
  start_counting();
  {
    models::UsersResponse decoded;
    models::from_json(body, decoded);
    // The decoded value is what the caller keeps: it counts, so it stays alive to here.
    figures.result_bytes = live_bytes();
  }
  figures.peak_bytes = stop_counting();
  return figures;
}

}  // namespace dynamic::bench
