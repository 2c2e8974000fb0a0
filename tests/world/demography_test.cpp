// The demography keys change behaviour in the expected direction: fertile ages, leave-home ages,
// the gain on job prospects, newcomers' ages and the share of girls among newborns; and the
// population accounting identity per community.
#include "world/demography.h"
#include "world/variables.h"

#include <gtest/gtest.h>

#include "model/load.h"
#include "model/simulate.h"
#include "support.h"
#include "world/labour_market.h"

namespace minesim {
namespace {

Scenario with(const std::vector<std::string>& sets) {
  return load_scenario_string(test::tiny_scenario(4000, 12, ""), "t.toml", sets);
}

struct Totals {
  std::int64_t births = 0, moved_out = 0;
  std::size_t households = 0;
};

// `months` months of ageing and demography only (no labour market: no vacancies unless set).
Totals run(World& w, int months) {
  Totals t;
  const std::size_t h0 = w.households.count();
  for (int m = 0; m < months; ++m, ++w.step) {
    age_persons(w);
    run_demography(w);
    for (const auto& c : w.communities) {
      t.births += c.births;
      t.moved_out += c.moved_out;
    }
  }
  t.households = w.households.count() - h0;
  return t;
}

TEST(DemographyKeys, NarrowerFertileAgesGiveFewerBirths) {
  const Scenario base = with({}), narrow = with({"demography.fertile_age_max=29"});
  World a = make_world(base), b = make_world(narrow);
  const Totals ta = run(a, 12), tb = run(b, 12);
  EXPECT_GT(ta.births, 20);
  EXPECT_LT(tb.births, ta.births);
  EXPECT_GT(tb.births, 0);
}

TEST(DemographyKeys, NarrowerLeaveHomeAgesFoundFewerHouseholds) {
  const Scenario base = with({}),
                 narrow =
                     with({"demography.leave_home_age_min=20", "demography.leave_home_age_max=21"});
  World a = make_world(base), b = make_world(narrow);
  const Totals ta = run(a, 12), tb = run(b, 12);
  EXPECT_GT(ta.households, 10u);
  EXPECT_LT(tb.households, ta.households);
}

TEST(DemographyKeys, AgeBandWithMinAboveMaxIsAScenarioError) {
  EXPECT_ANY_THROW(with({"demography.fertile_age_min=30", "demography.fertile_age_max=20"}));
}

// Vacancies in the host community only: unemployed seekers of the village move there, more of
// them the larger the gain on the gap in prospects, none with a gain of 0.
std::int64_t movers(double gain) {
  const Scenario s = with({"demography.in_migration_share=0", "demography.out_migration_rate=0",
                           "demography.internal_migration_rate=1",
                           "demography.prospects_gain=" + std::to_string(gain)});
  World w = make_world(s);
  w.communities[0].vacancies[0] = 10;
  w.communities[0].working_age = 1000;  // prospects 0.01 in the host, 0 in the village
  run_demography(w);
  return w.communities[1].moved_out;
}

TEST(DemographyKeys, GainOnJobProspectsScalesMovingForWork) {
  const std::int64_t none = movers(0), some = movers(10), all = movers(100);
  EXPECT_EQ(none, 0);
  EXPECT_GT(some, 0);
  EXPECT_GT(all, some);
}

TEST(DemographyKeys, NewcomersTakeTheirAgesFromTheBand) {
  const Scenario s = with({"demography.in_migration_share=1", "demography.newcomer_age_min=30",
                           "demography.newcomer_age_max=31"});
  World w = make_world(s);
  const std::size_t n0 = w.persons.size();
  w.communities[0].vacancies = {20, 5, 2};
  run_demography(w);
  std::size_t newcomers = 0;
  for (std::size_t i = n0; i < w.persons.size(); ++i) {
    if (w.persons.age_months[i] == 0) continue;  // a newborn
    ++newcomers;
    EXPECT_GE(w.persons.age_months[i], 30 * 12);
    EXPECT_LT(w.persons.age_months[i], 31 * 12);
  }
  EXPECT_EQ(newcomers, 27u);
}

TEST(DemographyKeys, NewbornFemaleShareOneGivesOnlyGirls) {
  const Scenario s = with({"demography.newborn_female_share=1"});
  World w = make_world(s);
  const std::size_t n0 = w.persons.size();
  run(w, 6);
  std::size_t born = 0;
  for (std::size_t i = n0; i < w.persons.size(); ++i) {
    ++born;
    EXPECT_EQ(w.persons.gender[i], idx(Gender::kFemale));
  }
  EXPECT_GT(born, 5u);
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
  const auto pop = shape_of<3>(&Indicators::population, extents_of(s));
  double births = 0, deaths = 0, moved = 0;
  for (std::size_t t = 1; t < m.size(); ++t)
    for (std::size_t c = 0; c < nc; ++c) {
      double before = 0, after = 0;
      for (int g = 0; g < kGenders; ++g)
        for (int a = 0; a < kAgeGroups; ++a) {
          before += m[t - 1].population[pop(c, g, a)];
          after += m[t].population[pop(c, g, a)];
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

}  // namespace
}  // namespace minesim
