// Stock-flow consistency: every scenario keeps the residual at exactly zero; a payment without a
// counterpart is caught with the documented error.
#include "model/step.h"

#include <gtest/gtest.h>

#include "core/errors.h"
#include "model/load.h"
#include "model/simulate.h"
#include "support.h"

namespace minesim {
namespace {

TEST(StockFlow, ResidualIsExactlyZeroEveryMonth) {
  const Scenario s = load_scenario_string(test::tiny_scenario(4000, 36), "t.toml");
  World w = make_world(s);
  int months = 0;
  simulate(w, {[&](const World& world, const Indicators& ind) {
                 EXPECT_EQ(world.stock_flow_residual, 0);
                 EXPECT_EQ(ind.stock_flow_residual[0], 0.0);
                 ++months;
               },
               {}});
  EXPECT_EQ(months, 36);
  EXPECT_GT(w.government_balance, 0);
}

TEST(StockFlow, PaymentWithoutCounterpartIsAnInvariantError) {
  const Scenario s = load_scenario_string(test::tiny_scenario(2000, 6), "t.toml");
  World w = make_world(s);
  step_month(w);
  ++w.step;
  for (const Phase& ph : schedule()) ph.run(w);
  w.households.savings[0] += 100;  // money from nowhere: no ledger transfer
  try {
    check_stock_flow(w);
    FAIL() << "expected InvariantError";
  } catch (const InvariantError& e) {
    EXPECT_EQ(e.exit_status(), 70);
    EXPECT_NE(std::string(e.what()).find("stock-flow residual of 100 cents"), std::string::npos)
        << e.what();
    EXPECT_NE(std::string(e.what()).find("households: stock changed by"), std::string::npos);
  }
  EXPECT_EQ(w.stock_flow_residual, 100);
}

}  // namespace
}  // namespace minesim

namespace minesim {
namespace {

// The progress line's time left is timed from on_recording_start (issue 17): it comes once, after
// the spin-up's months and before the first recorded one.
TEST(Simulate, RecordingStartComesOnceAfterTheSpinUp) {
  const Scenario s = load_scenario_string(test::tiny_scenario(1000, 3, ""), "t.toml");  // 6 spin-up
  World w = make_world(s);
  std::vector<int> starts;
  int recorded = 0;
  SimulationHooks hooks;
  hooks.on_month = [&](const World&, const Indicators&) { ++recorded; };
  hooks.on_recording_start = [&] {
    starts.push_back(w.step);
    EXPECT_EQ(recorded, 0);
  };
  EXPECT_TRUE(simulate(w, hooks));
  EXPECT_EQ(starts, std::vector<int>{6});
  EXPECT_EQ(recorded, 3);
}

}  // namespace
}  // namespace minesim
