// A lever key that holds the same rule as a scenario key takes that key's value as its default:
// supplier_development's capability_per_upgrade is suppliers.upgrade_capability unless given.
#include <gtest/gtest.h>

#include "model/load.h"
#include "policies/policy.h"
#include "support.h"

namespace minesim {
namespace {

double programme_capability(const std::string& lever_keys, const std::vector<std::string>& sets) {
  const Scenario s = load_scenario_string(
      test::tiny_scenario(2000, 12, "") +
          "\n[interventions.x]\ntype = \"supplier_development\"\nstart = 2020-01-01\n"
          "budget_usd = 1000\n" +
          lever_keys,
      "t.toml", sets);
  World w = make_world(s);
  apply_policies(w);
  EXPECT_EQ(w.levers.supplier_programmes.size(), 1u);
  return w.levers.supplier_programmes.empty()
             ? -1
             : w.levers.supplier_programmes[0].capability_per_upgrade;
}

TEST(LeverDefaults, CapabilityPerUpgradeFollowsSuppliersUpgradeCapability) {
  EXPECT_DOUBLE_EQ(programme_capability("", {}), 0.1);  // both defaults: one number
  EXPECT_DOUBLE_EQ(programme_capability("", {"suppliers.upgrade_capability=0.15"}), 0.15);
  // An explicit lever key overrides it, in the file or with --set.
  EXPECT_DOUBLE_EQ(
      programme_capability("capability_per_upgrade = 0.3\n", {"suppliers.upgrade_capability=0.15"}),
      0.3);
  EXPECT_DOUBLE_EQ(programme_capability("", {"suppliers.upgrade_capability=0.15",
                                             "interventions.x.capability_per_upgrade=0.05"}),
                   0.05);
}

}  // namespace
}  // namespace minesim
