#include "app/summary.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "io/headlines.h"
#include "world/variables.h"

namespace minesim {

namespace {

double sum(const std::vector<double>& v) {
  double t = 0;
  for (double x : v)
    if (!std::isnan(x)) t += x;
  return t;
}

std::string shown(double x, Style style) {
  switch (style) {
    case Style::kShare: return fmt::format("{:.3f}", x);
    case Style::kUsdCents: return fmt::format("{:.2f}", x);
    case Style::kKg: return fmt::format("{:.1f}", x);
    case Style::kCount:
    case Style::kUsd: break;
  }
  return fmt::format("{:.0f}", x);
}

}  // namespace

void Summary::observe(Month m, const Indicators& ind) {
  if (!first_) first_ = ind, first_month_ = m;
  last_ = ind;
  last_month_ = m;
  revenue_total_ += sum(ind.government_revenue);
}

void Summary::print(std::ostream& out, const std::string& file, const World& w, int threads,
                    double seconds) const {
  if (!first_) return;
  const Extents ext = extents_of(s_);
  // Persons alive, not rows: rows also hold those who died or left since the last compaction.
  const auto alive = std::count(w.persons.alive.begin(), w.persons.alive.end(), 1);
  out << fmt::format(
      "minesim: {} months ({} to {}), {} simulated persons alive at the end, {} threads, {:.1f} "
      "s\n",
      s_.simulation.months, first_month_.iso().substr(0, 7), last_month_.iso().substr(0, 7), alive,
      threads, seconds);
  out << fmt::format("  {:<44} {:>14} {:>14}\n", "", first_month_.iso().substr(0, 7),
                     last_month_.iso().substr(0, 7));
  // The brief headlines (io/headlines.h), the same rows and numbers `minesim compare` shows.
  const auto a = headline_table(*first_, ext), b = headline_table(*last_, ext);
  for (std::size_t k = 0; k < a.size(); ++k) {
    if (!a[k].headline->brief) continue;
    const Style st = a[k].headline->style;
    out << fmt::format("  {:<44} {:>14} {:>14}\n",
                       fmt::format("{} ({})", a[k].row, a[k].headline->unit), shown(a[k].value, st),
                       shown(b[k].value, st));
  }
  out << fmt::format("  stock-flow residual (USD, an accounting check) {:>12.0f} {:>14.0f}\n",
                     first_->stock_flow_residual[0], last_->stock_flow_residual[0]);
  out << fmt::format("  government revenue over the run: {:.0f} USD\n", revenue_total_);
  out << fmt::format("  output: {}\n", file);
}

}  // namespace minesim
