#pragma once
// Internal to `minesim ensemble`: an ensemble run as parts (MPI ranks, `--part K/N` array tasks,
// or one part with `--checkpoint-every`) keeps each finished member's run file in the members
// folder OUT.members/ beside OUT (with a manifest naming the plan, its hash and this minesim), and
// checkpoints of unfinished members there too; any part run again skips the members already there
// and resumes the others from their latest checkpoint. Combining reads every member's file into
// OUT, which appears whole or not at all, and removes the folder (docs/ensembles.md, "Many
// machines").
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "app/ensemble.h"
#include "app/ensemble_forks.h"
#include "app/ensemble_study.h"
#include "io/ensemble_file.h"

namespace minesim::ensemble_detail {

// The members and the plan as the ensemble file records them.
std::vector<EnsembleMember> file_members(const Study& s);
EnsemblePlan file_plan(const Study& s, const EnsembleOptions& o);

// Adds member m's run file to the ensemble file at `path` through `w`, laying the file out from
// this first member when `w` holds no writer yet.
void add_member_file(std::optional<EnsembleWriter>& w, const std::string& path, const Study& s,
                     const EnsembleOptions& o, std::size_t m, const std::string& file);

// OUT.members, the members folder of an ensemble writing OUT.
std::string members_dir_of(const std::string& out);

// Runs the members whose part is part.first (0-based, of part.second; `parts` from assign_parts)
// into `dir`,
// creating it with its manifest or checking that the manifest is this plan's (UsageError, exit 2,
// otherwise). Returns 0, 75 when stopped with checkpoints, 128 + signal when stopped.
int run_part(const Study& s, const ForkSchedule& f, const EnsembleOptions& o, int jobs,
             const std::vector<int>& parts, std::pair<int, int> part, const std::string& dir);

// Combines the members folder `dir` into `out` and removes `dir`. UsageError naming the members
// missing when some have not finished, or when the plan changed since the folder was made.
int combine_members(const std::string& dir, const std::string& out, const EnsembleOptions& o);

}  // namespace minesim::ensemble_detail
