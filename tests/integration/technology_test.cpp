// A mine adopting autonomous haulage against the same scenario without it (common random numbers:
// same seed, so differences come from the mechanism).
#include <gtest/gtest.h>

#include "scenario/load.h"
#include "support.h"
#include "world/simulate.h"

namespace minesim {
namespace {

struct Totals {
  std::vector<Indicators> months;
  double incidents = 0, payroll_tax = 0;
};

Totals run(const std::string& adopt_start) {
  // A high incident rate makes incident counts large enough to compare (mechanism test only).
  const Scenario s = load_scenario_string(test::tiny_scenario(20000, 36, adopt_start), "t.toml",
                                          {"mines.alpha.incidents_per_million_hours=3000"});
  World w = make_world(s);
  Totals t;
  simulate(w, {[&](const World&, const Indicators& i) {
                 t.months.push_back(i);
                 t.incidents += i.incidents[idx(Sector::kMine)];
                 t.payroll_tax += i.government_revenue[idx(Instrument::kPayrollTax)];
               },
               {}});
  return t;
}

double mine_jobs(const Indicators& i, Skill k) { return i.mine_employment[idx(k)]; }

TEST(AutonomousHaulage, ChangesJobsProductivityTaxesAndIncidents) {
  const Totals base = run(""), adopt = run("2025-07-01");
  const Indicators &b = base.months.back(), &a = adopt.months.back();
  EXPECT_LT(mine_jobs(a, Skill::kLow), mine_jobs(b, Skill::kLow));
  EXPECT_GT(mine_jobs(a, Skill::kHigh), mine_jobs(b, Skill::kHigh));
  double remote_a = 0, remote_b = 0;
  for (double x : a.remote_employment) remote_a += x;
  for (double x : b.remote_employment) remote_b += x;
  EXPECT_GT(remote_a, 0.0);
  EXPECT_EQ(remote_b, 0.0);
  EXPECT_DOUBLE_EQ(a.technology_adoption[0], 1.0);
  // Learning: output dips in the first months after the start, then exceeds the baseline.
  EXPECT_LT(adopt.months[7].mine_production[0], base.months[7].mine_production[0]);
  EXPECT_GT(a.mine_production[0], b.mine_production[0] * 1.1);
  EXPECT_LT(adopt.payroll_tax, base.payroll_tax);
  EXPECT_LT(adopt.incidents, base.incidents * 0.9);
  EXPECT_EQ(a.stock_flow_residual[0], 0.0);
}

}  // namespace
}  // namespace minesim
