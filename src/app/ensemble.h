#pragma once
// `minesim ensemble PLAN.toml`: every member of a plan (arm x point x seed; scenario/plan.h) run
// as its own `minesim run` (app/member_pool.h) and gathered into one file (io/ensemble_file.h),
// which appears at OUT whole or not at all. Interrupted, it keeps its temporary with the completed
// members; `--continue` reuses them.
#include <string>

namespace CLI {
class App;
}

namespace minesim {

struct EnsembleOptions {
  std::string plan;
  std::string output;   // empty: output/PLAN_STEM.h5
  int jobs = 0;         // 0: min(cores / threads, available memory / one member's estimated peak)
  int threads = 1;      // per member
  bool resume = false;  // --continue
  bool quiet = false;
  bool allow_large = false;
  bool no_fork = false;      // every member from its first month (app/ensemble_forks.h)
  std::string part;          // "K/N": only part K of N, into OUT.members (app/ensemble_members.h)
  std::string combine;       // a members folder to combine into `output`
  int checkpoint_every = 0;  // members checkpoint every N recorded months (0: none)
  bool estimate = false;     // print the plan's size and run nothing
  std::string format = "text";  // --estimate's: text or sh
  std::string command_line;
};

int ensemble_command(const EnsembleOptions& o);
// Registers `ensemble` and its options on `app`, filling `o` when parsed.
CLI::App* add_ensemble_subcommand(CLI::App& app, EnsembleOptions& o);

}  // namespace minesim
