// The supplier keys that replaced numbers written in code: the capability an upgrade adds and the
// spread of firms' capabilities.
#include "world/suppliers.h"

#include <gtest/gtest.h>

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

}  // namespace
}  // namespace minesim
