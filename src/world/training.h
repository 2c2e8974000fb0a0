#pragma once
#include "world/world.h"

namespace minesim {
// Training programmes: progress and graduation of trainees, then enrolment into free seats.
void run_training(World& w);
}  // namespace minesim
