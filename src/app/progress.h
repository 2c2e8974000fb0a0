#pragma once
// Progress on stderr: a line redrawn at most 4 times a second when stderr is a terminal; a log line
// every 5% of the steps otherwise; nothing when quiet. A step is a month of a run ("month 6/120
// (2025-06)") or a member of an ensemble ("member 3/100 (train/s2/p0)").
#include <chrono>
#include <string>

namespace minesim {

class Progress {
 public:
  Progress(int total, bool quiet, std::string unit = "month");
  void update(int done, const std::string& label);
  // Times the steps from now on: the time left is estimated from the steps done since (a run's
  // recorded months, not the spin-up before them). Without a call, from construction.
  void start_steps();
  void finish();

 private:
  using Clock = std::chrono::steady_clock;
  int total_;
  std::string unit_;
  bool quiet_, tty_;
  Clock::time_point start_, steps_from_, last_draw_;
  int last_pct_logged_ = -1;
  bool drawn_ = false;
};

std::string format_duration(double seconds);

}  // namespace minesim
