// The output file is safe (issue 11): runs racing for one FILE each leave a whole file, links and
// special files at the output path are not followed or replaced, a full disk exits 74 with
// nothing left behind, and odd names get a clear status. Each test makes its own reproduction.
#include <fcntl.h>
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <hdf5.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <map>
#include <thread>

#include "io/atomic_file.h"
#include "io/h5.h"
#include "support.h"

namespace minesim {
namespace {

namespace fs = std::filesystem;
using test::run_cli;

// Every floating-point dataset of an output file, as raw bytes: what "bit-identical" compares.
std::map<std::string, std::vector<char>> float_datasets(const std::string& path) {
  std::map<std::string, std::vector<char>> out;
  h5::Handle f = h5::open_readonly(path);
  hsize_t n = 0;
  H5Gget_num_objs(f, &n);
  for (hsize_t i = 0; i < n; ++i) {
    char name[256];
    H5Gget_objname_by_idx(f, i, name, sizeof name);
    h5::Handle ds(H5Dopen2(f, name, H5P_DEFAULT));
    h5::Handle type(H5Dget_type(ds));
    if (ds.get() < 0 || H5Tget_class(type) != H5T_FLOAT) continue;
    h5::Handle space(H5Dget_space(ds));
    std::vector<char> bytes(static_cast<std::size_t>(H5Sget_simple_extent_npoints(space)) * 8);
    if (!bytes.empty()) H5Dread(ds, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, bytes.data());
    out[name] = std::move(bytes);
  }
  return out;
}

// The names in `dir`, sorted: what a run left behind.
std::vector<std::string> names_in(const std::string& dir) {
  std::vector<std::string> v;
  for (const auto& e : fs::directory_iterator(dir)) v.push_back(e.path().filename().string());
  std::sort(v.begin(), v.end());
  return v;
}

bool wait_for(const std::function<bool()>& ok, int seconds = 60) {
  for (int i = 0; i < seconds * 50; ++i) {
    if (ok()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return false;
}

// Before: both runs wrote FILE.partial; the second truncated the first's and failed (73), and the
// first renamed a corrupt file to FILE. Now each has its own temporary: both succeed and FILE is
// exactly one of the two runs.
TEST(OutputSafety, TwoRunsWithTheSameOutputLeaveOneWholeRun) {
  const std::string dir = test::fresh_dir("safety_race");
  test::write_file(dir + "/s.toml", test::tiny_scenario(30000, 120));
  const std::vector<std::string> common{
      "run", "s.toml", "-q", "--threads", "1", "--set", "simulation.flush_months=1"};
  auto with = [&](std::vector<std::string> extra) {
    std::vector<std::string> a = common;
    a.insert(a.end(), extra.begin(), extra.end());
    return a;
  };
  const int first = test::spawn_cli(with({"--seed", "1", "-o", "race.h5"}), dir, dir + "/e1.txt");
  ASSERT_GT(first, 0);
  // The second starts while the first is writing its months.
  ASSERT_TRUE(wait_for([&] {
    for (const auto& n : names_in(dir))
      if (n.rfind("race.h5.partial-", 0) == 0) return true;
    return false;
  }));
  const int second = test::spawn_cli(with({"--seed", "2", "-o", "race.h5"}), dir, dir + "/e2.txt");
  ASSERT_GT(second, 0);
  EXPECT_EQ(test::wait_cli(first), 0) << test::read_file(dir + "/e1.txt");
  EXPECT_EQ(test::wait_cli(second), 0) << test::read_file(dir + "/e2.txt");
  EXPECT_EQ(names_in(dir), (std::vector<std::string>{"e1.txt", "e2.txt", "race.h5", "s.toml"}));

  ASSERT_EQ(run_cli(with({"--seed", "1", "-o", "solo1.h5"}), dir).status, 0);
  ASSERT_EQ(run_cli(with({"--seed", "2", "-o", "solo2.h5"}), dir).status, 0);
  const auto raced = float_datasets(dir + "/race.h5");
  const auto one = float_datasets(dir + "/solo1.h5"), two = float_datasets(dir + "/solo2.h5");
  EXPECT_GT(raced.size(), 40u);
  EXPECT_NE(one, two);
  EXPECT_TRUE(raced == one || raced == two) << "FILE mixes the two runs or is damaged";
}

// Before: a link planted at FILE.partial had its target overwritten and FILE became the link.
TEST(OutputSafety, LinksAtTheOldTemporaryNameAreNotFollowed) {
  const std::string dir = test::fresh_dir("safety_link");
  test::write_file(dir + "/s.toml", test::tiny_scenario(500, 2));
  test::write_file(dir + "/victim", "not yours");
  fs::create_symlink("victim", dir + "/out.h5.partial");
  const auto r = run_cli({"run", "s.toml", "-q", "-o", "out.h5"}, dir);
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_TRUE(test::read_file(dir + "/victim") == "not yours");  // not overwritten
  EXPECT_TRUE(fs::is_regular_file(fs::symlink_status(dir + "/out.h5")));
  EXPECT_TRUE(fs::is_symlink(dir + "/out.h5.partial"));  // someone else's: left alone
}

// FILE a symlink to a regular file: the link is replaced by the new file, its target untouched.
TEST(OutputSafety, SymlinkToARegularFileIsReplacedNotWrittenThrough) {
  const std::string dir = test::fresh_dir("safety_symlink_ok");
  test::write_file(dir + "/s.toml", test::tiny_scenario(500, 2));
  test::write_file(dir + "/target", "kept");
  fs::create_symlink("target", dir + "/out.h5");
  const auto r = run_cli({"run", "s.toml", "-q", "-o", "out.h5"}, dir);
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(test::read_file(dir + "/target"), "kept");
  EXPECT_TRUE(fs::is_regular_file(fs::symlink_status(dir + "/out.h5")));
}

// Before: a fifo (or, as root, /dev/null) at FILE was replaced by a regular file, exit 0.
TEST(OutputSafety, OutputThatIsNotARegularFileIsRefused) {
  const std::string dir = test::fresh_dir("safety_special");
  test::write_file(dir + "/s.toml", test::tiny_scenario(500, 2));
  ASSERT_EQ(mkfifo((dir + "/fifo.h5").c_str(), 0644), 0);
  fs::create_directory(dir + "/dir.h5");
  fs::create_symlink("nowhere", dir + "/dangling.h5");
  fs::create_symlink("fifo.h5", dir + "/to_fifo.h5");
  std::vector<std::pair<std::string, std::string>> cases{
      {"fifo.h5", "it exists and is a fifo"},
      {"dir.h5", "it exists and is a directory"},
      {"dangling.h5", "a symbolic link to nothing"},
      {"to_fifo.h5", "it exists and is a fifo"},
      {"dir.h5/", "it names a directory"}};
  // As root, a device node like /dev/null (made here, so the real one is never at risk).
  if (geteuid() == 0 && mknod((dir + "/null.h5").c_str(), S_IFCHR | 0666, makedev(1, 3)) == 0)
    cases.emplace_back("null.h5", "it exists and is a character device");
  for (const auto& [name, why] : cases) {
    const auto r = run_cli({"run", "s.toml", "-q", "-o", name}, dir);
    EXPECT_EQ(r.status, 73) << name << ": " << r.err;
    EXPECT_NE(r.err.find(why), std::string::npos) << r.err;
  }
  EXPECT_EQ(fs::status(dir + "/fifo.h5").type(), fs::file_type::fifo);
  EXPECT_TRUE(fs::is_directory(dir + "/dir.h5") && fs::is_empty(dir + "/dir.h5"));
  if (fs::exists(fs::symlink_status(dir + "/null.h5"))) {
    EXPECT_EQ(fs::status(dir + "/null.h5").type(), fs::file_type::character);
  }
  for (const auto& n : names_in(dir)) EXPECT_EQ(n.find(".partial"), std::string::npos) << n;
}

// Before: a name over 255 bytes exited 70, and one of 250 failed because FILE.partial was too
// long. Now the first is 73 with the reason and the second works (its temporary is shortened).
TEST(OutputSafety, LongNamesAndTheirTemporaries) {
  const std::string dir = test::fresh_dir("safety_long");
  test::write_file(dir + "/s.toml", test::tiny_scenario(500, 2));
  const auto too_long = run_cli({"run", "s.toml", "-q", "-o", std::string(256, 'a')}, dir);
  EXPECT_EQ(too_long.status, 73) << too_long.err;
  EXPECT_NE(too_long.err.find("File name too long"), std::string::npos) << too_long.err;
  const std::string longest = std::string(252, 'b') + ".h5";
  const auto ok = run_cli({"run", "s.toml", "-q", "-o", longest}, dir);
  EXPECT_EQ(ok.status, 0) << ok.err;
  EXPECT_TRUE(fs::is_regular_file(dir + "/" + longest));
  EXPECT_EQ(names_in(dir).size(), 2u);
  // The shortened temporary keeps UTF-8 whole: "é" (2 bytes) is not cut in two.
  EXPECT_EQ(temp_file_name("ab\xc3\xa9", "XXXXXX", 18), "ab.partial-XXXXXX");
  EXPECT_EQ(temp_file_name("a.h5", "XXXXXX", 255), "a.h5.partial-XXXXXX");
}

// Before: -o "" silently wrote output/STEM.h5; "cannot create" gave no reason.
TEST(OutputSafety, EmptyNameAndUnwritableDirectorySayWhy) {
  const std::string dir = test::fresh_dir("safety_empty");
  test::write_file(dir + "/s.toml", test::tiny_scenario(500, 2));
  const auto r = run_cli({"run", "s.toml", "-q", "-o", ""}, dir);
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("-o/--output: empty file name"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(dir + "/output"));
  test::write_file(dir + "/blocker", "a file where a directory should be");
  const auto b = run_cli({"run", "s.toml", "-q", "-o", "blocker/x.h5"}, dir);
  EXPECT_EQ(b.status, 73);
  EXPECT_NE(b.err.find("blocker/x.h5: Not a directory"), std::string::npos) << b.err;
  if (geteuid() != 0) {  // root may write anywhere
    fs::create_directory(dir + "/locked");
    fs::permissions(dir + "/locked", fs::perms::owner_read | fs::perms::owner_exec);
    const auto l = run_cli({"run", "s.toml", "-q", "-o", "locked/x.h5"}, dir);
    EXPECT_EQ(l.status, 73);
    EXPECT_NE(l.err.find("Permission denied"), std::string::npos) << l.err;
  }
}

// The history attribute is a command line a shell gives back argument for argument.
TEST(OutputSafety, HistoryIsShellQuoted) {
  const std::string dir = test::fresh_dir("safety_history");
  test::write_file(dir + "/s.toml", test::tiny_scenario(500, 2));
  const std::string odd = "it's a dir $HOME/run 1.h5";
  const auto r =
      run_cli({"run", "s.toml", "-q", "-o", odd, "--set", "economy.royalty_rate=0.05"}, dir);
  ASSERT_EQ(r.status, 0) << r.err;
  std::string history;
  {
    h5::Handle f = h5::open_readonly(dir + "/" + odd);
    history = h5::read_attr_text(f, "history");
  }
  std::FILE* p = ::popen(("printf '[%s]' " + history).c_str(), "r");
  ASSERT_NE(p, nullptr);
  std::string words;
  for (int c; (c = std::fgetc(p)) != EOF;) words += static_cast<char>(c);
  ::pclose(p);
  EXPECT_EQ(words, fmt::format("[{}][run][s.toml][-q][-o][{}][--set][economy.royalty_rate=0.05]",
                               MINESIM_BIN, odd))
      << history;
}

// A full disk: a tmpfs of a few kB mounted in a private mount namespace (root, or a user
// namespace for anyone else), filled at each stage of the run. Before: SIGSEGV (139) after the
// HDF5 file was closed twice, sometimes a half-written temporary left behind.
TEST(OutputSafety, FullDiskExits74AndLeavesTheOldFileAlone) {
  const std::string dir = test::fresh_dir("safety_full");
  test::write_file(dir + "/s.toml", test::tiny_scenario(3000, 12));
  const std::string mnt = dir + "/mnt";
  fs::create_directory(mnt);
  const auto probe = test::write_file(dir + "/probe.sh",
                                      "mount -t tmpfs -o size=8k tmpfs '" + mnt + "' && echo ok");
  std::FILE* p = ::popen(("unshare -rm sh '" + probe + "' 2>&1").c_str(), "r");
  std::string said;
  for (int c; p && (c = std::fgetc(p)) != EOF;) said += static_cast<char>(c);
  if (p) ::pclose(p);
  if (said.find("ok") == std::string::npos)
    GTEST_SKIP() << "cannot mount a tmpfs here (needs root or user namespaces): " << said;
  // size, extra options: the first write (H5Fcreate), the header, a month's flush, the commit.
  const std::vector<std::pair<std::string, std::string>> stages{
      {"4k", ""},
      {"12k", ""},
      {"64k", "--set simulation.flush_months=1"},
      {"96k", "--set simulation.flush_months=24"}};
  for (const auto& [size, extra] : stages) {
    const std::string script = test::write_file(
        dir + "/full.sh", "set -u\nmount -t tmpfs -o size=" + size + " tmpfs '" + mnt +
                              "' || exit 99\n" + "printf old > '" + mnt + "/out.h5'\n'" +
                              MINESIM_BIN + "' run '" + dir + "/s.toml' -q -o '" + mnt +
                              "/out.h5' " + extra + " 2>'" + dir + "/err.txt'\n" +
                              "echo \"rc=$?\"; ls -A '" + mnt + "'; cat '" + mnt + "/out.h5'\n");
    std::FILE* run = ::popen(("unshare -rm sh '" + script + "'").c_str(), "r");
    ASSERT_NE(run, nullptr);
    std::string out;
    for (int c; (c = std::fgetc(run)) != EOF;) out += static_cast<char>(c);
    ::pclose(run);
    const std::string err = test::read_file(dir + "/err.txt");
    EXPECT_EQ(out, "rc=74\nout.h5\nold") << size << ": " << err;
    EXPECT_NE(err.find("No space left on device"), std::string::npos) << size << ": " << err;
  }
}

}  // namespace
}  // namespace minesim
