#pragma once
// All mutable state of a run. Agents are columns; phases (world/step.cpp) are free functions that
// read and write them. Money is integer cents at simulated scale (population_scale); the recorder
// multiplies counts and money back to real persons and USD.
#include <array>
#include <cstdint>
#include <vector>

#include "agents/households.h"
#include "agents/mines.h"
#include "agents/persons.h"
#include "agents/posts.h"
#include "scenario/scenario.h"
#include "world/ledger.h"

namespace minesim {

struct CommunityState {
  Cents business_balance = 0;  // local business cash stock
  Cents business_sales = 0;    // local consumption received this month
  std::uint32_t local_posts = 0;    // first of kSkills local-economy posts
  std::uint32_t farming_post = 0;
};

// Stocks per account at the end of the previous month, for the stock-flow check.
using AccountStocks = std::array<Cents, kAccounts>;

struct World {
  const Scenario* scenario = nullptr;
  Persons persons;
  Households households;
  Posts posts;
  std::vector<MineState> mines;
  std::vector<CommunityState> communities;
  Ledger ledger;
  Cents government_balance = 0;
  Cents rest_of_world_balance = 0;
  AccountStocks stocks_before{};
  Cents stock_flow_residual = 0;  // sum over accounts of |change of stock - net flow|

  // Step counter: 0 is the first spin-up month; recorded months follow the spin-up.
  int step = 0;
  Month month() const { return scenario->simulation.start.plus(step - scenario->simulation.spinup_months); }
  bool recording() const { return step >= scenario->simulation.spinup_months; }
};

// Builds the initial population, households, posts and mines from the scenario (deterministic).
World make_world(const Scenario& s);
// Sum of each account's stock, computed from the agents' own columns.
AccountStocks account_stocks(const World& w);

}  // namespace minesim
