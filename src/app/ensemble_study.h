#pragma once
// Internal to `minesim ensemble` (app/ensemble*.cpp): the plan with its members, each arm checked
// by loading its scenario as its first member would run it, and the command line of each member.
#include <string>
#include <utility>
#include <vector>

#include "core/calendar.h"
#include "scenario/plan.h"
#include "scenario/size.h"

namespace minesim::ensemble_detail {

struct Study {
  Plan plan;
  std::vector<Member> members;
  std::vector<SizeEstimate> arm_sizes;  // by arm
  std::size_t baseline = 0;             // the baseline arm's index
};

// Reads and checks the plan: every arm's scenario loads with its members' --set lists, the swept
// keys exist with values inside their documented ranges, the kept variables exist, and every
// arm shares the baseline's time axis and categorical axes. ScenarioError or UsageError (exit 2).
Study load_study(const std::string& plan_path, bool allow_large);

// The overrides member `m` runs its arm's scenario with: the point's and the arm's --set list, then
// its seed and the plan's months (as `minesim run` applies --seed and --months).
std::vector<std::string> run_sets(const Plan& plan, const Member& m);
// The `minesim run` arguments of member `m` after "run" (scenario, --seed, --months, --set ...).
std::vector<std::string> member_run_args(const Study& s, const Member& m);
// The member's equivalent command line, shell-quoted: "minesim run SCENARIO --seed S ...".
std::string member_command(const Study& s, const Member& m);

// min(cores / threads, available memory / the largest arm's estimated peak), at least 1.
int default_jobs(const Study& s, int threads);

}  // namespace minesim::ensemble_detail

namespace minesim {
struct MorrisLayout;
}

namespace minesim::ensemble_detail {

// A [sensitivity] plan (app/ensemble_morris.cpp): one arm, and each indicator (and the variable
// that weights it) an output variable that the file keeps. UsageError (exit 2) otherwise.
void check_morris(const Study& s);
MorrisLayout morris_layout(const Study& s);
// Month indices [from, to] of the plan's sensitivity.period (default: the last 12 recorded
// months) in a run of `months` recorded months from `first`; UsageError (exit 2) naming the
// period when it is outside them. load_study checks it against each arm's scenario.
std::pair<std::size_t, std::size_t> morris_period(const Study& s, Month first, std::size_t months);
// Reads every member of the ensemble file at `path` (closed; all members in), computes the
// elementary effects, mu, mu* and sigma of each indicator, writes them into the file and returns
// the table, ranked by mu*. UsageError when the period is outside the recorded months.
std::string morris_analysis(const Study& s, const std::string& path);

}  // namespace minesim::ensemble_detail
