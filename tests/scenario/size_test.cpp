// The size of a run, estimated before the world is built (issue 11, item 8): persons, memory and
// person-months; a run over the machine's memory is refused unless --allow-large; a scale that
// simulates no person and too many mines are errors.
#include <gtest/gtest.h>

#include <filesystem>

#include "model/load.h"
#include "scenario/diagnostics.h"
#include "scenario/size.h"
#include "support.h"

namespace minesim {
namespace {

namespace fs = std::filesystem;

// The tiny scenario at scale 1 with one ASM site of `workers` reference workers.
std::string with_asm_site(std::int64_t workers) {
  return test::tiny_scenario(2000, 12, "") + "\n[asm_sites.rush]\ncommunity = \"village\"\n" +
         "reference_workers = " + std::to_string(workers) + "\n";
}

constexpr std::uint64_t kGiB = std::uint64_t{1} << 30;

TEST(ScenarioSize, EstimateCountsPersonsGrowthAndPosts) {
  const Scenario s = load_scenario_string(test::tiny_scenario(20000, 120, ""), "t.toml");
  const SizeEstimate e = estimate_size(s);
  EXPECT_EQ(e.initial_persons, 30000);
  // Natural growth over 126 months, and the mine's 800 posts as newcomers at most.
  EXPECT_GT(e.peak_persons, 30000 * 1.1);
  EXPECT_LT(e.peak_persons, 30000 * 1.5 + 800);
  EXPECT_DOUBLE_EQ(e.peak_bytes, kFixedBytes + e.peak_persons * kPeakBytesPerPerson);
  EXPECT_DOUBLE_EQ(e.person_months, e.peak_persons * 126);
  EXPECT_EQ(too_large(e, 8 * kGiB), "");
}

TEST(ScenarioSize, AHundredMillionMinersAtScaleOneNeedMoreThanEightGibibytes) {
  const Scenario s = load_scenario_string(with_asm_site(100'000'000), "t.toml");
  const SizeEstimate e = estimate_size(s);
  EXPECT_GE(e.peak_persons, 4e8);  // max_workers: 4 x reference
  EXPECT_EQ(too_large(e, 8 * kGiB),
            "the estimate exceeds this machine's physical memory (8.0 GiB)");
  EXPECT_EQ(too_large(e, 1024 * kGiB), "");
  EXPECT_EQ(too_large(e, 0), "");  // memory unknown: not checked
  EXPECT_NE(e.text().find("GiB of memory"), std::string::npos) << e.text();
}

TEST(ScenarioSize, AScaleThatSimulatesNoPersonIsAnError) {
  EXPECT_EQ(test::scenario_errors(test::tiny_scenario(2000, 12, ""),
                                  {"simulation.population_scale=1e-4"}),
            "<command line>:1:31: error: simulation.population_scale: simulates no person: 0.0001 "
            "x the communities' populations rounds to 0 (raise population_scale)\n");
}

TEST(ScenarioSize, AtMostTwentyThousandMines) {
  std::string text = test::tiny_scenario(2000, 12, "");
  for (int i = 0; i < 20001; ++i)
    text += "[mines.m" + std::to_string(i) +
            "]\ncommunity = \"host\"\nore_tonnes_per_month = 10\ngrade = 1\nworkforce = 1\n";
  EXPECT_EQ(test::scenario_errors(text),
            "t.toml:1:1: error: mines: 20002 mines: at most 20000 are supported "
            "(about the most that was measured; docs/engineering.md)\n");
}

TEST(ScenarioSize, RunAndValidateRefuseWhatCannotFitUnlessAllowed) {
  const std::string dir = test::fresh_dir("size_cli");
  // 1e8 reference workers x workers_scale 1000: 4e11 persons at most, more than any machine holds.
  test::write_file(dir + "/huge.toml",
                   with_asm_site(100'000'000) + "\n[asm]\nworkers_scale = 1000\n");
  auto r = test::run_cli({"run", "huge.toml", "-o", "huge.h5"}, dir);
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("huge.toml: error: estimated size: about 4e+11 simulated persons at the "
                       "peak (3000 at the start), "),
            std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find("(--allow-large runs it anyway)\nminesim: huge.toml is too large; nothing "
                       "was run\n"),
            std::string::npos)
      << r.err;
  EXPECT_FALSE(fs::exists(dir + "/huge.h5"));
  EXPECT_EQ(test::run_cli({"validate", "huge.toml"}, dir).status, 2);
  // --allow-large passes the check: validate succeeds; run goes on to open its output (here a
  // path that cannot be created, exit 73), so the world is never built in this test.
  r = test::run_cli({"validate", "--allow-large", "huge.toml"}, dir);
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.out.find("huge.toml: ok ("), std::string::npos);
  EXPECT_NE(r.out.find("; estimated about 4e+11 simulated persons"), std::string::npos) << r.out;
  test::write_file(dir + "/blocker", "a file where a directory should be");
  r = test::run_cli({"run", "huge.toml", "--allow-large", "-o", "blocker/huge.h5"}, dir);
  EXPECT_EQ(r.status, 73) << r.err;
}

}  // namespace
}  // namespace minesim
