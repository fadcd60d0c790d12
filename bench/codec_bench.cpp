// decode_users and encode_users: the generated models against Boost.JSON on the same bytes.
#include <benchmark/benchmark.h>

#include <boost/json.hpp>

#include "dynamic/models/users_response.hpp"
#include "fixtures.hpp"

namespace dynamic::bench {
namespace {

// Baseline: parsing into a DOM, the least any decoder of this document does.
void parse_dom(benchmark::State& state) {
  const std::string& body = users_body();
  for (auto _ : state) {
    boost::json::value dom = boost::json::parse(body);
    benchmark::DoNotOptimize(dom);
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * body.size()));
}

void decode_users(benchmark::State& state) {
  const std::string& body = users_body();
  for (auto _ : state) {
    models::UsersResponse users;
    models::from_json(body, users);
    benchmark::DoNotOptimize(users);
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * body.size()));
}

// Baseline: serialising the same document from a DOM.
void serialize_dom(benchmark::State& state) {
  const boost::json::value dom = boost::json::parse(users_body());
  for (auto _ : state) {
    std::string text = boost::json::serialize(dom);
    benchmark::DoNotOptimize(text);
  }
}

void encode_users(benchmark::State& state) {
  models::UsersResponse users;
  models::from_json(users_body(), users);
  for (auto _ : state) {
    std::string text = models::to_json(users);
    benchmark::DoNotOptimize(text);
  }
}

}  // namespace

void register_codec_benchmarks() {
  benchmark::RegisterBenchmark("parse_dom", parse_dom);
  benchmark::RegisterBenchmark("decode_users", decode_users);
  benchmark::RegisterBenchmark("serialize_dom", serialize_dom);
  benchmark::RegisterBenchmark("encode_users", encode_users);
}

}  // namespace dynamic::bench
