// Lever budgets settled by the world: donor budgets cross no account of the region.
#include "world/levers.h"

#include <gtest/gtest.h>

#include "policies/policy.h"
#include "support.h"

namespace minesim {
namespace {

using Fixture = test::InterventionWorld;

TEST(Budgets, DonorBudgetsCrossNoAccountOfTheRegion) {
  Fixture f("type = \"tax_reform\"\nbudget_usd = 1000\npayer = \"donors\"\n");
  f.w.ledger.begin_month();
  apply_policies(f.w);
  ASSERT_EQ(f.w.levers.budgets.size(), 1u);
  settle_levers(f.w);
  EXPECT_EQ(f.w.ledger.flow(Flow::kPolicyBudgets), 0);
  Fixture g("type = \"tax_reform\"\nbudget_usd = 1000\npayer = \"mines\"\n");
  g.w.ledger.begin_month();
  const Cents cash = g.w.mines[0].balance;
  apply_policies(g.w);
  settle_levers(g.w);
  const Cents c = to_cents(1000 * g.s.simulation.population_scale, "test amount");
  EXPECT_EQ(g.w.ledger.flow(Flow::kPolicyBudgets), c);
  EXPECT_EQ(g.w.mines[0].balance, cash - c);
}

}  // namespace
}  // namespace minesim
