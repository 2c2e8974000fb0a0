// local_hiring_requirement: a minimum share of local hires at the targeted mines. In hiring, a
// candidate who is not from the region (a migrant or expatriate) is passed over with probability
// local_share (scaled by strength), so locals take the jobs they can. The requirement comes with a
// localisation plan: while a mine's local share of employees of a skill level is below local_share
// (scaled by strength), non-local employees of that level are not renewed at contract end at
// localisation_rate a month, as far as local candidates are available (world/labour_market.cpp).
// With remote_in_country, the mines move remote roles held abroad to a centre in the country.
#include <algorithm>

#include "policies/policy.h"
#include "scenario/schema.h"

namespace minesim {

namespace {
struct LocalHiringParams {
  double local_share = 0.8;         // of mine hires, at full strength
  bool remote_in_country = false;   // remote roles held abroad come home
  double localisation_rate = 0.03;  // per month (0: no localisation plan)
};
}  // namespace

std::any read_local_hiring_requirement(TableReader& r, const InterventionParams&, Scenario&) {
  LocalHiringParams p;
  p.local_share = r.number("local_share", p.local_share, kShare, "share of mine hires");
  p.remote_in_country = r.boolean("remote_in_country", p.remote_in_country);
  p.localisation_rate = r.number("localisation_rate", p.localisation_rate, kShare, "per month");
  return p;
}

void apply_local_hiring_requirement(const InterventionParams& v, double strength, World& w) {
  const auto& p = params_of<LocalHiringParams>(v);
  Levers& L = w.levers;
  for (std::size_t m = 0; m < w.mines.size(); ++m) {
    if (!targeted(v.mines, m)) continue;
    L.local_hiring_share[m] = std::max(L.local_hiring_share[m], p.local_share * strength);
    if (p.remote_in_country) L.remote_in_country[m] = std::max(L.remote_in_country[m], strength);
    if (p.localisation_rate > 0)
      for (int k = 0; k < kSkills; ++k) {
        L.localisation_target[m][k] =
            std::max(L.localisation_target[m][k], p.local_share * strength);
        L.localisation_rate[m][k] = std::max(L.localisation_rate[m][k], p.localisation_rate);
      }
  }
  charge_budget(v, strength, w);
}
}  // namespace minesim
