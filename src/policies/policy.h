#pragma once
// The policy layer: one file per lever under src/policies/, one table of the levers
// (registry.cpp), and the policy phase. Each lever file owns its parameters (its own struct and
// their defaults), its reader (the lever's own keys of [interventions.NAME]) and its apply(),
// which writes only the levers (the contract: world/levers.h).
#include <any>
#include <span>

#include "scenario/lever_reader.h"
#include "scenario/reader.h"
#include "world/levers.h"
#include "world/world.h"

namespace minesim {

// Moves the levers for one intervention in force this month (strength in (0, 1]).
using LeverApplyFn = void (*)(const InterventionParams& v, double strength, World& w);

// One row of the lever table: the lever (its label is kInterventionLabels[type]), its reader and
// its apply.
struct Lever {
  InterventionType type;
  LeverReadFn read;
  LeverApplyFn apply;
};

// The lever table: one row per InterventionType, in enum order.
std::span<const Lever> levers();
// The table's readers, for the scenario loader (model/load.h passes them down).
LeverReaders lever_readers();

// 0 before start, ramping linearly to 1 over ramp_months, 0 from end.
double intervention_strength(const InterventionParams& v, Month now);

// The policy phase: resets the levers and applies every intervention in force, in scenario order.
void apply_policies(World& w);

// For levers: charges the intervention's monthly budget (real USD at full strength, times
// strength and population_scale) to its payer; settle_levers pays it.
void charge_budget(const InterventionParams& v, double strength, World& w);

// For levers: the lever's own parameters (its struct, read by its reader).
template <class P>
const P& params_of(const InterventionParams& v) {
  return std::any_cast<const P&>(v.params);
}

}  // namespace minesim
