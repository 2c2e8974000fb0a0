// The levers' values without any intervention (the scenario's own settings), and the levers' own
// effects once the interventions have set them.
#include "world/levers.h"

#include "world/payers.h"
#include "world/world.h"

namespace minesim {

namespace {
// A [training.*] programme's seats this month: capacity x ramp from start, 0 outside start..end.
double scheduled_seats(const TrainingParams& t, Month now) {
  if (t.opened_by_lever || now < t.start || !(now < t.end)) return 0.0;
  return static_cast<double>(t.capacity) * linear_ramp(t.start, t.ramp_months, now);
}
}  // namespace

void reset_levers(World& w) {
  const Scenario& s = *w.scenario;
  Levers& L = w.levers;
  const std::size_t nm = w.mines.size(), nc = w.communities.size(), na = w.asm_sites.size();
  L.royalty_rate = s.economy.royalty_rate;
  L.cit_rate = s.economy.corporate_income_tax_rate;
  L.payroll_rate = s.economy.payroll_tax_rate;
  L.payroll_rate_changed = false;
  L.profit_shifting_share = s.economy.profit_shifting_share;
  L.automation_levy_usd_per_role = s.mining.automation_levy_usd_per_role;
  L.revenue_sharing = 0;
  L.female_acceptance = s.labour.mine_female_acceptance;
  L.training_barrier_factor = 1.0;
  L.training_women_quota = 0.0;
  L.training_seats.resize(s.training.size());
  for (std::size_t k = 0; k < s.training.size(); ++k)
    L.training_seats[k] = scheduled_seats(s.training[k], w.month());
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
  L.supplier_programmes.clear();
  L.asm_formal.resize(na);
  L.asm_mercury_free.assign(na, 0);
  for (std::size_t k = 0; k < na; ++k) L.asm_formal[k] = 0;
  L.budgets.clear();
}

void settle_levers(World& w) {
  Levers& L = w.levers;
  // A new payroll tax rate changes every formal employer's net wage.
  if (L.payroll_rate_changed) {
    Posts& p = w.posts;
    for (std::size_t q = 0; q < p.count(); ++q)
      if (p.sector[q] == idx(Sector::kMine) || p.sector[q] == idx(Sector::kSupplier)) {
        p.net_wage[q] = p.wage[q] - scale_cents(p.wage[q], L.payroll_rate, "payroll tax");
        if (p.sector[q] == idx(Sector::kMine))
          set_expatriate_extra(p, static_cast<std::uint32_t>(q),
                               w.scenario->wages.expatriate_premium, L.payroll_rate);
      }
  }
  // Budget routing: budgets buy from providers outside the region (programme costs, equipment,
  // administration). Donors pay them abroad, so no flow crosses the region's accounts.
  for (const LeverBudget& b : L.budgets) {
    if (payer_account(b.payer, w) == Account::kRestOfWorld) continue;
    pay_from(w, b.payer, b.mines, Account::kRestOfWorld, Flow::kPolicyBudgets, b.amount);
    w.rest_of_world_balance += b.amount;
  }
}

}  // namespace minesim
