// local_hiring_requirement: a minimum share of local hires at the targeted mines. In hiring, a
// candidate who is not from the region (a migrant or expatriate) is passed over with probability
// local_share (scaled by strength), so locals take the jobs they can. With remote_in_country, the
// mines move remote roles held abroad to a centre in the country.
#include <algorithm>

#include "policies/policy.h"

namespace minesim {
void apply_local_hiring_requirement(const InterventionParams& v, double strength, World& w) {
  Levers& L = w.levers;
  for (std::size_t m = 0; m < w.mines.size(); ++m) {
    if (!targeted(v.mines, m)) continue;
    L.local_hiring_share[m] = std::max(L.local_hiring_share[m], v.local_share * strength);
    if (v.remote_in_country) L.remote_in_country[m] = std::max(L.remote_in_country[m], strength);
  }
  charge_budget(v, strength, w);
}
}  // namespace minesim
