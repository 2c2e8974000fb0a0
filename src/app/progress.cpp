#include "app/progress.h"

#include <fmt/format.h>
#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <utility>

namespace minesim {

std::string format_duration(double s) {
  if (!std::isfinite(s) || s < 0) return "--:--";
  const long t = std::lround(s);
  if (t >= 3600) return fmt::format("{}:{:02d}:{:02d}", t / 3600, (t / 60) % 60, t % 60);
  return fmt::format("{:02d}:{:02d}", t / 60, t % 60);
}

Progress::Progress(int total, bool quiet, std::string unit)
    : total_(total),
      unit_(std::move(unit)),
      quiet_(quiet),
      tty_(isatty(STDERR_FILENO) == 1),
      start_(Clock::now()),
      steps_from_(start_),
      last_draw_(start_) {}

void Progress::start_steps() { steps_from_ = Clock::now(); }

void Progress::update(int done, const std::string& label) {
  if (quiet_ || total_ <= 0) return;
  const auto now = Clock::now();
  const double elapsed = std::chrono::duration<double>(now - start_).count();
  const double stepping = std::chrono::duration<double>(now - steps_from_).count();
  const double eta = done > 0 ? stepping / done * (total_ - done) : NAN;
  const int pct = static_cast<int>(100.0 * done / total_);
  const std::string line =
      fmt::format("{} {}/{} ({})  {:3d}%  elapsed {}  left {}", unit_, done, total_, label, pct,
                  format_duration(elapsed), format_duration(eta));
  if (tty_) {
    if (done < total_ && now - last_draw_ < std::chrono::milliseconds(250) && drawn_) return;
    last_draw_ = now;
    drawn_ = true;
    std::fprintf(stderr, "\r%s\033[K", line.c_str());
    std::fflush(stderr);
  } else {
    const int step = pct / 5 * 5;
    if (step == last_pct_logged_ && done < total_) return;
    if (step == last_pct_logged_) return;
    last_pct_logged_ = step;
    std::fprintf(stderr, "minesim: %s\n", line.c_str());
  }
}

void Progress::finish() {
  if (!quiet_ && tty_ && drawn_) std::fprintf(stderr, "\n");
}

}  // namespace minesim
