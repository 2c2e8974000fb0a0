// The labour market against hand-computed cases: who is hired (lowest priority keys among eligible
// seekers of the host community and skill), who is shed, retirement, and the female hiring odds.
#include <gtest/gtest.h>

#include <algorithm>

#include "core/rng.h"
#include "model/load.h"
#include "support.h"
#include "world/labour_market.h"
#include "world/mines.h"

namespace minesim {
namespace {

// One mine whose every role is a low-skill haulage role (a single post).
Scenario one_mine(const std::vector<std::string>& sets) {
  std::vector<std::string> all{"labour.quit_rate=0",
                               "mines.alpha.workforce=3",
                               "labour.mine_female_acceptance.haulage=1",
                               "mines.alpha.occupation_shares.haulage=1",
                               "mines.alpha.occupation_shares.drilling_blasting=0",
                               "mines.alpha.occupation_shares.processing=0",
                               "mines.alpha.occupation_shares.maintenance=0",
                               "mines.alpha.occupation_shares.administration=0",
                               "mines.alpha.occupation_shares.technical=0",
                               "mining.skill_mix.haulage=[1,0,0]",
                               "mining.hiring_radius_km=1"};  // host community only
  all.insert(all.end(), sets.begin(), sets.end());
  return load_scenario_string(test::tiny_scenario(400, 12, ""), "t.toml", all);
}

void month(World& w) {
  w.ledger.begin_month();
  plan_mines(w);
  set_local_labour_demand(w);
  run_labour_market(w);
}

std::vector<std::uint32_t> holders(const World& w, std::uint32_t post) {
  std::vector<std::uint32_t> ids;
  for (std::uint32_t i = 0; i < w.persons.size(); ++i)
    if (w.persons.job[i] == post) ids.push_back(i);
  return ids;
}

TEST(LabourMarket, MineHiresTheLowestPriorityEligibleSeekers) {
  const Scenario s = one_mine({});
  World w = make_world(s);
  month(w);
  const std::uint32_t post = mine_post(w.mines[0], 0, 0);  // haulage, low skill
  EXPECT_EQ(w.posts.filled[post], 3);
  // By hand: eligible = host community, low skill, participating, working age, no job yet.
  std::vector<std::uint64_t> keys;
  for (std::uint32_t i = 0; i < w.persons.size(); ++i) {
    const int age = w.persons.age_months[i];
    if (w.persons.community[i] != 0 || w.persons.skill[i] != 0 || !w.persons.participates[i] ||
        age < 15 * 12 || age >= 65 * 12)
      continue;
    rng::Stream r(s.simulation.seed, rng::Purpose::kHiring, i, w.rng_month());
    keys.push_back((std::uint64_t{r.priority()} << 32) | i);
  }
  std::sort(keys.begin(), keys.end());
  ASSERT_GE(keys.size(), 3u);
  std::vector<std::uint32_t> expected{static_cast<std::uint32_t>(keys[0]),
                                      static_cast<std::uint32_t>(keys[1]),
                                      static_cast<std::uint32_t>(keys[2])};
  std::sort(expected.begin(), expected.end());
  EXPECT_EQ(holders(w, post), expected);
  for (std::uint32_t id : expected) EXPECT_EQ(w.persons.community[id], 0);
}

TEST(LabourMarket, MinesHireFromNearbyCommunitiesLessThanFromTheirHost) {
  // village is ~15.5 km from host: within a 50 km radius, its residents accept with weight ~0.69.
  const Scenario s = one_mine({"mining.hiring_radius_km=50", "mines.alpha.workforce=120"});
  World w = make_world(s);
  ASSERT_EQ(w.mines[0].catchment.size(), 2u);
  EXPECT_EQ(w.mines[0].catchment[0].first, 0);
  EXPECT_NEAR(w.mines[0].catchment[1].second, 1.0 - 15.5 / 50.0, 0.01);
  month(w);
  int host = 0, village = 0;
  for (std::uint32_t id : holders(w, mine_post(w.mines[0], 0, 0)))
    (w.persons.community[id] == 0 ? host : village)++;
  EXPECT_EQ(host + village, 120);
  EXPECT_GT(village, 0);
  EXPECT_GT(host, village);  // host has twice the people and full acceptance
  // Beyond the radius nobody commutes.
  const Scenario far = one_mine({"mining.hiring_radius_km=10", "mines.alpha.workforce=120"});
  World wf = make_world(far);
  EXPECT_EQ(wf.mines[0].catchment.size(), 1u);
}

TEST(LabourMarket, FallingDemandShedsTheLowestSeparationPriority) {
  const Scenario s = one_mine({});
  World w = make_world(s);
  month(w);
  const std::uint32_t post = mine_post(w.mines[0], 0, 0);
  auto before = holders(w, post);
  ASSERT_EQ(before.size(), 3u);
  // Demand falls to one: the two employees with the lowest separation keys leave.
  ++w.step;
  w.posts.demand[post] = 1;
  // Call the market directly (plan_mines would reset the demand).
  run_labour_market(w);
  std::vector<std::uint64_t> keys;
  for (std::uint32_t id : before) {
    rng::Stream r(s.simulation.seed, rng::Purpose::kSeparation, id, w.rng_month());
    keys.push_back((std::uint64_t{r.priority()} << 32) | id);
  }
  std::sort(keys.begin(), keys.end());
  EXPECT_EQ(holders(w, post), std::vector<std::uint32_t>{static_cast<std::uint32_t>(keys[2])});
  EXPECT_EQ(w.posts.filled[post], 1);
}

// A localisation plan with a target local share of one half and a rate of 1 ends, among 20
// non-local holders, the contracts of those whose draw falls below 10 / 20 (the non-locals above
// the target); under a rule passing over every non-local, locals refill their posts.
TEST(LabourMarket, LocalisationPlanEndsNonLocalContractsDownToTheTarget) {
  const Scenario s = one_mine({"mines.alpha.workforce=20"});
  World w = make_world(s);
  month(w);
  const std::uint32_t post = mine_post(w.mines[0], 0, 0);
  const auto before = holders(w, post);
  ASSERT_EQ(before.size(), 20u);
  for (std::uint32_t id : before)
    w.persons.origin[id] = static_cast<std::uint8_t>(Origin8::kMigrant);
  w.levers.localisation_target[0][0] = 0.5;
  w.levers.localisation_rate[0][0] = 1.0;
  w.levers.local_hiring_share[0] = 1.0;
  ++w.step;
  month(w);
  int ended = 0;
  for (std::uint32_t id : before) {
    rng::Stream r(s.simulation.seed, rng::Purpose::kLocalisation, id, w.rng_month());
    const bool ends = r.bernoulli(0.5);
    ended += ends;
    EXPECT_EQ(w.persons.job[id] == post, !ends) << id;
  }
  EXPECT_GT(ended, 0);
  EXPECT_EQ(w.posts.filled[post], 20);
  int locals = 0;
  for (std::uint32_t id : holders(w, post)) {
    if (std::find(before.begin(), before.end(), id) != before.end()) continue;
    EXPECT_EQ(w.persons.origin[id], idx(Origin8::kLocal));
    ++locals;
  }
  EXPECT_EQ(locals, ended);
  // With the target at the present local share, no further contract ends.
  const auto kept = holders(w, post);
  w.levers.localisation_target[0][0] = locals / 20.0;
  ++w.step;
  month(w);
  for (std::uint32_t id : kept) EXPECT_EQ(w.persons.job[id], post);
}

TEST(LabourMarket, RetirementEndsTheJob) {
  const Scenario s = one_mine({});
  World w = make_world(s);
  month(w);
  const std::uint32_t post = mine_post(w.mines[0], 0, 0);
  const std::uint32_t id = holders(w, post)[0];
  w.persons.age_months[id] = 65 * 12;
  ++w.step;
  month(w);
  EXPECT_EQ(w.persons.job[id], kNoJob);
  EXPECT_EQ(w.posts.filled[post], 3);  // refilled by someone else
}

TEST(LabourMarket, FemaleHiringOddsZeroHiresOnlyMen) {
  const Scenario s =
      one_mine({"labour.mine_female_acceptance.haulage=0", "mines.alpha.workforce=26"});
  World w = make_world(s);
  month(w);
  int hired = 0;
  for (int k = 0; k < kSkills; ++k)
    for (std::uint32_t id : holders(w, mine_post(w.mines[0], 0, k))) {
      EXPECT_EQ(w.persons.gender[id], idx(Gender::kMale));
      ++hired;
    }
  EXPECT_GT(hired, 15);
}

TEST(LabourMarket, FarmingTakesOnlyThoseWithoutJobsAndMinesHireFromFarming) {
  const Scenario s = one_mine({"mines.alpha.workforce=0"});
  World w = make_world(s);
  month(w);  // farming fills first; nobody works at the mine
  const std::uint32_t farm = w.communities[0].farming_post;
  EXPECT_EQ(w.posts.filled[farm], w.posts.demand[farm]);
  EXPECT_GT(w.posts.filled[farm], 0);
  // Now the mine opens 10 low-skill posts: it may hire farmers, who leave farming.
  ++w.step;
  w.posts.demand[mine_post(w.mines[0], 0, 0)] = 10;
  run_labour_market(w);
  EXPECT_EQ(w.posts.filled[mine_post(w.mines[0], 0, 0)], 10);
  // Each person holds at most one post, and counts agree with the persons' columns.
  for (std::uint32_t p = 0; p < w.posts.count(); ++p)
    EXPECT_EQ(static_cast<std::int64_t>(holders(w, p).size()), w.posts.filled[p]) << "post " << p;
}

}  // namespace
}  // namespace minesim
