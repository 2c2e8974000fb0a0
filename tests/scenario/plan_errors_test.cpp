// Errors in an ensemble plan (scenario/plan.h; issue 12 item 1): each kind is reported as a
// scenario error is, `file:line:col: error: key: message` (did-you-mean for unknown keys and
// names), with exit status 2, and every error in the file is reported at once.
#include <gtest/gtest.h>

#include <filesystem>

#include "scenario/diagnostics.h"
#include "scenario/plan.h"
#include "support.h"

namespace minesim {
namespace {

namespace fs = std::filesystem;

class PlanErrors : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::canonical(
               test::fresh_dir(::testing::UnitTest::GetInstance()->current_test_info()->name()))
               .string();
    fs::create_directories(dir_ + "/s");
    fs::create_directories(dir_ + "/plans");
    test::write_file(dir_ + "/s/base.toml", test::tiny_scenario());
  }
  // The errors reading `text` as DIR/plans/p.toml, each line without the "DIR/plans/" prefix;
  // "" when it reads. A failure must be exit status 2.
  std::string errors(const std::string& text) {
    try {
      read_plan_string(text, dir_ + "/plans/p.toml");
    } catch (const ScenarioError& e) {
      EXPECT_EQ(e.exit_status(), 2);
      return strip(e.what());
    }
    return "";
  }
  std::string file_errors(const std::string& path) {
    try {
      read_plan_file(path);
    } catch (const ScenarioError& e) {
      EXPECT_EQ(e.exit_status(), 2);
      return strip(e.what());
    }
    return "";
  }
  std::string strip(std::string s) const {
    for (const std::string& prefix : {dir_ + "/plans/", dir_}) {
      for (std::size_t at; (at = s.find(prefix)) != std::string::npos;)
        s.replace(at, prefix.size(), prefix == dir_ ? "DIR" : "");
    }
    return s;
  }
  std::string dir_;
};

// One valid arm after `head`.
std::string arm(const std::string& head, const std::string& rest = "") {
  return head + "\n[arms.base]\nscenario = \"../s/base.toml\"\n" + rest;
}

TEST_F(PlanErrors, AValidPlanReads) { EXPECT_EQ(errors(arm("replicates = 2")), ""); }

TEST_F(PlanErrors, UnknownKeysSuggestTheClosest) {
  EXPECT_EQ(errors(arm("replicates = 2\nmonth = 12")),
            "p.toml:2:1: error: month: unknown key; did you mean 'months'?\n");
  EXPECT_EQ(errors("replicates = 2\n[arms.base]\nsenario = \"../s/base.toml\"\n"),
            "p.toml:2:1: error: arms.base.scenario: required key is missing (a string)\n"
            "p.toml:3:1: error: arms.base.senario: unknown key; did you mean 'scenario'?\n");
  EXPECT_EQ(errors(arm("replicates = 2",
                       "[sweep]\nmethod = \"lhs\"\nsample = 4\n"
                       "[sweep.ranges]\na = [1, 2]\n")),
            "p.toml:4:1: error: sweep.samples: required key is missing (the number of lhs points, "
            "an integer in [1, 100000])\n"
            "p.toml:6:1: error: sweep.sample: unknown key; did you mean 'samples'?\n");
}

TEST_F(PlanErrors, AnArmsScenarioMustBeAReadableFile) {
  EXPECT_EQ(errors(arm("replicates = 2", "[arms.train]\nscenario = \"../s/nope.toml\"\n")),
            "p.toml:5:12: error: arms.train.scenario: cannot open 'DIR/s/nope.toml': No such "
            "file or directory\n");
  EXPECT_EQ(errors(arm("replicates = 2", "[arms.train]\nscenario = \"../s\"\n")),
            "p.toml:5:12: error: arms.train.scenario: cannot open 'DIR/s': a directory, not a "
            "regular file\n");
  EXPECT_EQ(errors("replicates = 2\n"),
            "p.toml:1:1: error: arms: a plan needs at least one [arms.NAME] with a scenario\n");
  EXPECT_EQ(errors(arm("replicates = 2", "[arms.x]\nset = { a = 1 }\n")),
            "p.toml:4:1: error: arms.x.scenario: required key is missing (a string)\n");
}

TEST_F(PlanErrors, ThePlanFileMustBeAReadableFile) {
  EXPECT_EQ(file_errors(dir_ + "/plans/none.toml"),
            "none.toml:1:1: error: cannot open plan file: No such file or directory\n");
  EXPECT_EQ(file_errors(dir_ + "/plans"),
            "DIR/plans:1:1: error: cannot open plan file: a directory, not a regular file\n");
  test::write_file(dir_ + "/plans/ok.toml", arm("replicates = 1"));
  EXPECT_EQ(file_errors(dir_ + "/plans/ok.toml"), "");
  EXPECT_EQ(errors("replicates = = 2\n"),
            "p.toml:1:14: error: Error while parsing value: could not determine value type\n");
}

TEST_F(PlanErrors, SeedsOrReplicatesExactlyOne) {
  EXPECT_EQ(errors(arm("replicates = 2\nseeds = [1, 2]")),
            "p.toml:2:9: error: seeds: give seeds or replicates, not both\n");
  EXPECT_EQ(errors(arm("months = 12")),
            "p.toml:1:1: error: replicates: required key is missing: give replicates = N (seeds "
            "1..N) or seeds = [S, ...]\n");
  EXPECT_EQ(errors(arm("seeds = [3, 4, 3, -1]")),
            "p.toml:1:16: error: seeds: seed 3 is given twice\n"
            "p.toml:1:19: error: seeds: a seed must be >= 0, got -1\n");
  EXPECT_EQ(errors(arm("seeds = [1.5]")),
            "p.toml:1:9: error: seeds: expected a non-empty array of integers\n");
  EXPECT_EQ(errors(arm("replicates = 0")),
            "p.toml:1:14: error: replicates: must be in [1, 100000], got 0\n");
}

