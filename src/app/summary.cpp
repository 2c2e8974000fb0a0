#include "app/summary.h"

#include <fmt/format.h>

#include <cmath>
#include <numeric>

#include "world/variables.h"

namespace minesim {

namespace {

double sum(const std::vector<double>& v) {
  double t = 0;
  for (double x : v)
    if (!std::isnan(x)) t += x;
  return t;
}

// Persons employed in `sector`, all communities, genders and skills.
double employed(const Indicators& ind, const Extents& e, Sector sector) {
  const auto at = shape_of<4>(&Indicators::employment, e);
  double t = 0;
  for (std::size_t c = 0; c < e.communities; ++c)
    for (int g = 0; g < kGenders; ++g)
      for (int k = 0; k < kSkills; ++k) t += ind.employment[at(c, idx(sector), g, k)];
  return t;
}

// Population-weighted mean of a per-community share.
double weighted(const std::vector<double>& share, const Indicators& ind, const Extents& e) {
  const auto at = shape_of<3>(&Indicators::population, e);
  double num = 0, den = 0;
  for (std::size_t c = 0; c < e.communities; ++c) {
    double pop = 0;
    for (int g = 0; g < kGenders; ++g)
      for (int a = 0; a < kAgeGroups; ++a) pop += ind.population[at(c, g, a)];
    if (!std::isnan(share[c])) num += share[c] * pop, den += pop;
  }
  return den > 0 ? num / den : NAN;
}

}  // namespace

void Summary::observe(const World& w, const Indicators& ind) {
  if (!first_) first_ = ind, first_month_ = w.month();
  last_ = ind;
  last_month_ = w.month();
  revenue_total_ += sum(ind.government_revenue);
}

void Summary::print(std::ostream& out, const std::string& file, const World& w, int threads,
                    double seconds) const {
  if (!first_) return;
  const Extents ext = extents_of(s_);
  const Indicators &a = *first_, &b = *last_;
  out << fmt::format("minesim: {} months ({} to {}), {} simulated persons, {} threads, {:.1f} s\n",
                     s_.simulation.months, first_month_.iso().substr(0, 7),
                     last_month_.iso().substr(0, 7), w.persons.size(), threads, seconds);
  out << fmt::format("  {:<44} {:>14} {:>14}\n", "", first_month_.iso().substr(0, 7),
                     last_month_.iso().substr(0, 7));
  auto row = [&](const std::string& name, double x, double y, const char* f) {
    out << fmt::format("  {:<44} {:>14} {:>14}\n", name, fmt::format(fmt::runtime(f), x),
                       fmt::format(fmt::runtime(f), y));
  };
  row("population", sum(a.population), sum(b.population), "{:.0f}");
  row("mine jobs held by residents", employed(a, ext, Sector::kMine),
      employed(b, ext, Sector::kMine), "{:.0f}");
  row("remote mine roles", sum(a.remote_employment), sum(b.remote_employment), "{:.0f}");
  row("women's share of the mine workforce", a.women_share_mine_workforce[0],
      b.women_share_mine_workforce[0], "{:.3f}");
  row("local-economy jobs", employed(a, ext, Sector::kLocalEconomy),
      employed(b, ext, Sector::kLocalEconomy), "{:.0f}");
  row("farming and informal work", employed(a, ext, Sector::kFarmingInformal),
      employed(b, ext, Sector::kFarmingInformal), "{:.0f}");
  row("unemployed (15-64, seeking work)", sum(a.unemployed), sum(b.unemployed), "{:.0f}");
  row("poverty rate (population-weighted)", weighted(a.poverty_rate, a, ext),
      weighted(b.poverty_rate, b, ext), "{:.3f}");
  row("government revenue (USD per month)", sum(a.government_revenue), sum(b.government_revenue),
      "{:.0f}");
  row("mine incidents (per month)", a.incidents[idx(Sector::kMine)],
      b.incidents[idx(Sector::kMine)], "{:.0f}");
  row("stock-flow residual (USD)", a.stock_flow_residual[0], b.stock_flow_residual[0], "{:.0f}");
  out << fmt::format("  government revenue over the run: {:.0f} USD\n", revenue_total_);
  out << fmt::format("  output: {}\n", file);
}

}  // namespace minesim
