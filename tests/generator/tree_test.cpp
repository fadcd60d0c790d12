#include <doctest/doctest.h>

#include <sys/stat.h>
#include <unistd.h>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "output/tree.hpp"

using namespace dyngen;
namespace fs = std::filesystem;

namespace {

struct TempDir {
  fs::path path;
  TempDir() {
    path = fs::temp_directory_path() /
           ("dyngen-tree-" + std::to_string(::getpid()) + "-" + std::to_string(counter()++));
    fs::remove_all(path);
  }
  ~TempDir() { fs::remove_all(path); }
  static int& counter() {
    static int value = 0;
    return value;
  }
};

std::string read(const fs::path& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

ino_t inode(const fs::path& path) {
  struct stat info {};
  ::stat(path.c_str(), &info);
  return info.st_ino;
}

}  // namespace

TEST_CASE("write_tree writes a new tree and reports it as added") {
  TempDir dir;
  TreeDiff diff = write_tree(dir.path.string(), {{"a.hpp", "A"}, {"sub/b.cpp", "B"}});
  CHECK(diff.missing == std::vector<std::string>{"a.hpp", "sub/b.cpp"});
  CHECK(read(dir.path / "sub/b.cpp") == "B");
  CHECK(diff_tree(dir.path.string(), {{"a.hpp", "A"}, {"sub/b.cpp", "B"}}).empty());
}

TEST_CASE("write_tree keeps unchanged files and rewrites changed ones and removes stale ones") {
  TempDir dir;
  write_tree(dir.path.string(), {{"same.hpp", "S"}, {"edit.hpp", "old"}, {"gone.hpp", "G"}});
  ino_t same_before = inode(dir.path / "same.hpp");
  TreeDiff diff = write_tree(dir.path.string(), {{"same.hpp", "S"}, {"edit.hpp", "new"}});
  CHECK(diff.changed == std::vector<std::string>{"edit.hpp"});
  CHECK(diff.stale == std::vector<std::string>{"gone.hpp"});
  CHECK(read(dir.path / "edit.hpp") == "new");
  CHECK_FALSE(fs::exists(dir.path / "gone.hpp"));
  // Unchanged files are carried over as the same file, so builds do not redo them.
  CHECK(inode(dir.path / "same.hpp") == same_before);
  CHECK_FALSE(fs::exists(dir.path.string() + ".dyngen-new"));
  CHECK_FALSE(fs::exists(dir.path.string() + ".dyngen-old"));
}

TEST_CASE("an unchanged tree is not touched at all") {
  TempDir dir;
  write_tree(dir.path.string(), {{"x.hpp", "X"}});
  auto before = fs::last_write_time(dir.path / "x.hpp");
  CHECK(write_tree(dir.path.string(), {{"x.hpp", "X"}}).empty());
  CHECK(fs::last_write_time(dir.path / "x.hpp") == before);
}

TEST_CASE("diff_tree lists changed and missing and stale files") {
  TempDir dir;
  write_tree(dir.path.string(), {{"a", "1"}, {"b", "2"}});
  TreeDiff diff = diff_tree(dir.path.string(), {{"a", "changed"}, {"c", "3"}});
  CHECK(diff.changed == std::vector<std::string>{"a"});
  CHECK(diff.missing == std::vector<std::string>{"c"});
  CHECK(diff.stale == std::vector<std::string>{"b"});
}
