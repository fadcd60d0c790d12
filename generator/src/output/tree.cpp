#include "output/tree.hpp"

#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>
#include <stdexcept>

namespace dyngen {
namespace fs = std::filesystem;
namespace {

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

void write_file(const fs::path& path, const std::string& content) {
  fs::create_directories(path.parent_path());
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(content.data(), static_cast<std::streamsize>(content.size()));
  out.close();
  if (!out) throw std::runtime_error("cannot write " + path.string());
}

std::set<std::string> files_on_disk(const fs::path& root) {
  std::set<std::string> out;
  if (!fs::is_directory(root)) return out;
  for (const auto& entry : fs::recursive_directory_iterator(root)) {
    if (entry.is_regular_file()) out.insert(fs::relative(entry.path(), root).generic_string());
  }
  return out;
}

}  // namespace

TreeDiff diff_tree(const std::string& out_dir, const FileSet& files) {
  TreeDiff diff;
  fs::path root(out_dir);
  std::set<std::string> on_disk = files_on_disk(root);
  for (const auto& [path, content] : files) {
    if (on_disk.count(path) == 0) {
      diff.missing.push_back(path);
    } else if (read_file(root / path) != content) {
      diff.changed.push_back(path);
    }
  }
  for (const std::string& path : on_disk) {
    if (files.count(path) == 0) diff.stale.push_back(path);
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
