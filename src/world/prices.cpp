// Commodity price paths: constant, interpolated from given points, or a mean-reverting log price
// (a discrete Ornstein-Uhlenbeck process around a trending long-run level). See prices.h for the
// exact recursion; every shock is drawn from its own (seed, kPrice, commodity, step) stream.
#include "world/prices.h"

#include <cmath>
#include <stdexcept>
#include <string>

#include "core/rng.h"

namespace minesim {
namespace {

void check_path(const std::vector<PricePoint>& path) {
  if (path.empty()) throw std::invalid_argument("price path mode needs at least one price point");
  for (std::size_t i = 0; i < path.size(); ++i) {
    if (!std::isfinite(path[i].usd) || path[i].usd < 0.0) {
      throw std::invalid_argument("price path: price at " + path[i].month.iso() +
                                  " must be finite and >= 0");
    }
    if (i > 0 && !(path[i - 1].month < path[i].month)) {
      throw std::invalid_argument("price path: months must be strictly increasing (" +
                                  path[i - 1].month.iso() + " then " + path[i].month.iso() + ")");
    }
  }
}

double interpolate(const std::vector<PricePoint>& path, int month_index) {
  if (month_index <= path.front().month.index()) return path.front().usd;
  if (month_index >= path.back().month.index()) return path.back().usd;
  std::size_t hi = 1;
  while (path[hi].month.index() < month_index) ++hi;
  const PricePoint& a = path[hi - 1];
  const PricePoint& b = path[hi];
  const double share = static_cast<double>(month_index - a.month.index()) /
                       static_cast<double>(b.month.index() - a.month.index());
  return a.usd + (b.usd - a.usd) * share;
}

void check_mean_reverting(const PriceParams& p) {
  if (!std::isfinite(p.base_usd) || p.base_usd <= 0.0) {
    throw std::invalid_argument("mean-reverting price: base_usd must be finite and > 0");
  }
  if (!(p.reversion >= 0.0 && p.reversion <= 1.0)) {
    throw std::invalid_argument("mean-reverting price: reversion must be in [0, 1]");
  }
  if (!std::isfinite(p.volatility) || p.volatility < 0.0) {
    throw std::invalid_argument("mean-reverting price: volatility must be finite and >= 0");
  }
  if (!std::isfinite(p.trend_per_year) || p.trend_per_year <= -1.0) {
    throw std::invalid_argument("mean-reverting price: trend_per_year must be finite and > -1");
  }
}

// A mean-reverting price's history: a path whose prices are also positive (their log is taken).
void check_observed(const std::vector<PricePoint>& observed) {
  check_path(observed);
  for (const PricePoint& q : observed)
    if (!(q.usd > 0.0))
      throw std::invalid_argument("observed price at " + q.month.iso() + " must be > 0");
}

}  // namespace

std::vector<double> price_path(const PriceParams& p, std::uint64_t seed, std::uint32_t commodity,
                               Month first, int steps) {
  if (steps < 0) throw std::invalid_argument("price path: steps must be >= 0");
  std::vector<double> out(static_cast<std::size_t>(steps));
  switch (p.mode) {
    case PriceMode::kConstant:
      for (double& v : out) v = p.base_usd;
      break;
    case PriceMode::kPath:
      check_path(p.path);
      for (int t = 0; t < steps; ++t) out[t] = interpolate(p.path, first.index() + t);
      break;
    case PriceMode::kMeanReverting: {
      check_mean_reverting(p);
      const double mu0 = std::log(p.base_usd);
      const double log_growth = std::log1p(p.trend_per_year);  // long-run log growth per year
      // Observed history: its months take the observed price, and the process goes on from it.
      const int observed_end = p.observed.empty() ? -1 : p.observed.back().month.index();
      if (!p.observed.empty()) check_observed(p.observed);
      double x = mu0;
      for (int t = 0; t < steps; ++t) {
        if (first.index() + t <= observed_end)
          x = std::log(interpolate(p.observed, first.index() + t));
        out[t] = std::exp(x);
        if (t + 1 == steps) break;  // the last shock would only move a month outside the path
        const double mu_next = mu0 + log_growth * static_cast<double>(t + 1) / 12.0;
        const double z = rng::Stream(seed, rng::Purpose::kPrice, commodity,
                                     static_cast<rng::u32>(first.index() + t))  // calendar month
                             .normal();
        x = x + p.reversion * (mu_next - x) + p.volatility * z;
      }
      break;
    }
  }
  return out;
}

}  // namespace minesim
