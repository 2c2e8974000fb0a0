// Why farming work grows many-fold in scenarios/global_asm.toml (issue 18): each country is a
// community of miners x 150/45 persons whose ASM sites are full at max_workers (the sourced miner
// count) from the start, so the ASM sites and the local economy take nearly every person available
// for work and the farming posts, half of the working-age residents, start almost empty. The ASM
// sites never grow; farming takes every available person that no other post takes, so a growing
// population fills it from near zero (docs/ODD.md, limitations). This is one such country.
#include <gtest/gtest.h>

#include <algorithm>
#include <vector>

#include "model/load.h"
#include "model/simulate.h"
#include "world/rules.h"

namespace minesim {
namespace {

// One country: 3,000 persons, one gold site with 900 miners (3,000 x 45/150) at its cap, the
// fertility of global_asm.toml (TFR 5.4 over ages 15-49) and no moves between communities.
constexpr const char* kCountry = R"([simulation]
start = 2025-01-01
months = 120
spinup_months = 12
seed = 5

[demography]
fertility_per_year = 0.154
internal_migration_rate = 0.0

[communities.country]
lat = 12.0
lon = -1.5
population = 3000

[asm_sites.country_gold]
community = "country"
reference_workers = 900
max_workers = 900
)";

struct Counts {
  std::int64_t working_age = 0, available = 0, farming = 0, farming_posts = 0, asm_workers = 0,
               other_jobs = 0, unemployed = 0;
};

Counts count(const World& w) {
  const Persons& p = w.persons;
  const WorkingAge wa = working_age(w.scenario->labour);
  Counts m;
  for (std::size_t i = 0; i < p.size(); ++i) {
    if (!p.alive[i]) continue;
    if (wa.contains(p.age_months[i])) ++m.working_age;
    if (!available_for_work(p, i, wa)) continue;
    ++m.available;
    const std::uint32_t j = p.job[i];
    if (j == kNoJob) {
      ++m.unemployed;
      continue;
    }
    const auto sector = static_cast<Sector>(w.posts.sector[j]);
    if (sector == Sector::kFarmingInformal)
      ++m.farming;
    else if (sector == Sector::kAsm)
      ++m.asm_workers;  // digging, processing, and the owners and managers at the site
    else
      ++m.other_jobs;  // the local economy
  }
  m.farming_posts = w.posts.demand[w.communities[0].farming_post];
  return m;
}

TEST(FarmingGrowth, AFullAsmCountryPutsItsPopulationGrowthIntoFarmingFromNearZero) {
  const Scenario s = load_scenario_string(kCountry, "t.toml");  // the world points to it
  World w = make_world(s);
  std::vector<Counts> months;
  ASSERT_TRUE(simulate(
      w, {[&](const World& world, const Indicators&) { months.push_back(count(world)); }, {}}));
  ASSERT_EQ(months.size(), 120u);
  const Counts& first = months.front();
  const Counts& last = months.back();
  for (const Counts& m : months) {
    // The residual rule: farming holds what the other posts leave, up to its posts.
    EXPECT_EQ(m.farming, std::min(m.farming_posts, m.available - m.asm_workers - m.other_jobs));
    EXPECT_EQ(m.asm_workers, 900);  // the site stays at its cap, all roles
  }
  // Farming starts nearly empty: under a tenth of its posts held (global_asm: 1.2 M of 46.7 M).
  EXPECT_LT(first.farming * 10, first.farming_posts);
  EXPECT_EQ(first.unemployed, 0);
  // The working-age population grows by a fraction; farming by a multiple of itself, and it
  // takes most of the growth of the persons available for work.
  EXPECT_LT(last.working_age * 10, first.working_age * 15);
  EXPECT_GT(last.farming, 4 * std::max<std::int64_t>(first.farming, 1));
  EXPECT_GT(2 * (last.farming - first.farming), last.available - first.available);
}

}  // namespace
}  // namespace minesim
