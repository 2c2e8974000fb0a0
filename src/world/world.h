#pragma once
// All mutable state of a run. Agents are columns; phases (world/step.cpp) are free functions that
// read and write them. Money is integer cents at simulated scale (population_scale); the recorder
// multiplies counts and money back to real persons and USD.
#include <Eigen/Dense>
#include <array>
#include <cstdint>
#include <vector>

#include "agents/asm_sites.h"
#include "agents/households.h"
#include "agents/mines.h"
#include "agents/persons.h"
#include "agents/posts.h"
#include "agents/suppliers.h"
#include "scenario/scenario.h"
#include "world/input_output.h"
#include "world/ledger.h"
#include "world/levers.h"

namespace minesim {

struct CommunityState {
  Cents business_balance = 0;       // local business cash stock
  std::vector<Cents> final_demand;  // local final demand by industry this month
  std::vector<double> jobs;         // local-economy jobs the demand supports (simulated persons)
  std::uint32_t local_posts = 0;    // first of kSkills local-economy posts
  std::uint32_t farming_post = 0;
  std::uint32_t first_household = 0, household_count = 0;
  std::int64_t working_age = 0;                   // persons 15-64 at the last count
  std::array<std::int64_t, kSkills> vacancies{};  // unfilled non-farming posts after hiring
  // Demographic flows this month (simulated persons).
  std::int64_t births = 0, deaths = 0, moved_in = 0, moved_out = 0;
};

// Stocks per account at the end of the previous month, for the stock-flow check.
using AccountStocks = std::array<Cents, kAccounts>;

struct World {
  const Scenario* scenario = nullptr;
  Persons persons;
  Households households;
  Posts posts;
  Suppliers suppliers;
  std::vector<MineState> mines;
  std::vector<AsmSiteState> asm_sites;
  std::vector<CommunityState> communities;
  IoTable io;                                            // the regional input-output table
  Eigen::MatrixXd leontief;                              // (I - A)^-1
  std::array<std::vector<double>, kCommodities> prices;  // by step
  Levers levers;  // world/levers.h; set each month by the policy phase (policies/registry.cpp)
  Ledger ledger;
  Cents government_balance = 0;
  Cents rest_of_world_balance = 0;
  AccountStocks stocks_before{};
  Cents stock_flow_residual = 0;  // sum over accounts of |change of stock - net flow|
  // Living persons on rows below sorted_rows whose household is below sorted_households are in
  // household order (households by community, then by id): set by make_world and by each
  // compaction, so that the next compaction moves only the others (world/compaction.h).
  std::uint32_t sorted_rows = 0;
  std::uint32_t sorted_households = 0;

  // Step counter: 0 is the first spin-up month; recorded months follow the spin-up.
  int step = 0;
  Month month() const {
    return scenario->simulation.start.plus(step - scenario->simulation.spinup_months);
  }
  // The month as a random-stream counter: calendar based, so draws do not depend on spinup_months.
  std::uint32_t rng_month() const { return static_cast<std::uint32_t>(month().index()); }
  bool recording() const { return step >= scenario->simulation.spinup_months; }
};

// Builds the initial population, households, posts, suppliers and mines (deterministic).
World make_world(const Scenario& s);
// Sum of each account's stock, computed from the agents' own columns.
AccountStocks account_stocks(const World& w);
// A mine's gross monthly wage for a skill: the [wages] table, low and semi skills scaled by the
// mine's wage_level (high-skill and remote technical roles are paid on a wider market).
inline double mine_wage_usd(const Scenario& s, const MineParams& m, int skill) {
  return s.wages.mine_usd[skill] * (skill == idx(Skill::kHigh) ? 1.0 : m.wage_level);
}
// Sets the extra a mine post pays an expatriate holder, (premium - 1) x its gross wage, and its net
// after payroll tax at `payroll_rate`.
void set_expatriate_extra(Posts& posts, std::uint32_t post, double premium, double payroll_rate);
// Great-circle distance in km.
double distance_km(double lat1, double lon1, double lat2, double lon2);

}  // namespace minesim
