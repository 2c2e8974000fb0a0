#pragma once
// Who pays: the one rule for the account a payer (`payer = "government" | "donors" | "mines"` of
// interventions and training programmes) pays from. docs/policies.md ("Payers") gives each meaning
// once, and the three routings that use the rule: lever budgets, supplier grants, course costs.
#include <vector>

#include "world/world.h"

namespace minesim {

// government: the government's account. mines: the mines' account (the paying mines' cash), or
// the government's when the scenario has no mine. donors: the rest of world (donors are outside
// the region).
Account payer_account(Payer payer, const World& w);

// Takes `amount` from the payer's stock (the government's balance; the paying mines' balances,
// `mines` or every mine when empty, in equal shares, the first also taking the cents left over;
// the rest of world's balance) and books the transfer to `to` under `flow`. The recipient's stock
// is the caller's to move: only it knows what the money becomes.
void pay_from(World& w, Payer payer, const std::vector<int>& mines, Account to, Flow flow,
              Cents amount);

}  // namespace minesim
