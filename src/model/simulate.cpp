#include "model/simulate.h"

namespace minesim {

bool simulate(World& w, const SimulationHooks& hooks) {
  const auto& sim = w.scenario->simulation;
  const int total = sim.spinup_months + sim.months;
  while (w.step < total) {
    if (hooks.should_stop && hooks.should_stop()) return false;
    if (w.step == sim.spinup_months && hooks.on_recording_start) hooks.on_recording_start();
    step_month(w);
    if (w.recording() && hooks.on_month) hooks.on_month(w, compute_indicators(w));
    ++w.step;
  }
  return true;
}

}  // namespace minesim
