#pragma once
// The levers policies move: world state that the model's phases read.
//
// The lever contract, the same for every lever (docs/extending.md, "Adding a policy lever"):
//  - Each month the policy phase (policies/registry.cpp apply_policies) resets the levers to the
//    scenario's values (reset_levers) and calls the apply() of every intervention in force with its
//    strength (0 before the start, ramping to 1, 0 from the end), in scenario order.
//  - A lever's apply() writes only this struct: rates, shares and caps it moves, and the
//    programmes it runs this month (supplier_programmes, training_seats), and the budget it
//    charges (budgets). It never changes agents, balances or the ledger.
//  - The world's phases read the levers, never the interventions: run_supplier_programmes
//    (world/supplier_programmes.cpp) right after the policy phase, then settle_levers (below), then
//    the model's phases (world/training.cpp reads training_seats, and so on).
#include <array>
#include <cstdint>
#include <vector>

#include "core/categories.h"
#include "core/money.h"
#include "scenario/scenario.h"

namespace minesim {

// A supplier-development programme in force this month (recorded by the lever, run by
// run_supplier_programmes in the order recorded).
struct SupplierProgramme {
  std::vector<int> communities;                // targets (empty: all)
  std::array<bool, kCategories> categories{};  // targeted categories
  Payer payer = Payer::kGovernment;
  std::vector<int> mines;  // payer = mines: the mines that pay (empty: all)
  Cents budget = 0;        // this month's grants, in total
  double strength = 0;
  double incubation_probability = 0;  // per mine and category a month, at full strength
  double capability_per_upgrade = 0;  // capability per suppliers.upgrade_cost_usd of grant
};

// A lever's budget charged this month, to be paid to providers outside the region.
struct LeverBudget {
  Payer payer = Payer::kGovernment;
  std::vector<int> mines;  // payer = mines: the mines that pay (empty: all)
  Cents amount = 0;
};

struct Levers {
  double royalty_rate = 0, cit_rate = 0, payroll_rate = 0;
  bool payroll_rate_changed = false;  // payroll_rate differs from last month's (net wages move)
  double profit_shifting_share = 0;
  double automation_levy_usd_per_role = 0;
  double revenue_sharing = 0;  // share of royalties paid to host communities' households
  std::array<double, kOccupations> female_acceptance{};
  double training_barrier_factor = 1.0;  // multiplies programmes' female_barrier
  double training_women_quota = 0.0;     // lower bound on programmes' women_quota
  // Per training programme (Scenario::training): persons in training at once this month (real
  // persons, before population_scale); 0: closed. [training.*] programmes open by their own
  // schedule (reset_levers), a skills_training intervention's course by its lever.
  std::vector<double> training_seats;
  std::vector<double> local_hiring_share;  // per mine: minimum share of local hires
  std::vector<double> remote_in_country;   // per mine: share of abroad roles brought home
  // Localisation plans, per mine and skill: the local share of the mine's employees of that skill
  // the mine works toward, and the monthly probability that a non-local employee's contract is not
  // renewed while the share is below it (world/labour_market.cpp). 0: no plan.
  std::vector<std::array<double, kSkills>> localisation_target, localisation_rate;
  std::vector<double> adoption_per_month;     // per mine: cap on adoption growth (large: none)
  std::vector<double> redeploy_share;         // per mine
  std::vector<double> diversification_share;  // per mine: of revenue, to local activity
  std::vector<std::array<double, kCategories>> threshold_relief;    // per community
  std::vector<std::array<double, kCategories>> national_ownership;  // per community
  std::vector<SupplierProgramme> supplier_programmes;               // this month, in scenario order
  std::vector<std::uint8_t> asm_formal, asm_mercury_free;           // per ASM site
  std::vector<LeverBudget> budgets;  // charged this month, paid by settle_levers
};

// Whether index i is targeted by a list of targets (empty: all).
inline bool targeted(const std::vector<int>& targets, std::size_t i) {
  if (targets.empty()) return true;
  for (int t : targets)
    if (static_cast<std::size_t>(t) == i) return true;
  return false;
}

struct World;
// Sets the levers to the scenario's values (no intervention): at the start of the run and, in the
// policy phase, before the active interventions adjust them.
void reset_levers(World& w);

// The levers' own effects, after the policy phase and the supplier programmes: a new payroll tax
// rate sets the net wage of every mine and supplier post; the levers' budgets are paid to
// providers outside the region (world/payers.h: the budget routing).
void settle_levers(World& w);

}  // namespace minesim
