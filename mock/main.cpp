// dynamic-mock: a spec-driven stand-in for Dynamic's API on loopback, for tests and demos.
//
//   dynamic-mock --spec FILE [--port N] [--seed S] [--fault FAULT] [--data FILE]
//
// Prints its base URL ("http://127.0.0.1:PORT/api/v0") on stdout's first line, then serves until
// SIGINT or SIGTERM. --port 0 (the default) picks a free port. FAULT has the syntax of the
// X-Mock-Fault header (`status=503;times=2`, `status=429;retry-after=1`, `delay-ms=1500`,
// `reset-mid-body`, `drop`) and
// applies to requests without that header. --data loads entries into collections (JSON:
// {"/environments/e1/webhooks": [{...}, ...]}) instead of the generated ones. Exit codes: 0 stopped, 64 usage, 2 unusable spec,
// 69 cannot listen.
#include <csignal>
#include <cstdlib>
#include <iostream>
#include <string>
#include <vector>

#include "diagnostics.hpp"
#include "http_server.hpp"
#include "mock_service.hpp"

namespace {

int usage(const std::string& problem) {
  if (!problem.empty()) std::cerr << "dynamic-mock: " << problem << "\n";
  std::cerr << "usage: dynamic-mock --spec FILE [--port N] [--seed S] [--fault FAULT] "
               "[--data FILE]\n";
  return 64;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  std::string spec;
  std::string data;
  int port = 0;
  dynamic::mock::MockOptions options;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& flag = args[i];
    if (flag == "--help" || flag == "-h") return usage("");
    if (i + 1 >= args.size()) return usage("missing value after " + flag);
    const std::string& value = args[++i];
    if (flag == "--spec") {
      spec = value;
    } else if (flag == "--port") {
      char* end = nullptr;
      long number = std::strtol(value.c_str(), &end, 10);
      if (*end != '\0' || number < 0 || number > 65535) return usage("bad --port " + value);
      port = static_cast<int>(number);
    } else if (flag == "--seed") {
      options.seed = std::strtoull(value.c_str(), nullptr, 10);
    } else if (flag == "--fault") {
      options.fault = value;
    } else if (flag == "--data") {
      data = value;
    } else {
      return usage("unknown option " + flag);
    }
  }
  if (spec.empty()) return usage("--spec is required");

  // Block the stop signals before any thread starts, so that only sigwait below receives them.
  sigset_t stop;
  sigemptyset(&stop);
  sigaddset(&stop, SIGINT);
  sigaddset(&stop, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop, nullptr);

  std::unique_ptr<dynamic::mock::MockService> service;
  try {
    service = std::make_unique<dynamic::mock::MockService>(dyngen::Document::load(spec), options);
  } catch (const std::exception& error) {
    std::cerr << "dynamic-mock: cannot use " << spec << ": " << error.what() << "\n";
    return 2;
  }
  if (!data.empty()) {
    try {
      // Read as a document: the same reader, with line and column for syntax errors.
      service->load_data(dyngen::Document::load(data).root());
    } catch (const std::exception& error) {
      std::cerr << "dynamic-mock: cannot load " << data << ": " << error.what() << "\n";
      return 2;
    }
  }
  try {
    dynamic::mock::HttpServer server(*service, port);
    std::cout << server.base_url() << std::endl;
    int received = 0;
    sigwait(&stop, &received);
  } catch (const std::exception& error) {
    std::cerr << "dynamic-mock: " << error.what() << "\n";
    return 69;
  }
  return 0;
}
