// Ensemble statistics (core/stats.h) against values worked out by hand and numpy's defaults.
#include "core/stats.h"

#include <gtest/gtest.h>

#include <cmath>

namespace minesim::stats {
namespace {

TEST(Stats, QuantileInterpolatesLinearlyBetweenOrderStatistics) {
  // numpy.quantile([1, 2, 3, 4, 10], 0.05) = 1.2 (h = 0.2); 0.95 = 8.8 (h = 3.8: 4 + 0.8 x 6).
  const std::vector<double> v{10, 3, 1, 4, 2};
  EXPECT_DOUBLE_EQ(quantile(v, 0.05), 1.2);
  EXPECT_DOUBLE_EQ(quantile(v, 0.95), 8.8);
  EXPECT_DOUBLE_EQ(quantile(v, 0.5), 3);
  EXPECT_DOUBLE_EQ(quantile(v, 0), 1);
  EXPECT_DOUBLE_EQ(quantile(v, 1), 10);
  EXPECT_DOUBLE_EQ(quantile({7}, 0.95), 7);
  EXPECT_TRUE(std::isnan(quantile({}, 0.5)));
  EXPECT_DOUBLE_EQ(quantile({NAN, 1, 3}, 0.5), 2);  // NaN left out
  EXPECT_THROW(quantile(v, 1.5), std::invalid_argument);
}

TEST(Stats, SummaryCountsFiniteValues) {
  const Summary s = summarise({1, 2, NAN, 3});
  EXPECT_EQ(s.n, 3u);
  EXPECT_DOUBLE_EQ(s.mean, 2);
  EXPECT_DOUBLE_EQ(s.p05, 1.1);
  EXPECT_DOUBLE_EQ(s.p95, 2.9);
}

TEST(Stats, TQuantileMatchesTables) {
  EXPECT_NEAR(t975(1), 12.7062047, 1e-6);
  EXPECT_NEAR(t975(4), 2.7764451, 1e-6);
  EXPECT_NEAR(t975(19), 2.0930241, 1e-6);
  EXPECT_NEAR(t975(1000), 1.9623390, 1e-6);
  EXPECT_THROW(t975(0), std::invalid_argument);
}

TEST(Stats, PairedEffectIsTheMeanDifferenceWithItsTInterval) {
  // d = 1, 2, 3, 4, 5: mean 3, s = sqrt(2.5), half width t(0.975, 4) s / sqrt(5).
  const Effect e = paired_effect({1, 2, 3, 4, 5});
  const double half = 2.7764451051977987 * std::sqrt(2.5) / std::sqrt(5.0);
  EXPECT_EQ(e.n, 5u);
  EXPECT_DOUBLE_EQ(e.mean, 3);
  EXPECT_NEAR(e.lo, 3 - half, 1e-12);
  EXPECT_NEAR(e.hi, 3 + half, 1e-12);
  EXPECT_NEAR(half, 1.963243, 1e-6);
  // One pair: an effect without an interval; none: NaN.
  const Effect one = paired_effect({2.5});
  EXPECT_EQ(one.n, 1u);
  EXPECT_DOUBLE_EQ(one.mean, 2.5);
  EXPECT_TRUE(std::isnan(one.lo) && std::isnan(one.hi));
  EXPECT_TRUE(std::isnan(paired_effect({}).mean));
  EXPECT_DOUBLE_EQ(sample_sd({2, 4, 4, 4, 5, 5, 7, 9}), std::sqrt(32.0 / 7));
}

}  // namespace
}  // namespace minesim::stats
