// The same scenario and seed give bit-identical results for any thread count. 120,000 persons
// span many blocks (par::kBlock persons each), so blocks are really spread over threads.
#include <gtest/gtest.h>
#include <oneapi/tbb/global_control.h>

#include <cstdio>
#include <cstring>

#include "core/parallel.h"
#include "core/shape.h"
#include "model/load.h"
#include "model/simulate.h"
#include "support.h"

namespace minesim {
namespace {

// Every recorded value of every variable, as raw bits, month after month.
std::vector<std::uint64_t> run_bits(const Scenario& s, int threads) {
  tbb::global_control gc(tbb::global_control::max_allowed_parallelism, threads);
  World w = make_world(s);
  std::vector<std::uint64_t> bits;
  auto add = [&](const std::vector<double>& v) {
    for (double x : v) {
      std::uint64_t b;
      std::memcpy(&b, &x, sizeof b);
      bits.push_back(b);
    }
  };
  simulate(w, {[&](const World&, const Indicators& i) {
                 for (auto* v : {&i.employment,
                                 &i.remote_employment,
                                 &i.technology_adoption,
                                 &i.mine_production,
                                 &i.mine_profit,
                                 &i.mine_employment,
                                 &i.government_revenue,
                                 &i.incidents,
                                 &i.stock_flow_residual,
                                 &i.population,
                                 &i.unemployed,
                                 &i.mean_wage,
                                 &i.household_income_mean,
                                 &i.poverty_rate,
                                 &i.income_gini,
                                 &i.women_share_mine_workforce,
                                 &i.government_balance,
                                 &i.procurement_spend,
                                 &i.local_procurement_share,
                                 &i.supplier_count,
                                 &i.co2_emissions,
                                 &i.commodity_price,
                                 &i.mine_employment_by_occupation,
                                 &i.mine_layoffs,
                                 &i.mine_redeployments,
                                 &i.profit_shifted,
                                 &i.local_economy_output,
                                 &i.births,
                                 &i.deaths,
                                 &i.migration_in,
                                 &i.migration_out,
                                 &i.female_headed_share,
                                 &i.households,
                                 &i.trainees,
                                 &i.certified_workers,
                                 &i.employment_by_origin,
                                 &i.asm_miners,
                                 &i.asm_gold_output_kg,
                                 &i.asm_mercury_kg,
                                 &i.asm_income_mean,
                                 &i.asm_royalty,
                                 &i.students})
                   add(*v);
               },
               {}});
  for (std::size_t i = 0; i < w.persons.size(); ++i) bits.push_back(w.persons.job[i]);
  return bits;
}

TEST(Determinism, IdenticalAtOneTwoAndThreeThreads) {
  const Scenario s = load_scenario_string(test::tiny_scenario(80000, 18, "2025-06-01"), "t.toml",
                                          {"simulation.spinup_months=3"});
  ASSERT_GE(s.communities[0].population + s.communities[1].population, 100000);
  ASSERT_GT(par::block_count(120000), 6u);
  const auto one = run_bits(s, 1);
  const auto two = run_bits(s, 2);
  const auto three = run_bits(s, 3);
  ASSERT_EQ(one.size(), two.size());
  EXPECT_TRUE(one == two) << "1 vs 2 threads differ";
  EXPECT_TRUE(one == three) << "1 vs 3 threads differ";
}

// Localisation plans (a local hiring requirement and a training programme's succession plan)
// draw per person and count seekers and employees across blocks: still identical at any thread
// count, and the plans do end non-local contracts.
TEST(Determinism, LocalisationPlansIdenticalAtOneAndThreeThreads) {
  const std::string plans = R"(
[interventions.locals]
type = "local_hiring_requirement"
start = 2025-07-01
local_share = 0.5
localisation_rate = 0.1

[interventions.skills]
type = "skills_training"
start = 2025-01-01
capacity = 2000
duration_months = 2
min_skill = "semi"
localisation_rate = 0.1
)";
  // A mine too large for the region's skilled workers: newcomers hold many of its posts.
  const Scenario s =
      load_scenario_string(test::tiny_scenario(80000, 18, "") + plans, "t.toml",
                           {"simulation.spinup_months=3", "mines.alpha.workforce=12000"});
  const Scenario none = load_scenario_string(
      test::tiny_scenario(80000, 18, "") + plans, "t.toml",
      {"simulation.spinup_months=3", "mines.alpha.workforce=12000",
       "interventions.locals.localisation_rate=0", "interventions.skills.localisation_rate=0"});
  EXPECT_TRUE(run_bits(s, 1) == run_bits(s, 3)) << "1 vs 3 threads differ";
  // Non-local mine employees at the end, with the plans and with the same interventions without.
  auto non_local = [](const Scenario& sc) {
    World w = make_world(sc);
    double last = 0;
    auto record = [&](const World&, const Indicators& i) {
      constexpr int kMine = idx(Sector::kMine);
      constexpr Shape<3> by_origin{{kSectors, kPersonOrigins, kSkills}};
      last = 0;
      for (int o = 1; o < kPersonOrigins; ++o)
        for (int k = 0; k < kSkills; ++k) last += i.employment_by_origin[by_origin(kMine, o, k)];
    };
    simulate(w, {record, {}});
    return last;
  };
  const double with = non_local(s), without = non_local(none);
  std::printf("non-local mine employees: %g with localisation plans, %g without\n", with, without);
  EXPECT_GT(without, 0.0);
  EXPECT_LT(with, without);
}

TEST(Determinism, DifferentSeedsGiveDifferentRuns) {
  const Scenario a = load_scenario_string(test::tiny_scenario(5000, 6), "t.toml");
  const Scenario b =
      load_scenario_string(test::tiny_scenario(5000, 6), "t.toml", {"simulation.seed=12"});
  EXPECT_NE(run_bits(a, 2), run_bits(b, 2));
}

}  // namespace
}  // namespace minesim
