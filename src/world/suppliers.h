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
// Adds a firm with its posts (used at initialisation and on entry).
void add_supplier_firm(World& w, std::uint16_t community, std::uint8_t category, double capability,
                       std::uint32_t owner_household);
}  // namespace minesim
