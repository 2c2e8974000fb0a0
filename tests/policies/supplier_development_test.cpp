// The supplier_development lever: its reader's ranges, and that it only records its programme.
#include <gtest/gtest.h>

#include "policies/policy.h"
#include "support.h"
#include "world/supplier_programmes.h"

namespace minesim {
namespace {

using Fixture = test::InterventionWorld;

std::string errors_of(const std::string& text) { return test::scenario_errors(text); }

TEST(LeverReader, SupplierDevelopmentRejectsOutOfRangeIncubation) {
  const std::string err = errors_of(test::tiny_scenario() +
                                    "\n[interventions.sd]\ntype = \"supplier_development\"\n"
                                    "start = 2026-01-01\nincubation_probability = 1.5\n");
  EXPECT_NE(err.find("interventions.sd.incubation_probability: must be in [0, 1]"),
            std::string::npos)
      << err;
}

TEST(SupplierDevelopment, TheLeverOnlyRecordsItsProgramme) {
  Fixture f(
      "type = \"supplier_development\"\nbudget_usd = 10000\ncategories = [\"maintenance\"]\n"
      "payer = \"donors\"\n");
  const double capability = f.w.suppliers.capability[5][idx(Category::kMaintenance)];
  const std::size_t firms = f.w.suppliers.count();
  apply_policies(f.w);
  ASSERT_EQ(f.w.levers.supplier_programmes.size(), 1u);
  const SupplierProgramme& p = f.w.levers.supplier_programmes[0];
  EXPECT_EQ(p.budget, to_cents(10000 * f.s.simulation.population_scale, "test amount"));
  EXPECT_EQ(p.payer, Payer::kDonors);
  EXPECT_TRUE(p.categories[idx(Category::kMaintenance)]);
  EXPECT_FALSE(p.categories[idx(Category::kCateringCamp)]);
  EXPECT_DOUBLE_EQ(p.incubation_probability, 0.2);
  EXPECT_DOUBLE_EQ(p.capability_per_upgrade, 0.1);
  // Nothing happened to the world yet.
  EXPECT_EQ(f.w.suppliers.count(), firms);
  EXPECT_EQ(f.w.suppliers.capability[5][idx(Category::kMaintenance)], capability);
  EXPECT_EQ(f.w.ledger.flow(Flow::kSupplierGrants), 0);
}

}  // namespace
}  // namespace minesim
