// Commodity price paths: constant and interpolated paths by hand, and the mean-reverting log price
// against its closed-form properties (determinism and stream keying, geometric catch-up with a
// trending long-run level, long-run mean, trend growth and lag-1 autocorrelation over many seeds).
#include "world/prices.h"

#include <gtest/gtest.h>

#include <cmath>
#include <stdexcept>
#include <vector>

#include "core/categories.h"
#include "core/rng.h"

namespace minesim {
namespace {

static_assert(static_cast<std::uint32_t>(rng::Purpose::kPrice) == 8);

constexpr std::uint32_t kCopper = static_cast<std::uint32_t>(idx(Commodity::kCopper));
constexpr Month kStart{2025, 1};

PriceParams mean_reverting(double reversion, double volatility, double trend) {
  PriceParams p;
  p.mode = PriceMode::kMeanReverting;
  p.base_usd = 9000.0;
  p.reversion = reversion;
  p.volatility = volatility;
  p.trend_per_year = trend;
  return p;
}

TEST(Prices, ConstantIsBaseEveryMonth) {
  PriceParams p;
  p.base_usd = 2300.0;
  p.trend_per_year = 0.05;  // not used by a constant price
  const std::vector<double> v = price_path(p, 1, 0, kStart, 36);
  ASSERT_EQ(v.size(), 36u);
  for (double x : v) EXPECT_EQ(x, 2300.0);
  EXPECT_TRUE(price_path(p, 1, 0, kStart, 0).empty());
  EXPECT_THROW(price_path(p, 1, 0, kStart, -1), std::invalid_argument);
}

TEST(Prices, PathInterpolatesLinearlyAndIsFlatOutside) {
  PriceParams p;
  p.mode = PriceMode::kPath;
  p.path = {{Month{2025, 1}, 100.0}, {Month{2025, 11}, 200.0}, {Month{2026, 1}, 100.0}};
  // 2024-11 .. 2026-02: two months before the first point, one after the last.
  const std::vector<double> v = price_path(p, 1, kCopper, Month{2024, 11}, 16);
  ASSERT_EQ(v.size(), 16u);
  EXPECT_EQ(v[0], 100.0);  // 2024-11, before the first point
  EXPECT_EQ(v[1], 100.0);  // 2024-12
  EXPECT_EQ(v[2], 100.0);  // 2025-01, the first point
  for (int t = 2; t <= 12; ++t) EXPECT_DOUBLE_EQ(v[t], 100.0 + 10.0 * (t - 2)) << "t=" << t;
  EXPECT_EQ(v[7], 150.0);   // 2025-06: halfway between 2025-01 and 2025-11
  EXPECT_EQ(v[12], 200.0);  // 2025-11
  EXPECT_EQ(v[13], 150.0);  // 2025-12: halfway down to the last point
  EXPECT_EQ(v[14], 100.0);  // 2026-01, the last point
  EXPECT_EQ(v[15], 100.0);  // 2026-02, after the last point
}

TEST(Prices, PathSinglePointIsFlat) {
  PriceParams p;
  p.mode = PriceMode::kPath;
  p.path = {{Month{2030, 6}, 55.0}};
  for (double x : price_path(p, 1, 0, kStart, 120)) EXPECT_EQ(x, 55.0);
}

TEST(Prices, InvalidParametersThrow) {
  PriceParams path;
  path.mode = PriceMode::kPath;
  EXPECT_THROW(price_path(path, 1, 0, kStart, 12), std::invalid_argument);  // no points
  path.path = {{Month{2025, 6}, 1.0}, {Month{2025, 3}, 2.0}};
  EXPECT_THROW(price_path(path, 1, 0, kStart, 12), std::invalid_argument);  // unsorted
  path.path = {{Month{2025, 6}, 1.0}, {Month{2025, 6}, 2.0}};
  EXPECT_THROW(price_path(path, 1, 0, kStart, 12), std::invalid_argument);  // duplicate month
  path.path = {{Month{2025, 6}, -1.0}};
  EXPECT_THROW(price_path(path, 1, 0, kStart, 12), std::invalid_argument);  // negative price

  PriceParams mr = mean_reverting(0.05, 0.05, 0.0);
  mr.base_usd = 0.0;
  EXPECT_THROW(price_path(mr, 1, 0, kStart, 12), std::invalid_argument);
  mr = mean_reverting(1.5, 0.05, 0.0);
  EXPECT_THROW(price_path(mr, 1, 0, kStart, 12), std::invalid_argument);
  mr = mean_reverting(0.05, -0.01, 0.0);
  EXPECT_THROW(price_path(mr, 1, 0, kStart, 12), std::invalid_argument);
  mr = mean_reverting(0.05, 0.05, -1.0);
  EXPECT_THROW(price_path(mr, 1, 0, kStart, 12), std::invalid_argument);
}

TEST(Prices, MeanRevertingIsDeterministicAndKeyedBySeedAndCommodity) {
  const PriceParams p = mean_reverting(0.05, 0.08, 0.02);
  const std::vector<double> a = price_path(p, 42, kCopper, kStart, 240);
  const std::vector<double> b = price_path(p, 42, kCopper, kStart, 240);
  EXPECT_EQ(a, b);  // bit for bit
  EXPECT_NE(a, price_path(p, 43, kCopper, kStart, 240));
  EXPECT_NE(a, price_path(p, 42, kCopper + 1, kStart, 240));
  EXPECT_DOUBLE_EQ(a[0], p.base_usd);  // exp(log(base_usd)), within rounding
  // A shorter run is a prefix of a longer one.
  const std::vector<double> head = price_path(p, 42, kCopper, kStart, 24);
  EXPECT_EQ(head, std::vector<double>(a.begin(), a.begin() + 24));
  // With no trend, the first step is exactly the shock of the (seed, kPrice, commodity, first
  // calendar month) stream: x_1 = x_0 + reversion * (mu - x_0) + volatility * z_0 with x_0 = mu.
  const PriceParams flat = mean_reverting(0.05, 0.08, 0.0);
  const std::vector<double> f = price_path(flat, 42, kCopper, kStart, 2);
  const double z0 =
      rng::Stream(42, rng::Purpose::kPrice, kCopper, static_cast<std::uint32_t>(kStart.index()))
          .normal();
  EXPECT_NEAR(std::log(f[1]) - std::log(f[0]), 0.08 * z0, 1e-12);
}

// Observed history: the months up to the last observed point take the observed prices (linear
// between points, flat before the first), and the seeded process continues from the last of them
// with the same calendar-month shocks as without history (common random numbers).
TEST(Prices, ObservedHistoryThenTheSeededProcessFromItsLastPrice) {
  PriceParams p = mean_reverting(0.05, 0.08, 0.0);
  p.observed = {{Month{2025, 3}, 1000.0}, {Month{2025, 7}, 2000.0}};
  const std::vector<double> v = price_path(p, 42, kCopper, kStart, 12);
  EXPECT_DOUBLE_EQ(v[0], 1000.0);  // before the first point: flat
  EXPECT_DOUBLE_EQ(v[2], 1000.0);  // 2025-03
  EXPECT_DOUBLE_EQ(v[4], 1500.0);  // 2025-05, halfway
  EXPECT_DOUBLE_EQ(v[6], 2000.0);  // 2025-07, the last observed month
  // 2025-08: one step of the recursion from log(2000) toward log(base), with 2025-07's shock.
  const Month july{2025, 7};
  const double z =
      rng::Stream(42, rng::Purpose::kPrice, kCopper, static_cast<std::uint32_t>(july.index()))
          .normal();
  const double x = std::log(2000.0);
  EXPECT_NEAR(std::log(v[7]), x + 0.05 * (std::log(9000.0) - x) + 0.08 * z, 1e-12);
  // Seeds differ only after the history.
  const std::vector<double> w = price_path(p, 43, kCopper, kStart, 12);
  EXPECT_EQ(std::vector<double>(v.begin(), v.begin() + 7),
            std::vector<double>(w.begin(), w.begin() + 7));
  EXPECT_NE(v[7], w[7]);
  // A history that ends before the first month changes nothing.
  PriceParams old = mean_reverting(0.05, 0.08, 0.0);
  const std::vector<double> none = price_path(old, 42, kCopper, kStart, 12);
  old.observed = {{Month{2020, 1}, 5000.0}};
  EXPECT_EQ(price_path(old, 42, kCopper, kStart, 12), none);
  // A non-positive observed price has no log.
  p.observed = {{Month{2025, 3}, 0.0}};
  EXPECT_THROW(price_path(p, 42, kCopper, kStart, 12), std::invalid_argument);
}

TEST(Prices, WithoutShocksLogPriceFollowsTrendWithGeometricLag) {
  // With volatility 0 the gap d_t = mu_t - x_t obeys d_{t+1} = (1 - k) (d_t + c), where
  // c = log(1 + trend) / 12 is the monthly growth of mu, and d_0 = 0. Hence
  // d_t = d* (1 - (1 - k)^t) with the steady lag d* = (1 - k) c / k.
  const double k = 0.1, trend = 0.03;
  const PriceParams p = mean_reverting(k, 0.0, trend);
  const std::vector<double> v = price_path(p, 7, kCopper, kStart, 120);
  const double c = std::log(1.0 + trend) / 12.0;
  const double d_star = (1.0 - k) * c / k;
  for (int t = 0; t < 120; ++t) {
    const double mu = std::log(p.base_usd) + std::log(1.0 + trend) * t / 12.0;
    const double gap = mu - std::log(v[t]);
    EXPECT_NEAR(gap, d_star * (1.0 - std::pow(1.0 - k, t)), 1e-12) << "t=" << t;
  }
  // No trend and no shocks: the price stays at its base.
  for (double x : price_path(mean_reverting(k, 0.0, 0.0), 7, kCopper, kStart, 60)) {
    EXPECT_DOUBLE_EQ(x, 9000.0);
  }
}

// Log deviations y = x - mu of the months [burn_in, months) of `seeds` paths (seeds 1..seeds).
std::vector<std::vector<double>> log_deviations(const PriceParams& p, int seeds, int months,
                                                int burn_in) {
  std::vector<std::vector<double>> out;
  const double mu = std::log(p.base_usd);
  for (int s = 1; s <= seeds; ++s) {
    const std::vector<double> v =
        price_path(p, static_cast<std::uint64_t>(s), kCopper, kStart, months);
    std::vector<double> y;
    for (int t = burn_in; t < months; ++t) y.push_back(std::log(v[t]) - mu);
    out.push_back(std::move(y));
  }
  return out;
}

TEST(Prices, LongRunMeanOfLogPriceIsTheLongRunLevel) {
  const double k = 0.05, sigma = 0.05;
  const int seeds = 400, months = 240, burn_in = 120, n = months - burn_in;
  double sum = 0.0;
  for (const auto& y : log_deviations(mean_reverting(k, sigma, 0.0), seeds, months, burn_in)) {
    for (double d : y) sum += d;
  }
  const double mean = sum / (seeds * n);
  // The deviations form an AR(1) with phi = 1 - k and stationary sd s = sigma / sqrt(1 - phi^2)
  // (0.16 here; 120 months of burn-in leave phi^240 < 1e-5 of the start). The mean of n
  // consecutive months has variance ~ s^2 / n * (1 + phi) / (1 - phi) (effective sample size
  // n (1 - phi) / (1 + phi)), and the seeds are independent, so the grand mean has
  // sd = s * sqrt((1 + phi) / ((1 - phi) n seeds)) ~ 0.0046. Tolerance: 4 sd.
  const double phi = 1.0 - k;
  const double s = sigma / std::sqrt(1.0 - phi * phi);
  const double sd = s * std::sqrt((1.0 + phi) / ((1.0 - phi) * n * seeds));
  EXPECT_NEAR(mean, 0.0, 4.0 * sd);
}

TEST(Prices, TrendRaisesTheLogPriceOverTwentyYears) {
  // The recursion is linear, so E[x_t] is the shock-free path: mu_t - d_t, d_t = d* (1 - phi^t).
  // Over 20 years the last year's mean log price exceeds the first year's by 19 years of trend,
  // 19 log(1.03) = 0.562 (the centres of the two years are 19 years apart), less the lag d* that
  // builds up in the meantime (0.036 with k = 0.05): about 0.53, roughly 20 log(1.03) = 0.59.
  const double k = 0.05, sigma = 0.05, trend = 0.03;
  const int seeds = 400, months = 240;
  const PriceParams p = mean_reverting(k, sigma, trend);
  double diff = 0.0;
  for (int s = 1; s <= seeds; ++s) {
    const std::vector<double> v =
        price_path(p, static_cast<std::uint64_t>(s), kCopper, kStart, months);
    double first = 0.0, last = 0.0;
    for (int t = 0; t < 12; ++t) first += std::log(v[t]) / 12.0;
    for (int t = months - 12; t < months; ++t) last += std::log(v[t]) / 12.0;
    diff += (last - first) / seeds;
  }
  const double phi = 1.0 - k, c = std::log(1.0 + trend) / 12.0, d_star = phi * c / k;
  double expected = 0.0;
  for (int t = 0; t < 12; ++t) {
    const double late = months - 12 + t;
    expected += (c * late - d_star * (1.0 - std::pow(phi, late))) / 12.0;
    expected -= (c * t - d_star * (1.0 - std::pow(phi, t))) / 12.0;
  }
  EXPECT_NEAR(expected, 19.0 * std::log(1.03) - 0.0358, 0.001);  // the hand value above
  // Per seed, the last-year mean has sd close to the stationary s = 0.16 and the first-year mean
  // much less, so the mean over 400 seeds has sd ~ 0.17 / 20 ~ 0.0085. Tolerance: ~5 sd.
  EXPECT_NEAR(diff, expected, 0.04);
}

TEST(Prices, LagOneAutocorrelationOfLogDeviationsIsOneMinusReversion) {
  // E[y_t y_{t+1}] = (1 - k) E[y_t^2] for every t (z_t is independent of y_t), so the ratio of the
  // sums pooled over 400 independent seeds estimates 1 - k without the small-sample bias of one
  // series. Its sd is about sqrt((1 - phi^2) / N) with N = 400 * 119 pairs: < 0.003 for these k.
  for (double k : {0.05, 0.3}) {
    double cross = 0.0, square = 0.0;
    for (const auto& y : log_deviations(mean_reverting(k, 0.05, 0.0), 400, 240, 120)) {
      for (std::size_t t = 0; t + 1 < y.size(); ++t) {
        cross += y[t] * y[t + 1];
        square += y[t] * y[t];
      }
    }
    EXPECT_NEAR(cross / square, 1.0 - k, 0.012) << "reversion " << k;
  }
}

}  // namespace
}  // namespace minesim
