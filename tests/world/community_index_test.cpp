// Rows grouped by community (world/community_index.h): every row once, under its own community,
// in ascending order, and empty communities empty.
#include "world/community_index.h"

#include <gtest/gtest.h>

namespace minesim {
namespace {

TEST(CommunityIndex, GroupsRowsByCommunityInAscendingOrder) {
  const std::vector<std::uint16_t> community{2, 0, 2, 3, 0, 2};
  const CommunityIndex ix = index_by_community(community, 5);
  const auto rows = [&](std::size_t c) {
    const auto s = ix.of(c);
    return std::vector<std::uint32_t>(s.begin(), s.end());
  };
  EXPECT_EQ(rows(0), (std::vector<std::uint32_t>{1, 4}));
  EXPECT_TRUE(rows(1).empty());
  EXPECT_EQ(rows(2), (std::vector<std::uint32_t>{0, 2, 5}));
  EXPECT_EQ(rows(3), (std::vector<std::uint32_t>{3}));
  EXPECT_TRUE(rows(4).empty());
  EXPECT_EQ(ix.rows.size(), community.size());
}

TEST(CommunityIndex, EmptyTable) {
  const CommunityIndex ix = index_by_community({}, 3);
  for (std::size_t c = 0; c < 3; ++c) EXPECT_TRUE(ix.of(c).empty());
}

}  // namespace
}  // namespace minesim
