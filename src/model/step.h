#pragma once
#include <string_view>
#include <vector>

#include "world/world.h"

namespace minesim {

// One phase of the monthly schedule.
struct Phase {
  std::string_view name;
  void (*run)(World&);
};

// The monthly schedule, in order. The order IS the model; docs/ODD.md §3 describes it.
const std::vector<Phase>& schedule();

struct PhaseProfile;

// Runs month w.step: every phase in order, then the stock-flow check. The caller advances w.step.
// With `profile`, each phase's wall time is added to it (model/profile.h).
void step_month(World& w, PhaseProfile* profile = nullptr);

// Computes stock_flow_residual for the month just run and throws InvariantError (exit 70) if it is
// not exactly zero.
void check_stock_flow(World& w);

}  // namespace minesim
