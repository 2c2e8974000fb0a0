// The lever table and the policy phase: each month the levers are reset to the scenario's values,
// then every intervention in force moves them, in scenario order (they combine).
#include "policies/policy.h"

namespace minesim {

// Each lever's reader and apply, defined in its own file (src/policies/TYPE.cpp).
std::any read_skills_training(TableReader& r, const InterventionParams& v, Scenario& s);
void apply_skills_training(const InterventionParams& v, double strength, World& w);
std::any read_local_hiring_requirement(TableReader& r, const InterventionParams& v, Scenario& s);
void apply_local_hiring_requirement(const InterventionParams& v, double strength, World& w);
std::any read_local_procurement_requirement(TableReader& r, const InterventionParams& v,
                                            Scenario& s);
void apply_local_procurement_requirement(const InterventionParams& v, double strength, World& w);
std::any read_supplier_development(TableReader& r, const InterventionParams& v, Scenario& s);
void apply_supplier_development(const InterventionParams& v, double strength, World& w);
std::any read_economic_diversification(TableReader& r, const InterventionParams& v, Scenario& s);
void apply_economic_diversification(const InterventionParams& v, double strength, World& w);
std::any read_tax_reform(TableReader& r, const InterventionParams& v, Scenario& s);
void apply_tax_reform(const InterventionParams& v, double strength, World& w);
std::any read_gender_inclusion(TableReader& r, const InterventionParams& v, Scenario& s);
void apply_gender_inclusion(const InterventionParams& v, double strength, World& w);
std::any read_asm_formalisation(TableReader& r, const InterventionParams& v, Scenario& s);
void apply_asm_formalisation(const InterventionParams& v, double strength, World& w);
std::any read_staged_automation(TableReader& r, const InterventionParams& v, Scenario& s);
void apply_staged_automation(const InterventionParams& v, double strength, World& w);

namespace {
using T = InterventionType;
constexpr Lever kLevers[] = {
    {T::kSkillsTraining, read_skills_training, apply_skills_training},
    {T::kLocalHiringRequirement, read_local_hiring_requirement, apply_local_hiring_requirement},
    {T::kLocalProcurementRequirement, read_local_procurement_requirement,
     apply_local_procurement_requirement},
    {T::kSupplierDevelopment, read_supplier_development, apply_supplier_development},
    {T::kEconomicDiversification, read_economic_diversification, apply_economic_diversification},
    {T::kTaxReform, read_tax_reform, apply_tax_reform},
    {T::kGenderInclusion, read_gender_inclusion, apply_gender_inclusion},
    {T::kAsmFormalisation, read_asm_formalisation, apply_asm_formalisation},
    {T::kStagedAutomation, read_staged_automation, apply_staged_automation},
};
static_assert(std::size(kLevers) == kInterventionTypes, "one row per InterventionType");
constexpr bool in_enum_order() {
  for (std::size_t i = 0; i < std::size(kLevers); ++i)
    if (static_cast<std::size_t>(kLevers[i].type) != i) return false;
  return true;
}
static_assert(in_enum_order(), "the lever table is indexed by InterventionType");
}  // namespace

std::span<const Lever> levers() { return kLevers; }

LeverReaders lever_readers() {
  LeverReaders r{};
  for (const Lever& l : kLevers) r[static_cast<std::size_t>(l.type)] = l.read;
  return r;
}

double intervention_strength(const InterventionParams& v, Month now) {
  if (v.end && !(now < *v.end)) return 0.0;
  return linear_ramp(v.start, v.ramp_months, now);
}

void charge_budget(const InterventionParams& v, double strength, World& w) {
  const Cents c = to_cents(v.budget_usd * strength * w.scenario->simulation.population_scale,
                           [&] { return "interventions." + v.name + ".budget_usd"; });
  if (c > 0) w.levers.budgets.push_back({v.payer, v.mines, c});
}

void apply_policies(World& w) {
  Levers& L = w.levers;
  const double old_payroll = L.payroll_rate;
  reset_levers(w);
  const Month now = w.month();
  for (const InterventionParams& v : w.scenario->interventions) {
    const double strength = intervention_strength(v, now);
    if (strength > 0) kLevers[static_cast<std::size_t>(v.type)].apply(v, strength, w);
  }
  L.payroll_rate_changed = L.payroll_rate != old_payroll;
}

}  // namespace minesim
