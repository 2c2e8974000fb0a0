#pragma once
// Progress on stderr: a line redrawn at most 4 times a second when stderr is a terminal; a log line
// every 5% of months otherwise; nothing when quiet.
#include <chrono>
#include <string>

namespace minesim {

class Progress {
 public:
  Progress(int total_months, bool quiet);
  void update(int done_months, const std::string& month_iso);
  void finish();

 private:
  using Clock = std::chrono::steady_clock;
  int total_;
  bool quiet_, tty_;
  Clock::time_point start_, last_draw_;
  int last_pct_logged_ = -1;
  bool drawn_ = false;
};

std::string format_duration(double seconds);

}  // namespace minesim
