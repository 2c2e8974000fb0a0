#pragma once
#include "world/world.h"

namespace minesim {
// Household income from every member's job and transfers, consumption (the local share becomes
// final demand for the local economy, the rest is imported), savings; then the local economy:
// output and jobs from final demand through the Leontief inverse, and the local business account.
void settle_households(World& w);
}  // namespace minesim