TEST_F(PlanErrors, SweepMethodAndItsTables) {
  EXPECT_EQ(errors(arm("replicates = 1", "[sweep]\nmethod = \"random\"\n")),
            "p.toml:5:10: error: sweep.method: must be one of grid, lhs, sobol, got 'random'\n");
  EXPECT_EQ(errors(arm("replicates = 1",
                       "[sweep]\nmethod = \"grid\"\nsamples = 4\n"
                       "[sweep.ranges]\na = [1, 2]\n")),
            "p.toml:4:1: error: sweep.values: a grid sweep needs [sweep.values]\n"
            "p.toml:6:11: error: sweep.samples: a grid sweep runs every combination of "
            "[sweep.values]; samples is for lhs and sobol\n"
            "p.toml:7:1: error: sweep.ranges: a grid sweep takes [sweep.values]; ranges are for "
            "lhs and sobol\n");
  EXPECT_EQ(errors(arm("replicates = 1",
                       "[sweep]\nmethod = \"sobol\"\nsamples = 4\n"
                       "[sweep.values]\na = [1, 2]\n")),
            "p.toml:4:1: error: sweep.ranges: a sobol sweep needs [sweep.ranges]\n"
            "p.toml:7:1: error: sweep.values: a sobol sweep takes [sweep.ranges]; values are for "
            "grid\n");
}

TEST_F(PlanErrors, RangesNeedLoBelowHi) {
  EXPECT_EQ(errors(arm("replicates = 1",
                       "[sweep]\nmethod = \"lhs\"\nsamples = 4\n"
                       "[sweep.ranges]\n\"economy.royalty_rate\" = [0.08, 0.03]\n"
                       "b = [1, 1]\nc = [1]\n\"d[0]\" = [1, 2]\n")),
            "p.toml:8:26: error: sweep.ranges.economy.royalty_rate: a range [lo, hi] needs lo < "
            "hi, got [0.08, 0.03]\n"
            "p.toml:9:5: error: sweep.ranges.b: a range [lo, hi] needs lo < hi, got [1, 1]\n"
            "p.toml:10:5: error: sweep.ranges.c: expected [lo, hi], two finite numbers, or "
            "\"documented\" (the key's documented range)\n"
            "p.toml:11:10: error: sweep.ranges.d[0]: a key path is a dotted path of names made of "
            "letters, digits, '_' and '-'\n");
  EXPECT_EQ(errors(arm("",
                       "[sensitivity]\ntrajectories = 4\nlevels = 3\nindicators = []\n"
                       "period = [\"2030-13\", \"2031-01\"]\n[sensitivity.ranges]\n"
                       "a = [0.5, 0.1]\n")),
            "p.toml:6:10: error: sensitivity.levels: Morris levels must be even (a step of p / (2 "
            "(p - 1)) then moves p / 2 levels), got 3\n"
            "p.toml:7:14: error: sensitivity.indicators: expected a non-empty array of output "
            "variable names\n"
            "p.toml:8:10: error: sensitivity.period: expected [\"YYYY-MM\", \"YYYY-MM\"], the "
            "first and the last month\n"
            "p.toml:10:5: error: sensitivity.ranges.a: a range [lo, hi] needs lo < hi, got [0.5, "
            "0.1]\n");
}

TEST_F(PlanErrors, BaselineMustNameAnArm) {
  EXPECT_EQ(errors(arm("replicates = 1\nbaseline = \"bse\"")),
            "p.toml:2:12: error: baseline: no arm named 'bse'; did you mean 'base'?\n");
  EXPECT_EQ(errors(arm("replicates = 1\nbaseline = \"policy\"")),
            "p.toml:2:12: error: baseline: no arm named 'policy'\n");
}

TEST_F(PlanErrors, KeysSetInOnePlaceOnly) {
  EXPECT_EQ(
      errors(arm("replicates = 1\npopulation_scale = 0.1",
                 "set = { labour.quit_rate = 0.1, simulation.population_scale = 0.2, "
                 "\"a b\" = 1 }\n[sweep]\nmethod = \"grid\"\n[sweep.values]\n"
                 "\"labour.quit_rate\" = [0.01, 0.02]\n")),
      "p.toml:5:28: error: arms.base.set.labour.quit_rate: this key is swept; an arm may not also "
      "set it\n"
      "p.toml:5:63: error: arms.base.set.simulation.population_scale: the plan's population_scale "
      "sets this key for every arm\n"
      "p.toml:5:76: error: arms.base.set.a b: a key path is a dotted path of names made of "
      "letters, digits, '_' and '-'\n");
  EXPECT_EQ(errors(arm("replicates = 1",
                       "[sensitivity]\ntrajectories = 2\nindicators = [\"x\"]\n"
                       "[sensitivity.ranges]\na = [0, 1]\n")),
            "p.toml:1:14: error: replicates: a [sensitivity] plan runs Morris trajectory r with "
            "seed r; remove this key\n");
  EXPECT_EQ(errors(arm("months = 0\npopulation_scale = 0\nreplicates = 1")),
            "p.toml:1:10: error: months: must be in [1, 2400] (months), got 0\n"
            "p.toml:2:20: error: population_scale: must be in (0, 1] (simulated persons per real "
            "person), got 0\n");
}

}  // namespace
}  // namespace minesim
