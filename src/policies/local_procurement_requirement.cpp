// local_procurement_requirement: mines must give local suppliers a chance in the targeted
// communities' categories: the capability a local firm needs to win a contract is lowered by
// threshold_relief (scaled by strength). With national_ownership, contracts that leave the
// community go to nationally owned firms instead of foreign ones (DRC 2017 subcontracting rule).
#include <algorithm>

#include "policies/policy.h"

namespace minesim {
void apply_local_procurement_requirement(const InterventionParams& v, double strength, World& w) {
  Levers& L = w.levers;
  for (std::size_t c = 0; c < w.communities.size(); ++c) {
    if (!targeted(v.communities, c)) continue;
    for (int k = 0; k < kCategories; ++k) {
      L.threshold_relief[c][k] = std::max(L.threshold_relief[c][k], v.threshold_relief[k] * strength);
      if (v.national_ownership) L.national_ownership[c][k] = std::max(L.national_ownership[c][k], strength);
    }
  }
  charge_budget(v, strength, w);
}
}  // namespace minesim
