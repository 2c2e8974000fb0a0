#pragma once
#include "world/world.h"

namespace minesim {
// Once a year, in January before anything else reads the persons: drops the rows of persons who
// died or left the region and puts the living in household order (households by community, then
// by id; members in their previous row order). A person's row, which keys their random streams,
// changes then; households keep their ids (an extinct household's savings stay a stock). A head
// who is no longer alive becomes kNoHead.
void compact_persons(World& w);

// Whether this month compacts: January of every calendar year.
bool compacts_this_month(const World& w);
// The compaction itself, whatever the month.
void compact_persons_now(World& w);
}  // namespace minesim
