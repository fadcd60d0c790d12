// Bodies that are not JSON documents: blobs, multipart forms (RFC 7578) and their boundary.
#include "dynamic/detail/body.hpp"

#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <stdexcept>

namespace dynamic {

Blob Blob::from_bytes(std::string bytes, std::string filename, std::string content_type) {
  Blob blob;
  blob.bytes_ = std::move(bytes);
  blob.filename_ = std::move(filename);
  blob.content_type_ = std::move(content_type);
  return blob;
}

Blob Blob::from_file(std::string path, std::string content_type) {
  Blob blob;
  blob.is_file_ = true;
  blob.filename_ = std::filesystem::path(path).filename().string();
  blob.path_ = std::move(path);
  blob.content_type_ = std::move(content_type);
  return blob;
}

std::string Blob::bytes() const {
  if (!is_file_) return bytes_;
  std::ifstream file(path_, std::ios::binary);
  std::string bytes;
  if (file) bytes.assign(std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>());
  if (!file && !file.eof()) {
    throw std::invalid_argument("cannot read the file '" + path_ + "' to send");
  }
  return bytes;
}

namespace detail {
namespace {

constexpr std::string_view kOctetStream = "application/octet-stream";

/// A quoted-string parameter of Content-Disposition. As browsers do (WHATWG's multipart form
/// encoding), CR, LF and '"' are percent-encoded so a name cannot end the header early.
void append_quoted(std::string& out, std::string_view text) {
  out += '"';
  for (char c : text) {
    if (c == '"') {
      out += "%22";
    } else if (c == '\r') {
      out += "%0D";
    } else if (c == '\n') {
      out += "%0A";
    } else {
      out += c;
    }
  }
  out += '"';
}

}  // namespace

void add_part(MultipartParts& parts, std::string_view name, const Blob& value) {
  std::string type =
      value.content_type().empty() ? std::string(kOctetStream) : value.content_type();
  // A file part always names a file: servers tell files from fields by the filename parameter.
  std::string filename = value.filename().empty() ? std::string(name) : value.filename();
  parts.push_back({std::string(name), std::move(filename), std::move(type), value.bytes()});
}

void set_raw_body(ApiRequest& request, const Blob& body, std::string_view media) {
  request.raw_body = body.bytes();
  if (media.find('*') == std::string_view::npos) {
    request.raw_media = std::string(media);
  } else {
    request.raw_media =
        body.content_type().empty() ? std::string(kOctetStream) : body.content_type();
  }
}

void set_raw_body(ApiRequest& request, std::string body, std::string_view media) {
  request.raw_body = std::move(body);
  request.raw_media =
      media.find('*') == std::string_view::npos ? std::string(media) : std::string("text/plain");
}

std::string encode_multipart(const MultipartParts& parts, std::string_view boundary) {
  std::string out;
  for (const MultipartPart& part : parts) {
    out.append("--").append(boundary).append("\r\n");
    out += "Content-Disposition: form-data; name=";
    append_quoted(out, part.name);
    if (!part.filename.empty()) {
      out += "; filename=";
      append_quoted(out, part.filename);
    }
    out += "\r\n";
    if (!part.content_type.empty())
      out.append("Content-Type: ").append(part.content_type) += "\r\n";
    out += "\r\n";
    out += part.bytes;
    out += "\r\n";
  }
  out.append("--").append(boundary).append("--\r\n");
  return out;
}

std::string choose_boundary(const MultipartParts& parts) {
  static constexpr char kAlphabet[] =
      "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
  thread_local std::mt19937_64 random{std::random_device{}()};
  std::uniform_int_distribution<std::size_t> pick(0, sizeof(kAlphabet) - 2);
  for (;;) {
    std::string boundary = "dynamic-";
    for (int i = 0; i < 32; ++i) boundary += kAlphabet[pick(random)];
    bool clashes = false;
    for (const MultipartPart& part : parts) {
      clashes = clashes || part.bytes.find(boundary) != std::string::npos;
    }
    if (!clashes) return boundary;
  }
}

}  // namespace detail
}  // namespace dynamic
