#pragma once
// Runs a scenario month by month: spin-up months (not recorded), then the recorded months, calling
// `on_recording_start` once before the first recorded month and `on_month` after each recorded
// month (either may be empty). With `profile`, the phases, the indicators and `on_month` (the
// recording) are timed into it. `should_stop` is polled between months; a true answer stops the
// run early and simulate() returns false.
#include <functional>

#include "model/profile.h"
#include "model/step.h"
#include "world/indicators.h"

namespace minesim {

struct SimulationHooks {
  std::function<void(const World&, const Indicators&)> on_month;
  std::function<bool()> should_stop;
  std::function<void()> on_recording_start = {};
  PhaseProfile* profile = nullptr;  // where the months' phase times go (model/profile.h), if any
};

bool simulate(World& w, const SimulationHooks& hooks);

}  // namespace minesim
