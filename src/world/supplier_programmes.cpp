// Supplier-development programmes (the supplier_development lever, docs/policies.md). A programme
// incubates firms: where the mines of a targeted community bought a targeted category outside it
// last month, a new local firm starting at the category's threshold is set up with probability
// incubation_probability x strength a month (own stream). Then its budget is paid by the payer to
// the live firms of the targeted communities that work in the targeted categories, shared
// equally; the firms spend it at once on upgrading bought outside the region (equipment,
// certification, training), which raises their capability by capability_per_upgrade per
// suppliers.upgrade_cost_usd.
#include "world/supplier_programmes.h"

#include <algorithm>

#include "core/rng.h"
#include "core/shape.h"
#include "world/payers.h"
#include "world/suppliers.h"

namespace minesim {

namespace {
void incubate(World& w, const SupplierProgramme& p) {
  const Scenario& s = *w.scenario;
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
      const CommunityState& cs = w.communities[c];
      const auto owner =
          cs.first_household + static_cast<std::uint32_t>(r.uniform() * cs.household_count);
      add_supplier_firm(w, static_cast<std::uint16_t>(c), static_cast<std::uint8_t>(k),
                        s.mining.local_threshold[k], owner);
    }
  }
}

void pay_grants(World& w, const SupplierProgramme& p) {
  const Scenario& s = *w.scenario;
  Suppliers& f = w.suppliers;
  std::vector<std::uint32_t> firms;
  for (std::uint32_t i = 0; i < f.count(); ++i)
    if (f.alive[i] && targeted(p.communities, f.community[i]) && p.categories[f.category[i]])
      firms.push_back(i);
  if (firms.empty() || p.budget <= 0) return;
  const Cents each = p.budget / static_cast<Cents>(firms.size());
  const double upgrade = s.suppliers.upgrade_cost_usd * s.simulation.population_scale;
  for (std::uint32_t i : firms)
    f.capability[i][f.category[i]] = std::min(
        1.0, f.capability[i][f.category[i]] + p.capability_per_upgrade * to_usd(each) / upgrade);
  const Cents paid = each * static_cast<Cents>(firms.size());
  // Grant routing: the payer pays the firms, which buy their upgrading outside the region.
  pay_from(w, p.payer, p.mines, Account::kSuppliers, Flow::kSupplierGrants, paid);
  w.ledger.transfer(Account::kSuppliers, Account::kRestOfWorld, Flow::kSupplierImports, paid);
  w.rest_of_world_balance += paid;
}
}  // namespace

void run_supplier_programmes(World& w) {
  for (const SupplierProgramme& p : w.levers.supplier_programmes) {
    incubate(w, p);
    pay_grants(w, p);
  }
}

}  // namespace minesim
