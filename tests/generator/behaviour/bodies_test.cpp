// Request bodies that are not JSON, cookie parameters and header arrays (golden/bodies), sent by
// the generated client and CLI through the real transport to a loopback server: the server sees a
// multipart body with its boundary and parts, the exact bytes of an octet-stream body, and one
// Cookie header.
#include <doctest/doctest.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "driver.hpp"
#include "dynamic/all.hpp"
#include "fake_transport.hpp"
#include "loopback_server.hpp"

using namespace dynamic;
using dynamic::testing::LoopbackServer;
using dynamic::testing::RecordedRequest;
using dynamic::testing::ScriptedResponse;

namespace {

ClientOptions options_for(const LoopbackServer& server) {
  ClientOptions options;
  options.api_token = testing::valid_token();
  options.base_url = server.base_url();
  options.timeout = std::chrono::seconds(5);
  options.max_retries = 0;
  return options;
}

ScriptedResponse answer(int status, std::string body = {}) {
  ScriptedResponse response;
  response.status = status;
  response.body = std::move(body);
  if (!response.body.empty()) response.headers = {{"Content-Type", "application/json"}};
  return response;
}

RecordedRequest only_request(const LoopbackServer& server) {
  std::vector<RecordedRequest> requests = server.requests();
  REQUIRE(requests.size() == 1);
  return requests[0];
}

struct Part {
  std::string headers;  // the part's header lines, CRLF-separated
  std::string body;
};

/// Splits a multipart body by the boundary its Content-Type names (RFC 2046), independently of
/// the runtime's encoder: every delimiter line, the closing one, and CRLF before each delimiter.
std::vector<Part> parse_multipart(const RecordedRequest& request) {
  const std::string type = request.headers.at("content-type");
  const std::string prefix = "multipart/form-data; boundary=";
  REQUIRE(type.rfind(prefix, 0) == 0);
  const std::string delimiter = "--" + type.substr(prefix.size());
  const std::string& body = request.body;
  REQUIRE(body.rfind(delimiter + "\r\n", 0) == 0);
  const std::string closing = "\r\n" + delimiter + "--\r\n";
  REQUIRE(body.size() >= closing.size());
  REQUIRE(body.compare(body.size() - closing.size(), closing.size(), closing) == 0);
  std::vector<Part> parts;
  std::size_t start = delimiter.size() + 2;
  const std::string separator = "\r\n" + delimiter;
  for (;;) {
    std::size_t end = body.find(separator, start);
    REQUIRE(end != std::string::npos);
    std::string chunk = body.substr(start, end - start);
    std::size_t blank = chunk.find("\r\n\r\n");
    REQUIRE(blank != std::string::npos);
    parts.push_back({chunk.substr(0, blank), chunk.substr(blank + 4)});
    if (body.compare(end + separator.size(), 2, "--") == 0) break;
    start = end + separator.size() + 2;
  }
  return parts;
}

const std::string kBinary = std::string("\x00\x01\r\n--x\xff", 8);

/// A file in the temporary folder holding kBinary.
std::filesystem::path temp_file_with_binary(const std::string& name) {
  const std::filesystem::path path = std::filesystem::temp_directory_path() / name;
  std::ofstream file(path, std::ios::binary);
  file << kBinary;
  return path;
}

}  // namespace

