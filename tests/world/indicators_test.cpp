#include <gtest/gtest.h>

#include <oneapi/tbb/global_control.h>
#include <oneapi/tbb/task_arena.h>

#include <cmath>
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

// The person counts against a plain count of the same persons, one branch per condition (the
// indicators' pass has none; world/indicators_persons.cpp).
TEST(Indicators, PersonCountsMatchAPlainCount) {
  // Few farming jobs, so that some seek work.
  const Scenario s = load_scenario_string(test::tiny_scenario(4000, 14), "t.toml",
                                          {"communities.host.farming_capacity_share=0.1"});
  World w = make_world(s);
  // The last month's indicators and the world as they saw it (after the run, the month and the
  // price paths' position have moved past the end).
  Indicators ind;
  simulate(w, {[&](const World&, const Indicators& x) { ind = x; }, {}});
  const Extents ext = extents_of(s);
  const auto emp = shape_of<4>(&Indicators::employment, ext);
  const auto pop = shape_of<3>(&Indicators::population, ext);
  const auto une = shape_of<3>(&Indicators::unemployed, ext);
  const auto wage = shape_of<3>(&Indicators::mean_wage, ext);
  const auto stu = shape_of<2>(&Indicators::students, ext);
  const auto org = shape_of<3>(&Indicators::employment_by_origin, ext);
  std::vector<double> e(emp.size()), po(pop.size()), u(une.size()), st(stu.size()), o(org.size());
  std::vector<double> wn(wage.size()), ws(wage.size());
  double trainees = 0, certified = 0;
  const Persons& p = w.persons;
  const int wa = s.labour.working_age * 12, ra = s.labour.retirement_age * 12;
  std::size_t workers = 0, seekers = 0, students = 0;
  for (std::size_t i = 0; i < p.size(); ++i) {
    if (!p.alive[i]) continue;
    const std::size_t c = p.community[i], g = p.gender[i], k = p.skill[i];
    const int age = p.age_months[i];
    po[pop(c, g, age_group_of_years(age / 12))] += 1;
    if (p.certified[i]) certified += 1;
    if (p.training[i]) {
      trainees += 1;
    } else if (is_student(p.education[i], age)) {
      st[stu(c, g)] += 1, ++students;
    } else if (p.job[i] == kNoJob) {
      if (p.participates[i] && age >= wa && age < ra) u[une(c, g, k)] += 1, ++seekers;
    } else {
      const std::size_t sec = w.posts.sector[p.job[i]];
      e[emp(c, sec, g, k)] += 1, o[org(sec, p.origin[i], k)] += 1, wn[wage(sec, g, k)] += 1;
      ws[wage(sec, g, k)] += to_usd(w.posts.wage_of(
          p.job[i], p.origin[i] == static_cast<std::uint8_t>(Origin8::kExpatriate)));
      ++workers;
    }
  }
  EXPECT_GT(workers, 1000u);  // every branch is taken
  EXPECT_GT(seekers, 10u);
  EXPECT_GT(students, 100u);
  EXPECT_EQ(ind.employment, e);
  EXPECT_EQ(ind.population, po);
  EXPECT_EQ(ind.unemployed, u);
  EXPECT_EQ(ind.students, st);
  EXPECT_EQ(ind.employment_by_origin, o);
  EXPECT_EQ(ind.trainees[0] + ind.trainees[1], trainees);
  EXPECT_EQ(ind.certified_workers[0] + ind.certified_workers[1], certified);
  for (std::size_t x = 0; x < wage.size(); ++x) {
    if (wn[x] == 0) {
      EXPECT_TRUE(std::isnan(ind.mean_wage[x])) << x;
    } else {
      EXPECT_NEAR(ind.mean_wage[x], ws[x] / wn[x], 1e-9 * ws[x] / wn[x]) << x;
    }
  }
}

// A community of 2^16 households or more is sorted with tbb::parallel_sort from four threads on,
// else with spreadsort: the Gini must not change (world/indicators.cpp, gini_indicators).
TEST(Indicators, GiniIsTheSameWhicheverSortRuns) {
  const Scenario s = load_scenario_string(test::tiny_scenario(420000, 1), "t.toml",
                                          {"simulation.spinup_months=1"});
  World w = make_world(s);
  // Inside the month's hook, where the world is as its indicators see it.
  int months = 0;
  simulate(w, {[&](const World& now, const Indicators&) {
                 ++months;
                 std::size_t host = 0;
                 for (std::size_t h = 0; h < now.households.count(); ++h)
                   host += now.households.community[h] == 0 && now.households.size[h] > 0;
                 ASSERT_GE(host, std::size_t{1} << 16);
                 const auto gini_at = [&now](int threads) {
                   tbb::global_control gc(tbb::global_control::max_allowed_parallelism,
                                          static_cast<std::size_t>(threads));
                   tbb::task_arena arena(threads);
                   return arena.execute([&now] { return compute_indicators(now).income_gini; });
                 };
                 const std::vector<double> one = gini_at(1);
                 EXPECT_GT(one[0], 0.05);
                 EXPECT_EQ(gini_at(4), one);
                 EXPECT_EQ(gini_at(8), one);
               },
               {}});
  EXPECT_EQ(months, 1);
}

}  // namespace
}  // namespace minesim
