// The axes declared outside core/categories.h are checked with the same compile-time helpers
// (their headers belong to other modules), and the labels reach the output in enum order.
#include <gtest/gtest.h>

#include "agents/persons.h"
#include "core/categories.h"
#include "scenario/scenario.h"
#include "world/ledger.h"

namespace minesim {
namespace {

static_assert(labels_cover(AsmTech::kMercuryFree, kAsmTechLabels));
static_assert(labels_cover(Payer::kMines, kPayerLabels));
static_assert(labels_cover(InterventionType::kStagedAutomation, kInterventionLabels));
static_assert(kPersonOrigins == static_cast<int>(kPersonOriginLabels.size()));
static_assert(idx(Origin8::kExpatriate) == kPersonOrigins - 1);
static_assert(kFlows == static_cast<int>(kFlowLabels.size()));

TEST(Categories, LabelsFollowTheEnumOrder) {
  EXPECT_EQ(kSectorLabels[idx(Sector::kLocalEconomy)], "local_economy");
  EXPECT_EQ(kSkillLabels[idx(Skill::kHigh)], "high");
  EXPECT_EQ(kFlowLabels[idx(Flow::kDiversification)], "diversification");
  EXPECT_EQ(kFlowLabels[idx(Flow::kMineSales)], "mine_sales");
  EXPECT_EQ(kAccountLabels[idx(Account::kRestOfWorld)], "rest_of_world");
  EXPECT_EQ(kAgeGroupLabels[static_cast<std::size_t>(age_group_of_years(30))], "25-64");
}

TEST(Categories, HelpersRejectBadLabels) {
  enum class E : std::uint8_t { kA, kB, kC };
  EXPECT_TRUE(labels_cover(E::kC, std::to_array<std::string_view>({"a", "b", "c"})));
  EXPECT_FALSE(labels_cover(E::kC, std::to_array<std::string_view>({"a", "b"})));
  EXPECT_FALSE(labels_cover(E::kC, std::to_array<std::string_view>({"a", "", "c"})));
  EXPECT_FALSE(labels_cover(E::kC, std::to_array<std::string_view>({"a", "b", "a"})));
  EXPECT_FALSE(labels_distinct(std::to_array<std::string_view>({"x", "x"})));
}

}  // namespace
}  // namespace minesim
