#pragma once
// Commodity price paths (USD per unit) for gold, copper and cobalt, one value per model month.
// Owns the three price modes a scenario can choose: a constant, a path of given prices with linear
// interpolation, and a mean-reverting log price with a trend in its long-run level. Shocks come
// from rng::Stream keyed by (seed, Purpose::kPrice, commodity, calendar month), so a path is a pure
// function of its inputs and policy arms share the same prices (common random numbers).
#include <cstdint>
#include <vector>

#include "core/calendar.h"
#include "scenario/scenario.h"  // PriceParams

namespace minesim {

// The price for each of `steps` consecutive months starting at `first`, for commodity index
// `commodity` (idx(Commodity::...)). Element t is the price in month first.plus(t).
//   kConstant: base_usd every month (trend and volatility are not used).
//   kPath: interpolated from `path` by month; base_usd is not used.
//   kMeanReverting: x_t = log price; mu_t = log(base_usd) + log(1 + trend_per_year) * t / 12;
//     x_0 = log(base_usd); x_{t+1} = x_t + reversion * (mu_{t+1} - x_t) + volatility * z_t, with
//     z_t = rng::Stream(seed, rng::Purpose::kPrice, commodity, first.plus(t).index()).normal();
//     price_t = exp(x_t). With `observed` prices, every month up to the last observed one takes
//     x_t = log(observed price interpolated at t) (flat before the first point), and the
//     recursion continues from there; later shocks are the same draws as without history.
// Deterministic: same inputs, same path, bit for bit. Throws std::invalid_argument for negative
// `steps` or parameters outside their ranges (empty or unsorted path; base_usd <= 0, reversion
// outside [0,1], negative volatility or trend_per_year <= -1 in mean-reverting mode).
std::vector<double> price_path(const PriceParams& p, std::uint64_t seed, std::uint32_t commodity,
                               Month first, int steps);

}  // namespace minesim
