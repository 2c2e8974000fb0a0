// Mine operators: opening and closure, technology adoption on the scenario's schedule, labour
// demand by skill, production, and the mine's payments (sales, wages, taxes, costs, dividends).
#include "world/mines.h"

#include <algorithm>
#include <cmath>

#include "core/rng.h"

namespace minesim {

namespace {

constexpr double kGramsPerTroyOunce = 31.1034768;

// Adoption share of one scheduled rollout in month `now`: linear ramp to the target.
double adoption_share(const AdoptionParams& a, Month now) {
  const int since = months_between(a.start, now);
  if (since < 0) return 0.0;
  if (a.ramp_months == 0) return a.target_share;
  return a.target_share * std::min(1.0, static_cast<double>(since + 1) / a.ramp_months);
}

// Real revenue of one month in USD at the scenario price.
double revenue_usd(const MineParams& m, double tonnes) {
  if (m.commodity == Commodity::kGold)
    return tonnes * m.grade * m.recovery / kGramsPerTroyOunce * m.price_usd;
  return tonnes * (m.grade / 100.0) * m.recovery * m.price_usd;  // copper, cobalt: tonnes metal
}

}  // namespace

void plan_mines(World& w) {
  const Scenario& s = *w.scenario;
  const Month now = w.month();
  const double scale = s.simulation.population_scale;
  for (std::size_t m = 0; m < w.mines.size(); ++m) {
    const MineParams& mp = s.mines[m];
    MineState& ms = w.mines[m];
    ms.open = !(now < mp.open) && now < mp.close;
    ms.adoption.fill(0.0);
    ms.onsite_roles.fill(0.0);
    ms.remote_roles.fill(0.0);
    ms.productivity = 1.0;
    ms.incident_factor = 1.0;
    ms.production_t = 0;
    ms.capex = 0;
    if (!ms.open) {
      for (int k = 0; k < kSkills; ++k) w.posts.demand[ms.first_post + k] = 0;
      continue;
    }
    for (const auto& a : mp.adoptions)
      ms.adoption[idx(a.technology)] =
          std::max(ms.adoption[idx(a.technology)], adoption_share(a, now));

    // Roles: each technology removes a share of the remaining roles by skill, creates high-skill
    // roles, a share of them remote. Technologies apply in catalogue order.
    std::array<double, kSkills> roles{};
    for (int k = 0; k < kSkills; ++k) roles[k] = static_cast<double>(mp.workforce[k]);
    double remote = 0, remote_abroad = 0, capex_usd = 0;
    for (int t = 0; t < kTechnologies; ++t) {
      const double a = ms.adoption[t];
      if (a <= 0) continue;
      const TechnologyParams& tp = s.technologies[t];
      double out = 0;
      for (int k = 0; k < kSkills; ++k) {
        const double r = roles[k] * tp.roles_removed_share[k] * a;
        roles[k] -= r;
        out += r;
      }
      const double created = out * tp.roles_created_per_removed;
      roles[idx(Skill::kHigh)] += created * (1.0 - tp.remote_share);
      remote += created * tp.remote_share;
      remote_abroad += created * tp.remote_share * tp.remote_abroad_share;
      // Capital spending follows roles removed: paid as the adoption share rises.
      if (out > ms.removed_roles[t]) {
        capex_usd += (out - ms.removed_roles[t]) * tp.capex_usd_per_role_removed;
        ms.removed_roles[t] = out;
      }
      Month first = now;
      for (const auto& ad : mp.adoptions)
        if (idx(ad.technology) == t && ad.start < first) first = ad.start;
      const bool learning = months_between(first, now) < tp.learning_months;
      // During learning the technology under-performs the manned operation; afterwards it gains.
      ms.productivity *= learning ? 1.0 - a * tp.learning_dip : 1.0 + a * tp.productivity_gain;
      ms.incident_factor *= 1.0 - a * tp.incident_reduction;
    }
    ms.onsite_roles = roles;
    ms.remote_roles[idx(Location::kInCountry)] = remote - remote_abroad;
    ms.remote_roles[idx(Location::kAbroad)] = remote_abroad;
    ms.capex = to_cents(capex_usd * scale);
    for (int k = 0; k < kSkills; ++k)
      w.posts.demand[ms.first_post + k] = std::llround(roles[k] * scale);
    ms.production_t = mp.ore_tonnes_per_month * ms.productivity;
  }
}

void settle_mines(World& w) {
  const Scenario& s = *w.scenario;
  const double scale = s.simulation.population_scale;
  const auto& e = s.economy;
  Ledger& L = w.ledger;
  for (std::size_t m = 0; m < w.mines.size(); ++m) {
    const MineParams& mp = s.mines[m];
    MineState& ms = w.mines[m];
    ms.revenue = ms.profit = 0;
    ms.incidents = 0;
    if (!ms.open) continue;
    const Cents revenue = to_cents(revenue_usd(mp, ms.production_t) * scale);
    Cents gross = 0, net = 0, onsite = 0;
    for (int k = 0; k < kSkills; ++k) {
      const std::uint32_t p = ms.first_post + k;
      gross += w.posts.filled[p] * w.posts.wage[p];
      net += w.posts.filled[p] * w.posts.net_wage[p];
      onsite += w.posts.filled[p];
    }
    const Cents payroll_tax = gross - net;
    const double remote_roles = ms.remote_roles[0] + ms.remote_roles[1];
    const Cents remote_wages = to_cents(remote_roles * scale * s.wages.mine_usd[idx(Skill::kHigh)]);
    const Cents royalty = scale_cents(revenue, e.royalty_rate);
    const Cents opex = to_cents(ms.production_t * mp.opex_usd_per_tonne * scale);
    const Cents profit = revenue - gross - remote_wages - royalty - opex - ms.capex;
    const Cents cit = profit > 0 ? scale_cents(profit, e.corporate_income_tax_rate) : 0;

    L.transfer(Account::kRestOfWorld, Account::kMines, Flow::kMineSales, revenue);
    L.transfer(Account::kMines, Account::kHouseholds, Flow::kMineWages, net);
    L.transfer(Account::kMines, Account::kGovernment, Flow::kPayrollTax, payroll_tax);
    L.transfer(Account::kMines, Account::kRestOfWorld, Flow::kRemoteWages, remote_wages);
    L.transfer(Account::kMines, Account::kGovernment, Flow::kRoyalty, royalty);
    L.transfer(Account::kMines, Account::kRestOfWorld, Flow::kMineOperatingCosts, opex);
    L.transfer(Account::kMines, Account::kRestOfWorld, Flow::kTechnologyCapex, ms.capex);
    L.transfer(Account::kMines, Account::kGovernment, Flow::kCorporateIncomeTax, cit);
    ms.balance += revenue - net - payroll_tax - remote_wages - royalty - opex - ms.capex - cit;
    w.government_balance += payroll_tax + royalty + cit;
    w.rest_of_world_balance += remote_wages + opex + ms.capex - revenue;
    // Foreign owners take positive cash as dividends; losses stay as a negative balance (debt).
    if (ms.balance > 0) {
      L.transfer(Account::kMines, Account::kRestOfWorld, Flow::kDividends, ms.balance);
      w.rest_of_world_balance += ms.balance;
      ms.balance = 0;
    }
    ms.profit = profit;
    ms.revenue = revenue;

    // Recordable incidents: Poisson in on-site hours, from the mine's own stream.
    const double hours = static_cast<double>(onsite) * mp.hours_per_month;
    const double mean = hours * mp.incidents_per_million_hours / 1e6 * ms.incident_factor;
    rng::Stream r(s.simulation.seed, rng::Purpose::kIncidents, static_cast<std::uint32_t>(m),
                  static_cast<std::uint32_t>(w.step));
    ms.incidents = r.poisson(mean);
  }
}

}  // namespace minesim
