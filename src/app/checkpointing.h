#pragma once
// A run's checkpoints (docs/checkpoints.md): which months end with one (`--checkpoint-at DATE`,
// repeatable, `--checkpoint-every MONTHS`), the months recorded so far that each one holds, and
// the writing of FILE.ckpt-YYYY-MM.h5 after those months (and on SIGTERM).
#include <set>
#include <string>
#include <vector>

#include "io/checkpoint.h"

namespace minesim {

struct CheckpointRequest {
  std::vector<std::string> at;  // DATE: YYYY-MM or YYYY-MM-DD (a month's first day), repeatable
  int every = 0;                // every N recorded months (0: none)
  bool any() const { return !at.empty() || every > 0; }
};

class Checkpointer {
 public:
  // Checks the dates against the scenario's recorded months (UsageError, exit 2, naming the
  // option and the date). `base` has the scenario, seed, output and history of the run.
  Checkpointer(const CheckpointRequest& req, const Scenario& s, CheckpointMeta base);
  bool active() const { return active_; }
  // Each recorded month, after the output has it: keeps its values and writes the month's
  // checkpoint when one is due.
  void after_month(const World& w, const Indicators& ind);
  // Keeps a month's values without writing (a resumed run's months before its checkpoint).
  void keep(const Indicators& ind) {
    if (active_) rec_.add(ind);
  }
  // Writes a checkpoint of `w` as it is now, after its last whole month, to continue at step
  // `next_step`; returns its path.
  std::string write_now(const World& w, int next_step);
  const RecordedMonths& recorded() const { return rec_; }
  RecordedMonths& recorded() { return rec_; }
  bool quiet = false;

 private:
  bool active_ = false;
  int every_ = 0;
  std::set<int> at_;  // month indices
  CheckpointMeta base_;
  RecordedMonths rec_;
};

// "2025-06" or "2025-06-01" as a month; UsageError naming `option` otherwise.
Month parse_checkpoint_date(const std::string& text, const std::string& option);

}  // namespace minesim
