#pragma once
#include "world/world.h"

namespace minesim {
// Opening, adoption shares, labour demand (posts.demand) and production for this month.
void plan_mines(World& w);
// Sales, wages, taxes, costs and dividends through the ledger; incidents. After the labour market.
void settle_mines(World& w);
}  // namespace minesim
