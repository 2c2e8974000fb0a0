// Morris trajectories and elementary effects (scenario/morris.h).
#include "scenario/morris.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <stdexcept>

#include "core/rng.h"

namespace minesim {

double morris_delta(int levels) { return levels / (2.0 * (levels - 1)); }

std::vector<MorrisTrajectory> morris_design(int trajectories, int factors, int levels,
                                            std::uint64_t key) {
  if (levels < 2 || levels % 2 != 0)
    throw std::invalid_argument(fmt::format("morris_design: {} levels (even, >= 2)", levels));
  const int half = levels / 2;  // Delta in levels
  const auto k = static_cast<std::size_t>(factors);
  std::vector<MorrisTrajectory> out;
  for (int t = 0; t < trajectories; ++t) {
    rng::Stream st(key, rng::Purpose::kMorrisDesign, static_cast<rng::u32>(t), 0);
    MorrisTrajectory tr;
    std::vector<int> level(k);
    for (std::size_t i = 0; i < k; ++i) {
      const int base = std::min(half - 1, static_cast<int>(st.uniform() * half));
      tr.direction.push_back(st.uniform() < 0.5 ? -1 : 1);
      level[i] = tr.direction[i] > 0 ? base : base + half;
    }
    tr.order.resize(k);
    std::iota(tr.order.begin(), tr.order.end(), 0);
    for (int i = factors - 1; i > 0; --i) {
      const int j = std::min(i, static_cast<int>(st.uniform() * (i + 1)));
      std::swap(tr.order[static_cast<std::size_t>(i)], tr.order[static_cast<std::size_t>(j)]);
    }
    const auto point = [&] {
      std::vector<double> x;
      for (const int l : level) x.push_back(static_cast<double>(l) / (levels - 1));
      return x;
    };
    tr.points.push_back(point());
    for (const int i : tr.order) {
      level[static_cast<std::size_t>(i)] += tr.direction[static_cast<std::size_t>(i)] * half;
      tr.points.push_back(point());
    }
    out.push_back(std::move(tr));
  }
  return out;
}

std::uint64_t morris_key(int levels, const std::vector<MorrisRange>& ranges) {
  std::string text = fmt::format("morris {}", levels);
  for (const auto& r : ranges) text += fmt::format(" {} {} {}", r.key, r.lo, r.hi);
  std::uint64_t h = 0xcbf29ce484222325u;
  for (const char c : text) {
    h ^= static_cast<unsigned char>(c);
    h *= 0x100000001b3u;
  }
  return h;
}

MorrisEffects morris_effects(const std::vector<MorrisTrajectory>& design,
                             const std::vector<std::vector<double>>& y, double delta) {
  if (y.size() != design.size())
    throw std::invalid_argument("morris_effects: one row of values per trajectory");
  const std::size_t k = design.empty() ? 0 : design.front().order.size();
  MorrisEffects e;
  for (std::size_t t = 0; t < design.size(); ++t) {
    const MorrisTrajectory& tr = design[t];
    if (tr.order.size() != k || y[t].size() != k + 1)
      throw std::invalid_argument("morris_effects: a trajectory of another shape");
    std::vector<double> ee(k);
    for (std::size_t j = 1; j <= k; ++j) {
      const auto i = static_cast<std::size_t>(tr.order[j - 1]);
      ee[i] = (y[t][j] - y[t][j - 1]) / (tr.direction[i] * delta);
    }
    e.ee.push_back(std::move(ee));
  }
  const double n = static_cast<double>(design.size());
  for (std::size_t i = 0; i < k; ++i) {
    double sum = 0, abs_sum = 0;
    for (const auto& row : e.ee) {
      sum += row[i];
      abs_sum += std::abs(row[i]);
    }
    const double mu = sum / n;
    double ss = 0;
    for (const auto& row : e.ee) ss += (row[i] - mu) * (row[i] - mu);
    e.mu.push_back(mu);
    e.mu_star.push_back(abs_sum / n);
    e.sigma.push_back(n > 1 ? std::sqrt(ss / (n - 1)) : std::numeric_limits<double>::quiet_NaN());
  }
  e.ranking.resize(k);
  std::iota(e.ranking.begin(), e.ranking.end(), 0);
  std::stable_sort(e.ranking.begin(), e.ranking.end(), [&](int a, int b) {
    return e.mu_star[static_cast<std::size_t>(a)] > e.mu_star[static_cast<std::size_t>(b)];
  });
  return e;
}

}  // namespace minesim
