#include "world/indicators.h"

#include <oneapi/tbb/parallel_for.h>
#include <boost/sort/spreadsort/float_sort.hpp>

#include <array>
#include <cmath>
#include <limits>

#include "core/parallel.h"
#include "world/households.h"
#include "world/variables.h"

namespace minesim {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Integer counts over persons (exact in any reduction order).
struct PersonCounts {
  std::vector<std::int64_t> employment, population, unemployed, wage_n;
  std::vector<Cents> wage_sum;
  std::int64_t female_mine = 0;
  std::array<std::int64_t, kGenders> trainees{}, certified{};
  std::vector<std::int64_t> students;
  std::array<std::int64_t, kSectors * kPersonOrigins * kSkills> by_origin{};
};

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

// The layouts of the person-level counts (from the output registry's axes).
struct PersonShapes {
  Shape<4> employment;  // community, sector, gender, skill
  Shape<3> population;  // community, gender, age_group
  Shape<3> unemployed;  // community, gender, skill
  Shape<3> wage;        // sector, gender, skill
  Shape<2> students;    // community, gender
  Shape<3> by_origin;   // sector, person_origin, skill
};

PersonShapes person_shapes(const Extents& e) {
  return {
      shape_of<4>(&Indicators::employment, e), shape_of<3>(&Indicators::population, e),
      shape_of<3>(&Indicators::unemployed, e), shape_of<3>(&Indicators::mean_wage, e),
      shape_of<2>(&Indicators::students, e),   shape_of<3>(&Indicators::employment_by_origin, e)};
}

PersonCounts count_persons(const World& w, const PersonShapes& sh) {
  const Scenario& s = *w.scenario;
  const Persons& p = w.persons;
  const Posts& posts = w.posts;
  const int wa = s.labour.working_age * 12, ra = s.labour.retirement_age * 12;
  return par::reduce_blocks<PersonCounts>(
      p.size(),
      [&] {
        return PersonCounts{std::vector<std::int64_t>(sh.employment.size(), 0),
                            std::vector<std::int64_t>(sh.population.size(), 0),
                            std::vector<std::int64_t>(sh.unemployed.size(), 0),
                            std::vector<std::int64_t>(sh.wage.size(), 0),
                            std::vector<Cents>(sh.wage.size(), 0),
                            0,
                            {},
                            {},
                            std::vector<std::int64_t>(sh.students.size(), 0),
                            {}};
      },
      [&](PersonCounts& a, std::size_t b, std::size_t e) {
        for (std::size_t i = b; i < e; ++i) {
          if (!p.alive[i]) continue;
          const std::size_t c = p.community[i], g = p.gender[i], k = p.skill[i];
          const int age = p.age_months[i];
          ++a.population[sh.population(c, g, age_group_of_years(age / 12))];
          if (p.certified[i]) ++a.certified[g];
          if (p.training[i]) {
            ++a.trainees[g];
            continue;
          }
          if (is_student(p.education[i], age)) {
            ++a.students[sh.students(c, g)];
            continue;
          }
          const std::uint32_t j = p.job[i];
          if (j == kNoJob) {
            if (p.participates[i] && age >= wa && age < ra) ++a.unemployed[sh.unemployed(c, g, k)];
            continue;
          }
          const std::size_t sec = posts.sector[j];
          ++a.employment[sh.employment(c, sec, g, k)];
          ++a.wage_n[sh.wage(sec, g, k)];
          a.wage_sum[sh.wage(sec, g, k)] +=
              posts.wage_of(j, p.origin[i] == static_cast<std::uint8_t>(Origin8::kExpatriate));
          if (sec == std::size_t{idx(Sector::kMine)} && g == std::size_t{idx(Gender::kFemale)})
            ++a.female_mine;
          ++a.by_origin[sh.by_origin(sec, p.origin[i], k)];
        }
      },
      [](PersonCounts& a, const PersonCounts& x) {
        for (std::size_t i = 0; i < a.employment.size(); ++i) a.employment[i] += x.employment[i];
        for (std::size_t i = 0; i < a.population.size(); ++i) a.population[i] += x.population[i];
        for (std::size_t i = 0; i < a.unemployed.size(); ++i) a.unemployed[i] += x.unemployed[i];
        for (std::size_t i = 0; i < a.wage_n.size(); ++i) {
          a.wage_n[i] += x.wage_n[i];
          a.wage_sum[i] += x.wage_sum[i];
        }
        a.female_mine += x.female_mine;
        for (int g = 0; g < kGenders; ++g) {
          a.trainees[g] += x.trainees[g];
          a.certified[g] += x.certified[g];
        }
        for (std::size_t k = 0; k < a.by_origin.size(); ++k) a.by_origin[k] += x.by_origin[k];
        for (std::size_t k = 0; k < a.students.size(); ++k) a.students[k] += x.students[k];
      });
}

void person_indicators(const PersonCounts& pc, double up, Indicators& out) {
  auto scaled = [&](const std::vector<std::int64_t>& v) {
    std::vector<double> r(v.size());
    for (std::size_t i = 0; i < v.size(); ++i) r[i] = static_cast<double>(v[i]) * up;
    return r;
  };
  out.employment = scaled(pc.employment);
  out.students = scaled(pc.students);
  out.population = scaled(pc.population);
  out.unemployed = scaled(pc.unemployed);
  out.trainees = {static_cast<double>(pc.trainees[0]) * up,
                  static_cast<double>(pc.trainees[1]) * up};
  out.certified_workers = {static_cast<double>(pc.certified[0]) * up,
                           static_cast<double>(pc.certified[1]) * up};
  out.employment_by_origin.assign(pc.by_origin.size(), 0.0);
  for (std::size_t k = 0; k < pc.by_origin.size(); ++k)
    out.employment_by_origin[k] = static_cast<double>(pc.by_origin[k]) * up;
  out.mean_wage.assign(pc.wage_n.size(), kNaN);
  for (std::size_t i = 0; i < pc.wage_n.size(); ++i)
    if (pc.wage_n[i] > 0)
      out.mean_wage[i] = to_usd(pc.wage_sum[i]) / static_cast<double>(pc.wage_n[i]);
}

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
  const double mine_female = static_cast<double>(pc.female_mine) * up + t.remote_female;
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

// Gini: income per person of each community's households, grouped by community (a counting
// sort), then each community's values sorted on their own, communities in parallel. Equal values
// are interchangeable, so the result does not depend on the order among ties.
void gini_indicators(const World& w, Indicators& out) {
  const Households& hh = w.households;
  const std::size_t nc = w.communities.size();
  std::vector<std::size_t> start(nc + 1, 0);
  for (std::size_t h = 0; h < hh.count(); ++h)
    if (hh.size[h] > 0) ++start[hh.community[h] + 1];
  for (std::size_t c = 0; c < nc; ++c) start[c + 1] += start[c];
  std::vector<double> pcap(start[nc]);
  std::vector<std::size_t> next(start.begin(), start.end() - 1);
  for (std::size_t h = 0; h < hh.count(); ++h)
    if (hh.size[h] > 0) pcap[next[hh.community[h]]++] = to_usd(hh.income[h]) / hh.size[h];
  tbb::parallel_for(std::size_t{0}, nc, [&](std::size_t c) {
    if (start[c + 1] == start[c]) return;
    const std::span<double> vals(pcap.data() + start[c], start[c + 1] - start[c]);
    // A radix sort (Boost's spreadsort): several times std::sort's speed on these incomes, and
    // the same order (equal values are interchangeable in the Gini's sums).
    boost::sort::spreadsort::float_sort(vals.begin(), vals.end());
    out.income_gini[c] = gini_sorted(vals);
  });
}

}  // namespace

Indicators compute_indicators(const World& w) {
  const Extents ext = extents_of(*w.scenario);
  const double up = 1.0 / w.scenario->simulation.population_scale;  // simulated -> real
  const PersonCounts pc = count_persons(w, person_shapes(ext));
  Indicators out;
  person_indicators(pc, up, out);
  mine_indicators(w, pc, ext, up, out);
  asm_indicators(w, ext, up, out);
  economy_indicators(w, ext, up, out);
  community_indicators(w, up, out);
  gini_indicators(w, out);
  return out;
}

}  // namespace minesim
