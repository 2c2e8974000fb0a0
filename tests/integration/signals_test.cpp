// Signals (issue 11): a stop request is noticed during world creation and between the phases of
// a month, not only between months; a second signal exits at once; SIGHUP is handled like
// SIGTERM (exit 129). Each test starts its own run and signals it.
#include <gtest/gtest.h>
#include <signal.h>

#include <chrono>
#include <filesystem>
#include <thread>
#include <utility>

#include "core/stop.h"
#include "model/load.h"
#include "model/simulate.h"
#include "support.h"

namespace minesim {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

bool wait_for(const std::function<bool()>& ok, int seconds = 60) {
  for (int i = 0; i < seconds * 100; ++i) {
    if (ok()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return false;
}

bool has_temporary(const std::string& dir) {
  for (const auto& e : fs::directory_iterator(dir))
    if (e.path().filename().string().find(".partial-") != std::string::npos) return true;
  return false;
}

// Kills the run when a test ends before waiting for it (a failed ASSERT), so none is left over.
struct Child {
  int pid = 0;
  ~Child() {
    if (pid > 0 && kill(pid, SIGKILL) == 0) test::wait_cli(pid);
  }
  int wait() { return test::wait_cli(std::exchange(pid, 0)); }
};

// A run of `population` persons in the host community that records every month as it goes.
int start_run(const std::string& dir, int population, const std::string& err) {
  test::write_file(dir + "/s.toml", test::tiny_scenario(population, 2400));
  return test::spawn_cli({"run", "s.toml", "-o", "run.h5", "--threads", "1", "--set",
                          "simulation.flush_months=1", "--set", "simulation.spinup_months=0"},
                         dir, err);
}

// Before: the flag was read only between months, so building a world of 6 M persons went on for
// seconds after SIGTERM. The output's temporary is made just before the world, so it marks the
// start; the world takes about 2 s to build on one core, and the signal comes 0.3 s into it.
TEST(Signals, SigtermDuringWorldCreationExitsPromptly) {
  const std::string dir = test::fresh_dir("signal_world"), err = dir + "/err.txt";
  Child run{start_run(dir, 4'000'000, err)};
  const int pid = run.pid;
  ASSERT_GT(pid, 0);
  ASSERT_TRUE(wait_for([&] { return has_temporary(dir); })) << test::read_file(err);
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  const auto t0 = Clock::now();
  ASSERT_EQ(kill(pid, SIGTERM), 0);
  EXPECT_EQ(run.wait(), 143);
  const double secs = std::chrono::duration<double>(Clock::now() - t0).count();
  EXPECT_LT(secs, 1.5) << "a world of 6 M persons takes seconds to build";
  const std::string said = test::read_file(err);
  EXPECT_NE(said.find("interrupted by signal 15 while building the world; run.h5 was not "
                      "written"),
            std::string::npos)
      << said;
  EXPECT_FALSE(has_temporary(dir));  // nothing recorded: nothing kept
  EXPECT_FALSE(fs::exists(dir + "/run.h5"));
}

// Before: SIGHUP (a closed terminal) killed the run by its default action, leaving a temporary
// behind without a word. Now it stops like SIGTERM, with 128 + 1.
TEST(Signals, SighupStopsLikeSigtermWith129) {
  const std::string dir = test::fresh_dir("signal_hup"), err = dir + "/err.txt";
  Child run{start_run(dir, 20000, err)};
  const int pid = run.pid;
  ASSERT_GT(pid, 0);
  ASSERT_TRUE(wait_for([&] { return test::read_file(err).find("month 1/") != std::string::npos; }))
      << test::read_file(err);
  ASSERT_EQ(kill(pid, SIGHUP), 0);
  EXPECT_EQ(run.wait(), 129);
  const std::string said = test::read_file(err);
  EXPECT_NE(said.find("interrupted by signal 1 after"), std::string::npos) << said;
  EXPECT_NE(said.find("the months recorded so far are in run.h5.partial-"), std::string::npos)
      << said;
  EXPECT_TRUE(has_temporary(dir));
  EXPECT_FALSE(fs::exists(dir + "/run.h5"));
}

// Before: a second signal was just a repeat of the first. Now it exits at once and removes the
// temporary. Deterministic: the run is stopped while both signals are sent, and Linux delivers
// pending signals lowest number first, so SIGHUP is the first request and SIGINT the second.
TEST(Signals, SecondSignalExitsAtOnce) {
  const std::string dir = test::fresh_dir("signal_twice"), err = dir + "/err.txt";
  Child run{start_run(dir, 20000, err)};
  const int pid = run.pid;
  ASSERT_GT(pid, 0);
  ASSERT_TRUE(wait_for([&] { return test::read_file(err).find("month 1/") != std::string::npos; }))
      << test::read_file(err);
  ASSERT_EQ(kill(pid, SIGSTOP), 0);
  ASSERT_EQ(kill(pid, SIGHUP), 0);
  ASSERT_EQ(kill(pid, SIGINT), 0);
  ASSERT_EQ(kill(pid, SIGCONT), 0);
  EXPECT_EQ(run.wait(), 130);
  const std::string said = test::read_file(err);
  EXPECT_NE(said.find("minesim: second signal: exiting at once"), std::string::npos) << said;
  EXPECT_EQ(said.find("interrupted by signal"), std::string::npos) << said;  // no clean stop
  EXPECT_FALSE(has_temporary(dir));
  EXPECT_FALSE(fs::exists(dir + "/run.h5"));
}

// The in-process hooks: a pending request stops world creation and a month between its phases
// (core/stop.h), so a run never needs to finish a long month to notice it.
TEST(Signals, StopRequestIsCheckedInWorldCreationAndBetweenPhases) {
  const Scenario s = load_scenario_string(test::tiny_scenario(3000, 3), "t.toml");
  stop::g_signal.store(SIGTERM);
  EXPECT_THROW(make_world(s), stop::Interrupted);
  stop::g_signal.store(0);
  World w = make_world(s);
  stop::g_signal.store(SIGINT);
  try {
    step_month(w);
    ADD_FAILURE() << "step_month ignored the stop request";
  } catch (const stop::Interrupted& e) {
    EXPECT_EQ(e.signal, SIGINT);
    EXPECT_EQ(e.exit_status(), 130);
  }
  stop::g_signal.store(0);
  EXPECT_NO_THROW(step_month(w));
}

}  // namespace
}  // namespace minesim
