#pragma once
// Monthly aggregates of the World, in real persons and USD (simulated counts and cents multiplied
// back by 1 / population_scale). Arrays are flat, row-major in the order of their dimensions as
// listed next to each field; the output module names and describes them.
#include <span>
#include <vector>

#include "world/world.h"

namespace minesim {

struct Indicators {
  std::vector<double> employment;                     // community, sector, gender, skill
  std::vector<double> remote_employment;              // location, gender, skill
  std::vector<double> technology_adoption;            // mine, technology
  std::vector<double> mine_production;                // mine
  std::vector<double> mine_profit;                    // mine
  std::vector<double> mine_employment;                // mine, skill
  std::vector<double> government_revenue;             // instrument
  std::vector<double> incidents;                      // sector
  std::vector<double> stock_flow_residual;            // scalar
  std::vector<double> population;                     // community, gender, age_group
  std::vector<double> unemployed;                     // community, gender, skill
  std::vector<double> mean_wage;                      // sector, gender, skill
  std::vector<double> household_income_mean;          // community
  std::vector<double> poverty_rate;                   // community
  std::vector<double> income_gini;                    // community
  std::vector<double> women_share_mine_workforce;     // scalar
  std::vector<double> government_balance;             // scalar
  std::vector<double> procurement_spend;              // mine, category, origin
  std::vector<double> local_procurement_share;        // mine
  std::vector<double> supplier_count;                 // community, category
  std::vector<double> co2_emissions;                  // mine
  std::vector<double> commodity_price;                // commodity
  std::vector<double> mine_employment_by_occupation;  // mine, occupation
  std::vector<double> mine_layoffs;                   // mine
  std::vector<double> mine_redeployments;             // mine
  std::vector<double> profit_shifted;                 // mine
  std::vector<double> local_economy_output;           // community, industry
  std::vector<double> births, deaths, migration_in, migration_out;  // community
  std::vector<double> female_headed_share;                          // community
  std::vector<double> households;                                   // community (living households)
  std::vector<double> trainees;                                     // gender
  std::vector<double> certified_workers;                            // gender
  std::vector<double> employment_by_origin;                         // sector, person_origin, skill
  std::vector<double> asm_miners;                                   // community, gender
  std::vector<double> asm_gold_output_kg;                           // community
  std::vector<double> asm_mercury_kg;                               // community
  std::vector<double> asm_income_mean;                              // community
  std::vector<double> asm_royalty;                                  // community
  std::vector<double> students;                                     // community, gender
};

Indicators compute_indicators(const World& w);

// Gini coefficient of values sorted ascending (0 for fewer than two values or a zero total).
double gini_sorted(std::span<const double> sorted);

}  // namespace minesim
