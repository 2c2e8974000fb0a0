// local_hiring_requirement: a minimum share of local hires at the targeted mines. In hiring, a
// candidate who is not from the region (a migrant or expatriate) is passed over with probability
// local_share (scaled by strength), so locals take the jobs they can. The requirement comes with a
// localisation plan: while a mine's local share of employees of a skill level is below local_share
// (scaled by strength), non-local employees of that level are not renewed at contract end at
// localisation_rate a month, as far as local candidates are available (world/labour_market.cpp).
// With remote_in_country, the mines move remote roles held abroad to a centre in the country.
#include <algorithm>

#include "policies/policy.h"

namespace minesim {
void apply_local_hiring_requirement(const InterventionParams& v, double strength, World& w) {
  Levers& L = w.levers;
  for (std::size_t m = 0; m < w.mines.size(); ++m) {
    if (!targeted(v.mines, m)) continue;
    L.local_hiring_share[m] = std::max(L.local_hiring_share[m], v.local_share * strength);
    if (v.remote_in_country) L.remote_in_country[m] = std::max(L.remote_in_country[m], strength);
    if (v.localisation_rate > 0)
      for (int k = 0; k < kSkills; ++k) {
        L.localisation_target[m][k] =
            std::max(L.localisation_target[m][k], v.local_share * strength);
        L.localisation_rate[m][k] = std::max(L.localisation_rate[m][k], v.localisation_rate);
      }
  }
  charge_budget(v, strength, w);
}
}  // namespace minesim
