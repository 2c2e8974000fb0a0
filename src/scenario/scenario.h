#pragma once
// The scenario: what the user wrote, with defaults filled in and every value checked. Plain data;
// it never changes during a run (policies change the World's levers, not the Scenario). Keys,
// units, defaults and ranges are documented in docs/scenarios.md; sources in docs/ODD.md.
#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "core/calendar.h"
#include "core/categories.h"

namespace minesim {

struct SimulationParams {
  Month start{2025, 1};
  int months = 120;
  int spinup_months = 12;  // months run before `start` and not recorded, to settle the economy
  std::uint64_t seed = 1;
  double population_scale = 1.0;  // simulated persons per real person
  int flush_months = 12;          // months buffered per HDF5 chunk write and flush
};

struct LabourParams {
  int working_age = 15;         // years
  int retirement_age = 65;      // years
  double participation_female = 0.6;  // share of working-age persons who seek work
  double participation_male = 0.75;
  double quit_rate = 0.01;      // monthly voluntary separation probability
  double mine_female_hiring_odds = 0.1;  // acceptance odds of an equal female candidate at a mine
};

struct WageParams {
  std::array<double, kSkills> mine_usd{250, 450, 1500};           // gross, per month
  std::array<double, kSkills> local_economy_usd{70, 120, 300};    // per month
  double farming_informal_usd = 45;                               // per worker-month
};

struct EconomyParams {
  double poverty_line_usd = 65;      // per person-month
  double consumption_share = 0.9;    // of household income
  double local_consumption_share = 0.6;
  double local_labour_share = 0.4;   // wage share of local-economy revenue
  double royalty_rate = 0.04;
  double corporate_income_tax_rate = 0.275;
  double payroll_tax_rate = 0.1;
};

struct CommunityParams {
  std::string name;
  double lat = 0, lon = 0;
  std::int64_t population = 0;  // real persons
  double household_size = 6.0;   // mean persons per household
  std::array<double, kAgeGroups> age_shares{0.453, 0.2, 0.313, 0.034};
  std::array<double, kSkills> skill_shares{0.7, 0.25, 0.05};  // among persons aged 15+
  double female_share = 0.5;
  double farming_capacity_share = 0.5;  // farming/informal jobs per working-age person
};

struct TechnologyParams {
  std::string name;
  std::array<double, kSkills> roles_removed_share{0, 0, 0};  // of on-site roles at full adoption
  double roles_created_per_removed = 0;  // new high-skill roles per removed role
  double remote_share = 0;               // of created roles held at a remote centre
  double remote_abroad_share = 0;        // of remote roles held abroad
  double remote_female_share = 0.5;      // women among remote roles
  double productivity_gain = 0;          // ore throughput gain at full adoption
  int learning_months = 0;               // months after start with under-performance
  double learning_dip = 0;               // throughput loss (share) during learning, no gain yet
  double incident_reduction = 0;         // fall in incident rate at full adoption
  double capex_usd_per_role_removed = 0;
};

struct AdoptionParams {
  Technology technology = Technology::kAutonomousHaulage;
  Month start{2028, 1};
  int ramp_months = 24;
  double target_share = 1.0;
};

struct MineParams {
  std::string name;
  int community = 0;  // index into Scenario::communities
  Commodity commodity = Commodity::kGold;
  Month open{2000, 1};
  Month close{2100, 1};  // first month closed
  double ore_tonnes_per_month = 0;
  double grade = 0;  // g/t for gold; percent for copper and cobalt
  double recovery = 0.9;
  double price_usd = 0;  // per troy ounce (gold) or per tonne of metal (copper, cobalt)
  std::array<std::int64_t, kSkills> workforce{0, 0, 0};  // on-site roles before technology
  double opex_usd_per_tonne = 0;  // non-labour operating cost
  double incidents_per_million_hours = 0;
  double hours_per_month = 200;  // per on-site employee
  std::vector<AdoptionParams> adoptions;
};

struct Scenario {
  std::string file;           // path it was read from, or "<string>"
  std::string resolved_toml;  // every key with its resolved value (recorded in the output)
  SimulationParams simulation;
  LabourParams labour;
  WageParams wages;
  EconomyParams economy;
  std::array<TechnologyParams, kTechnologies> technologies;
  std::vector<CommunityParams> communities;
  std::vector<MineParams> mines;
};

// The shipped technology catalogue (defaults before the scenario's [technology.*] overrides).
std::array<TechnologyParams, kTechnologies> default_technologies();

}  // namespace minesim
