// dynamic-bench: where the SDK stands against the limit. Every figure is a ratio against a
// baseline measured in the same run (so it holds on a noisy machine), printed as
// `ratio NAME VALUE` with the medians behind it. `--quick` runs few, short repetitions (CI).
#include <benchmark/benchmark.h>

#include <malloc.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>
#include <iostream>
#include <map>
#include <string>
#include <vector>

#include "process_bench.hpp"

namespace dynamic::bench {
void register_codec_benchmarks();
void register_request_benchmarks();
void register_compile_benchmarks();

namespace {

/// Keeps the median of every benchmark (by name, in nanoseconds of real time per iteration)
/// while the console reporter prints the usual table.
class MedianReporter : public benchmark::ConsoleReporter {
 public:
  explicit MedianReporter(bool color) : ConsoleReporter(color ? OO_ColorTabular : OO_Tabular) {}
  void ReportRuns(const std::vector<Run>& runs) override {
    ConsoleReporter::ReportRuns(runs);
    for (const Run& run : runs) {
      if (run.run_type == Run::RT_Aggregate && run.aggregate_name == "median") {
        medians_[run.run_name.function_name] =
            run.GetAdjustedRealTime() * nanoseconds_per(run.time_unit);
      }
    }
  }
  const std::map<std::string, double>& medians() const { return medians_; }

 private:
  static double nanoseconds_per(benchmark::TimeUnit unit) {
    switch (unit) {
      case benchmark::kSecond:
        return 1e9;
      case benchmark::kMillisecond:
        return 1e6;
      case benchmark::kMicrosecond:
        return 1e3;
      default:
        return 1;
    }
  }
  std::map<std::string, double> medians_;
};

struct Figure {
  const char* name;
  /// The SDK's benchmark and the baseline's.
  const char* measured;
  const char* baseline;
  /// true: baseline time / measured time (a speed, higher is better); false: measured time /
  /// baseline time (a cost, lower is better).
  bool speed;
  const char* target;
};

const Figure kFigures[] = {
    {"decode_users", "decode_users", "parse_dom", true, ">= 0.7 (goal 1.0)"},
    {"encode_users", "encode_users", "serialize_dom", true, ">= 1.0"},
    {"request_overhead_small_c1", "sdk_tokens/c1", "raw_tokens/c1", true, ">= 0.95"},
    {"request_overhead_small_c8", "sdk_tokens/c8", "raw_tokens/c8", true, ">= 0.95"},
    {"request_overhead_users_c1", "sdk_users/c1", "raw_users/c1", true, ">= 0.9"},
    {"request_overhead_users_c8", "sdk_users/c8", "raw_users/c8", true, ">= 0.9"},
    {"header_compile_users", "compile_users_api", "compile_standard", false, "<= 1.5"},
    {"header_compile_client", "compile_client", "compile_standard", false, "<= 2.0"},
};

int print_figures(const std::map<std::string, double>& medians) {
  int missing = 0;
  for (const Figure& figure : kFigures) {
    const auto measured = medians.find(figure.measured);
    const auto baseline = medians.find(figure.baseline);
    if (measured == medians.end() || baseline == medians.end()) {
      std::cout << "skip " << figure.name << ": a benchmark did not run (filtered out or failed)\n";
      ++missing;
      continue;
    }
    const double ratio =
        figure.speed ? baseline->second / measured->second : measured->second / baseline->second;
    std::cout << "ratio " << figure.name << " " << ratio << "   (target " << figure.target
              << "; median " << figure.measured << " " << measured->second / 1e3 << " us, "
              << figure.baseline << " " << baseline->second / 1e3 << " us)\n";
  }
  return missing;
}

void print_process_figures(bool quick) {
  const std::string spec =
      std::string(DYNAMIC_BENCH_REFERENCE_DIR) + "/dynamic-dashboard.openapi.yaml";
  if (auto generate = measure_generate(spec, quick ? 1 : 5)) {
    std::cout << "value generate_full_seconds " << generate->median_seconds << "   (median of "
              << (quick ? 1 : 5) << "; peak " << generate->peak_megabytes << " MB)\n";
  } else {
    std::cout << "skip generate_full: " << spec << " is missing\n";
  }
  const MemoryFigures memory = measure_decode_memory(10000);
  const auto per_input = [&memory](std::size_t bytes) {
    return static_cast<double>(bytes) / static_cast<double>(memory.input_bytes);
  };
  std::cout << "ratio decode_memory " << per_input(memory.peak_bytes) << "   (target <= 3; peak "
            << memory.peak_bytes / 1024 << " KiB decoding " << memory.users << " users, "
            << memory.input_bytes / 1024 << " KiB)\n"
            << "ratio decode_memory_result " << per_input(memory.result_bytes)
            << "   (the decoded structs alone)\n"
            << "ratio decode_memory_overhead " << per_input(memory.peak_bytes - memory.result_bytes)
            << "   (what decoding needs on top of the result: the tape)\n";
}

}  // namespace
}  // namespace dynamic::bench

int main(int argc, char** argv) {
  // glibc serves large blocks with mmap until a free teaches it otherwise, so whether a 150 KB
  // output string costs page faults would depend on what ran before: fix the thresholds, the
  // same for every benchmark.
  mallopt(M_MMAP_THRESHOLD, 256 << 20);
  mallopt(M_TRIM_THRESHOLD, 512 << 20);
  bool quick = false;
  std::vector<char*> args = {argv[0]};
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--quick") == 0) {
      quick = true;
    } else {
      args.push_back(argv[i]);
    }
  }
  // Medians of repetitions; later options on the command line override these.
  std::string repetitions = quick ? "--benchmark_repetitions=3" : "--benchmark_repetitions=9";
  std::string min_time = quick ? "--benchmark_min_time=0.05" : "--benchmark_min_time=0.5";
  std::string aggregates = "--benchmark_report_aggregates_only=true";
  // Repetitions of all benchmarks run interleaved in random order, so a baseline and what is
  // measured against it meet the same noise of a shared machine.
  std::string interleave = "--benchmark_enable_random_interleaving=true";
  args.insert(args.begin() + 1,
              {repetitions.data(), min_time.data(), aggregates.data(), interleave.data()});
  // A filter picks timing loops (to profile one, say): the figures outside them are left out.
  const bool filtered = std::any_of(args.begin(), args.end(), [](const char* arg) {
    return std::strncmp(arg, "--benchmark_filter", 18) == 0;
  });
  int count = static_cast<int>(args.size());
  benchmark::Initialize(&count, args.data());
  if (benchmark::ReportUnrecognizedArguments(count, args.data())) return 1;

  dynamic::bench::register_codec_benchmarks();
  dynamic::bench::register_request_benchmarks();
  dynamic::bench::register_compile_benchmarks();
  dynamic::bench::MedianReporter reporter(isatty(STDOUT_FILENO) != 0);
  benchmark::RunSpecifiedBenchmarks(&reporter);
  benchmark::Shutdown();

  std::cout << "\n";
  const int missing = dynamic::bench::print_figures(reporter.medians());
  if (filtered) {
    std::cout << "skip generate_full and decode_memory: --benchmark_filter given\n";
  } else {
    dynamic::bench::print_process_figures(quick);
  }
  // A figure that could not be computed (a failed benchmark) fails the run, unless a filter
  // left it out on purpose.
  return missing > 0 && !filtered ? 1 : 0;
}
