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

// Where one site's gold value goes this month, in cents (simulated scale). world_value -
// local_value is the traders' margin; of local_value, the diggers and processors get
// asm.worker_share (a processor asm.processing_pay_ratio times a digger's wage), inputs
// asm.input_share, and the pit owners the rest, asm.owner_local_share of it paid to the site's
// managers (the rest to owners outside the region). Wages are whole cents per worker; every cent
// lands in exactly one part: workers + owner_local + owner_external + inputs + trader_margin ==
// world_value.
struct AsmValueSplit {
  Cents digger_wage = 0, processor_wage = 0, manager_wage = 0;  // each, per month
  Cents workers = 0;  // diggers' and processors' pay in all
  Cents owner_local = 0, owner_external = 0, inputs = 0, trader_margin = 0;
};
AsmValueSplit split_asm_value(const AsmParams& a, Cents world_value, Cents local_value,
                              std::int64_t diggers, std::int64_t processors, std::int64_t managers);
}  // namespace minesim
