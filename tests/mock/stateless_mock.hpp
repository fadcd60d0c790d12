// What the contract tests share: the mock without state (any id is found, so every operation can
// be called with sampled arguments), and a schema reader and sampler over the same spec.
#pragma once

#include <cstdint>

#include "mock_service.hpp"
#include "sample.hpp"
#include "schema_check.hpp"
#include "spec/document.hpp"

namespace dynamic::mock {

struct StatelessMock {
  explicit StatelessMock(std::uint64_t seed)
      : service(dyngen::Document::load(DYNAMIC_SPEC_PATH), options()),
        document(dyngen::Document::load(DYNAMIC_SPEC_PATH)),
        check(document),
        sampler(check, seed) {}

  static MockOptions options() {
    MockOptions stateless;
    stateless.stateful = false;
    return stateless;
  }

  MockService service;
  dyngen::Document document;
  SchemaCheck check;  // reads `document`: declared after it
  Sampler sampler;
};

}  // namespace dynamic::mock
