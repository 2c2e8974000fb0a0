// staged_automation: paces technology adoption at the targeted mines (their adoption share of any
// technology may grow by at most adoption_per_year per year, in full from the start) and ties it
// to retraining (the mines redeploy at least redeploy_share of displaced workers, phased in with
// the intervention's strength).
#include <algorithm>

#include "policies/policy.h"

namespace minesim {
void apply_staged_automation(const InterventionParams& v, double strength, World& w) {
  Levers& L = w.levers;
  for (std::size_t m = 0; m < w.mines.size(); ++m) {
    if (!targeted(v.mines, m)) continue;
    L.adoption_per_month[m] = std::min(L.adoption_per_month[m], v.adoption_per_year / 12.0);
    if (v.redeploy_share >= 0)
      L.redeploy_share[m] = std::max(L.redeploy_share[m],
                                     L.redeploy_share[m] + (v.redeploy_share - L.redeploy_share[m]) * strength);
  }
  charge_budget(v, strength, w);
}
}  // namespace minesim
