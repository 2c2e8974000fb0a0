#pragma once
#include "world/community_index.h"
#include "world/world.h"

namespace minesim {
// Buys up to `spend` cents of `category` from the community's local suppliers: firms able to
// supply it (capability at or above mining.local_threshold) in order of capability (ties by id),
// each up to its remaining monthly capacity. Books the firms' sales; returns the amount bought.
// `firms` groups the supplier rows by community (world/community_index.h).
Cents buy_locally(World& w, const CommunityIndex& firms, std::uint16_t community, Category category,
                  Cents spend);
// Supplier firms' month: wages, inputs, debt service, investment (own and borrowed), dividends to
// owners, exit, next month's labour demand, entry. After settle_mines.
void settle_suppliers(World& w);
// A firm's capability relative to the mean, uniform in [1 - spread, 1 + spread) for u in [0, 1)
// (suppliers.capability_spread; written so that the default 0.25 gives exactly 0.75 + 0.5 u).
inline double capability_factor(double spread, double u) {
  return (1.0 - spread) + 2.0 * spread * u;
}
// Adds a firm with its posts and its monthly sales capacity (cents at simulated scale; used at
// initialisation, on entry and on incubation).
void add_supplier_firm(World& w, std::uint16_t community, std::uint8_t category, double capability,
                       std::uint32_t owner_household, Cents capacity);
// Start-up capital of an entrant (cents at simulated scale: suppliers.startup_capital_usd x
// population_scale) and the capacity it buys (capital / suppliers.capital_per_capacity).
Cents startup_capital(const Scenario& s);
Cents startup_capacity(const Scenario& s);
// Invests `amount` cents in firm i: a firm that sold all its capacity (`at_capacity`) expands,
// capacity += round(amount / suppliers.capital_per_capacity); any other upgrades its capability in
// its category by `capability_per_upgrade` per suppliers.upgrade_cost_usd (capped at 1). Books
// nothing (the caller pays the equipment to the rest of world).
void invest_in_firm(World& w, std::uint32_t i, Cents amount, bool at_capacity,
                    double capability_per_upgrade);
}  // namespace minesim
