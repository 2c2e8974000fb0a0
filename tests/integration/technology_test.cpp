// A mine adopting autonomous haulage against the same scenario without it (common random numbers:
// same seed, so differences come from the mechanism).
#include <gtest/gtest.h>

#include "core/shape.h"
#include "model/load.h"
#include "model/simulate.h"
#include "support.h"

namespace minesim {
namespace {

struct Totals {
  std::vector<Indicators> months;
  double incidents = 0, payroll_tax = 0, headcount_local = 0, layoffs = 0, redeployed = 0;
};

Totals run(const std::string& adopt_start, const std::vector<std::string>& sets = {}) {
  // A high incident rate makes incident counts large enough to compare (mechanism test only).
  std::vector<std::string> all{"mines.alpha.incidents_per_million_hours=3000"};
  all.insert(all.end(), sets.begin(), sets.end());
  const Scenario s =
      load_scenario_string(test::tiny_scenario(20000, 36, adopt_start), "t.toml", all);
  World w = make_world(s);
  Totals t;
  simulate(w, {[&](const World&, const Indicators& i) {
                 t.months.push_back(i);
                 t.incidents += i.incidents[idx(Sector::kMine)];
                 t.payroll_tax += i.government_revenue[idx(Instrument::kPayrollTax)];
                 const Shape<3> spend{{1, kCategories, kOrigins}};  // one mine
                 for (Category c : {Category::kCateringCamp, Category::kTransportLogistics})
                   t.headcount_local += i.procurement_spend[spend(0, idx(c), idx(Origin::kLocal))];
                 t.layoffs += i.mine_layoffs[0];
                 t.redeployed += i.mine_redeployments[0];
                 EXPECT_EQ(i.stock_flow_residual[0], 0.0);
               },
               {}});
  return t;
}

double sum(const std::vector<double>& v) {
  double t = 0;
  for (double x : v) t += x;
  return t;
}

TEST(AutonomousHaulage, ChangesJobsProductivityProcurementTaxesAndIncidents) {
  const Totals base = run(""), adopt = run("2025-07-01");
  const Indicators &b = base.months.back(), &a = adopt.months.back();
  // Fewer low-skill mine jobs, more high-skill roles, a share of them remote.
  EXPECT_LT(a.mine_employment[idx(Skill::kLow)], b.mine_employment[idx(Skill::kLow)]);
  EXPECT_LT(a.mine_employment_by_occupation[idx(Occupation::kHaulage)],
            0.3 * b.mine_employment_by_occupation[idx(Occupation::kHaulage)]);
  const double remote_a = sum(a.remote_employment);
  EXPECT_GT(a.mine_employment[idx(Skill::kHigh)] + remote_a, b.mine_employment[idx(Skill::kHigh)]);
  EXPECT_GT(remote_a, 0.0);
  EXPECT_EQ(sum(b.remote_employment), 0.0);
  EXPECT_DOUBLE_EQ(a.technology_adoption[idx(Technology::kAutonomousHaulage)], 1.0);
  // Learning: output dips in the first months after the start, then exceeds the baseline.
  EXPECT_LT(adopt.months[7].mine_production[0], base.months[7].mine_production[0]);
  EXPECT_GT(a.mine_production[0], b.mine_production[0] * 1.1);
  // Less headcount-linked local procurement, lower payroll tax, fewer incidents.
  EXPECT_GT(base.headcount_local, 0.0);
  EXPECT_LT(adopt.headcount_local, base.headcount_local);
  EXPECT_LT(adopt.payroll_tax, base.payroll_tax);
  EXPECT_LT(adopt.incidents, base.incidents * 0.9);
  // Technology-linked spend grows.
  const auto digital = [](const Indicators& i) {
    const Shape<3> spend{{1, kCategories, kOrigins}};  // one mine
    double t = 0;
    for (int o = 0; o < kOrigins; ++o)
      t += i.procurement_spend[spend(0, idx(Category::kEquipmentDigital), o)];
    return t;
  };
  EXPECT_GT(digital(a) / a.mine_production[0], 1.5 * digital(b) / b.mine_production[0]);
  // Displaced workers: some retrained into the new roles, the rest laid off.
  EXPECT_GT(adopt.redeployed, 0.0);
  EXPECT_GT(adopt.layoffs, 0.0);
  EXPECT_EQ(base.redeployed, 0.0);
}

TEST(AutonomousHaulage, NoForcedRedundancyShrinksOnlyByAttrition) {
  const Totals t = run("2025-07-01", {"mines.alpha.no_forced_redundancy=true"});
  EXPECT_EQ(t.layoffs, 0.0);
  EXPECT_GT(t.redeployed, 0.0);
  // Haulage still shrinks, through quits and redeployment.
  EXPECT_LT(t.months.back().mine_employment_by_occupation[idx(Occupation::kHaulage)],
            t.months.front().mine_employment_by_occupation[idx(Occupation::kHaulage)]);
}

}  // namespace
}  // namespace minesim
