// The expatriates mines bring (world/expatriates.cpp) and the extra they are paid (agents/posts.h),
// against hand-computed counts and cents at a tiny scale.
#include <gtest/gtest.h>

#include "model/load.h"
#include "model/step.h"
#include "support.h"
#include "world/households.h"
#include "world/labour_market.h"
#include "world/mines.h"

namespace minesim {
namespace {

constexpr int kHigh = idx(Skill::kHigh);
constexpr int kAdmin = idx(Occupation::kAdministration);
constexpr int kTechnical = idx(Occupation::kTechnical);

// One mine of 40 roles: 20 administration (10 semi, 10 high skill) and 20 technical (all high
// skill), so 30 high-skill posts. The gold price is constant.
Scenario two_occupations(const std::vector<std::string>& sets) {
  std::vector<std::string> all{"mines.alpha.workforce=40",
                               "mines.alpha.occupation_shares.haulage=0",
                               "mines.alpha.occupation_shares.drilling_blasting=0",
                               "mines.alpha.occupation_shares.processing=0",
                               "mines.alpha.occupation_shares.maintenance=0",
                               "mines.alpha.occupation_shares.administration=0.5",
                               "mines.alpha.occupation_shares.technical=0.5",
                               "mining.skill_mix.administration=[0,0.5,0.5]",
                               "mining.skill_mix.technical=[0,0,1]",
                               "mines.alpha.expatriate_share=0.25",
                               "mining.hiring_radius_km=1",
                               "prices.gold.mode=constant"};
  all.insert(all.end(), sets.begin(), sets.end());
  return load_scenario_string(test::tiny_scenario(400, 12, ""), "t.toml", all);
}

void month(World& w) {
  w.ledger.begin_month();
  plan_mines(w);
  set_local_labour_demand(w);
  run_labour_market(w);
}

bool expatriate(const World& w, std::uint32_t i) {
  return w.persons.origin[i] == idx(Origin8::kExpatriate);
}

// Expatriates holding post q, counted from the persons.
std::int64_t expatriates_at(const World& w, std::uint32_t q) {
  std::int64_t n = 0;
  for (std::uint32_t i = 0; i < w.persons.size(); ++i)
    n += w.persons.alive[i] && w.persons.job[i] == q && expatriate(w, i);
  return n;
}

TEST(Expatriates, MineStartsWithItsShareOfHighSkillPostsHeldByExpatriates) {
  const Scenario s = two_occupations({});
  World w = make_world(s);
  const std::size_t before = w.persons.size();
  for (std::uint32_t i = 0; i < before; ++i) ASSERT_FALSE(expatriate(w, i));
  month(w);
  const std::uint32_t admin = mine_post(w.mines[0], kAdmin, kHigh);
  const std::uint32_t technical = mine_post(w.mines[0], kTechnical, kHigh);
  ASSERT_EQ(w.posts.demand[admin], 10);
  ASSERT_EQ(w.posts.demand[technical], 20);
  // By hand, rounding cumulatively over occupations: administration round(0.25 x 10) = 3 (2.5
  // rounds up); technical round(0.25 x 30) - 3 = 8 - 3 = 5. The mine's 8 = round(0.25 x 30).
  EXPECT_EQ(w.posts.expatriates[admin], 3);
  EXPECT_EQ(w.posts.expatriates[technical], 5);
  EXPECT_EQ(expatriates_at(w, admin), 3);
  EXPECT_EQ(expatriates_at(w, technical), 5);
  // They are new persons of the host community, high skill, each in a household of their own.
  ASSERT_EQ(w.persons.size(), before + 8);
  for (std::uint32_t i = static_cast<std::uint32_t>(before); i < w.persons.size(); ++i) {
    EXPECT_TRUE(expatriate(w, i));
    EXPECT_EQ(w.persons.community[i], 0);
    EXPECT_EQ(w.persons.skill[i], kHigh);
    EXPECT_EQ(w.households.head[w.persons.household[i]], i);
    EXPECT_GE(w.persons.age_months[i], 23 * 12);
    EXPECT_LT(w.persons.age_months[i], 43 * 12);
  }
  EXPECT_EQ(w.communities[0].moved_in, 8);
  // No other post holds an expatriate.
  for (std::uint32_t q = 0; q < w.posts.count(); ++q)
    if (q != admin && q != technical) {
      EXPECT_EQ(w.posts.expatriates[q], 0) << q;
    }
}

TEST(Expatriates, SharesDefaultFromMiningAndALocalHiringRuleLowersThem) {
  EXPECT_EQ(two_occupations({}).mines[0].expatriate_share, 0.25);
  const Scenario d = load_scenario_string(test::tiny_scenario(400, 12, ""), "t.toml",
                                          {"mining.expatriate_share=0.2"});
  EXPECT_EQ(d.mines[0].expatriate_share, 0.2);
  // A rule passing over half the non-locals: 0.125 of the posts, round(1.25) = 1 and
  // round(3.75) - 1 = 3.
  const Scenario s = two_occupations({});
  World w = make_world(s);
  w.levers.local_hiring_share[0] = 0.5;
  month(w);
  EXPECT_EQ(w.posts.expatriates[mine_post(w.mines[0], kAdmin, kHigh)], 1);
  EXPECT_EQ(w.posts.expatriates[mine_post(w.mines[0], kTechnical, kHigh)], 3);
}

// The first expatriates reach retirement age: they leave the region and the mine brings as many
// again.
TEST(Expatriates, AnExpatriateWhoLeavesGoesHomeAndIsReplaced) {
  const Scenario s = two_occupations({"labour.quit_rate=0"});
  World w = make_world(s);
  month(w);
  std::vector<std::uint32_t> first;
  for (std::uint32_t i = 0; i < w.persons.size(); ++i)
    if (expatriate(w, i)) first.push_back(i);
  ASSERT_EQ(first.size(), 8u);
  for (std::uint32_t i : first) w.persons.age_months[i] = 65 * 12;
  ++w.step;
  month(w);
  for (std::uint32_t i : first) EXPECT_EQ(w.persons.alive[i], 0) << i;
  EXPECT_EQ(w.communities[0].moved_out, 8);
  EXPECT_EQ(w.posts.expatriates[mine_post(w.mines[0], kAdmin, kHigh)], 3);
  EXPECT_EQ(w.posts.expatriates[mine_post(w.mines[0], kTechnical, kHigh)], 5);
}

// Under a localisation plan the mine brings no more expatriates, and those whose contracts are
// not renewed leave: the number falls.
TEST(Expatriates, ALocalisationPlanReplacesThemOverTime) {
  const Scenario s = two_occupations({"labour.quit_rate=0"});
  World w = make_world(s);
  month(w);
  const std::size_t persons = w.persons.size();
  w.levers.localisation_target[0][kHigh] = 1.0;
  w.levers.localisation_rate[0][kHigh] = 1.0;
  std::int64_t held = 8;
  for (int k = 0; k < 6; ++k) {
    ++w.step;
    month(w);
    const std::int64_t now = w.posts.expatriates[mine_post(w.mines[0], kAdmin, kHigh)] +
                             w.posts.expatriates[mine_post(w.mines[0], kTechnical, kHigh)];
    EXPECT_LE(now, held);
    held = now;
  }
  EXPECT_LT(held, 8);
  EXPECT_EQ(w.persons.size(), persons);  // nobody new
}

// The premium in cents: wages.mine_usd high = 1,000 USD and a premium of 3 give an expatriate an
// extra 2,000 USD gross, 1,800 USD net of the 10 % payroll tax, so a net wage of 900 + 1,800 =
// 2,700 USD. The mine's net wages rise by 8 x 1,800 USD, its payroll tax by 8 x 200 USD, and its
// profit falls by 8 x 2,000 USD against a premium of 1 (same persons hired; no contractors, whose
// firms' margin would rise with the wages).
TEST(Expatriates, ThePremiumIsInTheMinesWageBillAndTheHouseholdsIncome) {
  struct Month {
    Cents wages, payroll, profit;
    std::vector<Cents> expatriate_incomes;
  };
  auto run = [](double premium) {
    const Scenario s =
        two_occupations({"wages.mine_usd=[250,450,1000]", "economy.payroll_tax_rate=0.1",
                         "mines.alpha.contractor_share=0",  // no contractor margin on the extra
                         "wages.expatriate_premium=" + std::to_string(premium)});
    World w = make_world(s);
    month(w);
    settle_mines(w);
    settle_households(w);
    Month m{
        w.ledger.flow(Flow::kMineWages), w.ledger.flow(Flow::kPayrollTax), w.mines[0].profit, {}};
    for (std::uint32_t i = 0; i < w.persons.size(); ++i)
      if (expatriate(w, i))
        m.expatriate_incomes.push_back(w.households.income[w.persons.household[i]]);
    return m;
  };
  const Month one = run(1.0), three = run(3.0);
  EXPECT_EQ(three.wages - one.wages, 8 * 180'000);
  EXPECT_EQ(three.payroll - one.payroll, 8 * 20'000);
  EXPECT_EQ(one.profit - three.profit, 8 * 200'000);
  ASSERT_EQ(three.expatriate_incomes.size(), 8u);
  for (Cents c : three.expatriate_incomes) EXPECT_EQ(c, 270'000);
  for (Cents c : one.expatriate_incomes) EXPECT_EQ(c, 90'000);
}

// Whole months with expatriates, their turnover and a payroll tax change (tax reform from
// 2025-01, after the 6 months of spin-up): the ledger's stock-flow check (step_month throws on a
// residual) holds every month.
TEST(Expatriates, StockFlowResidualStaysZero) {
  const Scenario s = load_scenario_string(
      test::tiny_scenario(400, 12, "") +
          "\n[interventions.tax]\ntype = \"tax_reform\"\nstart = 2025-01-01\n"
          "payroll_tax_rate = 0.25\n",
      "t.toml",
      {"labour.quit_rate=0.2", "wages.expatriate_premium=4", "mining.expatriate_share=0.5"});
  World w = make_world(s);
  for (int k = 0; k < 12; ++k) {
    ASSERT_NO_THROW(step_month(w));
    EXPECT_EQ(w.stock_flow_residual, 0);
    ++w.step;
  }
}

}  // namespace
}  // namespace minesim
