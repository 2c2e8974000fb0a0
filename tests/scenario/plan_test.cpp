// The ensemble plan reader and its members (scenario/plan.h; issue 12 item 1): a plan reads into
// the expected struct, members expand in order with their names and points, the Sobol' and Latin
// hypercube designs, and every kind of error with its exact message and exit status 2.
#include "scenario/plan.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <limits>
#include <stdexcept>

#include "model/load.h"
#include "scenario/diagnostics.h"
#include "support.h"

namespace minesim {
namespace {

namespace fs = std::filesystem;

// A folder with s/base.toml and s/train.toml (regular files) and plans/ for the plan files.
std::string plan_dir(const std::string& name) {
  const std::string dir = fs::canonical(test::fresh_dir(name)).string();
  fs::create_directories(dir + "/s");
  fs::create_directories(dir + "/plans");
  test::write_file(dir + "/s/base.toml", test::tiny_scenario());
  test::write_file(dir + "/s/train.toml", test::tiny_scenario());
  return dir;
}

// Two arms, train first in the file (after base in name order), and `rest` appended.
std::string two_arms(const std::string& head, const std::string& rest = "") {
  return head +
         "\n[arms.train]\nscenario = \"../s/train.toml\"\n"
         "[arms.base]\nscenario = \"../s/base.toml\"\n" +
         rest;
}

TEST(Plan, ReadsEveryKeyIntoThePlan) {
  const std::string dir = plan_dir("plan_read");
  const std::string text = R"(months = 120
population_scale = 0.1
replicates = 3
variables = ["employment", "poverty_rate"]
[arms.zeta]
scenario = "../s/base.toml"
[arms.alpha]
scenario = ")" + dir + R"(/s/./train.toml"
set = { "interventions.training.capacity" = 300, labour.quit_rate = 0.02, "mines.alpha.commodity" = "copper", x.y = 1.0 }
)";
  const Plan p = read_plan_string(text, dir + "/plans/p.toml");
  EXPECT_EQ(p.file, dir + "/plans/p.toml");
  EXPECT_EQ(p.dir, dir + "/plans");
  EXPECT_EQ(p.text, text);
  EXPECT_EQ(p.months, 120);
  EXPECT_EQ(p.population_scale, 0.1);
  EXPECT_EQ(p.seeds, (std::vector<std::uint64_t>{1, 2, 3}));
  EXPECT_EQ(p.variables, (std::vector<std::string>{"employment", "poverty_rate"}));
  ASSERT_EQ(p.arms.size(), 2u);  // file order, not name order
  EXPECT_EQ(p.arms[0].name, "zeta");
  EXPECT_EQ(p.arms[0].scenario, dir + "/s/base.toml");
  EXPECT_TRUE(p.arms[0].sets.empty());
  EXPECT_EQ(p.arms[1].name, "alpha");
  EXPECT_EQ(p.arms[1].scenario, dir + "/s/train.toml");
  EXPECT_EQ(p.arms[1].sets, (std::vector<std::string>{
                                "interventions.training.capacity=300", "labour.quit_rate=0.02",
                                "mines.alpha.commodity='copper'", "x.y=1.0"}));
  EXPECT_EQ(p.baseline, "zeta");  // the first arm in the file
  EXPECT_FALSE(p.sweep);
  EXPECT_FALSE(p.sensitivity);
}

TEST(Plan, ReadsSeedsBaselineSweepAndSensitivity) {
  const std::string dir = plan_dir("plan_read_sweep");
  Plan p = read_plan_string(two_arms("seeds = [3, 7, 11]\nbaseline = \"base\"",
                                     "[sweep]\nmethod = \"sobol\"\nsamples = 4\n[sweep.ranges]\n"
                                     "z.b = [2, 3]\n\"a.c\" = [0.03, 0.08]\n"),
                            dir + "/plans/p.toml");
  EXPECT_EQ(p.seeds, (std::vector<std::uint64_t>{3, 7, 11}));
  EXPECT_EQ(p.baseline, "base");
  EXPECT_FALSE(p.months);
  EXPECT_FALSE(p.population_scale);
  ASSERT_TRUE(p.sweep);
  EXPECT_EQ(p.sweep->method, "sobol");
  EXPECT_EQ(p.sweep->samples, 4);
  ASSERT_EQ(p.sweep->ranges.size(), 2u);  // file order
  EXPECT_EQ(p.sweep->ranges[0].key, "z.b");
  EXPECT_EQ(p.sweep->ranges[0].lo, 2.0);
  EXPECT_EQ(p.sweep->ranges[0].hi, 3.0);
  EXPECT_EQ(p.sweep->ranges[1].key, "a.c");
  EXPECT_EQ(p.sweep->ranges[1].hi, 0.08);

  p = read_plan_string(two_arms("", R"([sensitivity]
trajectories = 10
levels = 6
indicators = ["poverty_rate", "unemployed"]
period = ["2030-01", "2034-12"]
[sensitivity.ranges]
"labour.quit_rate" = [0.005, 0.05]
)"),
                       dir + "/plans/p.toml");
  ASSERT_TRUE(p.sensitivity);
  EXPECT_TRUE(p.seeds.empty());  // trajectory r runs with seed r
  EXPECT_EQ(p.sensitivity->method, "morris");
  EXPECT_EQ(p.sensitivity->trajectories, 10);
  EXPECT_EQ(p.sensitivity->levels, 6);
  EXPECT_EQ(p.sensitivity->indicators, (std::vector<std::string>{"poverty_rate", "unemployed"}));
  ASSERT_TRUE(p.sensitivity->period);
  EXPECT_EQ(p.sensitivity->period->first, (Month{2030, 1}));
  EXPECT_EQ(p.sensitivity->period->second, (Month{2034, 12}));
  ASSERT_EQ(p.sensitivity->ranges.size(), 1u);
  EXPECT_EQ(p.sensitivity->ranges[0].lo, 0.005);
}

TEST(Plan, MembersRunByArmThenPointThenSeed) {
  const std::string dir = plan_dir("plan_members");
  const Plan p = read_plan_string(
      two_arms("replicates = 2\npopulation_scale = 0.25",
               "set = { \"interventions.t.capacity\" = 300 }\n[sweep]\nmethod = \"grid\"\n"
               "[sweep.values]\n\"labour.quit_rate\" = [0.01, 0.02]\n"
               "\"economy.royalty_rate\" = [0.03, 0.05, 0.08]\n"),
      dir + "/plans/p.toml");
  const std::vector<Member> m = expand_members(p);
  ASSERT_EQ(m.size(), 2u * 6u * 2u);
  std::vector<std::string> names;
  for (std::size_t i = 0; i < 5; ++i) names.push_back(m[i].name);
  EXPECT_EQ(names, (std::vector<std::string>{"train/s1/p0", "train/s2/p0", "train/s1/p1",
                                             "train/s2/p1", "train/s1/p2"}));
  EXPECT_EQ(m[12].name, "base/s1/p0");
  EXPECT_EQ(m.back().name, "base/s2/p5");
  EXPECT_EQ(m[13].arm, 1);
  EXPECT_EQ(m[13].point, 0);
  EXPECT_EQ(m[13].seed, 2u);
  // Point 4 of the grid: the first key varies slowest (0.02), the second fastest (0.05).
  using P = std::vector<std::pair<std::string, double>>;
  EXPECT_EQ(m[21].point, 4);
  EXPECT_EQ(m[21].params, (P{{"labour.quit_rate", 0.02}, {"economy.royalty_rate", 0.05}}));
  EXPECT_EQ(
      member_sets(p, m[21]),
      (std::vector<std::string>{"simulation.population_scale=0.25", "interventions.t.capacity=300",
                                "labour.quit_rate=0.02", "economy.royalty_rate=0.05"}));
  EXPECT_EQ(member_sets(p, m[0]).size(), 3u);  // train has no `set`
}

TEST(Plan, GridIsTheCartesianProductFirstKeySlowest) {
  const std::string dir = plan_dir("plan_grid");
  const Plan p = read_plan_string(two_arms("seeds = [5]", R"([sweep]
method = "grid"
[sweep.values]
b = [1, 2]
a = [10, 20, 30]
c = [7]
)"),
                                  dir + "/plans/p.toml");
  std::vector<std::vector<double>> rows;
  for (const auto& m : expand_members(p))
    if (m.arm == 0) {
      EXPECT_EQ(m.name, "train/s5/p" + std::to_string(rows.size()));
      std::vector<double> row;
      for (const auto& [key, v] : m.params) row.push_back(v);
      EXPECT_EQ(m.params[0].first, "b");
      rows.push_back(row);
    }
  EXPECT_EQ(rows, (std::vector<std::vector<double>>{
                      {1, 10, 7}, {1, 20, 7}, {1, 30, 7}, {2, 10, 7}, {2, 20, 7}, {2, 30, 7}}));
}

// Reference: scipy 1.10.1, `qmc.Sobol(32, scramble=False).random(12346)` (Debian 12's
// python3-scipy), rows 1, 2, 3, 5, 100, 1000 and 12345 times 2^30 (row 0 is all zeros).
TEST(Plan, SobolMatchesScipyUnscrambled) {
  const std::vector<std::pair<int, std::array<std::int64_t, 32>>> ref = {
      {1, {536870912, 536870912, 536870912, 536870912, 536870912, 536870912, 536870912, 536870912,
           536870912, 536870912, 536870912, 536870912, 536870912, 536870912, 536870912, 536870912,
           536870912, 536870912, 536870912, 536870912, 536870912, 536870912, 536870912, 536870912,
           536870912, 536870912, 536870912, 536870912, 536870912, 536870912, 536870912, 536870912}},
      {2, {805306368, 268435456, 268435456, 268435456, 805306368, 805306368, 268435456, 805306368,
           805306368, 805306368, 805306368, 805306368, 268435456, 268435456, 805306368, 268435456,
           805306368, 268435456, 805306368, 268435456, 268435456, 805306368, 268435456, 268435456,
           268435456, 805306368, 268435456, 805306368, 268435456, 805306368, 268435456, 268435456}},
      {3, {268435456, 805306368, 805306368, 805306368, 268435456, 268435456, 805306368, 268435456,
           268435456, 268435456, 268435456, 268435456, 805306368, 805306368, 268435456, 805306368,
           268435456, 805306368, 268435456, 805306368, 805306368, 268435456, 805306368, 805306368,
           805306368, 268435456, 805306368, 268435456, 805306368, 268435456, 805306368, 805306368}},
      {5, {939524096, 939524096, 134217728, 402653184, 939524096, 671088640, 939524096, 402653184,
           402653184, 134217728, 402653184, 939524096, 939524096, 134217728, 939524096, 402653184,
           939524096, 402653184, 402653184, 671088640, 671088640, 671088640, 939524096, 402653184,
           402653184, 402653184, 939524096, 134217728, 671088640, 671088640, 939524096, 671088640}},
      {100,
       {444596224, 276824064, 830472192,  780140544, 947912704, 796917760, 25165824,  511705088,
        679477248, 746586112, 494927872,  729808896, 511705088, 914358272, 343932928, 528482304,
        729808896, 796917760, 897581056,  360710144, 813694976, 427819008, 8388608,   528482304,
        25165824,  8388608,   1015021568, 713031680, 260046848, 780140544, 763363328, 444596224}},
      {1000,
       {235929600, 103809024, 556793856,  726663168,  300941312, 974127104, 49283072,   965738496,
        537919488, 74448896,  91226112,   273678336,  173015040, 412090368, 154140672,  397410304,
        772800512, 370147328, 1064304640, 779091968,  560988160, 590348288, 1020264448, 579862528,
        625999872, 974127104, 42991616,   1051721728, 63963136,  365953024, 158334976,  156237824}},
      {12345,
       {688193536, 873398272, 172163072, 565641216, 954007552, 63242240,   136642560, 121700352,
        860946432, 461307904, 79757312,  642973696, 999620608, 1011286016, 37027840,  688062464,
        67174400,  54722560,  342949888, 368771072, 213975040, 87228416,   651755520, 926351360,
        473890816, 317521920, 393019392, 517537792, 94175232,  434307072,  308084736, 710868992}},
  };
  const auto x = sobol_points(12346, kSobolDims);
  ASSERT_EQ(x.size(), 12346u);
  EXPECT_EQ(x[0], std::vector<double>(32, 0.0));
  EXPECT_THROW(sobol_points(1, kSobolDims + 1), std::invalid_argument);
  for (const auto& [row, values] : ref)
    for (int j = 0; j < kSobolDims; ++j)
      EXPECT_EQ(x[static_cast<std::size_t>(row)][static_cast<std::size_t>(j)],
                static_cast<double>(values[static_cast<std::size_t>(j)]) * 0x1.0p-30)
          << "row " << row << " dimension " << j + 1;
}

TEST(Plan, SobolSweepScalesToTheRanges) {
  const std::string dir = plan_dir("plan_sobol");
  const Plan p =
      read_plan_string(two_arms("seeds = [1]",
                                "[sweep]\nmethod = \"sobol\"\nsamples = 3\n[sweep.ranges]\n"
                                "a = [0.03, 0.08]\nb = [10, 20]\n"),
                       dir + "/plans/p.toml");
  const auto m = expand_members(p);
  ASSERT_EQ(m.size(), 6u);
  using P = std::vector<std::pair<std::string, double>>;
  EXPECT_EQ(m[0].params, (P{{"a", 0.03}, {"b", 10.0}}));  // the first Sobol' point is 0
  EXPECT_EQ(m[1].params, (P{{"a", 0.03 + 0.5 * (0.08 - 0.03)}, {"b", 15.0}}));
  EXPECT_EQ(m[2].params, (P{{"a", 0.03 + 0.75 * (0.08 - 0.03)}, {"b", 12.5}}));
}

TEST(Plan, LatinHypercubeHasOnePointPerStratum) {
  for (const int n : {1, 7, 64}) {
    const auto x = lhs_points(n, 5, 12345);
    ASSERT_EQ(x.size(), static_cast<std::size_t>(n));
    for (int j = 0; j < 5; ++j) {
      std::vector<int> strata;
      for (const auto& row : x) {
        EXPECT_GE(row[static_cast<std::size_t>(j)], 0.0);
        EXPECT_LT(row[static_cast<std::size_t>(j)], 1.0);
        strata.push_back(static_cast<int>(row[static_cast<std::size_t>(j)] * n));
      }
      std::sort(strata.begin(), strata.end());
      for (int i = 0; i < n; ++i) EXPECT_EQ(strata[static_cast<std::size_t>(i)], i);
    }
  }
  // Deterministic in the key; another key is another design; dimensions are not copies.
  EXPECT_EQ(lhs_points(16, 3, 9), lhs_points(16, 3, 9));
  EXPECT_NE(lhs_points(16, 3, 9), lhs_points(16, 3, 10));
  const auto x = lhs_points(16, 2, 9);
  EXPECT_NE(x[0][0], x[0][1]);
}

TEST(Plan, LatinHypercubeSweepKeyIsThePlansSweep) {
  const std::string dir = plan_dir("plan_lhs");
  const auto read = [&](const std::string& ranges, const std::string& comment) {
    return read_plan_string(
        two_arms("seeds = [1]" + comment,
                 "[sweep]\nmethod = \"lhs\"\nsamples = 8\n[sweep.ranges]\n" + ranges),
        dir + "/plans/p.toml");
  };
  const Plan p = read("a = [2, 4]\n", "");
  EXPECT_EQ(lhs_key(*p.sweep), lhs_key(*read("a = [2, 4]\n", "  # a comment\n").sweep));
  EXPECT_NE(lhs_key(*p.sweep), lhs_key(*read("a = [2, 5]\n", "").sweep));
  const auto unit = lhs_points(8, 1, lhs_key(*p.sweep));
  const auto m = expand_members(p);
  ASSERT_EQ(m.size(), 16u);
  for (std::size_t i = 0; i < 8; ++i) {
    EXPECT_EQ(m[i].params[0].second, 2.0 + unit[i][0] * 2.0);
    EXPECT_EQ(m[i + 8].params, m[i].params);  // both arms run the same points
  }
}

// A member is `minesim run SCENARIO --set ...` with member_sets: the scenario loader reads each
// value back as written (a float stays a float, a string a string), and reports a swept key that
// the scenario does not have, or a value outside its documented range (how the ensemble command
// checks a plan's keys against its arms' scenarios).
TEST(Plan, MemberSetsLoadWithTheScenario) {
  const std::string dir = plan_dir("plan_member_sets");
  const auto plan = [&](const std::string& values) {
    return read_plan_string(
        two_arms("seeds = [4]\npopulation_scale = 0.5",
                 "set = { \"labour.quit_rate\" = 0.03, mines.alpha.commodity = \"copper\" }\n"
                 "[sweep]\nmethod = \"grid\"\n[sweep.values]\n" +
                     values),
        dir + "/plans/p.toml");
  };
  const Plan p = plan("\"economy.royalty_rate\" = [0.05, 1e-05]\n");
  const auto m = expand_members(p);
  ASSERT_EQ(m.size(), 4u);
  EXPECT_EQ(member_sets(p, m[3]).back(), "economy.royalty_rate=1e-05");
  const Scenario s = load_scenario_file(p.arms[1].scenario, member_sets(p, m[3]));
  EXPECT_EQ(s.simulation.population_scale, 0.5);
  EXPECT_EQ(s.labour.quit_rate, 0.03);
  EXPECT_EQ(s.mines[0].commodity, Commodity::kCopper);
  EXPECT_EQ(s.economy.royalty_rate, 1e-05);
  const auto errors = [&](const Plan& q) {
    try {
      load_scenario_file(q.arms[0].scenario, member_sets(q, expand_members(q)[1]));
    } catch (const ScenarioError& e) {
      return std::string(e.what());
    }
    return std::string();
  };
  EXPECT_EQ(errors(plan("\"economy.royalty_rat\" = [0.05, 0.06]\n")),
            "<command line>:1:1: error: economy.royalty_rat: unknown key; did you mean "
            "'economy.royalty_rate'?\n");
  EXPECT_EQ(errors(plan("\"economy.royalty_rate\" = [0.05, 2]\n")),
            "<command line>:1:24: error: economy.royalty_rate: must be in [0, 1] (1), got 2\n");
}

// The documented ranges a scenario read records (ReadContext::key_ranges): they change nothing the
// loader returns.
TEST(Plan, LoadingRecordsEachNumericKeysRange) {
  const std::string dir = plan_dir("plan_key_ranges");
  KeyRanges r;
  const Scenario with = load_scenario_file(dir + "/s/base.toml", {}, &r);
  EXPECT_EQ(with.resolved_toml, load_scenario_file(dir + "/s/base.toml").resolved_toml);
  const auto range = [&](const std::string& key) {
    const auto it = r.find(key);
    return it == r.end()
               ? std::string("none")
               : fmt::format("{} {} {}", it->second.min, it->second.max, it->second.min_open);
  };
  EXPECT_EQ(range("labour.quit_rate"), "0 0.5 false");
  EXPECT_EQ(range("simulation.population_scale"), "0 1 true");
  EXPECT_EQ(range("simulation.months"), "1 2400 false");
  EXPECT_EQ(range("communities.host.population"), range("communities.village.population"));
  EXPECT_NE(range("communities.host.population"), "none");
  EXPECT_EQ(range("mines.alpha.commodity"), "none");  // a string
  EXPECT_EQ(range("labour.nothing"), "none");
}

TEST(Plan, SweptKeysMustBeNumericKeysInsideTheirDocumentedRange) {
  const std::string dir = plan_dir("plan_swept_keys");
  const auto check = [&](const std::string& sweep) {
    const Plan p = read_plan_string(two_arms("seeds = [1]", sweep), dir + "/plans/p.toml");
    KeyRanges r;
    load_scenario_file(p.arms[1].scenario, p.arms[1].sets, &r);
    Diagnostics d;
    check_swept_keys(p, 1, r, d);
    std::string out = d.format();
    for (std::size_t at; (at = out.find(dir)) != std::string::npos;)
      out.replace(at, dir.size(), "DIR");
    return out;
  };
  EXPECT_EQ(check("[sweep]\nmethod = \"lhs\"\nsamples = 4\n[sweep.ranges]\n"
                  "\"labour.quit_rate\" = [0.005, 0.6]\n\"labour.quit_rat\" = [0, 0.1]\n"
                  "\"simulation.population_scale\" = [0, 0.5]\nmines.alpha.commodity = [0, 1]\n"),
            "DIR/plans/p.toml:10:22: error: sweep.ranges.labour.quit_rate: [0.005, 0.6] is wider "
            "than the key's documented range in arm 'base': in [0, 0.5]\n"
            "DIR/plans/p.toml:11:21: error: sweep.ranges.labour.quit_rat: arm 'base' "
            "(DIR/s/base.toml) has no numeric key 'labour.quit_rat'; did you mean "
            "'labour.quit_rate'?\n"
            "DIR/plans/p.toml:12:33: error: sweep.ranges.simulation.population_scale: [0, 0.5] is "
            "wider than the key's documented range in arm 'base': in (0, 1]\n"
            "DIR/plans/p.toml:13:25: error: sweep.ranges.mines.alpha.commodity: arm 'base' "
            "(DIR/s/base.toml) has no numeric key 'mines.alpha.commodity'\n");
  EXPECT_EQ(
      check("[sweep]\nmethod = \"grid\"\n[sweep.values]\n\"labour.quit_rate\" = [0.1, 0.7]\n"),
      "DIR/plans/p.toml:9:22: error: sweep.values.labour.quit_rate: 0.7 is outside the key's "
      "documented range in arm 'base': in [0, 0.5]\n");
  EXPECT_EQ(
      check("[sweep]\nmethod = \"sobol\"\nsamples = 2\n[sweep.ranges]\n"
            "\"labour.quit_rate\" = [0, 0.5]\n\"communities.host.population\" = [100, 200]\n"),
      "");
}

// A range given as "documented" is the key's documented range in the arms' scenarios: resolved in
// arm order, refused (with the reason) where that range is open, infinite or differs between arms.
TEST(Plan, DocumentedRangesComeFromTheArmsScenarios) {
  const std::string dir = plan_dir("plan_documented_ranges");
  const auto resolve = [&](const std::string& ranges, const std::string& train_sets = "") {
    Plan p = read_plan_string(
        two_arms("seeds = [1]",
                 "[sweep]\nmethod = \"lhs\"\nsamples = 4\n[sweep.ranges]\n" + ranges),
        dir + "/plans/p.toml");
    EXPECT_TRUE(has_documented_ranges(p));
    if (!train_sets.empty()) p.arms[0].sets.push_back(train_sets);
    Diagnostics d;
    for (std::size_t a = 0; a < p.arms.size(); ++a) {
      KeyRanges r;
      load_scenario_file(p.arms[a].scenario, p.arms[a].sets, &r);
      resolve_documented_ranges(p, a, r, d);
    }
    std::string out = d.format();
    for (std::size_t at; (at = out.find(dir)) != std::string::npos;)
      out.replace(at, dir.size(), "DIR");
    return std::pair(p, out);
  };
  const auto [ok, none] = resolve("\"labour.quit_rate\" = \"documented\"\nb = [1, 2]\n");
  EXPECT_EQ(none, "");
  ASSERT_EQ(ok.sweep->ranges.size(), 2u);
  EXPECT_TRUE(ok.sweep->ranges[0].documented);
  EXPECT_EQ(ok.sweep->ranges[0].lo, 0.0);
  EXPECT_EQ(ok.sweep->ranges[0].hi, 0.5);
  EXPECT_FALSE(ok.sweep->ranges[1].documented);
  EXPECT_EQ(ok.sweep->ranges[1].hi, 2.0);
  EXPECT_EQ(expand_members(ok).size(), 2u * 4u);
  EXPECT_EQ(resolve("\"simulation.population_scale\" = \"documented\"\n"
                    "\"labour.quit_rat\" = \"documented\"\n")
                .second,
            "DIR/plans/p.toml:10:33: error: sweep.ranges.simulation.population_scale: the key's "
            "documented range in arm 'train' (in (0, 1]) excludes its lower end 0, so it cannot "
            "be swept as documented: give [lo, hi] with lo > 0\n"
            "DIR/plans/p.toml:10:33: error: sweep.ranges.simulation.population_scale: the key's "
            "documented range in arm 'base' (in (0, 1]) excludes its lower end 0, so it cannot "
            "be swept as documented: give [lo, hi] with lo > 0\n"
            "DIR/plans/p.toml:11:21: error: sweep.ranges.labour.quit_rat: arm 'train' "
            "(DIR/s/train.toml) has no numeric key 'labour.quit_rat'; did you mean "
            "'labour.quit_rate'?\n"
            "DIR/plans/p.toml:11:21: error: sweep.ranges.labour.quit_rat: arm 'base' "
            "(DIR/s/base.toml) has no numeric key 'labour.quit_rat'; did you mean "
            "'labour.quit_rate'?\n");
  // A key's range that changes with an arm's sets (here: the first arm's own documented range is
  // stood in for by hand) and one with no finite end.
  Plan p = read_plan_string(two_arms("",
                                     "[sensitivity]\ntrajectories = 2\n"
                                     "indicators = [\"employment\"]\n"
                                     "[sensitivity.ranges]\n"
                                     "a = \"documented\"\nb = \"documented\"\n"),
                            dir + "/plans/p.toml");
  Diagnostics d;
  const double inf = std::numeric_limits<double>::infinity();
  resolve_documented_ranges(p, 0, {{"a", Range{0, 1}}, {"b", Range{0, inf}}}, d);
  resolve_documented_ranges(p, 1, {{"a", Range{0, 2}}, {"b", Range{0, 1}}}, d);
  std::string out = d.format();
  for (std::size_t at; (at = out.find(dir)) != std::string::npos;)
    out.replace(at, dir.size(), "DIR");
  EXPECT_EQ(out,
            "DIR/plans/p.toml:10:5: error: sensitivity.ranges.a: the key's documented range "
            "differs between arms (in [0, 1] in an earlier arm, in [0, 2] in 'base'): give [lo, "
            "hi]\n"
            "DIR/plans/p.toml:11:5: error: sensitivity.ranges.b: the key's documented range in arm "
            "'train' (>= 0) is not finite, so it cannot be swept as documented: give [lo, hi]\n");
  EXPECT_EQ(p.sensitivity->ranges[1].lo, 0.0);  // b took arm 'base''s range: train's was refused
  EXPECT_EQ(p.sensitivity->ranges[1].hi, 1.0);
}

}  // namespace
}  // namespace minesim
