#pragma once
#include "world/world.h"

namespace minesim {
// Buys up to `spend` cents of `category` from the community's local suppliers: firms able to
// supply it (capability at or above mining.local_threshold) in order of capability (ties by id),
// each up to its remaining monthly capacity. Books the firms' sales; returns the amount bought.
Cents buy_locally(World& w, std::uint16_t community, Category category, Cents spend);
// Supplier firms' month: wages, inputs, upgrading investment, dividends to owners, exit, entry,
// and next month's labour demand. After settle_mines.
void settle_suppliers(World& w);
// A firm's capability relative to the mean, uniform in [1 - spread, 1 + spread) for u in [0, 1)
// (suppliers.capability_spread; written so that the default 0.25 gives exactly 0.75 + 0.5 u).
inline double capability_factor(double spread, double u) {
  return (1.0 - spread) + 2.0 * spread * u;
}
// Adds a firm with its posts (used at initialisation and on entry).
void add_supplier_firm(World& w, std::uint16_t community, std::uint8_t category, double capability,
                       std::uint32_t owner_household);
}  // namespace minesim
