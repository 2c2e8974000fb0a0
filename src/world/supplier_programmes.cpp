// Supplier-development programmes (the supplier_development lever, docs/policies.md). A programme
// incubates firms: where the mines of a targeted community bought a targeted category outside it
// last month, a new local firm starting at the category's threshold is set up with probability
// incubation_probability x strength a month (own stream), as long as this month's budget can pay
// its start-up capital (suppliers.startup_capital_usd, which buys suppliers.capital_per_capacity
// worth of capacity). The rest of the budget is paid by the payer to the live firms of the
// targeted communities that work in the targeted categories, shared equally; the firms spend it
// at once on equipment bought outside the region: a firm that sold all its capacity last month
// expands it (grant / capital_per_capacity), any other upgrades its capability by
// capability_per_upgrade per suppliers.upgrade_cost_usd.
#include "world/supplier_programmes.h"

#include <algorithm>

#include "core/rng.h"
#include "core/shape.h"
#include "world/payers.h"
#include "world/suppliers.h"

namespace minesim {

namespace {
// Grant routing: the payer pays the firms, which buy their equipment outside the region.
void pay(World& w, const SupplierProgramme& p, Cents paid) {
  if (paid <= 0) return;
  pay_from(w, p.payer, p.mines, Account::kSuppliers, Flow::kSupplierGrants, paid);
  w.ledger.transfer(Account::kSuppliers, Account::kRestOfWorld, Flow::kSupplierImports, paid);
  w.rest_of_world_balance += paid;
}

// Incubates firms; returns the start-up capital paid out of the budget (at most the budget).
Cents incubate(World& w, const SupplierProgramme& p) {
  const Scenario& s = *w.scenario;
  const Cents capital = startup_capital(s);
  Cents paid = 0;
  const Shape<2> incubation_key{{w.mines.size(), kCategories}};
  for (std::size_t m = 0; m < w.mines.size(); ++m) {
    const auto c = static_cast<std::size_t>(s.mines[m].community);
    if (!targeted(p.communities, c) || w.communities[c].household_count == 0) continue;
    for (int k = 0; k < kCategories; ++k) {
      if (!p.categories[k]) continue;
      const auto& spend = w.mines[m].spend[k];
      if (spend[idx(Origin::kNational)] + spend[idx(Origin::kForeign)] <= 0) continue;
      rng::Stream r(s.simulation.seed, rng::Purpose::kSupplierEntry,
                    rng::sub(static_cast<std::uint32_t>(incubation_key(m, k)),
                             rng::EntitySub::kSupplierIncubation),
                    w.rng_month());
      if (!r.bernoulli(p.incubation_probability * p.strength)) continue;
      if (paid + capital > p.budget) continue;  // the programme pays the start-up capital
      paid += capital;
      const CommunityState& cs = w.communities[c];
      const auto owner =
          cs.first_household + static_cast<std::uint32_t>(r.uniform() * cs.household_count);
      add_supplier_firm(w, static_cast<std::uint16_t>(c), static_cast<std::uint8_t>(k),
                        s.mining.local_threshold[k], owner, startup_capacity(s));
    }
  }
  return paid;
}

// Pays `budget` as grants to the targeted firms, shared equally.
void pay_grants(World& w, const SupplierProgramme& p, Cents budget) {
  Suppliers& f = w.suppliers;
  std::vector<std::uint32_t> firms;
  for (std::uint32_t i = 0; i < f.count(); ++i)
    if (f.alive[i] && targeted(p.communities, f.community[i]) && p.categories[f.category[i]])
      firms.push_back(i);
  if (firms.empty() || budget <= 0) return;
  const Cents each = budget / static_cast<Cents>(firms.size());
  for (std::uint32_t i : firms)
    invest_in_firm(w, i, each, f.last_sales[i] > 0 && f.last_sales[i] >= f.capacity[i],
                   p.capability_per_upgrade);
  const Cents paid = each * static_cast<Cents>(firms.size());
  pay(w, p, paid);
}
}  // namespace

void run_supplier_programmes(World& w) {
  for (const SupplierProgramme& p : w.levers.supplier_programmes) {
    const Cents startup = incubate(w, p);
    pay(w, p, startup);
    pay_grants(w, p, p.budget - startup);
  }
}

}  // namespace minesim
