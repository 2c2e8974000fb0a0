#pragma once
// The intervention interface: one function per lever (one file each under src/policies/), called
// every month with the intervention's strength. apply_policies() is the schedule's phase.
#include "world/levers.h"
#include "world/world.h"

namespace minesim {

// 0 before start, ramping linearly to 1 over ramp_months, 0 from end.
double intervention_strength(const InterventionParams& v, Month now);

// Resets the levers and applies every active intervention, paying their budgets.
void apply_policies(World& w);

// The levers (each in its own file).
void apply_skills_training(const InterventionParams& v, double strength, World& w);
void apply_local_hiring_requirement(const InterventionParams& v, double strength, World& w);
void apply_local_procurement_requirement(const InterventionParams& v, double strength, World& w);
void apply_supplier_development(const InterventionParams& v, double strength, World& w);
void apply_economic_diversification(const InterventionParams& v, double strength, World& w);
void apply_tax_reform(const InterventionParams& v, double strength, World& w);
void apply_gender_inclusion(const InterventionParams& v, double strength, World& w);
void apply_asm_formalisation(const InterventionParams& v, double strength, World& w);
void apply_staged_automation(const InterventionParams& v, double strength, World& w);

// Helpers for levers: whether index i is targeted (empty target list: all).
inline bool targeted(const std::vector<int>& targets, std::size_t i) {
  if (targets.empty()) return true;
  for (int t : targets)
    if (static_cast<std::size_t>(t) == i) return true;
  return false;
}
// Charges a lever's monthly budget (real USD at full strength) to its payer.
void charge_budget(const InterventionParams& v, double strength, World& w);

}  // namespace minesim
