// Mines' workforce and cost structure by mine type (ODD.md §7.6, §7.11): occupation shares by
// type, the contractor workforce and its contracting firms' margin, and technology-linked spend
// charged on installed technology, against hand-computed figures on a tiny case.
#include <gtest/gtest.h>

#include "model/load.h"
#include "model/step.h"
#include "support.h"
#include "world/labour_market.h"
#include "world/mines.h"

namespace minesim {
namespace {

Scenario tiny(const std::vector<std::string>& sets, const std::string& adopt = "") {
  return load_scenario_string(test::tiny_scenario(400, 12, adopt), "t.toml", sets);
}

// --set lines giving `key`'s six occupation shares.
std::vector<std::string> shares(const std::string& key, std::array<double, kOccupations> v) {
  std::vector<std::string> out;
  for (int o = 0; o < kOccupations; ++o)
    out.push_back(key + "." + std::string(kOccupationLabels[o]) + "=" + std::to_string(v[o]));
  return out;
}

std::vector<std::string> operator+(std::vector<std::string> a, const std::vector<std::string>& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

void month(World& w) {
  w.ledger.begin_month();
  plan_mines(w);
  set_local_labour_demand(w);
  run_labour_market(w);
}

double occupation_roles(const MineState& ms, Occupation o) {
  double n = 0;
  for (double r : ms.roles[idx(o)]) n += r;
  return n;
}

TEST(MineType, UndergroundRolesFollowTheTypesShares) {
  const Scenario s = tiny({"mines.alpha.type=\"underground\"", "mines.alpha.workforce=100"});
  World w = make_world(s);
  plan_mines(w);
  // Underground default: haulage 0.14, drilling and blasting 0.20, processing 0.13, maintenance
  // 0.27, administration 0.13, technical 0.13 of 100 roles.
  const MineState& ms = w.mines[0];
  EXPECT_NEAR(occupation_roles(ms, Occupation::kHaulage), 14.0, 1e-9);
  EXPECT_NEAR(occupation_roles(ms, Occupation::kDrillingBlasting), 20.0, 1e-9);
  EXPECT_NEAR(occupation_roles(ms, Occupation::kProcessing), 13.0, 1e-9);
  EXPECT_NEAR(occupation_roles(ms, Occupation::kAdministration), 13.0, 1e-9);
  const Scenario pit = tiny({"mines.alpha.workforce=100"});
  World wp = make_world(pit);
  plan_mines(wp);
  EXPECT_NEAR(occupation_roles(wp.mines[0], Occupation::kHaulage), 20.0, 1e-9);
  EXPECT_NEAR(occupation_roles(wp.mines[0], Occupation::kDrillingBlasting), 10.0, 1e-9);
}

// A mine's own shares win, then its type's when the scenario sets them, then the scenario's
// mining.occupation_shares (which keeps its meaning for every type), then the type's default.
TEST(MineType, SharesPrecedence) {
  const std::vector<std::string> ug{"mines.alpha.type=\"underground\""};
  const auto global = shares("mining.occupation_shares", {0.3, 0.0, 0.15, 0.27, 0.15, 0.13});
  const auto type =
      shares("mining.occupation_shares_by_type.underground", {0.2, 0.14, 0.13, 0.27, 0.13, 0.13});
  const auto own = shares("mines.alpha.occupation_shares", {0.1, 0.24, 0.13, 0.27, 0.13, 0.13});
  EXPECT_DOUBLE_EQ(tiny(ug).mines[0].occupation_shares[0], 0.14);
  EXPECT_DOUBLE_EQ(tiny(ug + global).mines[0].occupation_shares[0], 0.3);
  EXPECT_DOUBLE_EQ(tiny(ug + global + type).mines[0].occupation_shares[0], 0.2);
  EXPECT_DOUBLE_EQ(tiny(ug + global + type + own).mines[0].occupation_shares[0], 0.1);
  // An open-pit mine keeps the global shares when only the underground ones are set.
  EXPECT_DOUBLE_EQ(tiny(global + type).mines[0].occupation_shares[0], 0.3);
  // The contractor share: the type's default, or the mine's own.
  EXPECT_DOUBLE_EQ(tiny(ug).mines[0].contractor_share, 0.47);
  EXPECT_DOUBLE_EQ(
      tiny(ug + std::vector<std::string>{"mining.contractor_share_by_type.underground=0.3"})
          .mines[0]
          .contractor_share,
      0.3);
  EXPECT_DOUBLE_EQ(
      tiny({"mining.contractor_share_by_type.underground=0.3", "mines.alpha.contractor_share=0.6"})
          .mines[0]
          .contractor_share,
      0.6);
  EXPECT_NE(test::scenario_errors(test::tiny_scenario(400, 12, ""),
                                  {"mining.occupation_shares_by_type.underground.haulage=0.9"}),
            "");
}

// 40 roles, all high skill at 1,000 USD (expatriates brought by the mine fill them all): a gross
// wage bill of 40,000 USD. Half are contractor-held and their firms take 20 %: a margin of
// 0.5 x 40,000 x 0.2 = 4,000 USD = 400,000 cents, booked mines -> rest of world, out of profit;
// the workers' wages are the same as without contractors.
TEST(Contractors, MarginOnContractWagesInExactCents) {
  struct Out {
    Cents wages, margin, profit;
    std::int64_t filled;
  };
  auto run = [](double share) {
    const Scenario s =
        tiny(shares("mines.alpha.occupation_shares", {0, 0, 0, 0, 0.5, 0.5}) +
             std::vector<std::string>{
                 "mines.alpha.workforce=40", "mining.skill_mix.administration=[0,0,1]",
                 "mining.skill_mix.technical=[0,0,1]", "mines.alpha.expatriate_share=1",
                 "wages.mine_usd=[250,450,1000]", "wages.expatriate_premium=1",
                 "prices.gold.mode=\"constant\"", "mining.contractor_margin=0.2",
                 "mines.alpha.contractor_share=" + std::to_string(share)});
    World w = make_world(s);
    month(w);
    std::int64_t filled = 0;
    for (int o = 0; o < kOccupations; ++o)
      for (int k = 0; k < kSkills; ++k) filled += w.posts.filled[mine_post(w.mines[0], o, k)];
    settle_mines(w);
    return Out{w.ledger.flow(Flow::kMineWages), w.ledger.flow(Flow::kContractorMargin),
               w.mines[0].profit, filled};
  };
  const Out none = run(0.0), half = run(0.5);
  ASSERT_EQ(half.filled, 40);
  EXPECT_EQ(none.margin, 0);
  EXPECT_EQ(half.margin, 400'000);
  EXPECT_EQ(half.wages, none.wages);
  EXPECT_EQ(none.profit - half.profit, 400'000);
}

Cents spend_of(const MineState& ms, Category c) {
  Cents n = 0;
  for (Cents x : ms.spend[idx(c)]) n += x;
  return n;
}

// equipment_digital (technology-linked) at 3 USD per tonne of the mine's 100,000 t/month
// capacity: 300,000 USD whatever the month's output; 1.2 M USD of installed technology adds its
// upkeep, 0.10 / 12 x 1.2 M = 10,000 USD. Consumables (tonnage-linked) follow output instead.
TEST(TechnologyLinkage, SpendScalesWithInstalledTechnologyNotTonnage) {
  auto run = [](int workforce, double installed) {
    const Scenario s = tiny({"mines.alpha.workforce=" + std::to_string(workforce),
                             "simulation.population_scale=1", "prices.gold.mode=\"constant\""});
    World w = make_world(s);
    month(w);
    w.mines[0].installed_technology_usd = installed;
    settle_mines(w);
    return w.mines[0];
  };
  const MineState staffed = run(16, 0), short_staffed = run(2000, 0), installed = run(16, 1.2e6);
  ASSERT_LT(short_staffed.production_t, 0.5 * staffed.production_t);  // too few residents to hire
  EXPECT_EQ(spend_of(staffed, Category::kEquipmentDigital), 30'000'000);
  EXPECT_EQ(spend_of(short_staffed, Category::kEquipmentDigital), 30'000'000);
  EXPECT_EQ(spend_of(installed, Category::kEquipmentDigital), 31'000'000);
  EXPECT_LT(spend_of(short_staffed, Category::kConsumablesFuel),
            spend_of(staffed, Category::kConsumablesFuel));
}

// Adoption installs technology month by month; the installed capital never falls.
TEST(TechnologyLinkage, AdoptionInstallsTechnology) {
  const Scenario s = tiny({}, "2025-01-01");
  World w = make_world(s);
  double last = 0;
  for (int k = 0; k < 12; ++k) {
    month(w);
    EXPECT_GE(w.mines[0].installed_technology_usd, last);
    last = w.mines[0].installed_technology_usd;
    ++w.step;
  }
  EXPECT_GT(last, 0);
}

// Whole months with contractors, a margin, an underground mine and adoption: the stock-flow
// check (step_month throws on a residual) holds every month.
TEST(MineStructure, StockFlowResidualStaysZero) {
  const Scenario s = tiny({"mines.alpha.type=\"underground\"", "mines.alpha.contractor_share=0.6",
                           "mining.contractor_margin=0.15"},
                          "2025-03-01");
  World w = make_world(s);
  for (int k = 0; k < 12; ++k) {
    ASSERT_NO_THROW(step_month(w));
    EXPECT_EQ(w.stock_flow_residual, 0);
    EXPECT_GT(w.mines[0].contract_margin, 0);
    ++w.step;
  }
}

}  // namespace
}  // namespace minesim
