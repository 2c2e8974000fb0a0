// Own-consumption of farm produce and the price basis of the poverty line (world/households.cpp,
// world/indicators.cpp): income in kind counts for poverty and never reaches the ledger.
#include "world/households.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "model/load.h"
#include "model/simulate.h"
#include "support.h"
#include "world/indicators.h"

namespace minesim {
namespace {

// A tiny scenario (farming income 40 USD) with `sets`, simulated; the world keeps a pointer to
// the scenario, so a Simulated stays where it is made.
struct Simulated {
  Scenario s;
  World w;
  Indicators last;
  std::vector<std::array<Cents, kFlows>> flows;  // every recorded month's booked flows

  explicit Simulated(const std::vector<std::string>& sets) : s(load(sets)), w(make_world(s)) {
    simulate(w, {[&](const World& world, const Indicators& ind) {
                   EXPECT_EQ(world.stock_flow_residual, 0);
                   last = ind;
                   std::array<Cents, kFlows> f{};
                   for (int k = 0; k < kFlows; ++k) f[k] = world.ledger.flow(static_cast<Flow>(k));
                   flows.push_back(f);
                 },
                 {}});
  }
  Simulated(const Simulated&) = delete;
  Simulated& operator=(const Simulated&) = delete;

 private:
  static Scenario load(const std::vector<std::string>& sets) {
    std::vector<std::string> all{"wages.farming_informal_usd=40"};
    all.insert(all.end(), sets.begin(), sets.end());
    return load_scenario_string(test::tiny_scenario(3000, 4, ""), "t.toml", all);
  }
};

// Living members of each household who hold a farming-and-informal post.
std::vector<std::int64_t> farmers(const World& w) {
  std::vector<std::int64_t> n(w.households.count(), 0);
  for (std::size_t i = 0; i < w.persons.size(); ++i)
    if (w.persons.alive[i] && w.persons.job[i] != kNoJob &&
        w.posts.sector[w.persons.job[i]] == idx(Sector::kFarmingInformal))
      ++n[w.persons.household[i]];
  return n;
}

TEST(PovertyLine, PppLineIsConvertedToMarketPricesByThePriceLevelRatio) {
  EconomyParams e;
  e.poverty_line_usd = 65;
  EXPECT_EQ(poverty_line_cents(e), 6500);  // market basis: as given
  e.price_level_ratio = 0.476;
  EXPECT_EQ(poverty_line_cents(e), 6500);  // the ratio applies only to a PPP line
  e.poverty_line_basis = PriceBasis::kPpp;
  EXPECT_EQ(poverty_line_cents(e), 3094);  // 65 x 0.476 = 30.94 USD
}

TEST(OwnConsumption, ValuedAtTheProducerPriceOfTheSoldShare) {
  WageParams wages;
  EXPECT_EQ(own_consumption_cents(wages, 4000), 0);  // default: cash income only
  wages.own_consumption_share = 0.6;                 // 40 USD sold are 40 % of the produce
  EXPECT_EQ(own_consumption_cents(wages, 4000), 6000);
  wages.own_consumption_share = 0.657;  // 4000 x 0.657 / 0.343 = 7661.81 cents
  EXPECT_EQ(own_consumption_cents(wages, 4000), 7662);
}

TEST(OwnConsumption, IsIncomeInKindThatTheLedgerNeverSees) {
  // Line 0: no household draws on savings, so own-consumption could change no cash flow.
  const Simulated cash({"economy.poverty_line_usd=0"});
  const Simulated kind({"economy.poverty_line_usd=0", "wages.own_consumption_share=0.6"});
  ASSERT_EQ(cash.flows.size(), kind.flows.size());
  for (std::size_t m = 0; m < cash.flows.size(); ++m) EXPECT_EQ(cash.flows[m], kind.flows[m]);
  EXPECT_EQ(cash.w.households.income, kind.w.households.income);
  EXPECT_EQ(cash.w.households.savings, kind.w.households.savings);
  // Each farming member adds exactly 60.00 USD in kind; nobody else adds anything.
  const std::vector<std::int64_t> n = farmers(kind.w);
  std::int64_t farming_households = 0;
  for (std::size_t h = 0; h < n.size(); ++h) {
    EXPECT_EQ(kind.w.households.own_consumption[h], 6000 * n[h]) << h;
    EXPECT_EQ(cash.w.households.own_consumption[h], 0) << h;
    farming_households += n[h] > 0;
  }
  EXPECT_GT(farming_households, 0);
}

TEST(OwnConsumption, PovertyRateCountsItAgainstTheConvertedLine) {
  const Simulated r({"wages.own_consumption_share=0.6", "economy.poverty_line_usd=65",
                     "economy.poverty_line_basis=\"ppp\"", "economy.price_level_ratio=0.476"});
  const Households& hh = r.w.households;
  for (std::size_t c = 0; c < r.w.communities.size(); ++c) {
    std::int64_t persons = 0, poor = 0, poor_on_cash = 0;
    for (std::size_t h = 0; h < hh.count(); ++h) {
      if (hh.community[h] != c || hh.size[h] == 0) continue;
      persons += hh.size[h];
      if (hh.income[h] + hh.own_consumption[h] < 3094 * hh.size[h]) poor += hh.size[h];
      if (hh.income[h] < 3094 * hh.size[h]) poor_on_cash += hh.size[h];
    }
    ASSERT_GT(persons, 0);
    EXPECT_DOUBLE_EQ(r.last.poverty_rate[c],
                     static_cast<double>(poor) / static_cast<double>(persons));
    // Own-consumption lifts some farming households above the line in this case.
    EXPECT_LT(poor, poor_on_cash) << "community " << c;
  }
}

TEST(OwnConsumption, KeysOutsideTheirRangesAreScenarioErrors) {
  const std::string tiny = test::tiny_scenario(2000, 1, "");
  EXPECT_NE(test::scenario_errors(tiny, {"economy.poverty_line_basis=\"nominal\""}), "");
  EXPECT_NE(test::scenario_errors(tiny, {"wages.own_consumption_share=0.96"}), "");
  EXPECT_NE(test::scenario_errors(tiny, {"economy.price_level_ratio=0"}), "");
  EXPECT_EQ(test::scenario_errors(tiny, {"economy.poverty_line_basis=\"ppp\""}), "");
}

}  // namespace
}  // namespace minesim
