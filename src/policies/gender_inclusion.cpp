// gender_inclusion: lowers mines' hiring bias (raises the probability that an equal female
// candidate is accepted toward female_acceptance, by occupation), removes training barriers for
// women (training_barrier_reduction) and reserves seats for women in every training programme
// (training_women_quota), each scaled by strength.
#include <algorithm>

#include "policies/policy.h"

namespace minesim {
void apply_gender_inclusion(const InterventionParams& v, double strength, World& w) {
  Levers& L = w.levers;
  for (int o = 0; o < kOccupations; ++o)
    if (v.female_acceptance[o] > L.female_acceptance[o])
      L.female_acceptance[o] += (v.female_acceptance[o] - L.female_acceptance[o]) * strength;
  L.training_barrier_factor *= 1.0 - v.training_barrier_reduction * strength;
  L.training_women_quota = std::max(L.training_women_quota, v.training_women_quota * strength);
  charge_budget(v, strength, w);
}
}  // namespace minesim
