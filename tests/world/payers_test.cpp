// The one rule for the account a payer pays from.
#include "world/payers.h"

#include <gtest/gtest.h>

#include "support.h"

namespace minesim {
namespace {

using Fixture = test::InterventionWorld;

TEST(Payers, OneRuleForTheAccountAPayerPaysFrom) {
  Fixture f("type = \"tax_reform\"\n");
  EXPECT_EQ(payer_account(Payer::kGovernment, f.w), Account::kGovernment);
  EXPECT_EQ(payer_account(Payer::kDonors, f.w), Account::kRestOfWorld);
  EXPECT_EQ(payer_account(Payer::kMines, f.w), Account::kMines);
  World none = f.w;
  none.mines.clear();
  EXPECT_EQ(payer_account(Payer::kMines, none), Account::kGovernment);
}

}  // namespace
}  // namespace minesim
