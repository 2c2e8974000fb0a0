#include "app/ensemble_study.h"

#include <fmt/format.h>
#include <oneapi/tbb/info.h>

#include <algorithm>
#include <climits>
#include <fstream>

#include "app/commands.h"
#include "core/errors.h"
#include "model/load.h"
#include "world/variables.h"

namespace minesim::ensemble_detail {

namespace {

[[noreturn]] void usage(const std::string& what) { throw Error(exit_code::kUsage, what); }

// The axes a member's output has, as the scenario decides them: the time axis and the labels of
// every categorical axis that comes from the scenario (the fixed ones are the same for all).
struct Axes {
  std::string start;
  int months = 0;
  std::vector<std::string> community, mine, industry;
};

Axes axes_of(const Scenario& s) {
  Axes a{s.simulation.start.iso(), s.simulation.months, {}, {}, s.local_economy.industries};
  for (const auto& c : s.communities) a.community.push_back(c.name);
  for (const auto& m : s.mines) a.mine.push_back(m.name);
  return a;
}

// The first axis on which `a` differs from the baseline's `b` ("" when none).
std::string differing_axis(const Axes& a, const Axes& b) {
  if (a.start != b.start || a.months != b.months) return "time";
  if (a.community != b.community) return "community";
  if (a.mine != b.mine) return "mine";
  if (a.industry != b.industry) return "industry";
  return "";
}

void check_variables(const Plan& plan) {
  for (const auto& v : plan.variables)
    if (!find_series(v))
      usage(fmt::format("{}: variables: '{}' is not an output variable (docs/output.md lists them)",
                        plan.file, v));
}

// Loads each arm's scenario as its first member runs it: the scenario loader reports bad --set
// keys and values; the swept keys are checked against the documented ranges it collects.
void check_arms(Study& s) {
  std::vector<Axes> axes;
  Diagnostics d;
  for (std::size_t a = 0; a < s.plan.arms.size(); ++a) {
    const auto first = std::find_if(s.members.begin(), s.members.end(),
                                    [&](const Member& m) { return m.arm == static_cast<int>(a); });
    if (first == s.members.end()) usage(fmt::format("arm '{}' has no member", s.plan.arms[a].name));
    KeyRanges ranges;
    const Scenario sc =
        load_scenario_file(s.plan.arms[a].scenario, run_sets(s.plan, *first), &ranges);
    check_swept_keys(s.plan, a, ranges, d);
    if (s.plan.sensitivity)
      morris_period(s, sc.simulation.start, static_cast<std::size_t>(sc.simulation.months));
    s.arm_sizes.push_back(estimate_size(sc));
    axes.push_back(axes_of(sc));
  }
  if (!d.items().empty()) throw ScenarioError(std::move(d));
  for (std::size_t a = 0; a < axes.size(); ++a)
    if (const std::string axis = differing_axis(axes[a], axes[s.baseline]); !axis.empty())
      usage(
          fmt::format("{}: arm '{}': axis '{}' differs from the baseline arm '{}' (all arms of an "
                      "ensemble share the time axis and every categorical axis)",
                      s.plan.file, s.plan.arms[a].name, axis, s.plan.arms[s.baseline].name));
}

// Takes each range given as "documented" from the arms' scenarios, loaded with the plan's and the
// arm's sets (no point): the members' points cannot be expanded before.
void resolve_ranges(Plan& plan) {
  if (!has_documented_ranges(plan)) return;
  Diagnostics d;
  const std::uint64_t seed = plan.seeds.empty() ? 1 : plan.seeds.front();
  for (std::size_t a = 0; a < plan.arms.size(); ++a) {
    const Member m{static_cast<int>(a), 0, seed, "", {}};
    KeyRanges ranges;
    load_scenario_file(plan.arms[a].scenario, run_sets(plan, m), &ranges);
    resolve_documented_ranges(plan, a, ranges, d);
  }
  if (!d.items().empty()) throw ScenarioError(std::move(d));
}

}  // namespace

std::vector<std::string> run_sets(const Plan& plan, const Member& m) {
  std::vector<std::string> sets = member_sets(plan, m);
  sets.push_back(fmt::format("simulation.seed={}", m.seed));
  if (plan.months) sets.push_back(fmt::format("simulation.months={}", *plan.months));
  return sets;
}

Study load_study(const std::string& plan_path, bool allow_large) {
  Study s{read_plan_file(plan_path), {}, {}, 0};
  resolve_ranges(s.plan);
  s.members = expand_members(s.plan);
  for (std::size_t a = 0; a < s.plan.arms.size(); ++a)
    if (s.plan.arms[a].name == s.plan.baseline) s.baseline = a;
  for (const Member& m : s.members)
    if (m.seed > static_cast<std::uint64_t>(INT32_MAX))
      usage(
          fmt::format("{}: seed {} is over {} (the ensemble file stores seeds as 32-bit integers)",
                      s.plan.file, m.seed, INT32_MAX));
  check_variables(s.plan);
  if (s.plan.sensitivity) check_morris(s);
  check_arms(s);
  if (!allow_large) {
    for (std::size_t a = 0; a < s.arm_sizes.size(); ++a)
      if (const std::string why = too_large(s.arm_sizes[a], physical_memory_bytes()); !why.empty())
        usage(fmt::format("{}: arm '{}': estimated size: {}: {} (--allow-large runs it anyway)",
                          s.plan.file, s.plan.arms[a].name, s.arm_sizes[a].text(), why));
  }
  return s;
}

std::vector<std::string> member_run_args(const Study& s, const Member& m) {
  std::vector<std::string> args{s.plan.arms[static_cast<std::size_t>(m.arm)].scenario, "--seed",
                                std::to_string(m.seed)};
  if (s.plan.months) args.insert(args.end(), {"--months", std::to_string(*s.plan.months)});
  for (const std::string& set : member_sets(s.plan, m)) args.insert(args.end(), {"--set", set});
  return args;
}

std::string member_command(const Study& s, const Member& m) {
  std::string out = "minesim run";
  for (const std::string& a : member_run_args(s, m)) {
    out += ' ';  // (not " " + ...: GCC 12 warns falsely on that, -Wrestrict)
    out += shell_quote(a);
  }
  return out;
}

namespace {
// MemAvailable from /proc/meminfo in bytes (the physical memory when it cannot be read).
double available_memory() {
  std::ifstream in("/proc/meminfo");
  std::string key;
  double kib = 0;
  std::string unit;
  while (in >> key >> kib >> unit)
    if (key == "MemAvailable:") return kib * 1024;
  return static_cast<double>(physical_memory_bytes());
}
}  // namespace

int default_jobs(const Study& s, int threads) {
  double peak = 0;
  for (const SizeEstimate& e : s.arm_sizes) peak = std::max(peak, e.peak_bytes);
  const int cores = std::max(1, tbb::info::default_concurrency() / std::max(1, threads));
  const double by_memory = peak > 0 ? available_memory() / peak : cores;
  const int jobs = std::min<double>(cores, std::max(1.0, by_memory));
  return std::max(1, std::min<int>(jobs, static_cast<int>(s.members.size())));
}

}  // namespace minesim::ensemble_detail
