// Which files a scenario may be read from (issue 11, item 7): the scenario file and every base
// named by `extends` must be regular files (a symlink to one is fine) of at most 16 MiB; a
// directory, a device, a FIFO or a NUL in the path is refused with exit 2 and a message, without
// reading (so nothing blocks or exhausts memory).
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>

#include "model/load.h"
#include "scenario/diagnostics.h"
#include "support.h"

namespace minesim {
namespace {

namespace fs = std::filesystem;

std::string errors_of_file(const std::string& path) {
  try {
    load_scenario_file(path);
  } catch (const ScenarioError& e) {
    EXPECT_EQ(e.exit_status(), 2);
    return e.what();
  }
  return "";
}

// A file in `dir` extending `base` (as written in the file).
std::string extending(const std::string& dir, const std::string& base) {
  return test::write_file(dir + "/top.toml", "extends = \"" + base + "\"\n");
}

TEST(ScenarioFiles, ExtendsReadsRegularFilesAndSymlinksToThem) {
  const std::string dir = test::fresh_dir("extends_regular");
  test::write_file(dir + "/base.toml", test::tiny_scenario(2000, 12, ""));
  fs::create_symlink("base.toml", dir + "/link.toml");
  const std::string top = extending(dir, "link.toml");
  EXPECT_EQ(errors_of_file(top), "");
  EXPECT_EQ(load_scenario_file(top).communities.size(), 2u);
}

TEST(ScenarioFiles, ExtendsRefusesDirectoriesDevicesAndFifos) {
  const std::string dir = test::fresh_dir("extends_special");
  fs::create_directory(dir + "/sub");
  ASSERT_EQ(::mkfifo((dir + "/fifo").c_str(), 0600), 0);  // no writer: reading would block
  const std::string top = dir + "/top.toml";
  const auto expect = [&](const std::string& base, const std::string& why) {
    extending(dir, base);
    EXPECT_EQ(errors_of_file(top), top + ":1:11: error: extends: cannot open '" +
                                       (base.front() == '/' ? base : dir + "/" + base) +
                                       "': " + why + "\n")
        << base;
  };
  // Before: a directory was an empty base, /dev/zero filled memory, a FIFO blocked.
  expect("sub", "a directory, not a regular file");
  expect("/dev/zero", "a character device, not a regular file");
  expect("fifo", "a FIFO (pipe), not a regular file");
  expect("missing.toml", "No such file or directory");
  struct stat in {};
  if (::fstat(0, &in) == 0 && !S_ISREG(in.st_mode)) {  // /dev/stdin: a terminal, pipe or null
    extending(dir, "/dev/stdin");
    EXPECT_NE(errors_of_file(top).find("extends: cannot open '/dev/stdin': a "), std::string::npos);
  }
}

TEST(ScenarioFiles, ExtendsRefusesANulInThePath) {
  // Before: the path was cut at the NUL and "base.toml" was read.
  const std::string dir = test::fresh_dir("extends_nul");
  test::write_file(dir + "/base.toml", test::tiny_scenario(2000, 12, ""));
  const std::string top = test::write_file(dir + "/top.toml", "extends = \"base.toml\\u0000x\"\n");
  EXPECT_EQ(errors_of_file(top),
            top + ":1:11: error: extends: the path 'base.toml\\x00x' contains a NUL character\n");
}

TEST(ScenarioFiles, FilesOverSixteenMebibytesAreRefused) {
  const std::string dir = test::fresh_dir("extends_large");
  const std::string big = dir + "/big.toml";
  test::write_file(big, "# a comment\n");
  fs::resize_file(big, (std::uintmax_t{16} << 20) + 1);  // sparse: nothing is written
  const std::string top = extending(dir, "big.toml");
  EXPECT_EQ(errors_of_file(top), top + ":1:11: error: extends: cannot open '" + big +
                                     "': 16777217 bytes, over the limit of 16 MiB for a "
                                     "scenario file\n");
  EXPECT_EQ(errors_of_file(big), big +
                                     ":1:1: error: cannot open scenario file: 16777217 bytes, "
                                     "over the limit of 16 MiB for a scenario file\n");
  // At the limit: read and parsed (one long comment).
  test::write_file(big, "#" + std::string((std::size_t{16} << 20) - 2, 'x') + "\n");
  EXPECT_EQ(errors_of_file(big),
            big + ":1:1: error: communities: a scenario needs at least one [communities.NAME]\n");
}

TEST(ScenarioFiles, TheScenarioFileItselfMustBeARegularFile) {
  const std::string dir = test::fresh_dir("scenario_special");
  fs::create_directory(dir + "/sub.toml");
  ASSERT_EQ(::mkfifo((dir + "/fifo.toml").c_str(), 0600), 0);
  auto r = test::run_cli({"validate", "sub.toml"}, dir);
  EXPECT_EQ(r.status, 2);
  EXPECT_EQ(r.err,
            "sub.toml:1:1: error: cannot open scenario file: a directory, not a regular file\n"
            "sub.toml: 1 error(s)\n");
  r = test::run_cli({"run", "fifo.toml", "-o", "x.h5"}, dir);  // returns: nothing blocks
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("fifo.toml:1:1: error: cannot open scenario file: a FIFO (pipe), not a "
                       "regular file\n"),
            std::string::npos);
  EXPECT_FALSE(fs::exists(dir + "/x.h5"));
}

}  // namespace
}  // namespace minesim
