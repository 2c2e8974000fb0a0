// AtomicFile taking over a kept temporary (an interrupted ensemble continued): it commits that
// very file to FILE, and refuses a temporary that is a link or missing.
#include "io/atomic_file.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "core/errors.h"
#include "support.h"

namespace minesim {
namespace {

namespace fs = std::filesystem;

std::string read_all(const std::string& path) {
  std::ifstream in(path);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

TEST(AtomicFile, AdoptsAKeptTemporaryAndCommitsIt) {
  const std::string dir = test::fresh_dir("atomic_adopt");
  const std::string out = dir + "/e.h5";
  std::string kept;
  {
    AtomicFile first(out);
    kept = first.temp_path();
    std::ofstream(kept) << "members 1-3";
    first.keep();
  }
  ASSERT_TRUE(fs::exists(kept));
  AtomicFile again(out, kept);
  EXPECT_EQ(again.temp_path(), kept);
  again.commit();
  EXPECT_FALSE(fs::exists(kept));
  EXPECT_EQ(read_all(out), "members 1-3");
}

TEST(AtomicFile, AdoptionRefusesALinkOrAMissingTemporary) {
  const std::string dir = test::fresh_dir("atomic_adopt_bad");
  const std::string out = dir + "/e.h5", target = dir + "/victim";
  std::ofstream(target) << "not ours";
  const std::string link = out + ".partial-LINKED";
  fs::create_symlink(target, link);
  EXPECT_THROW(AtomicFile(out, link), CannotCreateError);
  EXPECT_THROW(AtomicFile(out, out + ".partial-NOSUCH"), CannotCreateError);
  EXPECT_EQ(read_all(target), "not ours");
  // A removed (not kept) adopted temporary goes.
  const std::string kept = out + ".partial-KEPT";
  std::ofstream(kept) << "x";
  { AtomicFile a(out, kept); }
  EXPECT_FALSE(fs::exists(kept));
}

}  // namespace
}  // namespace minesim
