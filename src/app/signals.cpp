#include "app/signals.h"

#include <unistd.h>

#include <atomic>
#include <csignal>
#include <cstring>

#include "core/stop.h"

namespace minesim {

namespace {

// The temporary a second signal removes before exiting at once (a fixed buffer: the handler may
// only make async-signal-safe calls).
char g_temp[4096];
std::atomic<bool> g_temp_set{false};

// The first signal asks the run to stop at the next check (core/stop.h); a second one exits at
// once with 128 + its number, removing the temporary, which may be half-written at that moment.
extern "C" void on_signal(int sig) {
  int none = 0;
  if (stop::g_signal.compare_exchange_strong(none, sig)) return;
  if (g_temp_set.load()) ::unlink(g_temp);
  static constexpr char kMsg[] = "\nminesim: second signal: exiting at once\n";
  [[maybe_unused]] const ssize_t n = ::write(STDERR_FILENO, kMsg, sizeof kMsg - 1);
  ::_exit(128 + sig);
}

}  // namespace

// SIGHUP (the terminal closed) is handled as SIGTERM; SA_RESTART keeps file I/O from seeing EINTR.
// The three are blocked while the handler runs, so signals arriving together are taken one after
// the other in the order the kernel delivers them (lowest number first), not nested.
void install_signal_handlers() {
  constexpr int kSignals[] = {SIGINT, SIGTERM, SIGHUP};
  struct sigaction sa {};
  sa.sa_handler = on_signal;
  sigemptyset(&sa.sa_mask);
  for (int sig : kSignals) sigaddset(&sa.sa_mask, sig);
  sa.sa_flags = SA_RESTART;
  for (int sig : kSignals) ::sigaction(sig, &sa, nullptr);
}

void remove_on_second_signal(const std::string& temp) {
  g_temp_set.store(false);
  if (temp.empty() || temp.size() >= sizeof g_temp) return;
  std::memcpy(g_temp, temp.c_str(), temp.size() + 1);
  g_temp_set.store(true);
}

}  // namespace minesim
