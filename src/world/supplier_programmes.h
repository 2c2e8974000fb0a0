#pragma once
#include "world/world.h"

namespace minesim {
// Runs the supplier-development programmes the levers hold this month (Levers::supplier_programmes,
// recorded by the supplier_development lever), in the order recorded: each incubates firms, then
// pays its grants. Right after the policy phase.
void run_supplier_programmes(World& w);
}  // namespace minesim
