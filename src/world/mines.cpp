// Mine operators: opening and closure, technology adoption (scheduled, or decided from the mine's
// own economics) and roles by occupation and skill. Production, procurement and the mine's
// payments are in world/mine_accounts.cpp.
#include "world/mines.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <optional>

namespace minesim {

namespace {

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

// Capital cost factor of the cost learning curve: costs are mining.cost_base_year levels and fall
// after January of that year (or after the technology becomes available, if later).
double cost_factor(const Scenario& s, const TechnologyParams& tp, Month now) {
  const Month from = std::max(tp.available, Month{s.mining.cost_base_year, 1});
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
  return cost_factor(s, tp, now) * (tp.capex_usd_per_role_removed * removable +
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
            w.scenario->local_economy.household_shares, "final demand");
}

Cents share_with_households(World& w, const CommunityIndex& index, std::size_t community,
                            Cents amount) {
  if (amount <= 0) return 0;
  Households& hh = w.households;
  std::vector<std::uint32_t> homes;
  for (const std::uint32_t h : index.of(community))
    if (hh.size[h] > 0) homes.push_back(h);
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
  // Contractor-held roles also cost their contracting firms' margin.
  saved *= 1.0 + mp.contractor_share * s.mining.contractor_margin;
  // Output gained, valued net of royalty and tonnage-linked procurement (technology-linked spend
  // does not grow with output).
  const double price = w.prices[idx(mp.commodity)][static_cast<std::size_t>(w.step)];
  const double annual_t = mp.ore_tonnes_per_month * 12.0 * ms.productivity;
  double per_t_cost = 0;
  for (int c = 0; c < kCategories; ++c)
    if (s.mining.linkage[c] == Linkage::kTonnage)
      per_t_cost += s.mining.spend_rate[c] * ms.spend_factor[c];
  const double margin_per_t =
      value_per_tonne(mp, price) * (1.0 - mine_royalty_rate(mp, w.levers)) - per_t_cost;
  const double output = tp.productivity_gain * annual_t * std::max(0.0, margin_per_t);
  // Procurement changed by the technology, and the upkeep of its capital (technology-linked).
  double onsite = 0;
  for (const auto& row : ms.roles)
    for (double r : row) onsite += r;
  a.capex = full_capex_usd(s, mp, tp, now);
  double procurement = 0;
  for (int c = 0; c < kCategories; ++c) {
    const double driver = s.mining.linkage[c] == Linkage::kHeadcount ? onsite * 12.0
                          : s.mining.linkage[c] == Linkage::kTonnage
                              ? annual_t
                              : mp.ore_tonnes_per_month * 12.0;
    procurement -= tp.procurement_change[c] * s.mining.spend_rate[c] * driver * ms.spend_factor[c];
    if (s.mining.linkage[c] == Linkage::kTechnology)
      procurement -= s.mining.technology_upkeep[c] * a.capex;
  }
  const double levy = w.levers.automation_levy_usd_per_role * a.roles_removed;
  a.annual_benefit = saved + output + procurement - levy;
  a.capex += s.mining.social_licence_cost_per_role_usd * a.roles_removed;
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

namespace {

using Roles = std::array<std::array<double, kSkills>, kOccupations>;

// Clears the month's technology state; a closed mine lets everyone go, whatever its redundancy
// policy, and wants nobody.
void reset_mine_month(World& w, std::size_t m) {
  const MineParams& mp = w.scenario->mines[m];
  MineState& ms = w.mines[m];
  ms.adoption.fill(0.0);
  ms.remote_roles.fill(0.0);
  ms.remote_female.fill(0.0);
  ms.roles_removed.fill(0.0);
  ms.spend_factor.fill(1.0);
  ms.productivity = ms.incident_factor = ms.diesel_factor = ms.electricity_factor = 1.0;
  ms.capex = 0;
  for (int o = 0; o < kOccupations; ++o)
    for (int k = 0; k < kSkills; ++k)
      w.posts.may_shed[mine_post(ms, o, k)] = !ms.open || !mp.no_forced_redundancy;
  if (!ms.open) {
    for (auto& row : ms.roles) row.fill(0.0);
    for (int o = 0; o < kOccupations; ++o)
      for (int k = 0; k < kSkills; ++k) w.posts.demand[mine_post(ms, o, k)] = 0;
  }
}

// This month's adoption share of each technology: scheduled rollouts and decided adoptions, at
// most adoption_per_month above last month's (staged automation).
void set_adoption(World& w, std::size_t m, const std::array<double, kTechnologies>& previous) {
  const Scenario& s = *w.scenario;
  const MineParams& mp = s.mines[m];
  MineState& ms = w.mines[m];
  const Month now = w.month();
  for (const auto& a : mp.adoptions)
    ms.adoption[idx(a.technology)] = std::max(
        ms.adoption[idx(a.technology)], a.target_share * linear_ramp(a.start, a.ramp_months, now));
  for (int t = 0; t < kTechnologies; ++t)
    if (ms.decided[t] > 0)
      ms.adoption[t] = std::max(ms.adoption[t], linear_ramp(Month::from_index(ms.decided[t] - 1),
                                                            s.technologies[t].ramp_months, now));
  const double pace = w.levers.adoption_per_month[m];
  for (int t = 0; t < kTechnologies; ++t)
    ms.adoption[t] = std::min(ms.adoption[t], previous[t] + pace);
}

// Technology t at adoption share a: removes a share of each occupation's remaining roles and
// creates technical high-skill roles, a share of them at remote centres; capital is paid as the
// adoption share rises (added to capex_usd); the factors on productivity, incidents, spend,
// energy and ventilation move.
void apply_technology(World& w, std::size_t m, int t, Roles& roles, double& capex_usd,
                      double& ventilation) {
  const Scenario& s = *w.scenario;
  const MineParams& mp = s.mines[m];
  MineState& ms = w.mines[m];
  const Month now = w.month();
  const double a = ms.adoption[t];
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
  if (a > ms.paid_share[t]) {
    capex_usd += (a - ms.paid_share[t]) * full_capex_usd(s, mp, tp, now);
    ms.paid_share[t] = a;
  }
  const auto start = first_start(mp, ms, t);
  const bool learning = start && months_between(*start, now) < tp.learning_months;
  // During learning the technology under-performs the manned operation; afterwards it gains.
  ms.productivity *= learning ? 1.0 - a * tp.learning_dip : 1.0 + a * tp.productivity_gain;
  ms.incident_factor *= 1.0 - a * tp.incident_reduction;
  for (int c = 0; c < kCategories; ++c) ms.spend_factor[c] *= 1.0 + a * tp.procurement_change[c];
  ms.diesel_factor *= 1.0 + a * tp.diesel_change;
  ms.electricity_factor *= 1.0 + a * tp.electricity_change;
  ventilation *= 1.0 - a * tp.ventilation_reduction;
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
    const auto previous = ms.adoption;
    reset_mine_month(w, m);
    if (!ms.open) continue;
    set_adoption(w, m, previous);
    // Technologies apply in catalogue order, each to the roles the previous ones left.
    auto roles = base_roles(s, mp);
    double capex_usd = 0, ventilation = 1.0;
    for (int t = 0; t < kTechnologies; ++t)
      if (ms.adoption[t] > 0) apply_technology(w, m, t, roles, capex_usd, ventilation);
    // Underground, ventilation is mining.underground_ventilation_share of the electricity a tonne
    // needs on top of the open-pit figure (Newmont: ~40-50% of underground energy).
    if (mp.type == MineType::kUnderground) {
      const double v = s.mining.underground_ventilation_share;
      ms.electricity_factor *= (1.0 - v + v * ventilation) / (1.0 - v);
    }
    ms.roles = roles;
    // Installed technology: its upkeep is the technology-linked spend (mining.technology_upkeep).
    ms.installed_technology_usd += capex_usd;
    ms.capex = to_cents(capex_usd * scale, [&] {
      return "technology capex of mines." + mp.name + " (technology.*.capex_usd_*)";
    });
    for (int o = 0; o < kOccupations; ++o)
      for (int k = 0; k < kSkills; ++k)
        w.posts.demand[mine_post(ms, o, k)] = std::llround(roles[o][k] * scale);
  }
}

}  // namespace minesim
