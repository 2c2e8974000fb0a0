// staged_automation: paces technology adoption at the targeted mines (their adoption share of any
// technology may grow by at most adoption_per_year per year, in full from the start) and ties it
// to retraining (the mines redeploy at least redeploy_share of displaced workers, phased in with
// the intervention's strength).
#include <algorithm>

#include "policies/policy.h"
#include "scenario/schema.h"

namespace minesim {

namespace {
struct StagedAutomationParams {
  double adoption_per_year = 0.2;  // max growth of the adoption share per year
  double redeploy_share = 0.8;     // retraining commitment (of displaced workers)
};
}  // namespace

std::any read_staged_automation(TableReader& r, const InterventionParams&, Scenario&) {
  StagedAutomationParams p;
  p.adoption_per_year =
      r.number("adoption_per_year", p.adoption_per_year, Range{0.01, 12}, "share per year");
  p.redeploy_share = r.number("redeploy_share", p.redeploy_share, kShare, "1");
  return p;
}

void apply_staged_automation(const InterventionParams& v, double strength, World& w) {
  const auto& p = params_of<StagedAutomationParams>(v);
  Levers& L = w.levers;
  for (std::size_t m = 0; m < w.mines.size(); ++m) {
    if (!targeted(v.mines, m)) continue;
    L.adoption_per_month[m] = std::min(L.adoption_per_month[m], p.adoption_per_year / 12.0);
    L.redeploy_share[m] =
        std::max(L.redeploy_share[m],
                 L.redeploy_share[m] + (p.redeploy_share - L.redeploy_share[m]) * strength);
  }
  charge_budget(v, strength, w);
}
}  // namespace minesim
