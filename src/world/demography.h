#pragma once
#include "world/world.h"

namespace minesim {
// Deaths, births, young adults leaving home, internal migration toward job prospects, out-migration
// of unemployed seekers and in-migration into last month's unfilled vacancies. New persons and
// households are appended in an order fixed by block and community, never by thread.
void run_demography(World& w);
}  // namespace minesim
