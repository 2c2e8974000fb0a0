#pragma once
// The scenario layer's side of the levers (dependency inversion). Each lever owns its parameters,
// their defaults and their reader in its file under src/policies/; the policy layer's table
// (policies/registry.cpp) gives the loader one reader per InterventionType, and the model layer's
// load_scenario_file (model/load.h) passes that table down, so this layer never includes policies.
#include <any>
#include <array>

#include "scenario/scenario.h"

namespace minesim {

class TableReader;

// Reads a lever's own keys from its [interventions.NAME] table, after the common keys (already in
// `v`), and returns its parameters (the lever's own struct, stored in v.params). Errors go to the
// reader's context (file:line:col); keys it does not read are reported as unknown. A reader may add
// world structure its lever needs to the scenario being read: skills_training adds its course to
// s.training (trainees outlive the intervention, so the course is part of the world).
using LeverReadFn = std::any (*)(TableReader& r, const InterventionParams& v, Scenario& s);

// One reader per lever, indexed by InterventionType.
using LeverReaders = std::array<LeverReadFn, kInterventionTypes>;

}  // namespace minesim
