#pragma once
// An ensemble plan (issue 12; docs/ensembles.md): which scenarios (arms), seeds and parameter
// points to run, read from a TOML file with the scenario reader (scenario/reader.h), so errors read
// as a scenario's do, `file:line:col: error: key: message` with did-you-mean, and a bad plan is a
// ScenarioError (exit status 2).
//
// What this layer cannot check, the caller (a higher layer) must:
// - `variables` and `sensitivity.indicators` are kept as names: each must be an output variable
//   (world/variables.h find_series), which the scenario layer cannot see;
// - an arm's `set` keys are checked by loading each arm's scenario with a member's --set list
//   (member_sets): the scenario loader reports an unknown key (with did-you-mean) and a value
//   outside the key's documented range;
// - the swept keys and their values or ranges, by check_swept_keys with the documented ranges
//   that loading the arm's scenario collects (model/load.h, key_ranges).
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/calendar.h"
#include "scenario/diagnostics.h"
#include "scenario/morris.h"
#include "scenario/reader.h"

namespace minesim {

struct Plan {
  struct Arm {
    std::string name;
    std::string scenario;           // absolute, normalised
    std::vector<std::string> sets;  // "key.path=value", as `minesim run --set` takes them
  };
  // A swept parameter: a key path with its grid values, or its range [lo, hi] (lo < hi), and
  // where in the plan file it was given. A range given as "documented" is the key's documented
  // range, known once an arm's scenario is loaded (resolve_documented_ranges); until then lo and
  // hi are 0.
  struct Param {
    std::string key;
    std::vector<double> values;
    double lo = 0, hi = 0;
    int line = 0, column = 0;
    bool documented = false;
  };
  struct Sweep {
    std::string method;                 // "grid", "lhs" or "sobol"
    int samples = 0;                    // lhs and sobol
    std::vector<Param> values, ranges;  // in file order
  };
  struct Sensitivity {
    std::string method = "morris";
    int trajectories = 0;
    int levels = 4;
    std::vector<std::string> indicators;
    std::optional<std::pair<Month, Month>> period;  // default: the last 12 recorded months
    std::vector<Param> ranges;                      // in file order
  };

  std::string file, dir, text;  // the plan file as named, its folder (absolute), its text
  std::optional<int> months;
  std::optional<double> population_scale;
  std::vector<std::uint64_t> seeds;    // replicates = N: 1..N; empty with [sensitivity]
  std::string baseline;                // an arm's name
  std::vector<std::string> variables;  // empty: all
  std::vector<Arm> arms;               // in file order
  std::optional<Sweep> sweep;
  std::optional<Sensitivity> sensitivity;
};

// Throws ScenarioError listing every problem found (exit status 2), including a plan file or an
// arm's scenario file that cannot be read (not a regular file, over 16 MiB, ...).
Plan read_plan_file(const std::string& path);
// `text` read as if from the file `path` (messages name it; scenario paths are relative to its
// folder).
Plan read_plan_string(const std::string& text, const std::string& path);

// One run of the ensemble: arm x point x seed.
struct Member {
  int arm = 0, point = 0;
  std::uint64_t seed = 0;
  std::string name;                                    // ARM/sSEED/pPOINT, e.g. train/s2/p0
  std::vector<std::pair<std::string, double>> params;  // the point's values, sweep key order
};

// Checks the swept keys (sweep.values, sweep.ranges, sensitivity.ranges) against arm `arm`'s
// scenario, whose numeric keys and documented ranges are `ranges` (load_scenario_file with
// key_ranges and the arm's sets): each key must be a numeric key of the scenario (else `no numeric
// key` with did-you-mean), each grid value and both ends of each range inside the key's
// documented range. Adds what it finds to `d`, at the plan's positions.
void check_swept_keys(const Plan& plan, std::size_t arm, const KeyRanges& ranges, Diagnostics& d);

// Sets lo and hi of each range given as "documented" (sweep.ranges, sensitivity.ranges) to the
// key's documented range in arm `arm`'s scenario, whose numeric keys and ranges are `ranges`
// (load_scenario_file with key_ranges and the arm's sets, no point). Adds to `d`, at the plan's
// positions: a key that is not a numeric key of the scenario (did-you-mean), a documented range
// that is not finite or is open at its lower end (a range must be given then), and a documented
// range that differs from the one an earlier arm gave (call it for the arms in order).
void resolve_documented_ranges(Plan& plan, std::size_t arm, const KeyRanges& ranges,
                               Diagnostics& d);
// Whether any range of the plan is given as "documented".
bool has_documented_ranges(const Plan& plan);

// Every member, ordered by arm (file order), then point, then seed. Points: p0 alone without a
// sweep; grid: the Cartesian product of sweep.values (the first key varies slowest); lhs and
// sobol: `samples` points over sweep.ranges (sweep_design). A [sensitivity] plan: per arm, the
// Morris trajectories (morris_plan_design), trajectory t = 1..R with seed t and its k + 1 points
// p{(t-1)(k+1)+j}, j = 0..k, each unit-cube coordinate scaled to its range as lo + x (hi - lo).
std::vector<Member> expand_members(const Plan& plan);

// The Morris trajectories of a [sensitivity] plan on the unit cube (scenario/morris.h), keyed by
// morris_key of its levels and ranges.
std::vector<MorrisTrajectory> morris_plan_design(const Plan::Sensitivity& s);

// The --set list of `m` (to pass with --seed and --months): the plan's population_scale, the arm's
// sets, then the point's values (formatted with fmt "{}", the shortest text that reads back).
std::vector<std::string> member_sets(const Plan& plan, const Member& m);

// The sweep's points on the unit cube, one row per point and a column per range:
// sobol: the first `n` points of the unscrambled Sobol' sequence (the first point is 0, as in
//   scipy.stats.qmc.Sobol(d, scramble=False)), direction numbers new-joe-kuo-6.21201 (Joe & Kuo
//   2008), at most kSobolDims dimensions (more: std::invalid_argument);
// lhs: a Latin hypercube, point i of dimension j in stratum perm_j(i) of n, from the Philox
//   stream (seed = lhs_key, Purpose::kPlanDesign, entity j, month 0): a Fisher-Yates shuffle,
//   then one uniform offset per point.
inline constexpr int kSobolDims = 32;
std::vector<std::vector<double>> sobol_points(int n, int dims);
std::vector<std::vector<double>> lhs_points(int n, int dims, std::uint64_t key);
// The LHS key of a sweep: FNV-1a (64 bit) of "lhs SAMPLES" and each range's " KEY LO HI" in file
// order, so the design changes with what defines it and with nothing else (not comments).
std::uint64_t lhs_key(const Plan::Sweep& sweep);

}  // namespace minesim
