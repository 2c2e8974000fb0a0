// Farming and informal work as the residual sector (issue 18): its posts are a fixed share of all
// working-age residents, participants or not, and take any jobless seeker of their community. So
// a community's unemployed are exactly max(0, A - O - F): A persons available for work, O of them
// holding a non-farming job, F farming posts. Where F >= A - O, unemployment is exactly 0 and
// farming posts stand vacant (the baseline's bani and tindi in every month; kora under the
// new-deal package once its non-farming jobs pass A - F, docs/ODD.md, limitations).
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "model/load.h"
#include "support.h"
#include "world/labour_market.h"
#include "world/mines.h"
#include "world/rules.h"

namespace minesim {
namespace {

// One community's labour market after the hiring phase, counted person by person.
struct CommunityCount {
  std::int64_t working_age = 0;  // W: living residents of working age, participants or not
  std::int64_t available = 0;    // A: available for work (rules.h)
  std::int64_t non_farming = 0;  // O: available and holding a non-farming post
  std::int64_t unemployed = 0;   // U: available and holding no post
  std::int64_t farming_posts = 0, farming_filled = 0;  // F and its holders
};

CommunityCount count(const World& w, std::size_t c) {
  const Persons& p = w.persons;
  const WorkingAge wa = working_age(w.scenario->labour);
  CommunityCount n;
  for (std::size_t i = 0; i < p.size(); ++i) {
    if (!p.alive[i] || p.community[i] != c) continue;
    if (wa.contains(p.age_months[i])) ++n.working_age;
    if (!available_for_work(p, i, wa)) continue;
    ++n.available;
    const std::uint32_t j = p.job[i];
    if (j == kNoJob)
      ++n.unemployed;
    else if (w.posts.sector[j] != idx(Sector::kFarmingInformal))
      ++n.non_farming;
  }
  const std::uint32_t farm = w.communities[c].farming_post;
  n.farming_posts = w.posts.demand[farm];
  n.farming_filled = w.posts.filled[farm];
  return n;
}

// The residual rule, checked for one community.
void expect_residual_rule(const CommunityCount& n, double share) {
  EXPECT_EQ(n.farming_posts,
            std::llround(share * static_cast<double>(n.working_age)));  // not of participants
  const std::int64_t left = n.available - n.non_farming;
  EXPECT_EQ(n.unemployed, std::max<std::int64_t>(0, left - n.farming_posts));
  EXPECT_EQ(n.farming_filled, std::min(n.farming_posts, left));
}

// A tiny world (host 2,000 persons, village 1,000, one mine) with a farming capacity share for
// both communities, no quits, and a mine that hires low-skill haulage drivers in its host only.
Scenario tiny(double share) {
  const std::string sh = std::to_string(share);
  return load_scenario_string(
      test::tiny_scenario(2000, 12, ""), "t.toml",
      {"communities.host.farming_capacity_share=" + sh,
       "communities.village.farming_capacity_share=" + sh, "labour.quit_rate=0",
       "mines.alpha.occupation_shares.haulage=1",
       "mines.alpha.occupation_shares.drilling_blasting=0",
       "mines.alpha.occupation_shares.processing=0", "mines.alpha.occupation_shares.maintenance=0",
       "mines.alpha.occupation_shares.administration=0",
       "mines.alpha.occupation_shares.technical=0", "mining.skill_mix.haulage=[1,0,0]",
       "mining.hiring_radius_km=1"});
}

void month(World& w) {
  w.ledger.begin_month();
  plan_mines(w);
  set_local_labour_demand(w);
  run_labour_market(w);
}

TEST(FarmingPosts, AboveTheSeekersLeftUnemploymentIsExactlyZeroAndFarmingPostsStandVacant) {
  const Scenario s = tiny(0.7);
  World w = make_world(s);
  month(w);
  for (std::size_t c = 0; c < 2; ++c) {
    const CommunityCount n = count(w, c);
    expect_residual_rule(n, 0.7);
    // 0.7 of all working-age residents is more than the available persons without another
    // job: participation (0.6 and 0.75) and school leave fewer seekers than farming posts.
    EXPECT_GT(n.farming_posts, n.available - n.non_farming) << "community " << c;
    EXPECT_EQ(n.unemployed, 0) << "community " << c;
    EXPECT_LT(n.farming_filled, n.farming_posts) << "community " << c;  // vacant posts
  }
}

TEST(FarmingPosts, BelowTheSeekersTheUnemployedAreTheSeekersLeftOver) {
  const Scenario s = tiny(0.15);
  World w = make_world(s);
  month(w);
  for (std::size_t c = 0; c < 2; ++c) {
    const CommunityCount n = count(w, c);
    expect_residual_rule(n, 0.15);
    EXPECT_GT(n.unemployed, 0) << "community " << c;
    EXPECT_EQ(n.farming_filled, n.farming_posts) << "community " << c;  // full
  }
}

// The new-deal path: more non-farming jobs than the unemployed left over pull farmers off the
// farming post, which refills from the jobless until none is left; unemployment stops at exactly
// 0 and the farming posts the new jobs emptied stay vacant.
TEST(FarmingPosts, NonFarmingJobsBeyondTheUnemployedLeaveZeroUnemployedAndVacantFarms) {
  const double share = 0.55;
  const Scenario s = tiny(share);
  World w = make_world(s);
  month(w);
  const CommunityCount before = count(w, 0);  // host
  expect_residual_rule(before, share);
  ASSERT_GT(before.unemployed, 0);
  ASSERT_EQ(before.farming_filled, before.farming_posts);
  const std::int64_t extra = before.unemployed + 25;
  const std::uint32_t haulage = mine_post(w.mines[0], 0, 0);
  ++w.step;
  w.posts.demand[haulage] = w.posts.filled[haulage] + extra;
  run_labour_market(w);  // not plan_mines: it would reset the mine's demand
  ASSERT_EQ(w.posts.filled[haulage], w.posts.demand[haulage]);
  const CommunityCount after = count(w, 0);
  expect_residual_rule(after, share);
  EXPECT_EQ(after.non_farming, before.non_farming + extra);
  EXPECT_EQ(after.unemployed, 0);
  EXPECT_EQ(after.farming_posts - after.farming_filled, extra - before.unemployed);
}

}  // namespace
}  // namespace minesim
