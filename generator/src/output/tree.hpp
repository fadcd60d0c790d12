// Writes a generated tree to disk without ever leaving it half-written, and compares a tree with
// what is on disk.
#pragma once

#include <string>
#include <vector>

#include "emit/emitters.hpp"

namespace dyngen {

struct TreeDiff {
  std::vector<std::string> changed;  // on disk with other content
  std::vector<std::string> missing;  // not on disk
  std::vector<std::string> stale;    // on disk, no longer generated
  bool empty() const { return changed.empty() && missing.empty() && stale.empty(); }
};

TreeDiff diff_tree(const std::string& out_dir, const FileSet& files);

/// Brings `out_dir` to exactly `files`. The new tree is assembled beside it (unchanged files are
/// hard-linked, so their timestamps stay and builds do not redo them) and swapped in by rename.
/// Returns what changed.
TreeDiff write_tree(const std::string& out_dir, const FileSet& files);

}  // namespace dyngen
