// The phase profile (model/profile.h): its phases are the schedule's, a profiled run gives the
// same data as an unprofiled one, and the scaling table's speed-ups and Karp-Flatt serial
// fractions are the formulas' values.
#include "model/profile.h"

#include <gtest/gtest.h>

#include "model/load.h"
#include "model/simulate.h"
#include "support.h"

namespace minesim {
namespace {

TEST(PhaseProfile, NamesAreTheScheduleThenTheMonthsOtherWork) {
  const auto& names = PhaseProfile::names();
  ASSERT_EQ(names.size(), schedule().size() + 3);
  for (std::size_t k = 0; k < schedule().size(); ++k) EXPECT_EQ(names[k], schedule()[k].name);
  EXPECT_EQ(names[PhaseProfile::stock_flow_slot()], "stock_flow_check");
  EXPECT_EQ(names[PhaseProfile::indicators_slot()], "indicators");
  EXPECT_EQ(names[PhaseProfile::recording_slot()], "recording");
}

TEST(PhaseProfile, ProfiledRunTimesEveryMonthAndChangesNoData) {
  const Scenario s = load_scenario_string(test::tiny_scenario(3000, 8), "t.toml");
  std::vector<std::vector<double>> plain, profiled;  // every month's employment and incomes
  World a = make_world(s);
  simulate(a, {[&](const World&, const Indicators& i) {
                 plain.push_back(i.employment);
                 plain.push_back(i.household_income_mean);
               },
               {}});
  World b = make_world(s);
  PhaseProfile p;
  SimulationHooks hooks{[&](const World&, const Indicators& i) {
                          profiled.push_back(i.employment);
                          profiled.push_back(i.household_income_mean);
                        },
                        {}};
  hooks.profile = &p;
  simulate(b, hooks);
  EXPECT_EQ(plain, profiled);
  EXPECT_EQ(p.months, s.simulation.spinup_months + s.simulation.months);
  EXPECT_GT(p.seconds[PhaseProfile::indicators_slot()], 0.0);
  EXPECT_GT(p.total(), 0.0);
  const std::string table = profile_table(p);
  EXPECT_NE(table.find("month"), std::string::npos);
  EXPECT_NE(table.find("100.0%"), std::string::npos);
}

TEST(PhaseProfile, ScalingTableGivesSpeedUpAndKarpFlatt) {
  PhaseProfile one, two;
  one.months = two.months = 10;
  one.seconds[0] = 2.0;  // speed-up 1.6 at 2 threads: e = (1/1.6 - 1/2) / (1 - 1/2) = 0.25
  two.seconds[0] = 1.25;
  one.seconds[1] = 2.0;  // speed-up 2: e = 0
  two.seconds[1] = 1.0;
  const std::string t = scaling_table(one, two, 2);
  EXPECT_NE(t.find("1.60x   0.250"), std::string::npos) << t;
  EXPECT_NE(t.find("2.00x   0.000"), std::string::npos) << t;
  // The residue weighs each phase's serial fraction by its 1-thread share: 0.5 x 0.25.
  EXPECT_NE(t.find("residue (time-weighted serial fraction of the phases)  0.125"),
            std::string::npos)
      << t;
  // The month: 4 s against 2.25 s, 1.78x.
  EXPECT_NE(t.find("1.78x"), std::string::npos) << t;
}

// Each phase keeps its least time of the two profiles, phase by phase (not the whole profile with
// the least total), and the months stay.
TEST(PhaseProfile, FastestKeepsEachPhasesLeastTime) {
  PhaseProfile a, b;
  a.months = b.months = 6;
  a.seconds[0] = 1.0, b.seconds[0] = 2.0;
  a.seconds[1] = 3.0, b.seconds[1] = 0.5;
  a.seconds[2] = 0.0, b.seconds[2] = 0.25;
  const PhaseProfile f = fastest(a, b);
  EXPECT_EQ(f.months, 6);
  EXPECT_DOUBLE_EQ(f.seconds[0], 1.0);
  EXPECT_DOUBLE_EQ(f.seconds[1], 0.5);
  EXPECT_DOUBLE_EQ(f.seconds[2], 0.0);
  EXPECT_DOUBLE_EQ(f.total(), 1.5);
}

}  // namespace
}  // namespace minesim
