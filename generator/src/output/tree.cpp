#include "output/tree.hpp"

#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <stdexcept>

namespace dyngen {
namespace fs = std::filesystem;
namespace {

/// True when the file at `path` holds exactly `content` (read in one piece: large outputs have
/// thousands of files).
bool same_content(const fs::path& path, std::uintmax_t size, const std::string& content) {
  if (size != content.size()) return false;
  std::ifstream in(path, std::ios::binary);
  std::string bytes(content.size(), '\0');
  in.read(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  return in.gcount() == static_cast<std::streamsize>(bytes.size()) && bytes == content;
}

void write_file(const fs::path& path, const std::string& content) {
  fs::create_directories(path.parent_path());
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(content.data(), static_cast<std::streamsize>(content.size()));
  out.close();
  if (!out) throw std::runtime_error("cannot write " + path.string());
}

/// Every regular file under `root`, by its path relative to root, with its size.
std::map<std::string, std::uintmax_t> files_on_disk(const fs::path& root) {
  std::map<std::string, std::uintmax_t> out;
  if (!fs::is_directory(root)) return out;
  for (const auto& entry : fs::recursive_directory_iterator(root)) {
    if (entry.is_regular_file()) {
      // lexically_relative: fs::relative would resolve symlinks (a realpath per file).
      out.emplace(entry.path().lexically_relative(root).generic_string(), entry.file_size());
    }
  }
  return out;
}

}  // namespace

TreeDiff diff_tree(const std::string& out_dir, const FileSet& files) {
  TreeDiff diff;
  fs::path root(out_dir);
  std::map<std::string, std::uintmax_t> on_disk = files_on_disk(root);
  for (const auto& [path, content] : files) {
    auto found = on_disk.find(path);
    if (found == on_disk.end()) {
      diff.missing.push_back(path);
    } else if (!same_content(root / path, found->second, content)) {
      diff.changed.push_back(path);
    }
  }
  for (const auto& entry : on_disk) {
    if (files.count(entry.first) == 0) diff.stale.push_back(entry.first);
  }
  return diff;
}

TreeDiff write_tree(const std::string& out_dir, const FileSet& files) {
  TreeDiff diff = diff_tree(out_dir, files);
  if (diff.empty()) return diff;
  fs::path root = fs::absolute(fs::path(out_dir)).lexically_normal();
  if (root.filename().empty()) root = root.parent_path();
  fs::path staging = root.parent_path() / (root.filename().string() + ".dyngen-new");
  fs::path previous = root.parent_path() / (root.filename().string() + ".dyngen-old");
  fs::remove_all(staging);
  fs::remove_all(previous);

  std::set<std::string> rewrite(diff.changed.begin(), diff.changed.end());
  rewrite.insert(diff.missing.begin(), diff.missing.end());
  for (const auto& [path, content] : files) {
    fs::path target = staging / path;
    if (rewrite.count(path) != 0) {
      write_file(target, content);
      continue;
    }
    fs::create_directories(target.parent_path());
    std::error_code ec;
    fs::create_hard_link(root / path, target, ec);
    if (ec) fs::copy_file(root / path, target, fs::copy_options::overwrite_existing);
  }
  // Swap: the old tree stays whole until the new one is in place.
  if (fs::exists(root)) fs::rename(root, previous);
  fs::rename(staging, root);
  fs::remove_all(previous);
  return diff;
}

}  // namespace dyngen
