// The command line as users meet it: exit statuses, exact error messages, atomic output,
// and an interrupted run leaving nothing at the output path.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <hdf5.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <thread>

#include "support.h"

extern char** environ;

namespace minesim {
namespace {

namespace fs = std::filesystem;
using test::run_cli;

TEST(Cli, VersionAndHelp) {
  auto v = run_cli({"--version"});
  EXPECT_EQ(v.status, 0);
  EXPECT_NE(v.out.find("minesim 0.1.0"), std::string::npos);
  auto h = run_cli({"run", "--help"});
  EXPECT_EQ(h.status, 0);
  EXPECT_NE(h.out.find("Examples:"), std::string::npos);
}

TEST(Cli, BadCommandLineExitsTwo) {
  EXPECT_EQ(run_cli({}).status, 2);                         // no subcommand
  EXPECT_EQ(run_cli({"run", "--bogus"}).status, 2);         // unknown option
  EXPECT_EQ(run_cli({"run", "--threads", "x"}).status, 2);  // not a number
  EXPECT_EQ(run_cli({"frobnicate"}).status, 2);
}

// Each tests/bad_scenarios/NAME.toml fails validation with exactly NAME.expected on stderr and
// status 2, and `run` on it writes nothing.
TEST(Cli, BadScenariosGiveExactMessagesAndStatusTwo) {
  const std::string dir = test::source_path("tests/bad_scenarios");
  const std::string out = test::fresh_dir("bad_scenarios");
  int checked = 0;
  for (const auto& e : fs::directory_iterator(dir)) {
    if (e.path().extension() != ".toml") continue;
    const std::string name = e.path().filename().string();
    const auto r = run_cli({"validate", name}, dir);
    EXPECT_EQ(r.status, 2) << name;
    fs::path expected = e.path();
    expected.replace_extension(".expected");
    EXPECT_EQ(r.err, test::read_file(expected.string())) << name;
    const std::string target = out + "/" + e.path().stem().string() + ".h5";
    const auto run = run_cli({"run", name, "-o", target, "--quiet"}, dir);
    EXPECT_EQ(run.status, 2) << name;
    EXPECT_FALSE(fs::exists(target)) << name;
    EXPECT_TRUE(fs::is_empty(out)) << name;  // no temporary either
    ++checked;
  }
  EXPECT_GE(checked, 5);
}

TEST(Cli, RunWritesDefaultPathAndReplacesAtomically) {
  const std::string dir = test::fresh_dir("cli_run");
  test::write_file(dir + "/small.toml", test::tiny_scenario(1500, 12));
  auto r = run_cli({"run", "small.toml", "--threads", "2"}, dir);
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_TRUE(fs::exists(dir + "/output/small.h5"));
  EXPECT_NE(r.out.find("stock-flow residual"), std::string::npos);
  EXPECT_NE(r.err.find("month 12/12"), std::string::npos);  // progress log lines (not a tty)
  const auto first_size = fs::file_size(dir + "/output/small.h5");
  r = run_cli({"run", "small.toml", "--quiet", "--seed", "5"}, dir);
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_TRUE(r.err.empty()) << r.err;  // --quiet: no progress
  EXPECT_TRUE(r.out.empty());
  EXPECT_TRUE(fs::exists(dir + "/output/small.h5"));
  for (const auto& e : fs::directory_iterator(dir + "/output"))  // no temporary left
    EXPECT_EQ(e.path().filename(), "small.h5");
  EXPECT_GT(first_size, 0u);
  const auto info = run_cli({"info", "output/small.h5"}, dir);
  EXPECT_EQ(info.status, 0);
  EXPECT_NE(info.out.find("seed              5"), std::string::npos) << info.out;
  EXPECT_NE(
      info.out.find(
          "employment                   (time=12, community=2, sector=5, gender=2, skill=3)  [1]"),
      std::string::npos)
      << info.out;
}

TEST(Cli, ProfilePrintsEveryPhaseAfterTheRunEvenWhenQuiet) {
  const std::string dir = test::fresh_dir("cli_profile");
  test::write_file(dir + "/s.toml", test::tiny_scenario(1500, 6));
  const auto r = run_cli({"run", "s.toml", "-q", "--profile", "-j", "1"}, dir);
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_TRUE(r.out.empty()) << r.out;
  EXPECT_NE(r.err.find("minesim: where a month's time went (--profile, 1 thread):"),
            std::string::npos)
      << r.err;
  // The phases that take time in any run, and the month as the whole.
  for (const char* phase : {"labour_market", "demography", "indicators", "month "})
    EXPECT_NE(r.err.find(phase), std::string::npos) << phase << "\n" << r.err;
  EXPECT_NE(r.err.find("100.0%"), std::string::npos) << r.err;
  const auto plain = run_cli({"run", "s.toml", "-q", "-j", "1"}, dir);
  EXPECT_TRUE(plain.err.empty()) << plain.err;  // no table without --profile
}

TEST(Cli, OverridesAndMonthsAreRecorded) {
  const std::string dir = test::fresh_dir("cli_set");
  test::write_file(dir + "/s.toml", test::tiny_scenario(1000, 24));
  auto r =
      run_cli({"run", "s.toml", "-q", "--months", "3", "--set", "economy.royalty_rate=0.06"}, dir);
  ASSERT_EQ(r.status, 0) << r.err;
  // --scenario prints the resolved scenario alone (a scenario file), info the shapes.
  const auto scenario = run_cli({"info", "output/s.h5", "--scenario"}, dir);
  EXPECT_NE(scenario.out.find("royalty_rate = 0.06"), std::string::npos);
  EXPECT_NE(scenario.out.find("months = 3"), std::string::npos);
  EXPECT_EQ(scenario.out.find("variables:"), std::string::npos) << scenario.out;
  EXPECT_NE(run_cli({"info", "output/s.h5"}, dir).out.find("(time=3,"), std::string::npos);
  auto bad = run_cli({"run", "s.toml", "--set", "economy.royalty=0.1"}, dir);
  EXPECT_EQ(bad.status, 2);
  EXPECT_NE(bad.err.find("<command line>:1:1: error: economy.royalty: unknown key; did you mean "
                         "'economy.royalty_rate'?"),
            std::string::npos)
      << bad.err;
}

TEST(Cli, OutputThatCannotBeCreatedAndUnreadableFiles) {
  const std::string dir = test::fresh_dir("cli_cannot");
  test::write_file(dir + "/s.toml", test::tiny_scenario(500, 2));
  test::write_file(dir + "/blocker", "a file where a directory should be");
  auto r = run_cli({"run", "s.toml", "-q", "-o", "blocker/x.h5"}, dir);
  EXPECT_EQ(r.status, 73) << r.err;
  auto i = run_cli({"info", "s.toml"}, dir);
  EXPECT_EQ(i.status, 74) << i.err;
  EXPECT_NE(i.err.find("s.toml: not an HDF5 file"), std::string::npos) << i.err;
  // info and compare say the same plain thing about a path that is not there.
  for (const auto& args : {std::vector<std::string>{"info", "gone.h5"},
                           std::vector<std::string>{"compare", "gone.h5", "gone.h5"}}) {
    const auto g = run_cli(args, dir);
    EXPECT_EQ(g.status, 74) << g.err;
    EXPECT_NE(g.err.find("gone.h5: no such file"), std::string::npos) << g.err;
  }
  auto m = run_cli({"run", "missing.toml"}, dir);
  EXPECT_EQ(m.status, 2);
  EXPECT_NE(m.err.find("missing.toml:1:1: error: cannot open scenario file"), std::string::npos);
}

TEST(Cli, SigintAfterFirstFlushLeavesNothingAtTheOutputPath) {
  const std::string dir = test::fresh_dir("cli_sigint");
  // Long enough to still be running when interrupted; every month is flushed.
  test::write_file(dir + "/long.toml", test::tiny_scenario(60000, 2400));
  const std::string out = dir + "/run.h5", err = dir + "/stderr.txt";
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_addopen(&fa, 2, err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addchdir_np(&fa, dir.c_str());
  std::vector<std::string> args{MINESIM_BIN, "run",   "long.toml",
                                "-o",        out,     "--threads",
                                "1",         "--set", "simulation.flush_months=1"};
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  pid_t pid = 0;
  ASSERT_EQ(posix_spawn(&pid, MINESIM_BIN, &fa, nullptr, argv.data(), environ), 0);
  posix_spawn_file_actions_destroy(&fa);
  // The first progress line is printed after the first month is recorded and flushed.
  bool flushed = false;
  for (int i = 0; i < 1200 && !flushed; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    flushed = test::read_file(err).find("month 1/") != std::string::npos;
  }
  ASSERT_TRUE(flushed) << test::read_file(err);
  ASSERT_EQ(kill(pid, SIGINT), 0);
  int status = 0;
  waitpid(pid, &status, 0);
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 130);
  EXPECT_FALSE(fs::exists(out));
  const std::string said = test::read_file(err);
  EXPECT_NE(said.find("interrupted by signal 2"), std::string::npos);
  // What was flushed stays readable in the temporary, named on stderr: run.h5.partial-XXXXXX.
  const std::string key = "the months recorded so far are in ";
  const auto at = said.find(key);
  ASSERT_NE(at, std::string::npos) << said;
  const std::string partial = said.substr(at + key.size(), said.find(')', at) - at - key.size());
  EXPECT_EQ(partial.rfind(out + ".partial-", 0), 0u) << partial;
  ASSERT_TRUE(fs::exists(partial));
  H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
  const hid_t f = H5Fopen(partial.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
  ASSERT_GE(f, 0);
  const hid_t t = H5Dopen2(f, "time", H5P_DEFAULT);
  const hid_t sp = H5Dget_space(t);
  hsize_t n = 0;
  H5Sget_simple_extent_dims(sp, &n, nullptr);
  EXPECT_GE(n, 1u);
  H5Sclose(sp);
  H5Dclose(t);
  H5Fclose(f);
}

}  // namespace
}  // namespace minesim
