#pragma once
#include "world/world.h"

namespace minesim {
// Household income from every member's job and transfers, consumption (the local share becomes
// final demand for the local economy, the rest is imported), savings; then the local economy:
// output and jobs from final demand through the Leontief inverse, and the local business account.
void settle_households(World& w);

// The poverty line per person-month in market-price cents: economy.poverty_line_usd, times
// economy.price_level_ratio when the line is in PPP dollars (incomes are in market prices).
Cents poverty_line_cents(const EconomyParams& e);

// The value of the produce one farming worker's household eats in a month, at the producer price
// of the part sold for `farm_cash` (the post's net income): farm_cash x share / (1 - share).
Cents own_consumption_cents(const WageParams& wages, Cents farm_cash);
}  // namespace minesim
