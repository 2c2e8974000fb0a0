#pragma once
// Morris elementary effects (Morris 1991, doi:10.1080/00401706.1991.10484804), pure computation:
// the trajectories of a [sensitivity] plan on the unit cube and the statistics of the elementary
// effects (docs/ensembles.md, "Sensitivity (Morris)").
//
// The design is Campolongo, Cariboni & Saltelli's form of Morris's (2007, doi:10.1016/
// j.envsoft.2006.10.004): B* = (J x* + (Delta/2)((2B - J) D* + J)) P*, with p levels {0, 1/(p-1),
// ..., 1}, Delta = p / (2 (p - 1)), x* a base point on {0, 1/(p-1), ..., 1 - Delta}, D* a diagonal
// of random signs and P* a random order of the k factors. Point 0 of a trajectory has coordinate i
// at x*_i when D*_i = +1 and at x*_i + Delta when D*_i = -1; point j moves factor order[j-1] by
// D*_i Delta (up or down), so each factor moves exactly once, by +-Delta.
#include <cstdint>
#include <string>
#include <vector>

namespace minesim {

struct MorrisTrajectory {
  std::vector<std::vector<double>> points;  // k + 1 points of k coordinates, on the grid
  std::vector<int> order;                   // the factor that step j moves is order[j - 1]
  std::vector<int> direction;               // per factor: +1 (moved up) or -1 (moved down)
};

// p / (2 (p - 1)).
double morris_delta(int levels);

// `trajectories` trajectories of `factors` factors on the `levels`-level grid (levels even, >= 2).
// Trajectory t (0-based) draws from the Philox stream (seed `key`, Purpose::kMorrisDesign, entity
// t, month 0): per factor the base level (uniform among the p/2 lowest) and the sign (+1 when a
// uniform is >= 1/2), then the order by a Fisher-Yates shuffle as lhs_points does. Trajectory t
// does not depend on how many there are. std::invalid_argument for odd or too few levels.
std::vector<MorrisTrajectory> morris_design(int trajectories, int factors, int levels,
                                            std::uint64_t key);

// The key of a plan's design: FNV-1a (64 bit) of "morris LEVELS" and each range's " KEY LO HI"
// in file order (not the trajectories: adding trajectories keeps the first ones).
struct MorrisRange {
  std::string key;
  double lo = 0, hi = 0;
};
std::uint64_t morris_key(int levels, const std::vector<MorrisRange>& ranges);

// Elementary effects of one indicator: y[t][j] is its value at point j of trajectory t.
// EE[t][i] = (y[t][j] - y[t][j-1]) / (direction[i] Delta) for the step j that moves factor i, so
// an EE is the change per unit-cube step upwards whichever way the step went.
struct MorrisEffects {
  std::vector<std::vector<double>> ee;     // [trajectory][factor]
  std::vector<double> mu, mu_star, sigma;  // per factor: mean EE, mean |EE|, sample SD (n - 1)
  std::vector<int> ranking;                // factors by decreasing mu*, ties by factor order
};
// std::invalid_argument when y's shape does not match the design. sigma is NaN with one
// trajectory.
MorrisEffects morris_effects(const std::vector<MorrisTrajectory>& design,
                             const std::vector<std::vector<double>>& y, double delta);

}  // namespace minesim
