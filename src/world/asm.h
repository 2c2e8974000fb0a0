#pragma once
#include "world/world.h"

namespace minesim {
// Scheduled technology and licence changes, and how many workers each site draws this month.
void plan_asm(World& w);
// Output, mercury, workers' pay, royalty and incidents of each site. After the labour market.
void settle_asm(World& w);
// Workers a site draws: where the average pay of one more worker falls to the outside option
// (farming income plus a risk premium), capped by what the deposit and technology hold (real).
double asm_workers_wanted(const Scenario& s, const AsmSiteParams& site, AsmTech tech,
                          double gold_price_usd_per_oz);
// Real grams of gold recovered by `workers` real workers in a month.
double asm_gold_g(const Scenario& s, const AsmSiteParams& site, AsmTech tech, double workers);
}  // namespace minesim
