#include "world/indicators.h"

#include <oneapi/tbb/global_control.h>
#include <oneapi/tbb/parallel_for.h>
#include <oneapi/tbb/parallel_sort.h>
#include <oneapi/tbb/task_arena.h>
#include <boost/sort/spreadsort/float_sort.hpp>

#include <algorithm>
#include <cmath>
#include <limits>

#include "core/parallel.h"
#include "world/households.h"
#include "world/indicators_persons.h"
#include "world/variables.h"

namespace minesim {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

}  // namespace

double gini_sorted(std::span<const double> x) {
  const std::size_t n = x.size();
  if (n < 2) return 0.0;
  long double total = 0, weighted = 0;
  for (std::size_t i = 0; i < n; ++i) {
    total += x[i];
    weighted += static_cast<long double>(i + 1) * x[i];
  }
  if (total <= 0) return 0.0;
  return static_cast<double>(2.0L * weighted / (n * total) - (n + 1.0L) / n);
}

namespace {

// Sums over the mines that feed scalars of other variables.
struct MineTotals {
  double remote_total = 0, remote_female = 0, incidents = 0, onsite_total = 0;
};

void one_mine(const World& w, std::size_t m, const Extents& ext, double up, Indicators& out,
              MineTotals& t) {
  const MineState& ms = w.mines[m];
  const auto adoption = shape_of<2>(&Indicators::technology_adoption, ext);
  const auto skill = shape_of<2>(&Indicators::mine_employment, ext);
  const auto occupation = shape_of<2>(&Indicators::mine_employment_by_occupation, ext);
  const auto spend_at = shape_of<3>(&Indicators::procurement_spend, ext);
  const auto remote = shape_of<3>(&Indicators::remote_employment, ext);
  for (int k = 0; k < kTechnologies; ++k) out.technology_adoption[adoption(m, k)] = ms.adoption[k];
  out.mine_production[m] = ms.production_t;
  out.mine_profit[m] = to_usd(ms.profit) * up;
  for (int o = 0; o < kOccupations; ++o)
    for (int k = 0; k < kSkills; ++k) {
      const double n = static_cast<double>(w.posts.filled[mine_post(ms, o, k)]) * up;
      out.mine_employment[skill(m, k)] += n;
      out.mine_employment_by_occupation[occupation(m, o)] += n;
      t.onsite_total += n;
    }
  Cents spend = 0, local = 0;
  for (int c = 0; c < kCategories; ++c)
    for (int g = 0; g < kOrigins; ++g) {
      out.procurement_spend[spend_at(m, c, g)] = to_usd(ms.spend[c][g]) * up;
      spend += ms.spend[c][g];
      if (g == idx(Origin::kLocal)) local += ms.spend[c][g];
    }
  out.local_procurement_share[m] =
      spend > 0 ? static_cast<double>(local) / static_cast<double>(spend) : kNaN;
  out.co2_emissions[m] = ms.co2_t;
  out.mine_layoffs[m] = static_cast<double>(ms.layoffs) * up;
  out.mine_redeployments[m] = static_cast<double>(ms.redeployed) * up;
  out.profit_shifted[m] = to_usd(ms.shifted) * up;
  // Remote roles are filled outside the modelled communities; the catalogue gives their share
  // of women (world/mines.cpp).
  for (int l = 0; l < kLocations; ++l) {
    const double r = ms.remote_roles[l], f = ms.remote_female[l];
    out.remote_employment[remote(l, idx(Gender::kFemale), idx(Skill::kHigh))] += f;
    out.remote_employment[remote(l, idx(Gender::kMale), idx(Skill::kHigh))] += r - f;
    t.remote_total += r;
    t.remote_female += f;
  }
  t.incidents += static_cast<double>(ms.incidents) * up;
}

void mine_indicators(const World& w, const PersonCounts& pc, const Extents& ext, double up,
                     Indicators& out) {
  const std::size_t nm = w.mines.size();
  for (auto col :
       {&Indicators::remote_employment, &Indicators::technology_adoption,
        &Indicators::mine_production, &Indicators::mine_profit, &Indicators::mine_employment,
        &Indicators::mine_employment_by_occupation, &Indicators::procurement_spend,
        &Indicators::co2_emissions, &Indicators::mine_layoffs, &Indicators::mine_redeployments,
        &Indicators::profit_shifted, &Indicators::commodity_price})
    (out.*col).assign(values_per_month(series_of(col), ext), 0.0);
  out.local_procurement_share.assign(nm, kNaN);
  for (int k = 0; k < kCommodities; ++k)
    out.commodity_price[k] = w.prices[k][static_cast<std::size_t>(w.step)];
  MineTotals t;
  for (std::size_t m = 0; m < nm; ++m) one_mine(w, m, ext, up, out, t);
  const double mine_female = static_cast<double>(female_mine_workers(pc)) * up + t.remote_female;
  const double mine_all = t.onsite_total + t.remote_total;
  out.women_share_mine_workforce = {mine_all > 0 ? mine_female / mine_all : kNaN};
  // Only mine incidents are modelled so far; other sectors are missing values, not zeros.
  out.incidents.assign(kSectors, kNaN);
  out.incidents[idx(Sector::kMine)] = t.incidents;
}

void asm_indicators(const World& w, const Extents& ext, double up, Indicators& out) {
  const Scenario& s = *w.scenario;
  const std::size_t nc = w.communities.size();
  const auto emp = shape_of<4>(&Indicators::employment, ext);
  const auto miners = shape_of<2>(&Indicators::asm_miners, ext);
  out.asm_miners.assign(miners.size(), 0.0);
  for (std::size_t c = 0; c < nc; ++c)
    for (int g = 0; g < kGenders; ++g)
      for (int k = 0; k < kSkills; ++k)
        out.asm_miners[miners(c, g)] += out.employment[emp(c, idx(Sector::kAsm), g, k)];
  out.asm_gold_output_kg.assign(nc, 0.0);
  out.asm_mercury_kg.assign(nc, 0.0);
  out.asm_income_mean.assign(nc, kNaN);
  out.asm_royalty.assign(nc, 0.0);
  std::vector<Cents> asm_pay(nc, 0);
  std::vector<std::int64_t> asm_workers(nc, 0);
  double asm_incidents = 0;
  for (std::size_t k = 0; k < w.asm_sites.size(); ++k) {
    const AsmSiteState& st = w.asm_sites[k];
    const auto c = static_cast<std::size_t>(s.asm_sites[k].community);
    out.asm_gold_output_kg[c] += st.gold_g / 1000.0;
    out.asm_mercury_kg[c] += st.mercury_g / 1000.0;
    out.asm_royalty[c] += to_usd(st.royalty) * up;
    asm_pay[c] += st.worker_pay;
    for (std::uint32_t r = 0; r < kAsmPostsPerSite; ++r)
      asm_workers[c] += w.posts.filled[st.first_post + r];
    asm_incidents += static_cast<double>(st.incidents) * up;
  }
  for (std::size_t c = 0; c < nc; ++c)
    if (asm_workers[c] > 0)
      out.asm_income_mean[c] = to_usd(asm_pay[c]) / static_cast<double>(asm_workers[c]);
  if (!w.asm_sites.empty()) out.incidents[idx(Sector::kAsm)] = asm_incidents;
}

void economy_indicators(const World& w, const Extents& ext, double up, Indicators& out) {
  const Scenario& s = *w.scenario;
  const Ledger& L = w.ledger;
  out.government_revenue = {to_usd(L.flow(Flow::kRoyalty) + L.flow(Flow::kAsmRoyalty)) * up,
                            to_usd(L.flow(Flow::kCorporateIncomeTax)) * up,
                            to_usd(L.flow(Flow::kPayrollTax)) * up,
                            to_usd(L.flow(Flow::kOtherLevies)) * up};
  // Suppliers able to serve each category (capability at or above its local threshold, as
  // lowered by any local procurement rule in force).
  const auto count_at = shape_of<2>(&Indicators::supplier_count, ext);
  out.supplier_count.assign(count_at.size(), 0.0);
  const Suppliers& f = w.suppliers;
  for (std::size_t i = 0; i < f.count(); ++i) {
    if (!f.alive[i]) continue;
    for (int c = 0; c < kCategories; ++c)
      if (f.capability[i][c] >=
          s.mining.local_threshold[c] * (1.0 - w.levers.threshold_relief[f.community[i]][c]))
        out.supplier_count[count_at(f.community[i], c)] += 1.0;
  }
  // Local-economy output by industry (annual rate is not used: USD per month).
  const auto output_at = shape_of<2>(&Indicators::local_economy_output, ext);
  const std::size_t ni = ext.industries;
  out.local_economy_output.assign(output_at.size(), 0.0);
  for (std::size_t c = 0; c < ext.communities; ++c) {
    Eigen::VectorXd fd(static_cast<Eigen::Index>(ni));
    for (std::size_t j = 0; j < ni; ++j)
      fd(static_cast<Eigen::Index>(j)) = to_usd(w.communities[c].final_demand[j]);
    const Eigen::VectorXd x = w.leontief * fd;
    for (std::size_t j = 0; j < ni; ++j)
      out.local_economy_output[output_at(c, j)] = x(static_cast<Eigen::Index>(j)) * up;
  }
  out.stock_flow_residual = {to_usd(w.stock_flow_residual) * up};
  out.government_balance = {to_usd(w.government_balance) * up};
}

struct HhCounts {
  std::vector<Cents> income;
  std::vector<std::int64_t> n, persons, poor, female_headed;
};

HhCounts count_households(const World& w) {
  const Households& hh = w.households;
  const std::size_t nc = w.communities.size();
  const Cents line = poverty_line_cents(w.scenario->economy);
  return par::reduce_blocks<HhCounts>(
      hh.count(),
      [&] {
        return HhCounts{std::vector<Cents>(nc, 0), std::vector<std::int64_t>(nc, 0),
                        std::vector<std::int64_t>(nc, 0), std::vector<std::int64_t>(nc, 0),
                        std::vector<std::int64_t>(nc, 0)};
      },
      [&](HhCounts& a, std::size_t b, std::size_t e) {
        for (std::size_t h = b; h < e; ++h) {
          if (hh.size[h] == 0) continue;  // dissolved: everyone died, moved or left
          const std::size_t c = hh.community[h];
          a.income[c] += hh.income[h];
          ++a.n[c];
          a.persons[c] += hh.size[h];
          a.female_headed[c] += hh.head_female[h];
          // Poverty counts income in kind (own farm produce eaten) with cash income, as household
          // surveys do; mean income and the Gini stay on cash income.
          if (hh.income[h] + hh.own_consumption[h] < line * hh.size[h]) a.poor[c] += hh.size[h];
        }
      },
      [](HhCounts& a, const HhCounts& x) {
        for (std::size_t c = 0; c < a.n.size(); ++c) {
          a.income[c] += x.income[c];
          a.n[c] += x.n[c];
          a.persons[c] += x.persons[c];
          a.poor[c] += x.poor[c];
          a.female_headed[c] += x.female_headed[c];
        }
      });
}

void community_indicators(const World& w, double up, Indicators& out) {
  const std::size_t nc = w.communities.size();
  const HhCounts hc = count_households(w);
  for (auto col : {&Indicators::births, &Indicators::deaths, &Indicators::migration_in,
                   &Indicators::migration_out, &Indicators::households})
    (out.*col).assign(nc, 0.0);
  for (auto col : {&Indicators::household_income_mean, &Indicators::poverty_rate,
                   &Indicators::income_gini, &Indicators::female_headed_share})
    (out.*col).assign(nc, kNaN);
  for (std::size_t c = 0; c < nc; ++c) {
    const CommunityState& cs = w.communities[c];
    out.births[c] = static_cast<double>(cs.births) * up;
    out.deaths[c] = static_cast<double>(cs.deaths) * up;
    out.migration_in[c] = static_cast<double>(cs.moved_in) * up;
    out.migration_out[c] = static_cast<double>(cs.moved_out) * up;
    if (hc.n[c] > 0)
      out.household_income_mean[c] = to_usd(hc.income[c]) / static_cast<double>(hc.n[c]);
    if (hc.persons[c] > 0)
      out.poverty_rate[c] = static_cast<double>(hc.poor[c]) / static_cast<double>(hc.persons[c]);
    if (hc.n[c] > 0)
      out.female_headed_share[c] =
          static_cast<double>(hc.female_headed[c]) / static_cast<double>(hc.n[c]);
    out.households[c] = static_cast<double>(hc.n[c]) * up;
  }
}

// Gini: each living household's income per person, grouped by community, then each community's
// values sorted on their own, communities in parallel. The grouping is a counting sort in parallel
// over fixed blocks of households (a block's values of a community follow the earlier blocks'),
// and a community of many households is sorted with tbb::parallel_sort where there are four
// threads or more: with one community per country (global_asm, the largest a third of the
// persons) its sort would otherwise keep one thread busy while the others wait. Equal values are
// interchangeable, so the result depends neither on the order among ties nor on which sort ran.
void gini_indicators(const World& w, Indicators& out) {
  const Households& hh = w.households;
  const std::size_t nc = w.communities.size(), n = hh.count(), nb = par::block_count(n);
  std::vector<std::uint32_t> counts(nb * nc, 0);  // by block, then community
  par::for_blocks(n, [&](std::size_t b, std::size_t e) {
    std::uint32_t* const count = counts.data() + b / par::kBlock * nc;
    for (std::size_t h = b; h < e; ++h) count[hh.community[h]] += hh.size[h] > 0;
  });
  std::vector<std::size_t> start(nc + 1, 0), next(nb * nc);
  for (std::size_t c = 0; c < nc; ++c) {
    std::size_t at = start[c];
    for (std::size_t k = 0; k < nb; ++k) next[k * nc + c] = at, at += counts[k * nc + c];
    start[c + 1] = at;
  }
  std::vector<double> pcap(start[nc]);
  par::for_blocks(n, [&](std::size_t b, std::size_t e) {
    std::size_t* const to = next.data() + b / par::kBlock * nc;
    for (std::size_t h = b; h < e; ++h)
      if (hh.size[h] > 0) pcap[to[hh.community[h]]++] = to_usd(hh.income[h]) / hh.size[h];
  });
  // tbb::parallel_sort, a comparison sort, takes about twice spreadsort's time on one thread, and
  // pays from four threads on (assumption from its scaling; spreadsort is serial).
  constexpr std::size_t kParallelSortFrom = 1 << 16;  // values
  const bool threads =
      std::min<std::size_t>(
          tbb::this_task_arena::max_concurrency(),
          tbb::global_control::active_value(tbb::global_control::max_allowed_parallelism)) >= 4;
  tbb::parallel_for(std::size_t{0}, nc, [&](std::size_t c) {
    if (start[c + 1] == start[c]) return;
    const std::span<double> vals(pcap.data() + start[c], start[c + 1] - start[c]);
    if (threads && vals.size() >= kParallelSortFrom)
      tbb::parallel_sort(vals.begin(), vals.end());
    else  // a radix sort (Boost's spreadsort): several times std::sort's speed on these incomes
      boost::sort::spreadsort::float_sort(vals.begin(), vals.end());
    out.income_gini[c] = gini_sorted(vals);
  });
}

}  // namespace

Indicators compute_indicators(const World& w) {
  const Extents ext = extents_of(*w.scenario);
  const double up = 1.0 / w.scenario->simulation.population_scale;  // simulated -> real
  const PersonCounts pc = count_persons(w, ext);
  Indicators out;
  person_indicators(pc, ext, up, out);
  mine_indicators(w, pc, ext, up, out);
  asm_indicators(w, ext, up, out);
  economy_indicators(w, ext, up, out);
  community_indicators(w, up, out);
  gini_indicators(w, out);
  return out;
}

}  // namespace minesim
