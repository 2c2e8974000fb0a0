#pragma once
// The minesim subcommands. Each returns the process exit status (core/exit_codes.h); errors they
// do not report themselves reach report_errors.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "app/checkpointing.h"

namespace minesim {

struct RunOptions {
  std::string scenario;  // empty: the shipped default
  std::string from;      // a run's output file whose resolved scenario (and seed) to run again
  std::string output;    // empty: output/STEM.h5
  int threads = 0;       // 0: all available
  std::optional<std::uint64_t> seed;
  std::optional<int> months;
  std::vector<std::string> sets;
  bool quiet = false;
  bool allow_large = false;  // run even when the size estimate exceeds the physical memory
  bool profile = false;      // --profile: each phase's share of a month, after the run
  std::string command_line;
  CheckpointRequest checkpoints;
};

int run_command(const RunOptions& o);
// Checks each file, printing its counts and size estimate; a run too large for this machine is an
// error unless `allow_large` (as for run --allow-large). Warnings (an intervention that starts
// after the last month) go to stderr; `strict` makes them errors (exit status 2).
int validate_command(const std::vector<std::string>& scenarios,
                     const std::vector<std::string>& sets, bool allow_large = false,
                     bool strict = false);
int info_command(const std::string& file, bool with_scenario);

// Runs a subcommand; an Error it throws is printed as "minesim: error: ..." and exits with the
// error's status, any other exception as an internal error (exit 70).
int report_errors(const std::function<int()>& command);

// One argument as a POSIX shell reads it back (for the history attribute and member commands).
std::string shell_quote(const std::string& a);

// The shipped default scenario (scenarios/baseline.toml), looked for in the working directory,
// next to the executable's source tree, and where it was built from.
std::string default_scenario_path();

}  // namespace minesim
