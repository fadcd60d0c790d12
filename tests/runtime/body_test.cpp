// Multipart encoding details the generated tests do not reach: names that would break the part's
// header, and the boundary rule.
#include <doctest/doctest.h>

#include <string>

#include "dynamic/detail/body.hpp"

using namespace dynamic;

TEST_CASE("multipart names and file names cannot end their header early") {
  detail::MultipartParts parts;
  detail::add_part(parts, "a\"b\r\nX-Evil: 1", Blob::from_bytes("v", "f\"\n.txt"));
  const std::string body = detail::encode_multipart(parts, "B");
  CHECK(body ==
        "--B\r\nContent-Disposition: form-data; name=\"a%22b%0D%0AX-Evil: 1\"; "
        "filename=\"f%22%0A.txt\"\r\nContent-Type: application/octet-stream\r\n\r\nv\r\n--B--\r\n");
}

TEST_CASE("the boundary appears in no part") {
  detail::MultipartParts parts;
  detail::add_part(parts, "x", std::string("--dynamic-"));
  for (int i = 0; i < 50; ++i) {
    const std::string boundary = detail::choose_boundary(parts);
    CHECK(boundary.size() == 40);
    CHECK(boundary.rfind("dynamic-", 0) == 0);
  }
  CHECK(detail::choose_boundary(parts) != detail::choose_boundary(parts));
}

TEST_CASE("a form without fields is only the closing delimiter") {
  CHECK(detail::encode_multipart({}, "B") == "--B--\r\n");
}
