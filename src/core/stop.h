#pragma once
// A request to stop the run (SIGINT, SIGTERM, SIGHUP), set by the signal handler and polled by
// long work at cheap points: between months, between the phases of a month and at the blocks of
// world creation. One relaxed atomic load each, so polling costs nothing measurable and changes no
// result. Work that finds a request throws Interrupted; the run command catches it.
#include <atomic>
#include <string>

#include "core/errors.h"

namespace minesim::stop {

// The signal number of the first stop request; 0 while none.
inline std::atomic<int> g_signal{0};

inline int requested() { return g_signal.load(std::memory_order_relaxed); }

// Exit status 128 + signal, as a shell reports a process killed by it (130 SIGINT, 143 SIGTERM).
struct Interrupted : Error {
  explicit Interrupted(int sig)
      : Error(128 + sig, "interrupted by signal " + std::to_string(sig)), signal(sig) {}
  int signal;
};

// A signal the phases let the month finish on (0: none): a run that checkpoints sets SIGTERM, so
// that a batch scheduler's SIGTERM ends the run at the month's end with a checkpoint
// (docs/checkpoints.md); the check between months still sees it.
inline std::atomic<int> g_finish_month_on{0};

inline void throw_if_requested() {
  const int sig = requested();
  if (sig != 0 && sig != g_finish_month_on.load(std::memory_order_relaxed)) throw Interrupted(sig);
}

}  // namespace minesim::stop
