#include "model/profile.h"

#include <fmt/format.h>

#include <algorithm>
#include <numeric>

#include "model/step.h"

namespace minesim {

namespace {

constexpr std::string_view kExtra[] = {"stock_flow_check", "indicators", "recording"};

double per_month(const PhaseProfile& p, std::size_t k) {
  return p.months > 0 ? p.seconds[k] / p.months : 0.0;
}

// Phase indices by descending time in `p`.
std::vector<std::size_t> by_time(const PhaseProfile& p) {
  std::vector<std::size_t> order(p.seconds.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return p.seconds[a] > p.seconds[b]; });
  return order;
}

double karp_flatt(double speedup, int threads) {
  const double inv_p = 1.0 / threads;
  return (1.0 / speedup - inv_p) / (1.0 - inv_p);
}

}  // namespace

const std::vector<std::string_view>& PhaseProfile::names() {
  static const std::vector<std::string_view> kNames = [] {
    std::vector<std::string_view> out;
    for (const Phase& ph : schedule()) out.push_back(ph.name);
    out.insert(out.end(), std::begin(kExtra), std::end(kExtra));
    return out;
  }();
  return kNames;
}

std::size_t PhaseProfile::stock_flow_slot() { return schedule().size(); }
std::size_t PhaseProfile::indicators_slot() { return schedule().size() + 1; }
std::size_t PhaseProfile::recording_slot() { return schedule().size() + 2; }

double PhaseProfile::total() const { return std::accumulate(seconds.begin(), seconds.end(), 0.0); }

PhaseProfile fastest(const PhaseProfile& a, const PhaseProfile& b) {
  PhaseProfile out = a;
  for (std::size_t k = 0; k < out.seconds.size() && k < b.seconds.size(); ++k)
    out.seconds[k] = std::min(a.seconds[k], b.seconds[k]);
  return out;
}

std::string profile_table(const PhaseProfile& p) {
  const double total = p.total();
  std::string out = fmt::format("  {:<22} {:>12} {:>8}\n", "phase", "ms per month", "share");
  double rest = 0;
  for (const std::size_t k : by_time(p)) {
    const double share = total > 0 ? p.seconds[k] / total : 0.0;
    if (share < 0.0005) {
      rest += p.seconds[k];
      continue;
    }
    out += fmt::format("  {:<22} {:>12.3f} {:>7.1f}%\n", PhaseProfile::names()[k],
                       1e3 * per_month(p, k), 100 * share);
  }
  if (rest > 0)
    out += fmt::format("  {:<22} {:>12.3f} {:>7.1f}%\n", "(the others)",
                       p.months > 0 ? 1e3 * rest / p.months : 0.0,
                       total > 0 ? 100 * rest / total : 0.0);
  out += fmt::format("  {:<22} {:>12.3f} {:>7.1f}%  ({} months)\n", "month",
                     p.months > 0 ? 1e3 * total / p.months : 0.0, 100.0, p.months);
  return out;
}

std::string scaling_table(const PhaseProfile& one, const PhaseProfile& many, int threads) {
  const double total1 = one.total(), totaln = many.total();
  std::string out = fmt::format("  {:<22} {:>7} {:>10} {:>10} {:>8} {:>7}\n", "phase", "share",
                                "ms at 1", fmt::format("ms at {}", threads), "speed-up", "serial");
  double residue = 0;
  for (const std::size_t k : by_time(one)) {
    const double share = total1 > 0 ? one.seconds[k] / total1 : 0.0;
    const double s = many.seconds[k] > 0 ? one.seconds[k] / many.seconds[k] : 1.0;
    const double e = threads > 1 ? karp_flatt(s, threads) : 0.0;
    residue += share * e;
    if (share < 0.0005) continue;
    out += fmt::format("  {:<22} {:>6.1f}% {:>10.3f} {:>10.3f} {:>7.2f}x {:>7.3f}\n",
                       PhaseProfile::names()[k], 100 * share, 1e3 * per_month(one, k),
                       1e3 * per_month(many, k), s, e);
  }
  const double s = totaln > 0 ? total1 / totaln : 1.0;
  out += fmt::format("  {:<22} {:>6.1f}% {:>10.3f} {:>10.3f} {:>7.2f}x {:>7.3f}\n", "month", 100.0,
                     one.months > 0 ? 1e3 * total1 / one.months : 0.0,
                     many.months > 0 ? 1e3 * totaln / many.months : 0.0, s,
                     threads > 1 ? karp_flatt(s, threads) : 0.0);
  out += fmt::format("  residue (time-weighted serial fraction of the phases)  {:.3f}\n", residue);
  return out;
}

}  // namespace minesim
