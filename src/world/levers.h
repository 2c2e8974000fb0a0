#pragma once
// The levers policies move. Each month they are reset to the scenario's values and every active
// intervention adjusts them by its strength (0 before the start, ramping to 1, 0 after the end).
// The model's phases read levers, never the interventions themselves. Levers are world state;
// the policy layer (src/policies/) writes them.
#include <array>
#include <cstdint>
#include <vector>

#include "core/categories.h"
#include "core/money.h"

namespace minesim {

struct Levers {
  double royalty_rate = 0, cit_rate = 0, payroll_rate = 0;
  double profit_shifting_share = 0;
  double automation_levy_usd_per_role = 0;
  double revenue_sharing = 0;  // share of royalties paid to host communities' households
  std::array<double, kOccupations> female_acceptance{};
  double training_barrier_factor = 1.0;  // multiplies programmes' female_barrier
  double training_women_quota = 0.0;     // lower bound on programmes' women_quota
  std::vector<double> local_hiring_share;   // per mine: minimum share of local hires
  std::vector<double> remote_in_country;    // per mine: share of abroad roles brought home
  // Localisation plans, per mine and skill: the local share of the mine's employees of that skill
  // the mine works toward, and the monthly probability that a non-local employee's contract is not
  // renewed while the share is below it (world/labour_market.cpp). 0: no plan.
  std::vector<std::array<double, kSkills>> localisation_target, localisation_rate;
  std::vector<double> adoption_per_month;   // per mine: cap on adoption growth (large: none)
  std::vector<double> redeploy_share;       // per mine
  std::vector<double> diversification_share;  // per mine: of revenue, to local activity
  std::vector<std::array<double, kCategories>> threshold_relief;    // per community
  std::vector<std::array<double, kCategories>> national_ownership;  // per community
  std::vector<std::array<Cents, kCategories>> supplier_grants;      // per community, this month
  std::vector<std::uint8_t> asm_formal, asm_mercury_free;           // per ASM site
  // Budgets of levers paid this month to providers outside the region, by payer.
  Cents budget_government = 0, budget_donors = 0;
  std::vector<Cents> budget_mines;  // per mine
};

struct World;
// Sets the levers to the scenario's values (no intervention): at the start of the run and, in the
// policy phase, before the active interventions adjust them.
void reset_levers(World& w);

}  // namespace minesim