TEST_CASE("a multipart body has a boundary no part contains and one part per field") {
  LoopbackServer server;
  server.enqueue(answer(201, R"({"id":"f1","preview":"abc"})"));
  Client client(options_for(server));
  models::UploadFileRequest body;
  body.file = Blob::from_bytes(kBinary, "scan.pdf", "application/pdf");
  body.title = "Q3 \"report\"";
  body.pages = 12;
  body.tags = std::vector<std::string>{"a", "b"};
  body.attachments = std::vector<Blob>{Blob::from_bytes("one"), Blob::from_bytes("two", "2.txt")};
  models::FileMeta meta;
  meta.source = "scanner";
  body.meta = meta;
  body.kind = models::FileKind::from_string("pdf");
  models::StoredFile stored = client.files().upload_file(body);
  CHECK(stored.id == "f1");
  REQUIRE(stored.preview);
  CHECK(stored.preview->bytes() == "abc");

  RecordedRequest request = only_request(server);
  CHECK(request.method == "POST");
  CHECK(request.target == "/api/v0/files");
  std::vector<Part> parts = parse_multipart(request);
  REQUIRE(parts.size() == 9);
  CHECK(parts[0].headers ==
        "Content-Disposition: form-data; name=\"file\"; filename=\"scan.pdf\"\r\n"
        "Content-Type: application/pdf");
  CHECK(parts[0].body == kBinary);
  // A quote in a value is data; in a name or file name it would be escaped.
  CHECK(parts[1].headers == "Content-Disposition: form-data; name=\"title\"");
  CHECK(parts[1].body == "Q3 \"report\"");
  CHECK(parts[2].body == "12");
  CHECK(parts[3].headers == "Content-Disposition: form-data; name=\"tags\"");
  CHECK(parts[3].body == "a");
  CHECK(parts[4].body == "b");
  CHECK(parts[5].headers ==
        "Content-Disposition: form-data; name=\"attachments\"; filename=\"attachments\"\r\n"
        "Content-Type: application/octet-stream");
  CHECK(parts[5].body == "one");
  CHECK(parts[6].headers.find("filename=\"2.txt\"") != std::string::npos);
  CHECK(parts[7].headers ==
        "Content-Disposition: form-data; name=\"meta\"\r\nContent-Type: application/json");
  CHECK(parts[7].body == R"({"source":"scanner"})");
  CHECK(parts[8].body == "pdf");
}

TEST_CASE("absent optional multipart fields send no part and the enum sends its name") {
  LoopbackServer server;
  server.enqueue(answer(201, R"({"id":"f2"})"));
  Client client(options_for(server));
  models::UploadFileRequest body;
  body.file = Blob::from_bytes("x");
  body.title = "t";
  body.kind = models::FileKind::from_string("image");
  client.files().upload_file(body);
  std::vector<Part> parts = parse_multipart(only_request(server));
  REQUIRE(parts.size() == 3);
  CHECK(parts[2].headers == "Content-Disposition: form-data; name=\"kind\"");
  CHECK(parts[2].body == "image");
}

TEST_CASE("a file part reads its file when the request is built and names the file") {
  const std::filesystem::path path = temp_file_with_binary("dynamic_bodies_test_upload.bin");
  LoopbackServer server;
  server.enqueue(answer(204));
  Client client(options_for(server));
  client.files().put_file_content("a/b", Blob::from_file(path.string()));
  RecordedRequest request = only_request(server);
  CHECK(request.method == "PUT");
  CHECK(request.target == "/api/v0/files/a%2Fb/content");
  CHECK(request.headers.at("content-type") == "application/octet-stream");
  CHECK(request.body == kBinary);
  std::filesystem::remove(path);

  // A file that is gone is the caller's mistake, named, and nothing is sent.
  CHECK_THROWS_WITH_AS(client.files().put_file_content("a", Blob::from_file(path.string())),
                       doctest::Contains(path.string().c_str()),
                       std::invalid_argument);
  CHECK(server.requests().size() == 1);
}

TEST_CASE("a wildcard media type takes the blob's content type and text goes as text") {
  LoopbackServer server;
  server.enqueue(answer(204));
  server.enqueue(answer(204));
  server.enqueue(answer(204));
  Client client(options_for(server));
  client.files().upload_image(Blob::from_bytes("PNG", "", "image/png"));
  client.files().upload_image(std::nullopt);
  client.notes().add_note("hello\nworld");
  std::vector<RecordedRequest> requests = server.requests();
  REQUIRE(requests.size() == 3);
  CHECK(requests[0].headers.at("content-type") == "image/png");
  CHECK(requests[0].body == "PNG");
  CHECK(requests[1].headers.count("content-type") == 0);
  CHECK(requests[1].body.empty());
  CHECK(requests[2].headers.at("content-type") == "text/plain");
  CHECK(requests[2].body == "hello\nworld");
}

TEST_CASE("cookie parameters go in one encoded Cookie header and header arrays are joined") {
  LoopbackServer server;
  server.enqueue(answer(200, R"({"user":"u1"})"));
  server.enqueue(answer(200, R"({"user":"u2"})"));
  Client client(options_for(server));
  GetSessionParams params;
  params.session_id = "s 1;evil=1";
  params.theme = models::GetSessionTheme::from_string("dark");
  params.x_trace = std::vector<std::int64_t>{1, 2, 3};
  CHECK(client.session().get_session(params).user == "u1");
  GetSessionParams plain;
  plain.session_id = "abc";
  client.session().get_session(plain);
  std::vector<RecordedRequest> requests = server.requests();
  REQUIRE(requests.size() == 2);
  CHECK(requests[0].headers.at("cookie") == "session_id=s%201%3Bevil%3D1; theme=dark");
  CHECK(requests[0].headers.at("x-trace") == "1,2,3");
  CHECK(requests[1].headers.at("cookie") == "session_id=abc");
  CHECK(requests[1].headers.count("x-trace") == 0);
}

