// skills_training: trains locals for new-technology roles. The programme itself is a training
// programme built from the intervention when the scenario is read (scenario/read_interventions.cpp) and run by
// world/training.cpp (enrolment, graduation, certification, costs paid by the payer). Here an
// extra budget (outreach, stipends), if any, is charged, and, with localisation_rate, the target
// mines commit to a succession plan for their high-skill posts: non-local holders are not renewed
// at contract end at that rate a month, as far as high-skill locals seek work in the mine's
// catchment, so graduates can take the posts (world/labour_market.cpp).
#include <algorithm>

#include "policies/policy.h"

namespace minesim {
void apply_skills_training(const InterventionParams& v, double strength, World& w) {
  if (v.localisation_rate > 0) {
    Levers& L = w.levers;
    constexpr int kHigh = idx(Skill::kHigh);
    for (std::size_t m = 0; m < w.mines.size(); ++m) {
      if (!targeted(v.mines, m)) continue;
      L.localisation_target[m][kHigh] = std::max(L.localisation_target[m][kHigh], strength);
      L.localisation_rate[m][kHigh] = std::max(L.localisation_rate[m][kHigh], v.localisation_rate);
    }
  }
  charge_budget(v, strength, w);
}
}  // namespace minesim
