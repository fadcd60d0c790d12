// Webhook signatures: the runtime's HMAC checked against a second implementation (the openssl
// command line), the refusals, and `dynamic verify-webhook`'s exit codes.
#include <doctest/doctest.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "driver.hpp"
#include "dynamic/runtime/webhook.hpp"

namespace {

namespace fs = std::filesystem;
using dynamic::WebhookSignatureError;

const std::string kSecret = "whsec_0123456789abcdefghijklmnopqrstuv";

fs::path write_temp(const std::string& name, const std::string& bytes) {
  const fs::path path = fs::temp_directory_path() / ("dynamic-webhook-test-" + name);
  std::ofstream(path, std::ios::binary) << bytes;
  return path;
}

/// The hex HMAC-SHA256 of the file as `openssl dgst` computes it, or empty when the command is
/// not there.
std::string openssl_hmac(const std::string& secret, const fs::path& file) {
  const std::string command =
      "openssl dgst -sha256 -hmac '" + secret + "' -r '" + file.string() + "' 2>/dev/null";
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return {};
  std::array<char, 256> line{};
  std::string output;
  while (fgets(line.data(), static_cast<int>(line.size()), pipe) != nullptr) output += line.data();
  if (pclose(pipe) != 0) return {};
  return output.substr(0, output.find(' '));  // "-r": "<hex> *<file>"
}

WebhookSignatureError::Reason refusal(const std::string& signature, const std::string& body) {
  try {
    dynamic::verify_webhook_signature(kSecret, signature, body);
  } catch (const WebhookSignatureError& error) {
    CHECK(std::string(error.what()).find(kSecret) == std::string::npos);
    return error.reason();
  }
  FAIL("accepted: " << signature);
  return WebhookSignatureError::Reason::kMissing;
}

int run(const std::vector<std::string>& args,
        std::string& out,
        std::string& err,
        const char* secret_variable = nullptr) {
  std::ostringstream out_stream;
  std::ostringstream err_stream;
  const int code = dynamic::cli::run_cli(
      args,
      {},
      [secret_variable](const char* name) -> const char* {
        return std::string(name) == "DYNAMIC_WEBHOOK_SECRET" ? secret_variable : nullptr;
      },
      out_stream,
      err_stream);
  out = out_stream.str();
  err = err_stream.str();
  return code;
}

}  // namespace

TEST_CASE("webhook: signatures agree with openssl dgst on every kind of body") {
  const std::vector<std::string> bodies = {
      "",
      R"({"eventId":"e1","eventName":"user.created","data":{"email":"a@b.c"}})",
      std::string("binary\0with\r\nbytes\xff", 20),
      "caf\xc3\xa9 \xf0\x9f\x98\x80\n"};
  for (std::size_t i = 0; i < bodies.size(); ++i) {
    INFO("body " << i);
    const fs::path file = write_temp("body" + std::to_string(i), bodies[i]);
    const std::string expected = openssl_hmac(kSecret, file);
    fs::remove(file);
    if (expected.empty()) {
      MESSAGE("skipped: the openssl command is not available to compute reference signatures");
      return;
    }
    REQUIRE(expected.size() == 64);
    CHECK(dynamic::sign_webhook_body(kSecret, bodies[i]) == "sha256=" + expected);
    CHECK(dynamic::webhook_signature_is_valid(kSecret, "sha256=" + expected, bodies[i]));
    std::string upper = expected;
    for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    CHECK(dynamic::webhook_signature_is_valid(kSecret, "sha256=" + upper, bodies[i]));
  }
}

TEST_CASE("webhook: a missing or malformed or wrong signature is refused and says which") {
  using Reason = WebhookSignatureError::Reason;
  const std::string body = R"({"eventId":"e1"})";
  const std::string good = dynamic::sign_webhook_body(kSecret, body);
  std::string flipped = good;
  flipped.back() = flipped.back() == '0' ? '1' : '0';
  CHECK(refusal("", body) == Reason::kMissing);
  CHECK(refusal(flipped, body) == Reason::kMismatch);
  CHECK(refusal(good, body + "\n") == Reason::kMismatch);  // the body must be the raw bytes
  CHECK(refusal("sha1=" + good.substr(7), body) == Reason::kMalformed);
  CHECK(refusal(good.substr(7), body) == Reason::kMalformed);      // no prefix
  CHECK(refusal(good.substr(0, 70), body) == Reason::kMalformed);  // 63 digits
  CHECK(refusal(good + "0", body) == Reason::kMalformed);          // 65 digits
  CHECK(refusal("sha256=" + std::string(64, 'g'), body) == Reason::kMalformed);
  CHECK(refusal("sha256= " + good.substr(8), body) == Reason::kMalformed);
  CHECK_FALSE(dynamic::webhook_signature_is_valid("other-secret", good, body));
  CHECK_THROWS_AS(dynamic::verify_webhook_signature("", good, body), dynamic::ConfigurationError);
  CHECK_FALSE(dynamic::webhook_signature_is_valid("", good, body));
}

TEST_CASE("verify-webhook: exit 0 when valid and 3 when not and never prints the secret") {
  const std::string body = R"({"eventId":"e2","eventName":"wallet.linked"})";
  const std::string signature = dynamic::sign_webhook_body(kSecret, body);
  std::string out;
  std::string err;
  CHECK(run({"verify-webhook", "--secret", kSecret, "--signature", signature, "--body", body},
            out,
            err) == 0);
  CHECK(out == "valid\n");

  const fs::path file = write_temp("cli-body", body);
  CHECK(run({"verify-webhook", "--signature=" + signature, "--body", "@" + file.string()},
            out,
            err,
            kSecret.c_str()) == 0);  // the secret from DYNAMIC_WEBHOOK_SECRET
  fs::remove(file);

  CHECK(run({"verify-webhook", "--secret", kSecret, "--signature", signature, "--body", body + " "},
            out,
            err) == 3);
  CHECK(err.find("does not match") != std::string::npos);
  CHECK(err.find(kSecret) == std::string::npos);
  CHECK(std::count(err.begin(), err.end(), '\n') == 1);
  CHECK(run({"verify-webhook", "--secret", kSecret, "--signature", "sha256=zz", "--body", body},
            out,
            err) == 3);
  CHECK(err.find("malformed") != std::string::npos);
  CHECK(run({"verify-webhook", "--signature", signature, "--body", body}, out, err) == 2);
  CHECK(run({"verify-webhook", "--secret", kSecret, "--sig", signature}, out, err) == 1);
  CHECK(run({"verify-webhook", "--secret"}, out, err) == 1);
  CHECK(run({"verify-webhook", "--help"}, out, err) == 0);
  CHECK(out.find("x-dynamic-signature-256") != std::string::npos);
}
