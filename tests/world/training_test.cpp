// Training courses: donors fund them through a grant to the government.
#include "world/training.h"

#include <gtest/gtest.h>

#include "policies/policy.h"
#include "support.h"

namespace minesim {
namespace {

using Fixture = test::InterventionWorld;

TEST(SkillsTraining, DonorsFundCoursesThroughAGrantToTheGovernment) {
  Fixture f("type = \"skills_training\"\ncapacity = 100\npayer = \"donors\"\n");
  World& w = f.w;
  w.ledger.begin_month();
  const Cents gov = w.government_balance, rest = w.rest_of_world_balance;
  apply_policies(w);
  run_training(w);
  const Cents cost = w.ledger.flow(Flow::kTraining);
  EXPECT_GT(cost, 0);
  EXPECT_EQ(w.ledger.flow(Flow::kDonorGrants), cost);
  EXPECT_EQ(w.government_balance, gov);
  EXPECT_EQ(w.rest_of_world_balance, rest);
  EXPECT_EQ(w.ledger.net(Account::kGovernment), 0);
}

}  // namespace
}  // namespace minesim
