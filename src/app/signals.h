#pragma once
// SIGINT, SIGTERM and SIGHUP for `run` and `ensemble`: the first asks the command to stop at its
// next check (core/stop.h); a second exits at once with 128 + its number, removing the temporary
// named by remove_on_second_signal (which may be half-written at that moment).
#include <string>

namespace minesim {

void install_signal_handlers();
// The file a second signal removes ("" for none).
void remove_on_second_signal(const std::string& temp);

}  // namespace minesim
