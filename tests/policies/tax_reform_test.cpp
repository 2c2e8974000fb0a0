// The tax_reform lever: the rates it does not give stay unchanged.
#include <gtest/gtest.h>

#include "policies/policy.h"
#include "support.h"

namespace minesim {
namespace {

using Fixture = test::InterventionWorld;

TEST(TaxReform, RatesNotGivenStayUnchanged) {
  Fixture f("type = \"tax_reform\"\nroyalty_rate = 0.1\n");
  apply_policies(f.w);
  EXPECT_DOUBLE_EQ(f.w.levers.royalty_rate, 0.1);
  EXPECT_DOUBLE_EQ(f.w.levers.cit_rate, f.s.economy.corporate_income_tax_rate);
  EXPECT_DOUBLE_EQ(f.w.levers.payroll_rate, f.s.economy.payroll_tax_rate);
  EXPECT_FALSE(f.w.levers.payroll_rate_changed);
  // The resolved scenario keeps recording -1 for the rates not given.
  EXPECT_NE(f.s.resolved_toml.find("payroll_tax_rate = -1"), std::string::npos);
}

}  // namespace
}  // namespace minesim
