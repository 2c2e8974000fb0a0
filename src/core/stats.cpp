#include "core/stats.h"

#include <algorithm>
#include <boost/math/distributions/students_t.hpp>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace minesim::stats {

namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

std::vector<double> finite(const std::vector<double>& v) {
  std::vector<double> out;
  for (double x : v)
    if (std::isfinite(x)) out.push_back(x);
  return out;
}

double mean_of(const std::vector<double>& v) {
  if (v.empty()) return kNaN;
  double s = 0;
  for (double x : v) s += x;
  return s / static_cast<double>(v.size());
}
}  // namespace

double quantile(std::vector<double> v, double p) {
  if (!(p >= 0 && p <= 1)) throw std::invalid_argument("quantile: p outside [0, 1]");
  v = finite(v);
  if (v.empty()) return kNaN;
  std::sort(v.begin(), v.end());
  const double h = static_cast<double>(v.size() - 1) * p;
  const auto lo = static_cast<std::size_t>(std::floor(h));
  if (lo + 1 >= v.size()) return v.back();
  return v[lo] + (h - static_cast<double>(lo)) * (v[lo + 1] - v[lo]);
}

Summary summarise(const std::vector<double>& v) {
  const std::vector<double> f = finite(v);
  return {f.size(), mean_of(f), quantile(f, 0.05), quantile(f, 0.95)};
}

double sample_sd(const std::vector<double>& v) {
  const std::vector<double> f = finite(v);
  if (f.size() < 2) return kNaN;
  const double m = mean_of(f);
  double ss = 0;
  for (double x : f) ss += (x - m) * (x - m);
  return std::sqrt(ss / static_cast<double>(f.size() - 1));
}

double t975(std::size_t df) {
  if (df < 1) throw std::invalid_argument("t975: needs at least one degree of freedom");
  const boost::math::students_t dist(static_cast<double>(df));
  return boost::math::quantile(dist, 0.975);
}

Effect paired_effect(const std::vector<double>& differences) {
  const std::vector<double> d = finite(differences);
  Effect e{d.size(), mean_of(d), kNaN, kNaN};
  if (d.size() < 2) return e;
  const double half = t975(d.size() - 1) * sample_sd(d) / std::sqrt(static_cast<double>(d.size()));
  e.lo = e.mean - half;
  e.hi = e.mean + half;
  return e;
}

}  // namespace minesim::stats
