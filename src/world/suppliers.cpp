// Local supplier firms. A firm sells to mines in the categories it is capable of (capability at or
// above the category's threshold), up to its capacity. Its wage bill follows last month's sales
// (suppliers.labour_share); it buys suppliers.local_input_share of sales from the local economy
// and suppliers.import_share from outside; it invests suppliers.invest_share of profit in
// upgrading (capability +0.1 per suppliers.upgrade_cost_usd) and pays the rest of its cash to its
// owner household. It exits after suppliers.exit_idle_months without sales or when losses pass
// suppliers.exit_loss_usd. Firms enter where mines' spend in a category leaves the community.
#include "world/suppliers.h"

#include <algorithm>
#include <cmath>

#include "core/rng.h"
#include "core/shape.h"

namespace minesim {

Cents buy_locally(World& w, std::uint16_t community, Category category, Cents spend) {
  const Scenario& s = *w.scenario;
  Suppliers& f = w.suppliers;
  const int c = idx(category);
  // A local procurement rule lowers the capability a local firm needs for a contract.
  const double threshold =
      s.mining.local_threshold[c] * (1.0 - w.levers.threshold_relief[community][c]);
  const Cents capacity =
      to_cents(s.suppliers.capacity_usd * s.simulation.population_scale, "suppliers.capacity_usd");
  std::vector<std::uint32_t> able;
  for (std::uint32_t i = 0; i < f.count(); ++i)
    if (f.alive[i] && f.community[i] == community && f.capability[i][c] >= threshold &&
        f.sales[i] < capacity)
      able.push_back(i);
  std::sort(able.begin(), able.end(), [&](std::uint32_t a, std::uint32_t b) {
    if (f.capability[a][c] != f.capability[b][c]) return f.capability[a][c] > f.capability[b][c];
    return a < b;
  });
  Cents bought = 0;
  for (std::uint32_t i : able) {
    if (bought >= spend) break;
    const Cents take = std::min(spend - bought, capacity - f.sales[i]);
    f.sales[i] += take;
    bought += take;
  }
  return bought;
}

namespace {

// The month's totals of all firms, booked at once.
struct SupplierTotals {
  Cents wages_net = 0, tax = 0, local_inputs = 0, imports = 0, dividends = 0;
};

// Firm i's month: wages, inputs, upgrading, dividends, exit and next month's labour demand.
void settle_firm(World& w, std::size_t i, SupplierTotals& t) {
  const Scenario& s = *w.scenario;
  const auto& sp = s.suppliers;
  const double scale = s.simulation.population_scale;
  Suppliers& f = w.suppliers;
  Posts& posts = w.posts;
  const Cents sales = f.sales[i];
  Cents gross = 0, net = 0;
  for (int k = 0; k < kSkills; ++k) {
    const std::uint32_t p = f.first_post[i] + k;
    gross += posts.filled[p] * posts.wage[p];
    net += posts.filled[p] * posts.net_wage[p];
  }
  const Cents local = scale_cents(sales, sp.local_input_share, "supplier local inputs");
  const Cents bought = scale_cents(sales, sp.import_share, "supplier imports");
  const Cents profit = sales - gross - local - bought;
  const Cents invest = profit > 0 ? scale_cents(profit, sp.invest_share, "supplier investment") : 0;
  const std::uint8_t cat = f.category[i];
  f.capability[i][cat] =
      std::min(1.0, f.capability[i][cat] +
                        sp.upgrade_capability * to_usd(invest) / (sp.upgrade_cost_usd * scale));
  f.balance[i] += sales - gross - local - bought - invest;
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
  t.imports += bought + invest;

  // Exit: idle too long, or losses beyond what the owner will carry.
  f.idle_months[i] =
      sales > 0 ? 0 : static_cast<std::uint16_t>(std::min(60000, f.idle_months[i] + 1));
  const bool exits =
      f.idle_months[i] >= sp.exit_idle_months || to_usd(f.balance[i]) < -sp.exit_loss_usd * scale;
  f.last_sales[i] = sales;
  if (exits) f.alive[i] = 0;
  // Next month's labour: the wage share of this month's sales.
  for (int k = 0; k < kSkills; ++k) {
    const std::uint32_t p = f.first_post[i] + k;
    posts.demand[p] =
        exits ? 0
              : static_cast<std::int64_t>(sp.labour_share * static_cast<double>(sales) *
                                          sp.skill_mix[k] / static_cast<double>(posts.wage[p]));
  }
}

// Entry: where mines' spend in a category left the community this month.
void enter_firms(World& w) {
  const Scenario& s = *w.scenario;
  const auto& sp = s.suppliers;
  const std::size_t nc = w.communities.size();
  const Shape<2> entry_key{{nc, kCategories}};
  std::vector<std::array<Cents, kCategories>> unmet(nc);
  for (std::size_t m = 0; m < w.mines.size(); ++m) {
    const auto c = static_cast<std::size_t>(s.mines[m].community);
    for (int k = 0; k < kCategories; ++k)
      unmet[c][k] +=
          w.mines[m].spend[k][idx(Origin::kNational)] + w.mines[m].spend[k][idx(Origin::kForeign)];
  }
  const Cents threshold =
      to_cents(sp.entry_unmet_usd * s.simulation.population_scale, "suppliers.entry_unmet_usd");
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
          cs.household_count > 0
              ? cs.first_household + static_cast<std::uint32_t>(r.uniform() * cs.household_count)
              : 0;
      add_supplier_firm(w, static_cast<std::uint16_t>(c), static_cast<std::uint8_t>(k), cap, owner);
    }
}

}  // namespace

void settle_suppliers(World& w) {
  Suppliers& f = w.suppliers;
  Ledger& L = w.ledger;
  SupplierTotals t;
  const std::size_t n = f.count();
  for (std::size_t i = 0; i < n; ++i)
    if (f.alive[i]) settle_firm(w, i, t);
  L.transfer(Account::kSuppliers, Account::kHouseholds, Flow::kSupplierWages, t.wages_net);
  L.transfer(Account::kSuppliers, Account::kGovernment, Flow::kPayrollTax, t.tax);
  L.transfer(Account::kSuppliers, Account::kLocalBusiness, Flow::kSupplierLocalInputs,
             t.local_inputs);
  L.transfer(Account::kSuppliers, Account::kRestOfWorld, Flow::kSupplierImports, t.imports);
  L.transfer(Account::kSuppliers, Account::kHouseholds, Flow::kSupplierDividends, t.dividends);
  accumulate(w.government_balance, t.tax, "government balance");
  accumulate(w.rest_of_world_balance, t.imports, "rest of world balance");
  // The local business receives the suppliers' local inputs through final demand (its balance
  // moves in settle_households).
  enter_firms(w);
  for (std::size_t i = 0; i < f.count(); ++i) f.sales[i] = 0;
}

}  // namespace minesim
