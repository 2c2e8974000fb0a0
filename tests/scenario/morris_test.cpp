// Morris trajectories and elementary effects (scenario/morris.h; issue 12 item 5): the design's
// properties (one move of +-Delta per factor, grid levels, determinism, scaling into members) and
// mu, mu*, sigma against values computed by hand for y = 2 x1 + x2^2 and y = x1 - 3 x2.
#include "scenario/morris.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <set>

#include "scenario/plan.h"
#include "support.h"

namespace minesim {
namespace {

TEST(Morris, EachTrajectoryMovesEachFactorOnceByDeltaOnTheGrid) {
  for (const int levels : {2, 4, 6}) {
    const double delta = morris_delta(levels);
    const auto design = morris_design(40, 3, levels, 12345);
    ASSERT_EQ(design.size(), 40u);
    std::set<int> bases;
    std::set<int> directions;
    for (const MorrisTrajectory& t : design) {
      ASSERT_EQ(t.points.size(), 4u);
      std::set<int> moved;
      for (std::size_t j = 0; j < t.points.size(); ++j)
        for (std::size_t i = 0; i < 3; ++i) {
          const double level = t.points[j][i] * (levels - 1);
          EXPECT_DOUBLE_EQ(level, std::round(level));  // on the grid
          EXPECT_GE(t.points[j][i], 0.0);
          EXPECT_LE(t.points[j][i], 1.0);
          if (j == 0) bases.insert(static_cast<int>(std::round(level)));
        }
      for (std::size_t j = 1; j < t.points.size(); ++j) {
        int changed = 0;
        for (std::size_t i = 0; i < 3; ++i) {
          const double step = t.points[j][i] - t.points[j - 1][i];
          if (step == 0) continue;
          ++changed;
          moved.insert(static_cast<int>(i));
          EXPECT_EQ(static_cast<int>(i), t.order[j - 1]);
          EXPECT_NEAR(step, t.direction[i] * delta, 1e-12);
        }
        EXPECT_EQ(changed, 1);
      }
      EXPECT_EQ(moved.size(), 3u);  // every factor, once
      for (const int d : t.direction) directions.insert(d);
    }
    EXPECT_EQ(directions, (std::set<int>{-1, 1}));
    // base levels: {0 .. p/2 - 1} when moving up, {p/2 .. p - 1} when moving down: all p levels
    EXPECT_EQ(bases.size(), static_cast<std::size_t>(levels));
  }
}

TEST(Morris, DesignIsDeterministicAndKeyed) {
  const auto a = morris_design(5, 3, 4, 7), b = morris_design(5, 3, 4, 7);
  const auto longer = morris_design(8, 3, 4, 7), other = morris_design(5, 3, 4, 8);
  bool differs = false;
  for (std::size_t t = 0; t < a.size(); ++t) {
    EXPECT_EQ(a[t].points, b[t].points);
    EXPECT_EQ(a[t].points, longer[t].points);  // more trajectories keep the first ones
    differs = differs || a[t].points != other[t].points;
  }
  EXPECT_TRUE(differs);
  EXPECT_EQ(morris_key(4, {{"a.b", 0, 1}}), morris_key(4, {{"a.b", 0, 1}}));
  EXPECT_NE(morris_key(4, {{"a.b", 0, 1}}), morris_key(6, {{"a.b", 0, 1}}));
  EXPECT_NE(morris_key(4, {{"a.b", 0, 1}}), morris_key(4, {{"a.b", 0, 2}}));
  EXPECT_THROW(morris_design(1, 2, 3, 7), std::invalid_argument);
  EXPECT_DOUBLE_EQ(morris_delta(4), 2.0 / 3.0);
}

// Two hand-made trajectories at p = 4 (Delta = 2/3): A goes up from (0, 0), x1 first; B goes down
// from (1, 1), x2 first.
std::vector<MorrisTrajectory> hand_design() {
  MorrisTrajectory a{{{0, 0}, {2.0 / 3, 0}, {2.0 / 3, 2.0 / 3}}, {0, 1}, {1, 1}};
  MorrisTrajectory b{{{1, 1}, {1, 1.0 / 3}, {1.0 / 3, 1.0 / 3}}, {1, 0}, {-1, -1}};
  return {a, b};
}

template <class F>
std::vector<std::vector<double>> evaluate(const std::vector<MorrisTrajectory>& d, F f) {
  std::vector<std::vector<double>> y;
  for (const auto& t : d) {
    y.emplace_back();
    for (const auto& x : t.points) y.back().push_back(f(x[0], x[1]));
  }
  return y;
}

TEST(Morris, EffectsByHand) {
  const auto d = hand_design();
  // y = 2 x1 + x2^2. A: y = 0, 4/3, 16/9: EE1 = 2, EE2 = (4/9) / (2/3) = 2/3.
  // B: y = 3, 19/9, 7/9: EE2 = (-8/9) / (-2/3) = 4/3, EE1 = (-12/9) / (-2/3) = 2.
  auto e = morris_effects(d, evaluate(d, [](double x1, double x2) { return 2 * x1 + x2 * x2; }),
                          2.0 / 3);
  EXPECT_NEAR(e.ee[0][0], 2, 1e-12);
  EXPECT_NEAR(e.ee[0][1], 2.0 / 3, 1e-12);
  EXPECT_NEAR(e.ee[1][0], 2, 1e-12);
  EXPECT_NEAR(e.ee[1][1], 4.0 / 3, 1e-12);
  EXPECT_NEAR(e.mu_star[0], 2, 1e-12);
  EXPECT_NEAR(e.mu_star[1], 1, 1e-12);
  EXPECT_NEAR(e.mu[1], 1, 1e-12);
  EXPECT_NEAR(e.sigma[0], 0, 1e-12);
  EXPECT_NEAR(e.sigma[1], std::sqrt(2.0 / 9), 1e-12);  // {2/3, 4/3}: n - 1 in the denominator
  EXPECT_EQ(e.ranking, (std::vector<int>{0, 1}));
  // y = x1 - 3 x2: EE2 = -3 both ways, so mu = -3 and mu* = 3, ranked first.
  e = morris_effects(d, evaluate(d, [](double x1, double x2) { return x1 - 3 * x2; }), 2.0 / 3);
  EXPECT_NEAR(e.mu[1], -3, 1e-12);
  EXPECT_NEAR(e.mu_star[1], 3, 1e-12);
  EXPECT_NEAR(e.mu[0], 1, 1e-12);
  EXPECT_EQ(e.ranking, (std::vector<int>{1, 0}));
  // |EE| of opposite signs: y = (x1 - 1/2)^2 ... here simply x1 * (B ? -1 : 1) via one row.
  auto y = evaluate(d, [](double x1, double) { return x1; });
  for (double& v : y[1]) v = -v;
  e = morris_effects(d, y, 2.0 / 3);
  EXPECT_NEAR(e.mu[0], 0, 1e-12);
  EXPECT_NEAR(e.mu_star[0], 1, 1e-12);
  EXPECT_NEAR(e.sigma[0], std::sqrt(2.0), 1e-12);
  EXPECT_THROW(morris_effects(d, {{1, 2, 3}}, 2.0 / 3), std::invalid_argument);
}

TEST(Morris, PlanMembersAreTheScaledTrajectories) {
  const std::string dir = std::filesystem::canonical(test::fresh_dir("morris_plan")).string();
  test::write_file(dir + "/base.toml", test::tiny_scenario());
  const Plan plan = read_plan_string(R"([arms.base]
scenario = "base.toml"
[sensitivity]
trajectories = 3
levels = 4
indicators = ["unemployed"]
[sensitivity.ranges]
"labour.quit_rate" = [0.01, 0.05]
"economy.royalty_rate" = [0.02, 0.08]
)",
                                     dir + "/p.toml");
  const auto members = expand_members(plan);
  const auto design = morris_plan_design(*plan.sensitivity);
  ASSERT_EQ(members.size(), 9u);
  for (std::size_t p = 0; p < members.size(); ++p) {
    const Member& m = members[p];
    const std::size_t t = p / 3, j = p % 3;
    EXPECT_EQ(m.point, static_cast<int>(p));
    EXPECT_EQ(m.seed, t + 1);  // trajectory t + 1 runs with seed t + 1
    EXPECT_EQ(m.name, fmt::format("base/s{}/p{}", t + 1, p));
    ASSERT_EQ(m.params.size(), 2u);
    EXPECT_EQ(m.params[0].first, "labour.quit_rate");
    EXPECT_DOUBLE_EQ(m.params[0].second, 0.01 + design[t].points[j][0] * 0.04);
    EXPECT_DOUBLE_EQ(m.params[1].second, 0.02 + design[t].points[j][1] * 0.06);
  }
  EXPECT_EQ(member_sets(plan, members[0]).size(), 2u);
}

}  // namespace
}  // namespace minesim
