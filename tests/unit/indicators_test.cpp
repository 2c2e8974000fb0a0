#include <gtest/gtest.h>

#include <vector>

#include "model/load.h"
#include "model/simulate.h"
#include "support.h"
#include "world/indicators.h"

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
  const Cents line = to_cents(s.economy.poverty_line_usd, "test amount");
  std::int64_t poor = 0, persons = 0;
  for (std::size_t h = 0; h < w.households.count(); ++h) {
    if (w.households.community[h] != 0 || w.households.size[h] == 0) continue;
    persons += w.households.size[h];
    if (w.households.income[h] < line * w.households.size[h]) poor += w.households.size[h];
  }
  EXPECT_DOUBLE_EQ(last.poverty_rate[0], static_cast<double>(poor) / static_cast<double>(persons));
  // Employment in the mine sector equals the mine's filled posts.
  double mine = 0, mine_posts = 0;
  const std::size_t nc = s.communities.size();
  for (std::size_t c = 0; c < nc; ++c)
    for (int g = 0; g < kGenders; ++g)
      for (int k = 0; k < kSkills; ++k)
        mine += last.employment[((c * kSectors + 0) * kGenders + g) * kSkills + k];
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

// Population accounting per community: next = now + births - deaths + in - out, every month.
TEST(Demography, PopulationAccountingIdentityHoldsPerCommunity) {
  const Scenario s =
      load_scenario_string(test::tiny_scenario(6000, 36, "2025-06-01"), "t.toml",
                           {"demography.internal_migration_rate=0.2",
                            "mines.alpha.workforce=2500"});  // more jobs than seekers
  World w = make_world(s);
  std::vector<Indicators> m;
  simulate(w, {[&](const World&, const Indicators& i) { m.push_back(i); }, {}});
  const std::size_t nc = s.communities.size();
  double births = 0, deaths = 0, moved = 0;
  for (std::size_t t = 1; t < m.size(); ++t)
    for (std::size_t c = 0; c < nc; ++c) {
      double before = 0, after = 0;
      for (int k = 0; k < kGenders * kAgeGroups; ++k) {
        before += m[t - 1].population[c * kGenders * kAgeGroups + k];
        after += m[t].population[c * kGenders * kAgeGroups + k];
      }
      EXPECT_EQ(after, before + m[t].births[c] - m[t].deaths[c] + m[t].migration_in[c] -
                           m[t].migration_out[c])
          << "month " << t << " community " << c;
      births += m[t].births[c];
      deaths += m[t].deaths[c];
      moved += m[t].migration_in[c];
    }
  EXPECT_GT(births, deaths);  // a young, growing population
  EXPECT_GT(moved, 0.0);
}

// Students (in school until their level's leaving age) neither work nor count as unemployed.
TEST(Education, StudentsDoNotWorkAndAreCounted) {
  EXPECT_TRUE(is_student(idx(Education::kSecondary), 16 * 12));
  EXPECT_FALSE(is_student(idx(Education::kSecondary), 18 * 12));
  EXPECT_FALSE(is_student(idx(Education::kNone), 16 * 12));
  EXPECT_TRUE(is_student(idx(Education::kTertiary), 22 * 12));
  EXPECT_EQ(education_for_skill(2, 0.1), idx(Education::kTertiary));
  const Scenario s = load_scenario_string(test::tiny_scenario(6000, 6), "t.toml");
  World w = make_world(s);
  Indicators last;
  simulate(w, {[&](const World&, const Indicators& i) { last = i; }, {}});
  std::int64_t students = 0;
  for (std::uint32_t i = 0; i < w.persons.size(); ++i) {
    if (!w.persons.alive[i] || !is_student(w.persons.education[i], w.persons.age_months[i]))
      continue;
    ++students;
    EXPECT_EQ(w.persons.job[i], kNoJob);
  }
  double counted = 0;
  for (double x : last.students) counted += x;
  EXPECT_GT(students, 0);
  EXPECT_DOUBLE_EQ(counted, static_cast<double>(students));
}

}  // namespace
}  // namespace minesim
