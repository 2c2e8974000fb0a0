// Corporate income tax as assessed (world/mine_tax.h; docs/ODD.md §7.11): straight-line
// depreciation of technology capital by yearly vintage and of development capital, and losses
// carried forward with an offset cap, against values computed by hand.
#include "world/mine_tax.h"

#include <gtest/gtest.h>

#include <vector>

#include "model/load.h"
#include "model/simulate.h"
#include "support.h"
#include "world/world.h"

namespace minesim {
namespace {

TEST(MineTax, TechnologyCapitalDepreciatesOverItsLifeFromTheNextYear) {
  MineTaxState t;
  // Life 2: 2,400 cents paid in 2025 (1,000 in one month, 1,400 in another) give 2,400 / 24 =
  // 100 a month through 2026 and 2027, nothing in 2025 or 2028.
  EXPECT_EQ(technology_depreciation(t, 1000, 2025, 2), 0);
  EXPECT_EQ(technology_depreciation(t, 1400, 2025, 2), 0);
  EXPECT_EQ(technology_depreciation(t, 0, 2026, 2), 100);
  EXPECT_EQ(technology_depreciation(t, 480, 2026, 2), 100);  // 2026's vintage waits for 2027
  EXPECT_EQ(technology_depreciation(t, 0, 2027, 2), 100 + 20);
  EXPECT_EQ(technology_depreciation(t, 0, 2028, 2), 20);
  EXPECT_EQ(technology_depreciation(t, 0, 2029, 2), 0);
  // The ring reuses 2025's slot (2028 % 3 == 2025 % 3) without counting 2025's capex again.
  EXPECT_EQ(technology_depreciation(t, 0, 2031, 2), 0);
  // Life 0: expensed as paid.
  MineTaxState e;
  EXPECT_EQ(technology_depreciation(e, 777, 2025, 0), 777);
}

TEST(MineTax, DevelopmentCapitalDepreciatesUntilNoneIsLeft) {
  MineTaxState t;
  t.development_left = 1000;
  t.development_monthly = 9;  // ceil(1000 / 120): a 10-year life
  Cents sum = 0;
  int months = 0;
  for (Cents d; (d = development_depreciation(t)) > 0; ++months) sum += d;
  EXPECT_EQ(sum, 1000);
  EXPECT_EQ(months, 112);  // 111 x 9 = 999, then the last cent
  EXPECT_EQ(t.development_left, 0);
}

TEST(MineTax, LossesCarryForwardUpToTheOffsetCap) {
  MineTaxState t;
  CitAssessment a = assess_cit(t, -500, 0.3, 0.6);
  EXPECT_EQ(a.cit, 0);
  EXPECT_EQ(t.losses, 500);
  a = assess_cit(t, 1000, 0.3, 0.6);  // at most 600 may be offset: all 500 are
  EXPECT_EQ(a.loss_used, 500);
  EXPECT_EQ(a.base, 500);
  EXPECT_EQ(a.cit, 150);
  EXPECT_EQ(t.losses, 0);
  t.losses = 1000;
  a = assess_cit(t, 1000, 0.3, 0.6);  // the DRC's cap: 60 % of the year's profit
  EXPECT_EQ(a.loss_used, 600);
  EXPECT_EQ(a.base, 400);
  EXPECT_EQ(a.cit, 120);
  EXPECT_EQ(t.losses, 400);
}

// In a whole run, development capital lowers CIT by rate x its monthly depreciation each month
// (the mine is profitable every month, so no loss arises) and nothing else changes; the parts of
// the months between opening and the first simulated month are already written off.
TEST(MineTax, DevelopmentCapitalLowersCorporateIncomeTaxByItsDepreciation) {
  auto run = [](const std::vector<std::string>& sets) {
    const Scenario s = load_scenario_string(test::tiny_scenario(8000, 12, ""), "t.toml", sets);
    World w = make_world(s);
    double cit = 0, royalty = 0;
    simulate(w, {[&](const World&, const Indicators& i) {
                   cit += i.government_revenue[idx(Instrument::kCorporateIncomeTax)];
                   royalty += i.government_revenue[idx(Instrument::kRoyalty)];
                 },
                 {}});
    return std::pair{cit, royalty};
  };
  const auto [cit0, royalty0] = run({});
  const auto [cit1, royalty1] =
      run({"mines.alpha.development_capital_usd=120000000", "economy.development_life_years=10",
           "mines.alpha.open=2020-01-01"});
  EXPECT_EQ(royalty0, royalty1);
  EXPECT_GT(cit0, 0.0);
  // 120 M USD over 120 months: 1 M USD a month, taxed at the default 27.5 %, over the 12 recorded
  // months (the spin-up's months are not recorded).
  EXPECT_NEAR(cit0 - cit1, 0.275 * 1e6 * 12, 0.275 * 1e6 * 12 * 1e-6);
  // Opened in 2014-01: the spin-up starts 2024-07, so 126 of the 120 months are past and nothing
  // is left to deduct; opened 2015-01, 6 months are left, all in the spin-up.
  for (const char* open : {"2014-01-01", "2015-01-01"}) {
    const auto [cit2, royalty2] =
        run({"mines.alpha.development_capital_usd=120000000", "economy.development_life_years=10",
             std::string("mines.alpha.open=") + open});
    EXPECT_EQ(cit2, cit0) << open;
  }
}

}  // namespace
}  // namespace minesim
