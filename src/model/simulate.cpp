#include "model/simulate.h"

#include <chrono>

namespace minesim {

namespace {
void record_profiled(const World& w, const SimulationHooks& hooks) {
  using Clock = std::chrono::steady_clock;
  const auto t0 = Clock::now();
  const Indicators ind = compute_indicators(w);
  const auto t1 = Clock::now();
  hooks.on_month(w, ind);
  const auto t2 = Clock::now();
  auto& s = hooks.profile->seconds;
  s[PhaseProfile::indicators_slot()] += std::chrono::duration<double>(t1 - t0).count();
  s[PhaseProfile::recording_slot()] += std::chrono::duration<double>(t2 - t1).count();
}
}  // namespace

bool simulate(World& w, const SimulationHooks& hooks) {
  const auto& sim = w.scenario->simulation;
  const int total = sim.spinup_months + sim.months;
  while (w.step < total) {
    if (hooks.should_stop && hooks.should_stop()) return false;
    if (w.step == sim.spinup_months && hooks.on_recording_start) hooks.on_recording_start();
    step_month(w, hooks.profile);
    if (w.recording() && hooks.on_month) {
      if (hooks.profile)
        record_profiled(w, hooks);
      else
        hooks.on_month(w, compute_indicators(w));
    }
    ++w.step;
  }
  return true;
}

}  // namespace minesim
