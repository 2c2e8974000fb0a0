// tax_reform: moves the fiscal levers toward the intervention's values by its strength: royalty,
// corporate income tax and payroll tax rates (-1: unchanged), an automation levy per role removed,
// transfer-pricing enforcement (cuts the share of profit shifted abroad), and revenue sharing (a
// share of royalties paid to households of the mines' host communities).
#include "policies/policy.h"

namespace minesim {
namespace {
double toward(double base, double target, double strength) {
  return target < 0 ? base : base + (target - base) * strength;
}
}  // namespace

void apply_tax_reform(const InterventionParams& v, double strength, World& w) {
  Levers& L = w.levers;
  L.royalty_rate = toward(L.royalty_rate, v.royalty_rate, strength);
  L.cit_rate = toward(L.cit_rate, v.corporate_income_tax_rate, strength);
  L.payroll_rate = toward(L.payroll_rate, v.payroll_tax_rate, strength);
  L.automation_levy_usd_per_role += v.automation_levy_usd_per_role * strength;
  L.profit_shifting_share *= 1.0 - v.transfer_pricing_enforcement * strength;
  L.revenue_sharing = std::max(L.revenue_sharing, v.revenue_sharing * strength);
  charge_budget(v, strength, w);
}
}  // namespace minesim
