// The monthly schedule: one explicit, ordered list of phases.
#include "model/step.h"

#include <fmt/format.h>

#include <chrono>
#include <cstdlib>

#include "core/errors.h"
#include "core/stop.h"
#include "model/profile.h"
#include "policies/policy.h"
#include "world/asm.h"
#include "world/compaction.h"
#include "world/demography.h"
#include "world/households.h"
#include "world/labour_market.h"
#include "world/mines.h"
#include "world/supplier_programmes.h"
#include "world/suppliers.h"
#include "world/training.h"

#include <algorithm>

namespace minesim {

namespace {
void begin_month(World& w) {
  w.ledger.begin_month();
  for (auto& c : w.communities) std::fill(c.final_demand.begin(), c.final_demand.end(), 0);
}
}  // namespace

const std::vector<Phase>& schedule() {
  static const std::vector<Phase> kSchedule{
      {"begin_month", begin_month},                      // clear the month's flows
      {"policies", apply_policies},                      // interventions set this month's levers
      {"supplier_programmes", run_supplier_programmes},  // supplier development: incubation, grants
      {"settle_levers", settle_levers},                  // new payroll rate's net wages; budgets
      {"compact_persons", compact_persons},              // January: the living, household order
      {"age_persons", age_persons},                      // everyone is a month older
      {"demography", run_demography},                    // deaths, births, households, migration
      {"plan_mines", plan_mines},                        // opening, adoption, roles wanted
      {"review_technology", review_technology},          // endogenous adoption decisions
      {"training", run_training},                        // graduation and enrolment
      {"plan_asm", plan_asm},                            // ASM sites' technology and draw
      {"local_labour_demand", set_local_labour_demand},  // local economy and farming demand
      {"labour_market", run_labour_market},              // redeploy, separate, hire
      {"settle_mines", settle_mines},                    // output, sales, procurement, taxes
      {"settle_suppliers", settle_suppliers},            // firms' costs, owners, entry, exit
      {"settle_asm", settle_asm},                        // ASM output, mercury, pay, royalty
      {"settle_households", settle_households},          // incomes, consumption, local economy
  };
  return kSchedule;
}

void check_stock_flow(World& w) {
  const AccountStocks now = account_stocks(w);
  Cents residual = 0;
  std::string detail;
  for (int a = 0; a < kAccounts; ++a) {
    const Cents change = now[a] - w.stocks_before[a];
    const Cents net = w.ledger.net(static_cast<Account>(a));
    if (change != net)
      detail += fmt::format(" {}: stock changed by {} cents, flows net {} cents;",
                            kAccountLabels[a], change, net);
    residual += std::llabs(change - net);
  }
  w.stock_flow_residual = residual;
  w.stocks_before = now;
  if (residual != 0)
    throw InvariantError(fmt::format(
        "stock-flow residual of {} cents in {} (step {}):{} a payment bypassed the ledger",
        residual, w.month().iso(), w.step, detail));
}

void step_month(World& w, PhaseProfile* profile) {
  if (!profile) {
    for (const Phase& ph : schedule()) {
      stop::throw_if_requested();  // a long month stops between phases, not only at its end
      ph.run(w);
    }
    check_stock_flow(w);
    return;
  }
  using Clock = std::chrono::steady_clock;
  const auto& phases = schedule();
  auto t = Clock::now();
  const auto lap = [&](std::size_t slot) {
    const auto now = Clock::now();
    profile->seconds[slot] += std::chrono::duration<double>(now - t).count();
    t = now;
  };
  for (std::size_t k = 0; k < phases.size(); ++k) {
    stop::throw_if_requested();
    phases[k].run(w);
    lap(k);
  }
  check_stock_flow(w);
  lap(PhaseProfile::stock_flow_slot());
  ++profile->months;
}

}  // namespace minesim
