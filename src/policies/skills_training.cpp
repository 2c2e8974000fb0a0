// skills_training: trains locals for new-technology roles. The programme itself is a training
// programme built from the intervention when the scenario is read (scenario/load.cpp) and run by
// world/training.cpp (enrolment, graduation, certification, costs paid by the payer); here only an
// extra budget (outreach, stipends), if any, is charged.
#include "policies/policy.h"

namespace minesim {
void apply_skills_training(const InterventionParams& v, double strength, World& w) {
  charge_budget(v, strength, w);
}
}  // namespace minesim
