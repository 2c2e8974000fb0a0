// AtomicDir (`minesim export -o DIR`): DIR appears only at commit, an abandoned export leaves
// nothing, and --force replaces an earlier export but never a directory with anything else.
#include "io/atomic_dir.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "core/errors.h"
#include "support.h"

namespace minesim {
namespace {

namespace fs = std::filesystem;

std::size_t entries(const std::string& dir) {
  return static_cast<std::size_t>(std::distance(fs::directory_iterator(dir), {}));
}

TEST(AtomicDir, AppearsOnlyAtCommit) {
  const std::string root = test::fresh_dir("atomic_dir_commit");
  const std::string out = root + "/sub/csv/";  // a trailing slash names the same directory
  AtomicDir d(out, false);
  std::ofstream(d.file("a.csv")) << "x\n1\n";
  EXPECT_FALSE(fs::exists(root + "/sub/csv"));
  d.commit();
  EXPECT_TRUE(fs::is_regular_file(root + "/sub/csv/a.csv"));
  EXPECT_EQ(entries(root + "/sub"), 1u);  // no temporary left beside it
}

TEST(AtomicDir, AbandonedLeavesNothing) {
  const std::string root = test::fresh_dir("atomic_dir_abandon");
  {
    AtomicDir d(root + "/csv", false);
    std::ofstream(d.file("a.csv")) << "x\n";
  }
  EXPECT_EQ(entries(root), 0u);
}

TEST(AtomicDir, ForceReplacesOnlyAnEarlierExport) {
  const std::string root = test::fresh_dir("atomic_dir_force");
  const std::string out = root + "/csv";
  fs::create_directory(out);
  std::ofstream(out + "/old.csv") << "old\n";
  EXPECT_THROW(AtomicDir(out, false), CannotCreateError);  // not empty, no --force
  {
    AtomicDir d(out, true);
    std::ofstream(d.file("new.csv")) << "new\n";
    d.commit();
  }
  EXPECT_TRUE(fs::exists(out + "/new.csv"));
  EXPECT_FALSE(fs::exists(out + "/old.csv"));
  EXPECT_EQ(entries(root), 1u);  // the earlier export is gone, no temporary left
  std::ofstream(out + "/notes.txt") << "mine\n";
  EXPECT_THROW(AtomicDir(out, true), CannotCreateError);  // holds what an export does not write
  std::ofstream(root + "/file") << "x";
  EXPECT_THROW(AtomicDir(root + "/file", true), CannotCreateError);
  fs::create_directory_symlink(out, root + "/link");
  EXPECT_THROW(AtomicDir(root + "/link", true), CannotCreateError);
  EXPECT_TRUE(fs::exists(out + "/notes.txt"));
}

}  // namespace
}  // namespace minesim
