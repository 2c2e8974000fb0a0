#pragma once
// Runs a loaded scenario into its output file, from the start (`run`) or from a checkpoint's
// state (`resume`, `fork`): the output, the months, the summary, the checkpoints and the ways a
// run stops (a signal; with checkpoints, SIGTERM at a month's end with a checkpoint, exit 75).
#include <functional>
#include <string>

#include "app/checkpointing.h"
#include "world/world.h"

namespace minesim {

struct RunSetup {
  std::string scenario_path;  // as recorded in the output's scenario_file attribute
  std::string output;         // FILE
  std::string command_line;   // the output's history attribute
  int threads = 0;            // 0: all available
  bool quiet = false;
  bool profile = false;  // print where a month's time goes (model/profile.h) after the run
  CheckpointRequest checkpoints;
  // Builds the World and fills the months recorded before it: make_world for a fresh run, a
  // checkpoint's state and months for resume and fork. Empty: make_world.
  std::function<World(const Scenario&, RecordedMonths&)> build;
};

int run_world(const Scenario& s, const RunSetup& o);

}  // namespace minesim
