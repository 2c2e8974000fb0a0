// The levers' values without any intervention: the scenario's own settings.
#include "world/levers.h"

#include "world/world.h"

namespace minesim {

void reset_levers(World& w) {
  const Scenario& s = *w.scenario;
  Levers& L = w.levers;
  const std::size_t nm = w.mines.size(), nc = w.communities.size(), na = w.asm_sites.size();
  L.royalty_rate = s.economy.royalty_rate;
  L.cit_rate = s.economy.corporate_income_tax_rate;
  L.payroll_rate = s.economy.payroll_tax_rate;
  L.profit_shifting_share = s.economy.profit_shifting_share;
  L.automation_levy_usd_per_role = s.mining.automation_levy_usd_per_role;
  L.revenue_sharing = 0;
  L.female_acceptance = s.labour.mine_female_acceptance;
  L.training_barrier_factor = 1.0;
  L.training_women_quota = 0.0;
  L.local_hiring_share.assign(nm, 0.0);
  L.remote_in_country.assign(nm, 0.0);
  L.localisation_target.assign(nm, {});
  L.localisation_rate.assign(nm, {});
  L.adoption_per_month.assign(nm, 1e9);
  L.redeploy_share.resize(nm);
  for (std::size_t m = 0; m < nm; ++m) L.redeploy_share[m] = s.mines[m].redeploy_share;
  L.diversification_share.assign(nm, 0.0);
  L.threshold_relief.assign(nc, {});
  L.national_ownership.assign(nc, {});
  L.supplier_grants.assign(nc, {});
  L.asm_formal.resize(na);
  L.asm_mercury_free.assign(na, 0);
  for (std::size_t k = 0; k < na; ++k) L.asm_formal[k] = 0;
  L.budget_government = L.budget_donors = 0;
  L.budget_mines.assign(nm, 0);
}

}  // namespace minesim
