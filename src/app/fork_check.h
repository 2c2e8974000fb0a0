#pragma once
// The refusals of `minesim fork` (docs/checkpoints.md, "What a fork may change").
#include <string>

#include "world/world.h"

namespace minesim {

struct ForkPoint {
  std::string arm_path;     // the arm's scenario file, for the messages
  Month last;               // the checkpoint's last month
  int step = 0;             // the step the fork continues from
  int recorded_months = 0;  // months the checkpoint holds
};

// UsageError (exit 2) naming the first key (or intervention) the arm changes in or before the
// checkpoint's last month, and that month.
void check_fork(const Scenario& base, const Scenario& arm, const ForkPoint& at);
// The same for what only the saved state shows: trainees of a programme the arm renumbers.
void check_fork_state(const Scenario& base, const Scenario& arm, const World& w,
                      const ForkPoint& at);

}  // namespace minesim
