// supplier_development: grants that raise local suppliers' capability. Each month the budget
// (scaled by strength) is paid by the payer to the live firms of the targeted communities that work
// in the targeted categories, shared equally; the firms spend it on upgrading (equipment,
// certification, training bought outside the region), which raises their capability by 0.1 per
// suppliers.upgrade_cost_usd. The programme also incubates firms: where the mines of a targeted
// community bought a targeted category outside it last month, a new local firm starting at the
// category's threshold is set up with probability 0.2 x strength a month (own stream).
#include <algorithm>

#include "core/rng.h"
#include "policies/policy.h"
#include "world/mines.h"
#include "world/suppliers.h"

namespace minesim {
void apply_supplier_development(const InterventionParams& v, double strength, World& w) {
  const Scenario& s = *w.scenario;
  // Incubation where spend leaves the community (last month's purchases).
  for (std::size_t m = 0; m < w.mines.size(); ++m) {
    const auto c = static_cast<std::size_t>(s.mines[m].community);
    if (!targeted(v.communities, c) || w.communities[c].household_count == 0) continue;
    for (int k = 0; k < kCategories; ++k) {
      if (!v.categories[k]) continue;
      const auto& spend = w.mines[m].spend[k];
      if (spend[idx(Origin::kNational)] + spend[idx(Origin::kForeign)] <= 0) continue;
      rng::Stream r(s.simulation.seed, rng::Purpose::kSupplierEntry,
                    0x20000000u | static_cast<std::uint32_t>(m * kCategories + k), w.rng_month());
      if (!r.bernoulli(0.2 * strength)) continue;
      const CommunityState& cs = w.communities[c];
      const auto owner = cs.first_household + static_cast<std::uint32_t>(r.uniform() * cs.household_count);
      add_supplier_firm(w, static_cast<std::uint16_t>(c), static_cast<std::uint8_t>(k),
                        s.mining.local_threshold[k], owner);
    }
  }
  Suppliers& f = w.suppliers;
  std::vector<std::uint32_t> firms;
  for (std::uint32_t i = 0; i < f.count(); ++i)
    if (f.alive[i] && targeted(v.communities, f.community[i]) && v.categories[f.category[i]])
      firms.push_back(i);
  const Cents budget = to_cents(v.budget_usd * strength * s.simulation.population_scale);
  if (firms.empty() || budget <= 0) return;
  const Cents each = budget / static_cast<Cents>(firms.size());
  const double upgrade = s.suppliers.upgrade_cost_usd * s.simulation.population_scale;
  for (std::uint32_t i : firms)
    f.capability[i][f.category[i]] =
        std::min(1.0, f.capability[i][f.category[i]] + 0.1 * to_usd(each) / upgrade);
  const Cents paid = each * static_cast<Cents>(firms.size());
  Ledger& L = w.ledger;
  const bool mines_pay = v.payer == Payer::kMines && !w.mines.empty();
  const Account from = v.payer == Payer::kDonors ? Account::kRestOfWorld
                       : mines_pay               ? Account::kMines
                                                 : Account::kGovernment;
  L.transfer(from, Account::kSuppliers, Flow::kSupplierGrants, paid);
  L.transfer(Account::kSuppliers, Account::kRestOfWorld, Flow::kSupplierImports, paid);
  if (from == Account::kGovernment) w.government_balance -= paid;
  if (from == Account::kRestOfWorld) w.rest_of_world_balance -= paid;
  if (from == Account::kMines) {
    const auto share = split_among_mines(w, v.mines, paid);
    for (std::size_t m = 0; m < share.size(); ++m) w.mines[m].balance -= share[m];
  }
  w.rest_of_world_balance += paid;
}
}  // namespace minesim
