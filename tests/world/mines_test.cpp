// The mining keys that replaced numbers written in code: the base year of technology costs.
#include "world/mines.h"

#include <gtest/gtest.h>

#include "model/load.h"
#include "support.h"

namespace minesim {
namespace {

Scenario with(const std::vector<std::string>& sets) {
  return load_scenario_string(test::tiny_scenario(2000, 12, "2026-01-01"), "t.toml", sets);
}

TEST(MiningKeys, EarlierCostBaseYearLowersTodaysCapex) {
  const Scenario base = with({"technology.autonomous_haulage.capex_decline_per_year=0.05"}),
                 early = with({"technology.autonomous_haulage.capex_decline_per_year=0.05",
                               "mining.cost_base_year=2020"});
  const World a = make_world(base), b = make_world(early);
  const double capex = appraise(a, 0, Technology::kAutonomousHaulage).capex;
  const double earlier = appraise(b, 0, Technology::kAutonomousHaulage).capex;
  EXPECT_GT(capex, 0);
  EXPECT_LT(earlier, capex);
}

}  // namespace
}  // namespace minesim
