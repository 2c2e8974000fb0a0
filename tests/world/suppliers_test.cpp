// The supplier keys that replaced numbers written in code: the capability an upgrade adds and the
// spread of firms' capabilities.
#include "world/suppliers.h"

#include <gtest/gtest.h>

#include <cmath>

#include "model/load.h"
#include "support.h"

namespace minesim {
namespace {

Scenario with(const std::vector<std::string>& sets) {
  return load_scenario_string(test::tiny_scenario(2000, 12, "2026-01-01"), "t.toml", sets);
}

TEST(SupplierKeys, CapabilitySpreadZeroGivesEveryInitialFirmTheMean) {
  const Scenario s = with({"suppliers.capability_spread=0"});
  const World w = make_world(s);
  ASSERT_EQ(w.suppliers.count(), 6u);
  for (std::size_t i = 0; i < w.suppliers.count(); ++i) {
    const int c = w.suppliers.category[i];
    EXPECT_EQ(w.suppliers.capability[i][c], s.communities[0].supplier_capability[c]) << i;
  }
  // The default spreads them (+-25 %).
  const Scenario d = with({});
  const World v = make_world(d);
  bool differs = false;
  for (std::size_t i = 0; i < v.suppliers.count(); ++i) {
    const int c = v.suppliers.category[i];
    differs |= v.suppliers.capability[i][c] != d.communities[0].supplier_capability[c];
    EXPECT_GE(v.suppliers.capability[i][c], 0.75 * d.communities[0].supplier_capability[c]);
    EXPECT_LT(v.suppliers.capability[i][c], 1.25 * d.communities[0].supplier_capability[c]);
  }
  EXPECT_TRUE(differs);
}

TEST(SupplierKeys, CapabilityFactorKeepsTheFormerArithmetic) {
  for (double u : {0.0, 0.123456789, 0.5, 0.999999})
    EXPECT_EQ(capability_factor(0.25, u), 0.75 + 0.5 * u);
}

// Capability gained by firm 0 from one month's sales of 10,000 USD.
double upgrade_gain(double step) {
  const Scenario s = with({"suppliers.upgrade_capability=" + std::to_string(step)});
  World w = make_world(s);
  w.ledger.begin_month();
  const int c = w.suppliers.category[0];
  const double before = w.suppliers.capability[0][c];
  w.suppliers.sales[0] = to_cents(10000, "test amount");
  settle_suppliers(w);
  return w.suppliers.capability[0][c] - before;
}

TEST(SupplierKeys, UpgradeCapabilityScalesTheGainFromInvestment) {
  const double base = upgrade_gain(0.1), twice = upgrade_gain(0.2);
  EXPECT_GT(base, 0);
  EXPECT_NEAR(twice, 2 * base, 1e-12);
  EXPECT_EQ(upgrade_gain(0), 0);
}

// Firm 0 sells `sales` cents against `capacity` cents, nobody on its payroll: profit is
// (1 - 0.3 - 0.25) x sales, of which invest_share 0.2 is invested.
struct FirmMonth {
  Cents capacity_before, capacity_after, debt;
  double capability_gain;
};
FirmMonth one_month(const std::vector<std::string>& sets, Cents capacity, Cents sales) {
  const Scenario s = with(sets);
  World w = make_world(s);
  w.ledger.begin_month();
  Suppliers& f = w.suppliers;
  f.capacity[0] = capacity;
  f.sales[0] = sales;
  const int c = f.category[0];
  const double cap = f.capability[0][c];
  settle_suppliers(w);
  return {capacity, f.capacity[0], f.debt[0], f.capability[0][c] - cap};
}

TEST(SupplierCapacity, GrowsByExactlyInvestmentOverTheCapitalRatio) {
  // 10,000 USD sold at capacity: profit 4,500 USD, investment 900 USD = 90,000 cents; at 3 USD of
  // capital per USD of monthly capacity the capacity grows by 30,000 cents (300 USD).
  const FirmMonth own = one_month({"suppliers.loan_limit_share=0"}, 1000000, 1000000);
  EXPECT_EQ(own.capacity_after, 1000000 + 30000);
  EXPECT_EQ(own.debt, 0);
  EXPECT_EQ(own.capability_gain, 0.0);
  // Lenders match the 90,000 cents (room: 0.5 x 3 x 1,000,000 = 1,500,000): 180,000 invested.
  const FirmMonth lent = one_month({}, 1000000, 1000000);
  EXPECT_EQ(lent.capacity_after, 1000000 + 60000);
  EXPECT_EQ(lent.debt, 90000);
  // A firm with spare capacity does not expand: it upgrades its capability instead.
  const FirmMonth spare = one_month({}, 2000000, 1000000);
  EXPECT_EQ(spare.capacity_after, 2000000);
  EXPECT_EQ(spare.debt, 0);
  EXPECT_GT(spare.capability_gain, 0.0);
}

// Entry in the host's energy category with mines' spend leaving it; every owner drawn qualifies
// by skill ("low"); households hold `savings` cents each.
std::size_t entrants(Cents savings, Cents* paid = nullptr) {
  const Scenario s = with({"suppliers.entry_rate=1", "suppliers.entry_owner_skill=low",
                           "suppliers.entrant_capability=1", "suppliers.entry_unmet_usd=100"});
  World w = make_world(s);
  w.ledger.begin_month();
  for (auto& h : w.households.savings) h = savings;
  w.mines[0].spend[idx(Category::kEnergy)][idx(Origin::kForeign)] = 1000000;
  const AccountStocks before = account_stocks(w);
  const std::size_t n = w.suppliers.count();
  settle_suppliers(w);
  const AccountStocks after = account_stocks(w);
  for (int a = 0; a < kAccounts; ++a)
    EXPECT_EQ(after[a] - before[a], w.ledger.net(static_cast<Account>(a))) << a;
  // Stock-flow: the owners' savings paid for equipment bought outside the region.
  if (paid) *paid = w.ledger.flow(Flow::kSupplierStartup);
  for (std::size_t i = n; i < w.suppliers.count(); ++i)
    EXPECT_EQ(w.suppliers.capacity[i], startup_capacity(s));
  return w.suppliers.count() - n;
}

TEST(SupplierEntry, AnOwnerWithoutTheStartUpCapitalDoesNotEnter) {
  const Cents need = to_cents(10000, "test");  // suppliers.startup_capital_usd, unscaled
  EXPECT_EQ(entrants(need - 1), 0u);
  Cents paid = 0;
  EXPECT_EQ(entrants(need, &paid), 1u);
  EXPECT_EQ(paid, need);  // at scale 1 the firm's capital is the whole start-up capital
}

// Supplier posts wanted after firms 0-2 (the host's catering firms) sold 600, 600 and 400 real USD,
// with labour share 0.5, all low-skill jobs at 100 USD: 3 + 3 + 2 = 8 real persons at any scale.
std::int64_t real_jobs(double scale) {
  const Scenario s = with({"simulation.population_scale=" + std::to_string(scale),
                           "suppliers.labour_share=0.5", "suppliers.import_share=0.2",
                           "suppliers.skill_mix=[1, 0, 0]", "wages.supplier_usd=[100, 250, 700]"});
  World w = make_world(s);
  w.ledger.begin_month();
  const double usd[] = {600, 600, 400};
  for (int i = 0; i < 3; ++i) w.suppliers.sales[i] = to_cents(usd[i] * scale, "test sales");
  settle_suppliers(w);
  std::int64_t sim = 0;
  for (std::size_t i = 0; i < w.suppliers.count(); ++i)
    sim += w.posts.demand[w.suppliers.first_post[i]];
  // At 1:4 the firms want 0.75, 0.75 and 0.5 simulated persons: the two largest fractions get one.
  if (scale == 0.25) {
    EXPECT_EQ(w.posts.demand[w.suppliers.first_post[0]], 1);
    EXPECT_EQ(w.posts.demand[w.suppliers.first_post[1]], 1);
    EXPECT_EQ(w.posts.demand[w.suppliers.first_post[2]], 0);
  }
  return static_cast<std::int64_t>(std::llround(static_cast<double>(sim) / scale));
}

TEST(SupplierEmployment, JobsPerUsdOfSalesAreTheSameAtTwoScales) {
  EXPECT_EQ(real_jobs(1.0), 8);
  EXPECT_EQ(real_jobs(0.25), 8);
}

// Why a local procurement rule (threshold relief) moves local purchases only where local firms
// have spare capacity: a firm below the category's threshold wins nothing without the rule and
// up to its spare capacity with it; a firm already able and at capacity gains nothing from it.
Cents bought_with_relief(double relief, Cents capacity, Cents sold, double capability) {
  const Scenario s = with({});
  World w = make_world(s);
  Suppliers& f = w.suppliers;
  const int c = f.category[0];
  f.capacity[0] = capacity;
  f.sales[0] = sold;
  f.capability[0][c] = capability;
  for (std::uint32_t i = 1; i < f.count(); ++i) f.alive[i] = 0;  // firm 0 alone
  w.levers.threshold_relief[f.community[0]][c] = relief;
  return buy_locally(w, index_by_community(f.community, w.communities.size()), f.community[0],
                     static_cast<Category>(c), 100000000);
}

TEST(SupplierPurchases, ThresholdReliefHelpsOnlyFirmsWithSpareCapacity) {
  const Scenario s = with({});
  const World w = make_world(s);
  const double threshold = s.mining.local_threshold[w.suppliers.category[0]];
  const double below = 0.8 * threshold;  // able once the threshold is lowered by a half
  EXPECT_EQ(bought_with_relief(0.0, 500000, 0, below), 0);
  EXPECT_EQ(bought_with_relief(0.5, 500000, 0, below), 500000);
  // Able already, but sold out: the relief changes nothing.
  EXPECT_EQ(bought_with_relief(0.0, 500000, 500000, threshold), 0);
  EXPECT_EQ(bought_with_relief(0.5, 500000, 500000, threshold), 0);
  // Able, with spare capacity: it sells that spare capacity with or without the rule.
  EXPECT_EQ(bought_with_relief(0.0, 500000, 200000, threshold), 300000);
  EXPECT_EQ(bought_with_relief(0.5, 500000, 200000, threshold), 300000);
}

}  // namespace
}  // namespace minesim
