#pragma once
// Internal to `minesim ensemble` (app/ensemble*.cpp): which member starts next and how, and the
// loop that runs them as child processes (app/member_pool.h). A member runs straight (`minesim
// run`), as the trunk of others (writing the checkpoints they fork from), as a fork of its trunk's
// checkpoint once the trunk has ended, or, where an interrupted ensemble left a checkpoint of its
// own (`--checkpoint-every`), as `minesim resume` from the latest one.
#include <cstddef>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "app/ensemble.h"
#include "app/ensemble_forks.h"
#include "app/member_pool.h"

namespace minesim::ensemble_detail {

class Schedule {
 public:
  // `done`: members not to run (completed, or another part's); `resume_from`: by member, the
  // checkpoint to resume it from ("" for none); `work`: the folder of the members' own files.
  Schedule(const Study& s, const ForkSchedule& f, std::vector<bool> done,
           std::vector<std::string> resume_from, std::string work);
  const std::vector<bool>& done() const { return done_; }
  // The next member that can start, trunks and straight members first; std::nullopt when none
  // can yet (every fork left waits for a trunk still running) or all have started.
  std::optional<std::size_t> next() const;
  MemberJob job(std::size_t m, const EnsembleOptions& o, const std::string& exe);
  bool is_fork(const MemberJob& j) const { return j.argv.size() > 1 && j.argv[1] == "fork"; }
  // A fork that its trunk's saved state refuses (check_fork_state) runs again from the start.
  void run_straight(std::size_t m);
  // Member m ended well: its checkpoints go, except those its forks still need.
  void ended(std::size_t m);
  std::string output_of(std::size_t m) const;

 private:
  bool forks(std::size_t m) const {
    return f_.trunk[m] != ForkSchedule::kStraight && !straight_[m];
  }
  bool trunk_ended(std::size_t m) const { return done_[f_.trunk[m]]; }
  void member_ended(std::size_t m);
  void args_for_run(std::size_t m, const EnsembleOptions& o, std::vector<std::string>& args) const;

  const Study& s_;
  const ForkSchedule& f_;
  std::vector<bool> done_, started_;
  std::vector<std::string> resume_from_;
  std::string work_;
  std::vector<bool> straight_;
  // A trunk completed by an earlier, interrupted run whose checkpoints are gone: its forks run
  // straight.
  std::vector<bool> trunk_gone_;
  std::map<std::size_t, int> waiting_on_;
};

struct Counts {
  std::size_t done = 0, total = 0;
};

// Runs every member `plan` has not marked done, at most `jobs` at a time (`n`: the members to
// count progress over, and how many of them are done already), calling
// `member_done(m, its output file)` as each ends well. Returns 0, or the exit status of a stop
// (128 + signal; 75 when the members checkpointed: `--checkpoint-every`). A failed member stops
// the others and is an Error naming it and its command.
int run_schedule(const Study& s, Schedule& plan, const EnsembleOptions& o, int jobs, Counts& n,
                 const std::function<void(std::size_t, const std::string&)>& member_done);

// The regular files beside `file` whose names are its name followed by `suffix` (".partial-",
// ".ckpt-"), in name order: the temporaries and checkpoints runs writing `file` leave.
std::vector<std::string> files_named_after(const std::string& file, const std::string& suffix);

// The checkpoints member file `output` has (OUTPUT.ckpt-YYYY-MM.h5, whole files only: a
// temporary a kill left has another name), oldest first.
std::vector<std::string> checkpoints_of(const std::string& output);

}  // namespace minesim::ensemble_detail
