// tax_reform: moves the fiscal levers toward the intervention's values by its strength: royalty,
// corporate income tax and payroll tax rates (each only where given), an automation levy per role
// removed, transfer-pricing enforcement (cuts the share of profit shifted abroad), and revenue
// sharing (a share of royalties paid to households of the mines' host communities).
#include <algorithm>
#include <optional>

#include "policies/policy.h"
#include "scenario/schema.h"

namespace minesim {

namespace {
struct TaxReformParams {
  std::optional<double> royalty_rate, corporate_income_tax_rate,
      payroll_tax_rate;                     // none: unchanged
  double automation_levy_usd_per_role = 0;  // per role removed per year
  double transfer_pricing_enforcement = 0;  // share of profit shifting stopped
  double revenue_sharing = 0;               // share of royalties to host communities
};

// A target rate: the key keeps accepting -1 (its default in the resolved scenario) and any
// negative value as "unchanged".
std::optional<double> target_rate(TableReader& r, const char* key) {
  const double x = r.number(key, -1, Range{-1, 1, false, "in [0, 1] or -1 (unchanged)"}, "");
  return x < 0 ? std::nullopt : std::optional<double>(x);
}

double toward(double base, std::optional<double> target, double strength) {
  return target ? base + (*target - base) * strength : base;
}
}  // namespace

std::any read_tax_reform(TableReader& r, const InterventionParams&, Scenario&) {
  TaxReformParams p;
  p.royalty_rate = target_rate(r, "royalty_rate");
  p.corporate_income_tax_rate = target_rate(r, "corporate_income_tax_rate");
  p.payroll_tax_rate = target_rate(r, "payroll_tax_rate");
  p.automation_levy_usd_per_role =
      r.number("automation_levy_usd_per_role", 0, Range{0, 1e7}, "USD per role removed per year");
  p.transfer_pricing_enforcement =
      r.number("transfer_pricing_enforcement", 0, kShare, "share of profit shifting stopped");
  p.revenue_sharing =
      r.number("revenue_sharing", 0, kShare, "share of royalties to host communities");
  return p;
}

void apply_tax_reform(const InterventionParams& v, double strength, World& w) {
  const auto& p = params_of<TaxReformParams>(v);
  Levers& L = w.levers;
  L.royalty_rate = toward(L.royalty_rate, p.royalty_rate, strength);
  L.cit_rate = toward(L.cit_rate, p.corporate_income_tax_rate, strength);
  L.payroll_rate = toward(L.payroll_rate, p.payroll_tax_rate, strength);
  L.automation_levy_usd_per_role += p.automation_levy_usd_per_role * strength;
  L.profit_shifting_share *= 1.0 - p.transfer_pricing_enforcement * strength;
  L.revenue_sharing = std::max(L.revenue_sharing, p.revenue_sharing * strength);
  charge_budget(v, strength, w);
}
}  // namespace minesim
