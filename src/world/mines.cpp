// Mine operators: opening and closure, technology adoption (scheduled, or decided from the mine's
// own economics), roles by occupation and skill, production, procurement and the mine's payments.
#include "world/mines.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <optional>

#include "core/rng.h"
#include "world/suppliers.h"

namespace minesim {

namespace {

constexpr double kGramsPerTroyOunce = 31.1034768;
constexpr double kKgCo2PerLitreDiesel = 2.68;  // IPCC 2006 default for diesel (74,100 kg/TJ)

// Metal value of a tonne of ore in USD at `price`.
double value_per_tonne(const MineParams& m, double price) {
  if (m.commodity == Commodity::kGold) return m.grade * m.recovery / kGramsPerTroyOunce * price;
  return (m.grade / 100.0) * m.recovery * price;  // copper, cobalt: price per tonne of metal
}

// Royalty rate in force for a mine: its own (a strategic substance's) or the general one.
double mine_royalty_rate(const MineParams& m, const Levers& lv) {
  return m.royalty_rate >= 0 ? m.royalty_rate : lv.royalty_rate;
}

// First month the technology started at this mine (scheduled or decided), if any.
std::optional<Month> first_start(const MineParams& mp, const MineState& ms, int t) {
  std::optional<Month> first;
  for (const auto& a : mp.adoptions)
    if (idx(a.technology) == t && (!first || a.start < *first)) first = a.start;
  if (ms.decided[t] > 0) {
    const Month d = Month::from_index(ms.decided[t] - 1);
    if (!first || d < *first) first = d;
  }
  return first;
}

// Base roles by occupation and skill before any technology (real roles).
std::array<std::array<double, kSkills>, kOccupations> base_roles(const Scenario& s,
                                                                 const MineParams& mp) {
  std::array<std::array<double, kSkills>, kOccupations> r{};
  for (int o = 0; o < kOccupations; ++o)
    for (int k = 0; k < kSkills; ++k)
      r[o][k] =
          static_cast<double>(mp.workforce) * mp.occupation_shares[o] * s.mining.skill_mix[o][k];
  return r;
}

// Capital cost factor of the cost learning curve: costs are 2025 levels and fall after 2025 (or
// after the technology becomes available, if later).
double cost_factor(const TechnologyParams& tp, Month now) {
  const Month from = std::max(tp.available, Month{2025, 1});
  const double years = std::max(0, months_between(from, now)) / 12.0;
  return std::pow(1.0 - tp.capex_decline_per_year, years);
}

double full_capex_usd(const Scenario& s, const MineParams& mp, const TechnologyParams& tp,
                      Month now) {
  const auto base = base_roles(s, mp);
  double removable = 0;
  for (int o = 0; o < kOccupations; ++o)
    for (int k = 0; k < kSkills; ++k) removable += base[o][k] * tp.roles_removed_share[o];
  const double mtpa = mp.ore_tonnes_per_month * 12.0 / 1e6;
  return cost_factor(tp, now) * (tp.capex_usd_per_role_removed * removable +
                                 tp.capex_usd_per_mtpa * mtpa + tp.capex_usd_fixed);
}

}  // namespace

std::vector<Cents> split_among_mines(const World& w, const std::vector<int>& targets,
                                     Cents amount) {
  std::vector<std::size_t> payers;
  for (int m : targets)
    if (m >= 0 && static_cast<std::size_t>(m) < w.mines.size())
      payers.push_back(static_cast<std::size_t>(m));
  if (payers.empty())
    for (std::size_t m = 0; m < w.mines.size(); ++m) payers.push_back(m);
  std::vector<Cents> share(w.mines.size(), 0);
  const Cents each = amount / static_cast<Cents>(payers.size());
  for (std::size_t k = 0; k < payers.size(); ++k) share[payers[k]] += each;
  share[payers[0]] += amount - each * static_cast<Cents>(payers.size());
  return share;
}

void add_final_demand(World& w, std::size_t community, Cents amount) {
  add_split(w.communities[community].final_demand, amount,
            w.scenario->local_economy.household_shares);
}

Cents share_with_households(World& w, std::size_t community, Cents amount) {
  if (amount <= 0) return 0;
  Households& hh = w.households;
  std::vector<std::uint32_t> homes;
  for (std::uint32_t h = 0; h < hh.count(); ++h)
    if (hh.community[h] == community && hh.size[h] > 0) homes.push_back(h);
  if (homes.empty()) return 0;
  const Cents each = amount / static_cast<Cents>(homes.size());
  if (each <= 0) return 0;
  for (std::uint32_t h : homes) hh.transfers[h] += each;
  return each * static_cast<Cents>(homes.size());
}

Appraisal appraise(const World& w, std::size_t m, Technology tech) {
  const Scenario& s = *w.scenario;
  const MineParams& mp = s.mines[m];
  const MineState& ms = w.mines[m];
  const TechnologyParams& tp = s.technologies[idx(tech)];
  const Month now = w.month();
  Appraisal a;
  // Roles as they are now (other technologies included), removed at full adoption.
  double saved = 0;
  for (int o = 0; o < kOccupations; ++o)
    for (int k = 0; k < kSkills; ++k) {
      const double r = ms.roles[o][k] * tp.roles_removed_share[o];
      a.roles_removed += r;
      saved += r * mine_wage_usd(s, mp, k) * 12.0;
    }
  const double created = a.roles_removed * tp.roles_created_per_removed;
  saved -= created * mine_wage_usd(s, mp, idx(Skill::kHigh)) * 12.0;
  // Output gained, valued net of royalty and tonnage-linked procurement.
  const double price = w.prices[idx(mp.commodity)][static_cast<std::size_t>(w.step)];
  const double annual_t = mp.ore_tonnes_per_month * 12.0 * ms.productivity;
  double per_t_cost = 0;
  for (int c = 0; c < kCategories; ++c)
    if (s.mining.linkage[c] != Linkage::kHeadcount)
      per_t_cost += s.mining.spend_rate[c] * ms.spend_factor[c];
  const double margin_per_t =
      value_per_tonne(mp, price) * (1.0 - mine_royalty_rate(mp, w.levers)) - per_t_cost;
  const double output = tp.productivity_gain * annual_t * std::max(0.0, margin_per_t);
  // Procurement changed by the technology.
  double procurement = 0;
  for (int c = 0; c < kCategories; ++c) {
    double onsite = 0;
    for (const auto& row : ms.roles)
      for (double r : row) onsite += r;
    const double base = s.mining.linkage[c] == Linkage::kHeadcount
                            ? s.mining.spend_rate[c] * onsite * 12.0
                            : s.mining.spend_rate[c] * annual_t;
    procurement -= tp.procurement_change[c] * base * ms.spend_factor[c];
  }
  const double levy = w.levers.automation_levy_usd_per_role * a.roles_removed;
  a.annual_benefit = saved + output + procurement - levy;
  a.capex =
      full_capex_usd(s, mp, tp, now) + s.mining.social_licence_cost_per_role_usd * a.roles_removed;
  const double r = s.mining.discount_rate;
  const int h = s.mining.horizon_years;
  const double annuity = r > 0 ? (1.0 - std::pow(1.0 + r, -h)) / r : h;
  a.npv = annuity * a.annual_benefit - a.capex;
  return a;
}

void review_technology(World& w) {
  const Scenario& s = *w.scenario;
  const Month now = w.month();
  if (now.index() % s.mining.review_months != 0) return;
  for (std::size_t m = 0; m < w.mines.size(); ++m) {
    const MineParams& mp = s.mines[m];
    MineState& ms = w.mines[m];
    const bool open = !(now < mp.open) && now < mp.close;
    if (!mp.endogenous_adoption || !open) continue;
    for (int t = 0; t < kTechnologies; ++t) {
      if (ms.decided[t] > 0 || now < s.technologies[t].available) continue;
      bool scheduled = false;
      for (const auto& a : mp.adoptions) scheduled |= idx(a.technology) == t;
      if (scheduled) continue;
      // This month is already planned: the rollout starts next month.
      if (appraise(w, m, static_cast<Technology>(t)).npv > 0)
        ms.decided[t] = now.plus(1).index() + 1;
    }
  }
}

void plan_mines(World& w) {
  const Scenario& s = *w.scenario;
  const Month now = w.month();
  const double scale = s.simulation.population_scale;
  for (std::size_t m = 0; m < w.mines.size(); ++m) {
    const MineParams& mp = s.mines[m];
    MineState& ms = w.mines[m];
    ms.open = !(now < mp.open) && now < mp.close;
    const auto previous = ms.adoption;
    ms.adoption.fill(0.0);
    ms.remote_roles.fill(0.0);
    ms.remote_female.fill(0.0);
    ms.roles_removed.fill(0.0);
    ms.spend_factor.fill(1.0);
    ms.productivity = ms.incident_factor = ms.diesel_factor = ms.electricity_factor = 1.0;
    ms.capex = 0;
    // A closed mine lets everyone go, whatever its redundancy policy.
    for (int o = 0; o < kOccupations; ++o)
      for (int k = 0; k < kSkills; ++k)
        w.posts.may_shed[mine_post(ms, o, k)] = !ms.open || !mp.no_forced_redundancy;
    if (!ms.open) {
      for (auto& row : ms.roles) row.fill(0.0);
      for (int o = 0; o < kOccupations; ++o)
        for (int k = 0; k < kSkills; ++k) w.posts.demand[mine_post(ms, o, k)] = 0;
      continue;
    }
    for (const auto& a : mp.adoptions)
      ms.adoption[idx(a.technology)] = std::max(
          ms.adoption[idx(a.technology)],
          a.target_share * linear_ramp(a.start, a.ramp_months, now));
    for (int t = 0; t < kTechnologies; ++t)
      if (ms.decided[t] > 0)
        ms.adoption[t] =
            std::max(ms.adoption[t], linear_ramp(Month::from_index(ms.decided[t] - 1),
                                                 s.technologies[t].ramp_months, now));

    // Staged automation: adoption may grow only so fast.
    const double pace = w.levers.adoption_per_month[m];
    for (int t = 0; t < kTechnologies; ++t)
      ms.adoption[t] = std::min(ms.adoption[t], previous[t] + pace);

    // Each technology removes a share of the occupation's remaining roles and creates technical
    // high-skill roles, a share of them at remote centres. Technologies apply in catalogue order.
    auto roles = base_roles(s, mp);
    double capex_usd = 0, ventilation = 1.0;
    for (int t = 0; t < kTechnologies; ++t) {
      const double a = ms.adoption[t];
      if (a <= 0) continue;
      const TechnologyParams& tp = s.technologies[t];
      double out = 0;
      for (int o = 0; o < kOccupations; ++o)
        for (int k = 0; k < kSkills; ++k) {
          const double r = roles[o][k] * tp.roles_removed_share[o] * a;
          roles[o][k] -= r;
          out += r;
        }
      ms.roles_removed[t] = out;
      const double created = out * tp.roles_created_per_removed;
      roles[idx(Occupation::kTechnical)][idx(Skill::kHigh)] += created * (1.0 - tp.remote_share);
      const double remote = created * tp.remote_share;
      // A local hiring rule can bring remote roles held abroad into the country.
      const double abroad = remote * tp.remote_abroad_share * (1.0 - w.levers.remote_in_country[m]);
      ms.remote_roles[idx(Location::kInCountry)] += remote - abroad;
      ms.remote_roles[idx(Location::kAbroad)] += abroad;
      ms.remote_female[idx(Location::kInCountry)] += (remote - abroad) * tp.remote_female_share;
      ms.remote_female[idx(Location::kAbroad)] += abroad * tp.remote_female_share;
      // Capital: paid as the adoption share rises, at the cost curve's current level.
      if (a > ms.paid_share[t]) {
        capex_usd += (a - ms.paid_share[t]) * full_capex_usd(s, mp, tp, now);
        ms.paid_share[t] = a;
      }
      const auto start = first_start(mp, ms, t);
      const bool learning = start && months_between(*start, now) < tp.learning_months;
      // During learning the technology under-performs the manned operation; afterwards it gains.
      ms.productivity *= learning ? 1.0 - a * tp.learning_dip : 1.0 + a * tp.productivity_gain;
      ms.incident_factor *= 1.0 - a * tp.incident_reduction;
      for (int c = 0; c < kCategories; ++c)
        ms.spend_factor[c] *= 1.0 + a * tp.procurement_change[c];
      ms.diesel_factor *= 1.0 + a * tp.diesel_change;
      ms.electricity_factor *= 1.0 + a * tp.electricity_change;
      ventilation *= 1.0 - a * tp.ventilation_reduction;
    }
    // Underground, ventilation is mining.underground_ventilation_share of the electricity a tonne
    // needs on top of the open-pit figure (Newmont: ~40-50% of underground energy).
    if (mp.type == MineType::kUnderground) {
      const double v = s.mining.underground_ventilation_share;
      ms.electricity_factor *= (1.0 - v + v * ventilation) / (1.0 - v);
    }
    ms.roles = roles;
    ms.capex = to_cents(capex_usd * scale);
    for (int o = 0; o < kOccupations; ++o)
      for (int k = 0; k < kSkills; ++k)
        w.posts.demand[mine_post(ms, o, k)] = std::llround(roles[o][k] * scale);
  }
}

void settle_mines(World& w) {
  const Scenario& s = *w.scenario;
  const double scale = s.simulation.population_scale;
  const auto& e = s.economy;
  const Levers& lv = w.levers;
  Ledger& L = w.ledger;
  Cents shared_royalty = 0;
  for (std::size_t m = 0; m < w.mines.size(); ++m) {
    const MineParams& mp = s.mines[m];
    MineState& ms = w.mines[m];
    ms.revenue = ms.profit = ms.shifted = 0;
    ms.incidents = 0;
    ms.production_t = ms.co2_t = 0;
    for (auto& row : ms.spend) row.fill(0);
    ms.price_usd = w.prices[idx(mp.commodity)][static_cast<std::size_t>(w.step)];
    if (!ms.open) continue;

    Cents gross = 0, net = 0;
    std::int64_t onsite = 0, wanted = 0;
    for (int o = 0; o < kOccupations; ++o)
      for (int k = 0; k < kSkills; ++k) {
        const std::uint32_t p = mine_post(ms, o, k);
        gross += w.posts.filled[p] * w.posts.wage[p];
        net += w.posts.filled[p] * w.posts.net_wage[p];
        onsite += w.posts.filled[p];
        wanted += w.posts.demand[p];
      }
    // Output needs its crews: it falls in proportion to unfilled on-site roles.
    const double staffing =
        wanted > 0 ? std::min(1.0, static_cast<double>(onsite) / static_cast<double>(wanted)) : 1.0;
    ms.production_t = mp.ore_tonnes_per_month * ms.productivity * staffing;
    const Cents revenue = to_cents(ms.production_t * value_per_tonne(mp, ms.price_usd) * scale);

    // Remote roles: in-country ones pay payroll tax; all are paid outside the modelled region.
    const double high = mine_wage_usd(s, mp, idx(Skill::kHigh));
    const Cents remote_in = to_cents(ms.remote_roles[idx(Location::kInCountry)] * scale * high);
    const Cents remote_abroad = to_cents(ms.remote_roles[idx(Location::kAbroad)] * scale * high);
    const Cents remote_tax = scale_cents(remote_in, lv.payroll_rate);
    const Cents payroll_tax = gross - net + remote_tax;

    // Procurement: spend by category, local suppliers first, then national and foreign.
    Cents procurement = 0;
    for (int c = 0; c < kCategories; ++c) {
      const double rate = s.mining.spend_rate[c] * ms.spend_factor[c];
      const double usd = s.mining.linkage[c] == Linkage::kHeadcount
                             ? rate * static_cast<double>(onsite)  // simulated employees
                             : rate * ms.production_t * scale;
      const Cents spend = to_cents(usd);
      const Cents local =
          buy_locally(w, static_cast<std::uint16_t>(mp.community), static_cast<Category>(c), spend);
      // Nationally owned firms take the national share, and under a national-ownership rule also
      // the contracts that would have gone abroad.
      const double nat = s.mining.national_share[c] + (1.0 - s.mining.national_share[c]) *
                                                          lv.national_ownership[mp.community][c];
      const Cents national = scale_cents(spend - local, nat);
      ms.spend[c][idx(Origin::kLocal)] = local;
      ms.spend[c][idx(Origin::kNational)] = national;
      ms.spend[c][idx(Origin::kForeign)] = spend - local - national;
      L.transfer(Account::kMines, Account::kSuppliers, Flow::kProcurementLocal, local);
      L.transfer(Account::kMines, Account::kRestOfWorld, Flow::kProcurementExternal, spend - local);
      w.rest_of_world_balance += spend - local;
      procurement += spend;
    }

    double removed = 0;
    for (double r : ms.roles_removed) removed += r;
    const Cents royalty = scale_cents(revenue, mine_royalty_rate(mp, lv));
    const Cents levies = to_cents((e.other_levy_usd_per_tonne * ms.production_t +
                                   lv.automation_levy_usd_per_role * removed / 12.0) *
                                  scale);
    // Economic diversification: a share of revenue spent on local non-mining activity.
    const Cents diversify = scale_cents(revenue, lv.diversification_share[m]);
    const Cents retraining =
        to_cents(static_cast<double>(ms.redeployed) * s.mining.retraining_cost_usd);
    const Cents before_super = revenue - gross - remote_in - remote_abroad - procurement - royalty -
                               levies - ms.capex - retraining - diversify;
    // Super-profits tax: on the revenue earned above trigger x the feasibility price, at most the
    // month's profit; recorded with the other levies (instrument `other`).
    Cents super_profits = 0;
    if (e.super_profits_tax_rate > 0 && mp.feasibility_price_usd > 0 && before_super > 0) {
      const double excess = 1.0 - e.super_profits_trigger * mp.feasibility_price_usd / ms.price_usd;
      if (excess > 0)
        super_profits = scale_cents(std::min(scale_cents(revenue, excess), before_super),
                                    e.super_profits_tax_rate);
    }
    const Cents other = levies + super_profits;
    const Cents profit = before_super - super_profits;
    // Profit shifting (fees, interest, transfer mispricing) leaves before tax is assessed.
    const Cents shifted = profit > 0 ? scale_cents(profit, lv.profit_shifting_share) : 0;
    const Cents taxable = profit - shifted;
    const Cents cit = taxable > 0 ? scale_cents(taxable, lv.cit_rate) : 0;

    L.transfer(Account::kRestOfWorld, Account::kMines, Flow::kMineSales, revenue);
    L.transfer(Account::kMines, Account::kHouseholds, Flow::kMineWages, net);
    L.transfer(Account::kMines, Account::kGovernment, Flow::kPayrollTax, payroll_tax);
    L.transfer(Account::kMines, Account::kRestOfWorld, Flow::kRemoteWages,
               remote_in - remote_tax + remote_abroad);
    L.transfer(Account::kMines, Account::kGovernment, Flow::kRoyalty, royalty);
    L.transfer(Account::kMines, Account::kGovernment, Flow::kOtherLevies, other);
    L.transfer(Account::kMines, Account::kRestOfWorld, Flow::kTechnologyCapex, ms.capex);
    L.transfer(Account::kMines, Account::kRestOfWorld, Flow::kRetraining, retraining);
    L.transfer(Account::kMines, Account::kRestOfWorld, Flow::kProfitShifting, shifted);
    L.transfer(Account::kMines, Account::kGovernment, Flow::kCorporateIncomeTax, cit);
    L.transfer(Account::kMines, Account::kLocalBusiness, Flow::kDiversification, diversify);
    add_final_demand(w, static_cast<std::size_t>(mp.community), diversify);
    ms.balance += revenue - net - payroll_tax - (remote_in - remote_tax + remote_abroad) - royalty -
                  other - ms.capex - retraining - shifted - cit - procurement - diversify;
    // Revenue sharing: a share of the royalty goes to the host community's households.
    const Cents shared = share_with_households(w, static_cast<std::size_t>(mp.community),
                                               scale_cents(royalty, lv.revenue_sharing));
    shared_royalty += shared;
    w.government_balance += payroll_tax + royalty + other + cit;
    w.rest_of_world_balance +=
        (remote_in - remote_tax + remote_abroad) + ms.capex + retraining + shifted - revenue;
    // Foreign owners take positive cash as dividends; losses stay as a negative balance (debt).
    if (ms.balance > 0) {
      L.transfer(Account::kMines, Account::kRestOfWorld, Flow::kDividends, ms.balance);
      w.rest_of_world_balance += ms.balance;
      ms.balance = 0;
    }
    ms.profit = profit;
    ms.revenue = revenue;
    ms.shifted = shifted;

    // Energy and emissions (real tonnes of CO2).
    ms.co2_t = ms.production_t *
               (s.mining.diesel_litres_per_tonne * ms.diesel_factor * kKgCo2PerLitreDiesel +
                s.mining.electricity_kwh_per_tonne * ms.electricity_factor *
                    s.mining.grid_kg_co2_per_kwh) /
               1000.0;

    // Recordable incidents: Poisson in on-site hours, from the mine's own stream.
    const double hours = static_cast<double>(onsite) * mp.hours_per_month;
    const double mean = hours * mp.incidents_per_million_hours / 1e6 * ms.incident_factor;
    rng::Stream r(s.simulation.seed, rng::Purpose::kIncidents, static_cast<std::uint32_t>(m),
                  w.rng_month());
    ms.incidents = r.poisson(mean);
  }
  L.transfer(Account::kGovernment, Account::kHouseholds, Flow::kRevenueSharing, shared_royalty);
  w.government_balance -= shared_royalty;
}

}  // namespace minesim
