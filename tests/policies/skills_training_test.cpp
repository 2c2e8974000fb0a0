// The skills_training lever: the course it adds and its seats, a lever ramped in.
#include <gtest/gtest.h>

#include "policies/policy.h"
#include "support.h"

namespace minesim {
namespace {

using Fixture = test::InterventionWorld;

TEST(SkillsTraining, TheCourseIsAddedAndItsSeatsAreALever) {
  // From the first simulated month (2025-01 less 6 months of spin-up).
  Fixture f("type = \"skills_training\"\ncapacity = 100\nramp_months = 4\npayer = \"mines\"\n",
            "2024-07-01");
  ASSERT_EQ(f.w.month(), (Month{2024, 7}));
  ASSERT_EQ(f.s.training.size(), 1u);
  EXPECT_TRUE(f.s.training[0].opened_by_lever);
  EXPECT_EQ(f.s.training[0].payer, Payer::kMines);
  EXPECT_EQ(f.w.levers.training_seats[0], 0.0);  // closed until the lever opens it
  apply_policies(f.w);                           // month 1 of the ramp: strength 1/4
  EXPECT_DOUBLE_EQ(f.w.levers.training_seats[0], 25.0);
}

}  // namespace
}  // namespace minesim
