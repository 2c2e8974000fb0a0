#pragma once
#include "world/world.h"

namespace minesim {
// Household income from every member's job, consumption (local share to the community's local
// business, the rest imported), savings; local businesses pay their workers and inputs.
void settle_households(World& w);
}  // namespace minesim
