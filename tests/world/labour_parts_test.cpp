// The labour market's independent parts (world/labour_parts.cpp): a mine joins the communities of
// its catchment, a seeker on a farm elsewhere joins home and farm, and each part keeps its posts in
// the hiring order given.
#include <gtest/gtest.h>

#include <numeric>

#include "model/load.h"
#include "world/labour_phases.h"

namespace minesim {
namespace {

constexpr const char* kThreeTowns = R"([simulation]
start = 2025-01-01
months = 1
spinup_months = 0
seed = 1
[communities.a]
lat = 10.0
lon = 0.0
population = 300
[communities.b]
lat = 10.2
lon = 0.0
population = 300
[communities.c]
lat = 40.0
lon = 0.0
population = 300
[mines.m]
community = "a"
ore_tonnes_per_month = 1000
grade = 1
workforce = 20
)";

std::vector<std::uint32_t> communities_of(const World& w, const std::vector<std::uint32_t>& ks) {
  std::vector<std::uint32_t> out;
  for (const std::uint32_t k : ks) out.push_back(w.posts.community[k]);
  return out;
}

TEST(LabourParts, MinesJoinTheirCatchmentsAndFarmsElsewhereJoinHomes) {
  const Scenario s = load_scenario_string(kThreeTowns, "t.toml");
  const World w = make_world(s);
  ASSERT_EQ(w.mines[0].catchment.size(), 2u);  // a and b, 22 km apart; c is 3,300 km away
  std::vector<std::uint32_t> order(w.posts.count());
  std::iota(order.begin(), order.end(), 0u);
  const auto parts = labour::posts_by_part(w, order, {});
  ASSERT_EQ(parts.size(), 2u);
  for (const std::uint32_t c : communities_of(w, parts[0])) EXPECT_LT(c, 2u);  // a and b
  for (const std::uint32_t c : communities_of(w, parts[1])) EXPECT_EQ(c, 2u);  // c alone
  EXPECT_EQ(parts[0].size() + parts[1].size(), order.size());
  EXPECT_TRUE(std::is_sorted(parts[0].begin(), parts[0].end()));  // the order given, kept
  // A seeker living in c who works on a farm of b joins c to a and b.
  const auto joined = labour::posts_by_part(w, order, {{2, 1}});
  ASSERT_EQ(joined.size(), 1u);
  EXPECT_EQ(joined[0], order);
}

}  // namespace
}  // namespace minesim