TEST_CASE("the CLI sends --form fields and files and --body files as bytes") {
  const std::filesystem::path path = temp_file_with_binary("dynamic_bodies_test_cli.bin");
  LoopbackServer server;
  server.enqueue(answer(201, R"({"id":"f3"})"));
  server.enqueue(answer(204));
  const std::string token = testing::valid_token();
  const std::string base = server.base_url();
  auto getenv = [&](const char* name) -> const char* {
    return std::string(name) == "DYNAMIC_API_TOKEN" ? token.c_str() : nullptr;
  };
  std::ostringstream out;
  std::ostringstream err;
  int code = cli::run_cli({"--base-url",
                           base,
                           "upload-file",
                           "--form",
                           "file=@" + path.string(),
                           "--form",
                           "title=Report",
                           "--form",
                           "tags=x",
                           "--form",
                           "tags=y",
                           "--form",
                           R"(meta={"size":3})"},
                          cli::operations(),
                          getenv,
                          out,
                          err);
  CHECK(err.str() == "");
  CHECK(code == cli::kExitOk);
  code = cli::run_cli(
      {"--base-url", base, "put-file-content", "--file-id", "f3", "--body", "@" + path.string()},
      cli::operations(),
      getenv,
      out,
      err);
  CHECK(code == cli::kExitOk);
  std::filesystem::remove(path);

  std::vector<RecordedRequest> requests = server.requests();
  REQUIRE(requests.size() == 2);
  std::vector<Part> parts = parse_multipart(requests[0]);
  REQUIRE(parts.size() == 5);
  CHECK(parts[0].headers.find("filename=\"dynamic_bodies_test_cli.bin\"") != std::string::npos);
  CHECK(parts[0].body == kBinary);
  CHECK(parts[1].body == "Report");
  CHECK(parts[2].body == "x");
  CHECK(parts[3].body == "y");
  CHECK(parts[4].body == R"({"size":3})");
  CHECK(requests[1].body == kBinary);
}

TEST_CASE("the CLI refuses a --form field the body does not have and a missing required one") {
  std::ostringstream out;
  std::ostringstream err;
  const std::string token = testing::valid_token();
  auto getenv = [&](const char* name) -> const char* {
    return std::string(name) == "DYNAMIC_API_TOKEN" ? token.c_str() : nullptr;
  };
  int code = cli::run_cli({"upload-file", "--form", "file=x", "--form", "titel=y"},
                          cli::operations(),
                          getenv,
                          out,
                          err);
  CHECK(code == cli::kExitUsage);
  CHECK(err.str().find("no field 'titel'") != std::string::npos);
  err.str("");
  code = cli::run_cli({"upload-file", "--form", "file=x"}, cli::operations(), getenv, out, err);
  CHECK(code == cli::kExitUsage);
  CHECK(err.str().find("missing --form title") != std::string::npos);
  err.str("");
  code = cli::run_cli({"upload-file", "--form", "novalue"}, cli::operations(), getenv, out, err);
  CHECK(code == cli::kExitUsage);
  CHECK(err.str().find("name=value") != std::string::npos);
}

TEST_CASE("the CLI sends a map body given as JSON") {
  LoopbackServer server;
  server.enqueue(answer(200, R"({"a":[1,2]})"));
  const std::string token = testing::valid_token();
  auto getenv = [&](const char* name) -> const char* {
    return std::string(name) == "DYNAMIC_API_TOKEN" ? token.c_str() : nullptr;
  };
  std::ostringstream out;
  std::ostringstream err;
  const int code = cli::run_cli(
      {"--base-url", server.base_url(), "put-file-meta", "--body", R"({"a":{"size":3}})"},
      cli::operations(),
      getenv,
      out,
      err);
  CHECK(err.str() == "");
  CHECK(code == cli::kExitOk);
  CHECK(out.str() == "{\"a\":[1,2]}\n");
  CHECK(only_request(server).body == R"({"a":{"size":3}})");
}
