// supplier_development: grants that raise local suppliers' capability. Each month the budget
// (scaled by strength) is paid by the payer to the live firms of the targeted communities that work
// in the targeted categories, shared equally; the firms spend it on upgrading (equipment,
// certification, training bought outside the region), which raises their capability by 0.1 per
// suppliers.upgrade_cost_usd.
#include <algorithm>

#include "policies/policy.h"

namespace minesim {
void apply_supplier_development(const InterventionParams& v, double strength, World& w) {
  const Scenario& s = *w.scenario;
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
  const Account from = v.payer == Payer::kGovernment ? Account::kGovernment
                       : v.payer == Payer::kMines    ? Account::kMines
                                                     : Account::kRestOfWorld;
  L.transfer(from, Account::kSuppliers, Flow::kSupplierGrants, paid);
  L.transfer(Account::kSuppliers, Account::kRestOfWorld, Flow::kSupplierImports, paid);
  if (from == Account::kGovernment) w.government_balance -= paid;
  if (from == Account::kRestOfWorld) w.rest_of_world_balance -= paid;
  if (from == Account::kMines) {
    // Shared by the targeted mines (all when none are named), the first taking the remainder.
    std::vector<std::size_t> payers;
    for (std::size_t m = 0; m < w.mines.size(); ++m)
      if (targeted(v.mines, m)) payers.push_back(m);
    if (payers.empty()) payers.push_back(0);
    const Cents share = paid / static_cast<Cents>(payers.size());
    for (std::size_t k = 0; k < payers.size(); ++k)
      w.mines[payers[k]].balance -= share + (k == 0 ? paid - share * static_cast<Cents>(payers.size()) : 0);
  }
  w.rest_of_world_balance += paid;
}
}  // namespace minesim
