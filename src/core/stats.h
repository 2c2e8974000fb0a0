#pragma once
// The statistics of an ensemble (issue 12; docs/ensembles.md): quantiles as numpy computes them by
// default (linear interpolation between order statistics), and the paired effect of an arm
// against the baseline, the mean of per-seed differences with its Student-t 95 % interval
// (Boost.Math for the t quantile). NaN values (an indicator undefined in a member's month) are
// left out; `n` counts what is used.
#include <cstddef>
#include <vector>

namespace minesim::stats {

// The p-quantile (0 <= p <= 1) of the finite values of `v`: sorted x, h = (n - 1) p,
// x[floor h] + (h - floor h) (x[floor h + 1] - x[floor h]); NaN when there is none.
double quantile(std::vector<double> v, double p);

struct Summary {
  std::size_t n = 0;
  double mean, p05, p95;  // NaN when n == 0
};
Summary summarise(const std::vector<double>& v);

// Of the differences d_i (arm minus baseline, one per common seed and point): n, the mean, and
// mean -+ t(0.975, n - 1) s / sqrt(n) with s the sample standard deviation (lo and hi NaN when
// n < 2).
struct Effect {
  std::size_t n = 0;
  double mean, lo, hi;
};
Effect paired_effect(const std::vector<double>& differences);

// The sample standard deviation (n - 1 in the denominator) of the finite values; NaN for n < 2.
double sample_sd(const std::vector<double>& v);

// t(0.975, df), the two-sided 95 % quantile of Student's t with `df` >= 1 degrees of freedom.
double t975(std::size_t df);

}  // namespace minesim::stats
