#pragma once
#include "world/community_index.h"
#include "world/world.h"

namespace minesim {
// Endogenous adoption: every mining.review_months each mine with adoption = "endogenous" appraises
// each available technology it has not adopted and adopts it when the net present value is
// positive. Runs after plan_mines (it appraises this month's roles); the rollout starts next month.
void review_technology(World& w);
// Opening, adoption shares, roles wanted by occupation and skill (posts.demand), remote roles,
// technology factors and capital spending for this month.
void plan_mines(World& w);
// Production (limited by staffing), sales, procurement (local suppliers first), wages, taxes,
// costs, dividends and incidents through the ledger. After the labour market.
void settle_mines(World& w);

// Metal value of a tonne of ore in USD at `price` (world/mine_accounts.cpp).
double value_per_tonne(const MineParams& m, double price);
// Royalty rate in force for a mine: its own (a strategic substance's) or the general one.
double mine_royalty_rate(const MineParams& m, const Levers& lv);

// The appraisal behind review_technology, in real USD (exposed for tests).
struct Appraisal {
  double roles_removed = 0;   // real on-site roles removed at full adoption
  double annual_benefit = 0;  // labour saved, output gained, procurement saved, less levies
  double capex = 0;           // capital cost now (after the cost learning curve)
  double npv = 0;
};
Appraisal appraise(const World& w, std::size_t mine, Technology t);
// `amount` split equally among the mines listed in `targets` (all mines when the list is empty),
// the first taking the remainder of the division; one entry per mine. Requires at least one mine.
std::vector<Cents> split_among_mines(const World& w, const std::vector<int>& targets, Cents amount);
// Local final demand in a community, split like households' local spending.
void add_final_demand(World& w, std::size_t community, Cents amount);
// Pays `amount` in equal shares to the community's households (as transfers this month); returns
// what was paid (the remainder of the division stays with the payer). `homes` groups the household
// rows by community (world/community_index.h).
Cents share_with_households(World& w, const CommunityIndex& homes, std::size_t community,
                            Cents amount);
}  // namespace minesim
