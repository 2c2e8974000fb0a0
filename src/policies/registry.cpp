// Applies the scenario's interventions each month, in scenario order (they combine).
#include <cmath>

#include "policies/policy.h"
#include "world/mines.h"

namespace minesim {

double intervention_strength(const InterventionParams& v, Month now) {
  if (v.end && !(now < *v.end)) return 0.0;
  return linear_ramp(v.start, v.ramp_months, now);
}

void charge_budget(const InterventionParams& v, double strength, World& w) {
  const Cents c = to_cents(v.budget_usd * strength * w.scenario->simulation.population_scale);
  if (c <= 0) return;
  Levers& L = w.levers;
  switch (v.payer) {
    case Payer::kGovernment: L.budget_government += c; break;
    case Payer::kDonors: L.budget_donors += c; break;
    case Payer::kMines: {
      if (w.mines.empty()) {
        L.budget_government += c;
        break;
      }
      const auto share = split_among_mines(w, v.mines, c);
      for (std::size_t m = 0; m < share.size(); ++m) L.budget_mines[m] += share[m];
      break;
    }
  }
}

void apply_policies(World& w) {
  const Scenario& s = *w.scenario;
  Levers& L = w.levers;
  const std::size_t nm = w.mines.size();
  const double old_payroll = L.payroll_rate;
  reset_levers(w);

  const Month now = w.month();
  for (const InterventionParams& v : s.interventions) {
    const double strength = intervention_strength(v, now);
    if (strength <= 0) continue;
    switch (v.type) {
      case InterventionType::kSkillsTraining: apply_skills_training(v, strength, w); break;
      case InterventionType::kLocalHiringRequirement: apply_local_hiring_requirement(v, strength, w); break;
      case InterventionType::kLocalProcurementRequirement: apply_local_procurement_requirement(v, strength, w); break;
      case InterventionType::kSupplierDevelopment: apply_supplier_development(v, strength, w); break;
      case InterventionType::kEconomicDiversification: apply_economic_diversification(v, strength, w); break;
      case InterventionType::kTaxReform: apply_tax_reform(v, strength, w); break;
      case InterventionType::kGenderInclusion: apply_gender_inclusion(v, strength, w); break;
      case InterventionType::kAsmFormalisation: apply_asm_formalisation(v, strength, w); break;
      case InterventionType::kStagedAutomation: apply_staged_automation(v, strength, w); break;
    }
  }

  // A new payroll tax rate changes every formal employer's net wage.
  if (L.payroll_rate != old_payroll) {
    Posts& p = w.posts;
    for (std::size_t q = 0; q < p.count(); ++q)
      if (p.sector[q] == idx(Sector::kMine) || p.sector[q] == idx(Sector::kSupplier))
        p.net_wage[q] = p.wage[q] - scale_cents(p.wage[q], L.payroll_rate);
  }

  // Budgets go to providers outside the region (programme costs, equipment, administration).
  Ledger& led = w.ledger;
  led.transfer(Account::kGovernment, Account::kRestOfWorld, Flow::kPolicyBudgets, L.budget_government);
  w.government_balance -= L.budget_government;
  w.rest_of_world_balance += L.budget_government;
  Cents by_mines = 0;
  for (std::size_t m = 0; m < nm; ++m) {
    w.mines[m].balance -= L.budget_mines[m];
    by_mines += L.budget_mines[m];
  }
  led.transfer(Account::kMines, Account::kRestOfWorld, Flow::kPolicyBudgets, by_mines);
  w.rest_of_world_balance += by_mines;
  // Donor-funded budgets are paid abroad by donors: no flow crosses the region's accounts.
}

}  // namespace minesim
