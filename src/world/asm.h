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
// Output of `workers` real workers in a month in the site's own unit: grams of gold, or USD of
// another mineral (asm_sites.*.commodity = "other").
double asm_output(const Scenario& s, const AsmSiteParams& site, AsmTech tech, double workers);
// Real grams of gold recovered (0 at a site of another mineral) by `workers` real workers in a
// month.
double asm_gold_g(const Scenario& s, const AsmSiteParams& site, AsmTech tech, double workers);
}  // namespace minesim
