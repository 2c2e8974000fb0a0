#include "app/ensemble_forks.h"

#include <algorithm>
#include <map>
#include <optional>
#include <tuple>

#include "app/fork_check.h"
#include "core/errors.h"
#include "model/load.h"

namespace minesim::ensemble_detail {

namespace {

// Whether `arm` may fork from a checkpoint of `base` after its recorded month `k` (0-based).
bool forks_after(const Scenario& base, const Scenario& arm, int k) {
  const SimulationParams& sim = base.simulation;
  const ForkPoint at{"", sim.start.plus(k), sim.spinup_months + k + 1, k + 1};
  try {
    check_fork(base, arm, at);
    return true;
  } catch (const UsageError&) {
    return false;
  }
}

// The last recorded month index after which `arm` may fork from `base`; none when the two differ
// from the first month. A fork allowed after month k is allowed after every earlier one (what it
// may not change up to k it may not change up to an earlier month either), so a bisection finds it.
std::optional<int> last_shared_month(const Scenario& base, const Scenario& arm) {
  int lo = -1, hi = std::min(base.simulation.months, arm.simulation.months);  // lo ok, hi not
  while (hi - lo > 1) {
    const int mid = lo + (hi - lo) / 2;
    (forks_after(base, arm, mid) ? lo : hi) = mid;
  }
  if (lo < 0) return std::nullopt;
  return lo;
}

int steps_of(const Scenario& s) { return s.simulation.spinup_months + s.simulation.months; }

}  // namespace

std::size_t ForkSchedule::forks() const {
  return static_cast<std::size_t>(
      std::count_if(trunk.begin(), trunk.end(), [](std::size_t t) { return t != kStraight; }));
}

ForkSchedule plan_forks(const Study& s, bool enabled) {
  const std::size_t n = s.members.size();
  ForkSchedule f{std::vector<std::size_t>(n, ForkSchedule::kStraight),
                 std::vector<Month>(n),
                 std::vector<std::vector<Month>>(n),
                 0,
                 0,
                 std::vector<double>(n, 1.0)};
  // Members share a history only across arms; the counts are printed only when some fork.
  if (!enabled || s.plan.arms.size() < 2) return f;
  std::vector<Scenario> scenarios;  // by member, as its `minesim run` loads it
  scenarios.reserve(n);
  for (const Member& m : s.members)
    scenarios.push_back(load_scenario_file(s.plan.arms[static_cast<std::size_t>(m.arm)].scenario,
                                           run_sets(s.plan, m)));
  for (const Scenario& sc : scenarios) f.steps += steps_of(sc);
  // The trunk of each (seed, point): the baseline arm's member, else the first one.
  std::map<std::tuple<std::uint64_t, int>, std::size_t> trunks;
  for (std::size_t m = 0; m < n; ++m) {
    const Member& x = s.members[m];
    auto [it, added] = trunks.try_emplace({x.seed, x.point}, m);
    if (!added && static_cast<std::size_t>(x.arm) == s.baseline &&
        static_cast<std::size_t>(s.members[it->second].arm) != s.baseline)
      it->second = m;
  }
  for (std::size_t m = 0; m < n; ++m) {
    const std::size_t t = trunks.at({s.members[m].seed, s.members[m].point});
    if (t == m) continue;
    const std::optional<int> k = last_shared_month(scenarios[t], scenarios[m]);
    if (!k) continue;
    const Month at = scenarios[t].simulation.start.plus(*k);
    f.trunk[m] = t;
    f.at[m] = at;
    const int shared = scenarios[t].simulation.spinup_months + *k + 1;
    f.saved_steps += shared;
    f.own_share[m] = 1.0 - static_cast<double>(shared) / std::max(1, steps_of(scenarios[m]));
    auto& months = f.checkpoints[t];
    if (std::find(months.begin(), months.end(), at) == months.end()) months.push_back(at);
  }
  for (auto& months : f.checkpoints) std::sort(months.begin(), months.end());
  return f;
}

}  // namespace minesim::ensemble_detail
