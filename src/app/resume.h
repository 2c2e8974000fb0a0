#pragma once
// `minesim resume CHECKPOINT` and `minesim fork CHECKPOINT ARM.toml` (docs/checkpoints.md), and
// `minesim info CHECKPOINT`.
#include <cstdint>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "app/checkpointing.h"

namespace minesim {

struct ResumeOptions {
  std::string checkpoint;
  std::string arm;     // fork: the arm's scenario file; empty for resume
  std::string output;  // empty: resume writes the run's own FILE, fork output/ARM_STEM.h5
  // fork: overrides of the arm's scenario, as `run` takes them (--set, --seed, --months), so that
  // an ensemble's member forks with exactly the scenario its `minesim run` would have
  std::vector<std::string> sets;
  std::optional<std::uint64_t> seed;
  std::optional<int> months;
  int threads = 0;
  bool quiet = false;
  std::string command_line;
  CheckpointRequest checkpoints;
};

int resume_command(const ResumeOptions& o);
int fork_command(const ResumeOptions& o);

// Whether `path` is a checkpoint (its format attribute), for `minesim info`.
bool is_checkpoint(const std::string& path);
// What a checkpoint holds: scenario file, seed, last month, persons, versions.
void print_checkpoint_info(const std::string& path, std::ostream& out);

}  // namespace minesim
