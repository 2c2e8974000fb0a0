#pragma once
#include "world/world.h"

namespace minesim {
// Ageing by one month (called first in the month).
void age_persons(World& w);
// Demand of local-economy and farming posts (mines set theirs in plan_mines).
void set_local_labour_demand(World& w);
// Retirement, quits and separations, then hiring into vacancies. Deterministic for any thread
// count: competition is resolved by each person's own random priority, never by thread order.
void run_labour_market(World& w);
}  // namespace minesim
