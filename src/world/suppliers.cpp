// Local supplier firms. A firm sells to mines in the categories it is capable of (capability at or
// above the category's threshold), up to its capacity, which grows only by investment: retained
// profit (suppliers.invest_share), matched by loans up to suppliers.loan_limit_share of its capital
// (capital = capacity x suppliers.capital_per_capacity), and supplier-development grants. A firm
// that did not sell all its capacity invests in capability instead. Its wage bill follows last
// month's sales (suppliers.labour_share); it buys suppliers.local_input_share of sales from the
// local economy and suppliers.import_share from outside, services its debt and pays the rest of
// its cash to its owner household. It exits after suppliers.exit_idle_months without sales or when
// losses pass suppliers.exit_loss_usd. Firms enter where mines' spend in a category leaves the
// community, if a household drawn as owner has the start-up capital and the skill.
#include "world/suppliers.h"

#include <algorithm>
#include <cmath>
#include <tuple>

#include "core/rng.h"
#include "core/shape.h"

namespace minesim {

Cents startup_capital(const Scenario& s) {
  return to_cents(s.suppliers.startup_capital_usd * s.simulation.population_scale,
                  "suppliers.startup_capital_usd");
}

Cents startup_capacity(const Scenario& s) {
  return to_cents(s.suppliers.startup_capital_usd / s.suppliers.capital_per_capacity *
                      s.simulation.population_scale,
                  "suppliers.startup_capital_usd");
}

void invest_in_firm(World& w, std::uint32_t i, Cents amount, bool at_capacity,
                    double capability_per_upgrade) {
  if (amount <= 0) return;
  const Scenario& s = *w.scenario;
  Suppliers& f = w.suppliers;
  if (at_capacity) {
    accumulate(f.capacity[i],
               static_cast<Cents>(
                   std::llround(static_cast<double>(amount) / s.suppliers.capital_per_capacity)),
               "supplier capacity");
    return;
  }
  const std::uint8_t cat = f.category[i];
  const double upgrade = s.suppliers.upgrade_cost_usd * s.simulation.population_scale;
  f.capability[i][cat] =
      std::min(1.0, f.capability[i][cat] + capability_per_upgrade * to_usd(amount) / upgrade);
}

Cents buy_locally(World& w, const CommunityIndex& firms, std::uint16_t community, Category category,
                  Cents spend) {
  const Scenario& s = *w.scenario;
  Suppliers& f = w.suppliers;
  const int c = idx(category);
  // A local procurement rule lowers the capability a local firm needs for a contract.
  const double threshold =
      s.mining.local_threshold[c] * (1.0 - w.levers.threshold_relief[community][c]);
  std::vector<std::uint32_t> able;
  for (const std::uint32_t i : firms.of(community))
    if (f.alive[i] && f.capability[i][c] >= threshold && f.sales[i] < f.capacity[i])
      able.push_back(i);
  std::sort(able.begin(), able.end(), [&](std::uint32_t a, std::uint32_t b) {
    if (f.capability[a][c] != f.capability[b][c]) return f.capability[a][c] > f.capability[b][c];
    return a < b;
  });
  Cents bought = 0;
  for (std::uint32_t i : able) {
    if (bought >= spend) break;
    const Cents take = std::min(spend - bought, f.capacity[i] - f.sales[i]);
    f.sales[i] += take;
    bought += take;
  }
  return bought;
}

namespace {

// The month's totals of all firms, booked at once.
struct SupplierTotals {
  Cents wages_net = 0, tax = 0, local_inputs = 0, imports = 0, dividends = 0;
  Cents loans = 0, debt_service = 0, startup = 0;
};

// This month's interest and repayment on firm i's debt (1/loan_term_months of it, at least a cent).
Cents service_debt(const SupplierParams& sp, Cents& debt) {
  if (debt <= 0) return 0;
  const Cents interest = scale_cents(debt, sp.loan_rate_per_year / 12.0, "supplier interest");
  const Cents principal = std::min(debt, std::max<Cents>(1, debt / sp.loan_term_months));
  debt -= principal;
  return interest + principal;
}

// Firm i's month: wages, inputs, debt service, investment, dividends and exit.
void settle_firm(World& w, std::size_t i, SupplierTotals& t) {
  const Scenario& s = *w.scenario;
  const auto& sp = s.suppliers;
  Suppliers& f = w.suppliers;
  const Cents sales = f.sales[i];
  Cents gross = 0, net = 0;
  for (int k = 0; k < kSkills; ++k) {
    const std::uint32_t p = f.first_post[i] + k;
    gross += w.posts.filled[p] * w.posts.wage[p];
    net += w.posts.filled[p] * w.posts.net_wage[p];
  }
  const Cents local = scale_cents(sales, sp.local_input_share, "supplier local inputs");
  const Cents bought = scale_cents(sales, sp.import_share, "supplier imports");
  const Cents profit = sales - gross - local - bought;
  const Cents own = profit > 0 ? scale_cents(profit, sp.invest_share, "supplier investment") : 0;
  const Cents service = service_debt(sp, f.debt[i]);
  // A firm that sold all it could expands; lenders match its own investment up to the limit.
  const bool at_capacity = sales > 0 && sales >= f.capacity[i];
  Cents loan = 0;
  if (at_capacity) {
    const double capital = static_cast<double>(f.capacity[i]) * sp.capital_per_capacity;
    const auto room = static_cast<Cents>(sp.loan_limit_share * capital) - f.debt[i];
    loan = std::clamp<Cents>(room, 0, own);
  }
  invest_in_firm(w, static_cast<std::uint32_t>(i), own + loan, at_capacity, sp.upgrade_capability);
  f.debt[i] += loan;
  f.balance[i] += profit - own - service;
  // Owners take the firm's positive cash.
  if (f.balance[i] > 0) {
    w.households.transfers[f.owner[i]] += f.balance[i];
    t.dividends += f.balance[i];
    f.balance[i] = 0;
  }
  add_split(w.communities[f.community[i]].final_demand, local, s.local_economy.supplier_shares,
            "final demand");
  t.wages_net += net;
  t.tax += gross - net;
  t.local_inputs += local;
  t.imports += bought + own + loan;
  t.loans += loan;
  t.debt_service += service;
  // Exit: idle too long, or losses beyond what the owner will carry; lenders write off the debt.
  f.idle_months[i] =
      sales > 0 ? 0 : static_cast<std::uint16_t>(std::min(60000, f.idle_months[i] + 1));
  const bool exits = f.idle_months[i] >= sp.exit_idle_months ||
                     to_usd(f.balance[i]) < -sp.exit_loss_usd * s.simulation.population_scale;
  f.last_sales[i] = sales;
  if (exits) {
    f.alive[i] = 0;
    f.debt[i] = 0;
  }
}

// Next month's labour demand: the wage share of this month's sales, x = labour_share x S x
// skill_mix[k] / wage[k] simulated persons per firm and skill. A simulated firm is one real firm
// whose money is at simulated scale, so at a small population_scale x is a fraction of a simulated
// person: flooring it firm by firm would lose those jobs. The community's firms therefore share
// floor(sum of x) persons of each skill: each firm floor(x), and the persons left over go to the
// largest fractional parts (ties by post id). Real employment per real USD of sales is then the
// same at every scale, to within 1 / population_scale persons per community and skill.
void set_labour_demand(World& w) {
  const auto& sp = w.scenario->suppliers;
  const Suppliers& f = w.suppliers;
  Posts& posts = w.posts;
  const Shape<2> group{{w.communities.size(), kSkills}};
  std::vector<double> total(group.size(), 0.0);
  std::vector<std::int64_t> floors(group.size(), 0);
  std::vector<std::tuple<std::size_t, double, std::uint32_t>> rest;  // group, fraction, post
  for (std::size_t i = 0; i < f.count(); ++i) {
    if (!f.alive[i]) continue;
    for (int k = 0; k < kSkills; ++k) {
      const std::uint32_t p = f.first_post[i] + k;
      const double x = sp.labour_share * static_cast<double>(f.last_sales[i]) * sp.skill_mix[k] /
                       static_cast<double>(posts.wage[p]);
      const auto whole = static_cast<std::int64_t>(x);
      const std::size_t g = group(f.community[i], k);
      posts.demand[p] = whole;
      total[g] += x;
      floors[g] += whole;
      if (x > static_cast<double>(whole)) rest.emplace_back(g, x - static_cast<double>(whole), p);
    }
  }
  std::sort(rest.begin(), rest.end(), [](const auto& a, const auto& b) {
    if (std::get<0>(a) != std::get<0>(b)) return std::get<0>(a) < std::get<0>(b);
    if (std::get<1>(a) != std::get<1>(b)) return std::get<1>(a) > std::get<1>(b);
    return std::get<2>(a) < std::get<2>(b);
  });
  for (const auto& [g, frac, p] : rest) {
    if (static_cast<double>(floors[g] + 1) > total[g]) continue;  // group's share handed out
    ++posts.demand[p];
    ++floors[g];
  }
}

// Whether household h can found a firm: its head is alive with at least
// suppliers.entry_owner_skill, and its savings hold the start-up capital. A simulated household
// stands for 1 / population_scale real ones with the same savings each, so one of them must hold
// suppliers.startup_capital_usd (unscaled); the firm's capital is then that amount at simulated
// scale (startup_capital).
bool can_found(const World& w, std::uint32_t h) {
  const auto& sp = w.scenario->suppliers;
  const std::uint32_t head = w.households.head[h];
  return head != kNoHead && w.persons.alive[head] &&
         w.persons.skill[head] >= idx(sp.entry_owner_skill) &&
         w.households.savings[h] >=
             to_cents(sp.startup_capital_usd, "suppliers.startup_capital_usd");
}

// Mines' purchases of each category that left each community this month.
std::vector<std::array<Cents, kCategories>> unmet_spend(const World& w) {
  std::vector<std::array<Cents, kCategories>> unmet(w.communities.size());
  for (std::size_t m = 0; m < w.mines.size(); ++m) {
    const auto c = static_cast<std::size_t>(w.scenario->mines[m].community);
    for (int k = 0; k < kCategories; ++k)
      unmet[c][k] +=
          w.mines[m].spend[k][idx(Origin::kNational)] + w.mines[m].spend[k][idx(Origin::kForeign)];
  }
  return unmet;
}

// Entry: where mines' spend in a category left the community this month, and the owner drawn can
// pay the start-up capital from savings (bought outside the region). Returns the capital paid.
Cents enter_firms(World& w) {
  const Scenario& s = *w.scenario;
  const auto& sp = s.suppliers;
  const std::size_t nc = w.communities.size();
  const Shape<2> entry_key{{nc, kCategories}};
  const auto unmet = unmet_spend(w);
  const Cents threshold =
      to_cents(sp.entry_unmet_usd * s.simulation.population_scale, "suppliers.entry_unmet_usd");
  Cents paid = 0;
  for (std::size_t c = 0; c < nc; ++c)
    for (int k = 0; k < kCategories; ++k) {
      if (unmet[c][k] < threshold || unmet[c][k] == 0) continue;
      // Nobody starts a firm that could never qualify for the category (a local procurement rule
      // lowers the bar).
      if (sp.entrant_capability * (1.0 + sp.capability_spread) <
          s.mining.local_threshold[k] * (1.0 - w.levers.threshold_relief[c][k]))
        continue;
      if (w.communities[c].household_count == 0) continue;  // no one to own it
      const std::uint32_t slot =
          rng::sub(static_cast<std::uint32_t>(entry_key(c, k)), rng::EntitySub::kSupplierEntrant);
      rng::Stream r(s.simulation.seed, rng::Purpose::kSupplierEntry, slot, w.rng_month());
      if (!r.bernoulli(sp.entry_rate)) continue;
      const double cap = std::clamp(
          sp.entrant_capability * capability_factor(sp.capability_spread, r.uniform()), 0.0, 1.0);
      const CommunityState& cs = w.communities[c];
      const std::uint32_t owner =
          cs.first_household + static_cast<std::uint32_t>(r.uniform() * cs.household_count);
      if (!can_found(w, owner)) continue;  // one candidate a month: finance and skill limit entry
      const Cents capital = startup_capital(s);
      w.households.savings[owner] -= capital;
      paid += capital;
      add_supplier_firm(w, static_cast<std::uint16_t>(c), static_cast<std::uint8_t>(k), cap, owner,
                        startup_capacity(s));
    }
  return paid;
}

}  // namespace

void settle_suppliers(World& w) {
  Suppliers& f = w.suppliers;
  Ledger& L = w.ledger;
  SupplierTotals t;
  const std::size_t n = f.count();
  for (std::size_t i = 0; i < n; ++i)
    if (f.alive[i]) settle_firm(w, i, t);
  set_labour_demand(w);
  for (std::size_t i = 0; i < n; ++i)
    if (!f.alive[i])
      for (int k = 0; k < kSkills; ++k) w.posts.demand[f.first_post[i] + k] = 0;
  t.startup = enter_firms(w);
  t.imports += t.startup;  // the entrants' equipment
  L.transfer(Account::kHouseholds, Account::kSuppliers, Flow::kSupplierStartup, t.startup);
  L.transfer(Account::kRestOfWorld, Account::kSuppliers, Flow::kSupplierLoans, t.loans);
  L.transfer(Account::kSuppliers, Account::kHouseholds, Flow::kSupplierWages, t.wages_net);
  L.transfer(Account::kSuppliers, Account::kGovernment, Flow::kPayrollTax, t.tax);
  L.transfer(Account::kSuppliers, Account::kLocalBusiness, Flow::kSupplierLocalInputs,
             t.local_inputs);
  L.transfer(Account::kSuppliers, Account::kRestOfWorld, Flow::kSupplierImports, t.imports);
  L.transfer(Account::kSuppliers, Account::kRestOfWorld, Flow::kSupplierDebtService,
             t.debt_service);
  L.transfer(Account::kSuppliers, Account::kHouseholds, Flow::kSupplierDividends, t.dividends);
  accumulate(w.government_balance, t.tax, "government balance");
  accumulate(w.rest_of_world_balance, t.imports + t.debt_service - t.loans,
             "rest of world balance");
  // The local business receives the suppliers' local inputs through final demand (its balance
  // moves in settle_households).
  for (std::size_t i = 0; i < f.count(); ++i) f.sales[i] = 0;
}

}  // namespace minesim
