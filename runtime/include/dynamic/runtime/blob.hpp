// Bytes an operation sends as they are: a binary request body, or a file part of a multipart
// form. Given in memory, or as a file that is read when the request is built, so that a call
// does not need the whole file until it runs.
#pragma once

#include <string>

namespace dynamic {

class Blob {
 public:
  /// No bytes.
  Blob() = default;

  /// These bytes; `filename` and `content_type` describe them in a multipart part (both may be
  /// empty: no file name, and application/octet-stream).
  static Blob from_bytes(std::string bytes,
                         std::string filename = {},
                         std::string content_type = {});

  /// The file at `path`, read when the request is built. Its file name (without directories)
  /// names the multipart part's file.
  static Blob from_file(std::string path, std::string content_type = {});

  /// True for a blob made by from_file.
  bool is_file() const { return is_file_; }
  /// The file's path (from_file), else empty.
  const std::string& path() const { return path_; }
  const std::string& filename() const { return filename_; }
  const std::string& content_type() const { return content_type_; }

  /// The bytes: those given, or the file's, read now. Throws std::invalid_argument naming the
  /// path when the file cannot be read.
  std::string bytes() const;

  friend bool operator==(const Blob& a, const Blob& b) {
    return a.is_file_ == b.is_file_ && a.path_ == b.path_ && a.bytes_ == b.bytes_ &&
           a.filename_ == b.filename_ && a.content_type_ == b.content_type_;
  }
  friend bool operator!=(const Blob& a, const Blob& b) { return !(a == b); }

 private:
  bool is_file_ = false;
  std::string path_;
  std::string bytes_;
  std::string filename_;
  std::string content_type_;
};

}  // namespace dynamic
