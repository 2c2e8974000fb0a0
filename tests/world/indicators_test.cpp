#include <gtest/gtest.h>

#include <vector>

#include "model/load.h"
#include "model/simulate.h"
#include "support.h"
#include "world/households.h"
#include "world/indicators.h"
#include "world/variables.h"

namespace minesim {
namespace {

TEST(Gini, HandComputedCases) {
  using V = std::vector<double>;
  EXPECT_DOUBLE_EQ(gini_sorted(V{1, 1, 1, 1}), 0.0);
  EXPECT_DOUBLE_EQ(gini_sorted(V{0, 0, 0, 1}), 0.75);
  EXPECT_NEAR(gini_sorted(V{1, 2, 3}), 2.0 / 9.0, 1e-15);
  EXPECT_DOUBLE_EQ(gini_sorted(V{5}), 0.0);
  EXPECT_DOUBLE_EQ(gini_sorted(V{0, 0}), 0.0);
}

TEST(Indicators, CountsMatchTheAgentsAndPovertyIsHandComputed) {
  const Scenario s = load_scenario_string(test::tiny_scenario(3000, 3), "t.toml");
  World w = make_world(s);
  Indicators last;
  simulate(w, {[&](const World&, const Indicators& ind) { last = ind; }, {}});
  double pop = 0;
  for (double x : last.population) pop += x;
  std::size_t alive = 0;
  for (auto a : w.persons.alive) alive += a;
  EXPECT_DOUBLE_EQ(pop, static_cast<double>(alive));
  // Poverty by hand for community 0 from the household columns.
  const Cents line = poverty_line_cents(s.economy);
  std::int64_t poor = 0, persons = 0;
  for (std::size_t h = 0; h < w.households.count(); ++h) {
    if (w.households.community[h] != 0 || w.households.size[h] == 0) continue;
    persons += w.households.size[h];
    if (w.households.income[h] + w.households.own_consumption[h] < line * w.households.size[h])
      poor += w.households.size[h];
  }
  EXPECT_DOUBLE_EQ(last.poverty_rate[0], static_cast<double>(poor) / static_cast<double>(persons));
  // Employment in the mine sector equals the mine's filled posts.
  double mine = 0, mine_posts = 0;
  const Extents ext = extents_of(s);
  const auto emp = shape_of<4>(&Indicators::employment, ext);
  for (std::size_t c = 0; c < ext.communities; ++c)
    for (int g = 0; g < kGenders; ++g)
      for (int k = 0; k < kSkills; ++k) mine += last.employment[emp(c, idx(Sector::kMine), g, k)];
  for (double x : last.mine_employment) mine_posts += x;
  EXPECT_DOUBLE_EQ(mine, mine_posts);
  EXPECT_GT(mine, 0);
}

TEST(Indicators, PopulationScaleMultipliesCountsBack) {
  const Scenario s =
      load_scenario_string(test::tiny_scenario(20000, 1), "t.toml",
                           {"simulation.population_scale=0.1", "simulation.spinup_months=0"});
  World w = make_world(s);
  EXPECT_EQ(w.persons.size(), 3000u);  // (20000 + 10000) * 0.1
  Indicators last;
  simulate(w, {[&](const World&, const Indicators& ind) { last = ind; }, {}});
  double pop = 0, alive = 0;
  for (double x : last.population) pop += x;
  for (auto a : w.persons.alive) alive += a;
  EXPECT_NEAR(pop, alive * 10.0, 1e-6);
  EXPECT_NEAR(pop, 30000.0, 300.0);  // one month of births, deaths and migration
}

}  // namespace
}  // namespace minesim
