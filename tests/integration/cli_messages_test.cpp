// What `validate` and `run` say besides errors (issue 17, "Messages"): a warning for an
// intervention that starts after the last month (an error with validate --strict), and the line
// saying what world is being built before the first month.
#include <gtest/gtest.h>

#include "support.h"

namespace minesim {
namespace {

using test::run_cli;

// The tiny scenario (12 months from 2025-01) with a tax reform starting in 2026-03.
std::string late_reform() {
  return test::tiny_scenario(1500, 12, "") +
         "\n[interventions.late]\ntype = \"tax_reform\"\nstart = 2026-03-01\nroyalty_rate = 0.05\n";
}

const char* const kLateWarning =
    "late.toml: warning: interventions.late: starts 2026-03, after the run's last month 2025-12; "
    "it has no effect\n";

TEST(CliMessages, LateInterventionWarnsAndStrictMakesItAnError) {
  const std::string dir = test::fresh_dir("cli_late");
  test::write_file(dir + "/late.toml", late_reform());
  auto v = run_cli({"validate", "late.toml"}, dir);
  EXPECT_EQ(v.status, 0);
  EXPECT_EQ(v.err, kLateWarning);
  EXPECT_EQ(v.out.rfind("late.toml: ok (", 0), 0u) << v.out;
  v = run_cli({"validate", "--strict", "late.toml"}, dir);
  EXPECT_EQ(v.status, 2);
  EXPECT_EQ(v.err, std::string(kLateWarning) + "late.toml: 1 warning(s), errors with --strict\n");
  EXPECT_TRUE(v.out.empty()) << v.out;
  // 15 months reach 2026-03: no warning.
  v = run_cli({"validate", "--strict", "late.toml", "--set", "simulation.months=15"}, dir);
  EXPECT_EQ(v.status, 0);
  EXPECT_TRUE(v.err.empty()) << v.err;
  // run warns too (even with --quiet) and runs.
  const auto r = run_cli({"run", "late.toml", "-q", "-o", "late.h5"}, dir);
  EXPECT_EQ(r.status, 0);
  EXPECT_EQ(r.err, kLateWarning);
}

TEST(CliMessages, RunSaysWhatWorldItBuilds) {
  const std::string dir = test::fresh_dir("cli_building");
  test::write_file(dir + "/small.toml", test::tiny_scenario(1500, 3, ""));
  const auto r = run_cli({"run", "small.toml", "-o", "small.h5"}, dir);
  ASSERT_EQ(r.status, 0) << r.err;
  // 1,500 + 750 persons, before any progress line.
  EXPECT_EQ(r.err.rfind("minesim: building the world: 2,250 simulated persons in 2 communities, "
                        "1 mine, 0 ASM sites; 3 months after a 6-month spin-up\nminesim: month 1/3",
                        0),
            0u)
      << r.err;
}

// The first time left is estimated from the recorded months, not the spin-up before them. Before,
// 600 spin-up months and 1 of 2 recorded months showed about as much left as elapsed (00:07 left
// for the baseline's 50,000 persons, whose second month takes a fraction of a second).
TEST(CliMessages, TimeLeftCountsRecordedMonthsOnly) {
  const std::string dir = test::fresh_dir("cli_eta");
  test::write_file(dir + "/s.toml", test::tiny_scenario(16000, 2, ""));
  const auto r = run_cli(
      {"run", "s.toml", "-o", "s.h5", "--threads", "1", "--set", "simulation.spinup_months=600"},
      dir);
  ASSERT_EQ(r.status, 0) << r.err;
  const std::string key = "minesim: month 1/2 (2025-01)   50%  elapsed ";
  const auto at = r.err.find(key);
  ASSERT_NE(at, std::string::npos) << r.err;
  const std::string elapsed = r.err.substr(at + key.size(), 5);
  ASSERT_NE(elapsed, "00:00") << "the spin-up must take a second for the test to tell" << r.err;
  EXPECT_EQ(r.err.substr(at + key.size() + 5, 12), "  left 00:00") << r.err;
}

}  // namespace
}  // namespace minesim
