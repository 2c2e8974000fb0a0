#pragma once
// Where a month's time goes (`minesim run --profile`, the bench): wall seconds in each phase of
// the schedule (model/step.h, so the list is the schedule itself), the stock-flow check, the
// month's indicators and its recording (output, summary, checkpoints), summed over the months
// profiled. Timing costs two clock reads per phase; the model does not see it.
#include <string>
#include <string_view>
#include <vector>

namespace minesim {

struct PhaseProfile {
  std::vector<double> seconds = std::vector<double>(names().size());  // by names() index
  int months = 0;  // months stepped (spin-up included)

  // The schedule's phase names, then "stock_flow_check", "indicators" and "recording".
  static const std::vector<std::string_view>& names();
  static std::size_t stock_flow_slot();
  static std::size_t indicators_slot();
  static std::size_t recording_slot();
  double total() const;
};

// Each phase's least time in two profiles of the same months (runs of one scenario). On a shared
// machine a phase's least time over several runs is the best estimate of what it costs: load from
// elsewhere only ever adds time.
PhaseProfile fastest(const PhaseProfile& a, const PhaseProfile& b);

// A table of each phase's seconds per month and share of the month, largest first (a line per
// phase above 0.05 % of the month, the rest summed in one line).
std::string profile_table(const PhaseProfile& p);

// The same phases at 1 and at `threads` threads: each phase's seconds per month at both, its
// speed-up and its serial fraction by the Karp-Flatt metric, e = (1/S - 1/p) / (1 - 1/p), and the
// month's residue: the serial fractions weighted by the phases' 1-thread time.
std::string scaling_table(const PhaseProfile& one, const PhaseProfile& many, int threads);

}  // namespace minesim
