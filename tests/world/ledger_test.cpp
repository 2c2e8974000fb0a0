// The ledger: transfers move net flows between accounts and a new month starts from zero.
#include "world/ledger.h"

#include <gtest/gtest.h>

namespace minesim {
namespace {

TEST(Ledger, TransfersMoveNetFlowsBetweenAccounts) {
  Ledger L;
  L.transfer(Account::kMines, Account::kGovernment, Flow::kRoyalty, 500);
  L.transfer(Account::kRestOfWorld, Account::kMines, Flow::kMineSales, 2000);
  EXPECT_EQ(L.net(Account::kMines), 1500);
  EXPECT_EQ(L.net(Account::kGovernment), 500);
  EXPECT_EQ(L.net(Account::kRestOfWorld), -2000);
  EXPECT_EQ(L.flow(Flow::kRoyalty), 500);
  L.begin_month();
  EXPECT_EQ(L.net(Account::kMines), 0);
}

}  // namespace
}  // namespace minesim
