// gender_inclusion: lowers mines' hiring bias (raises the probability that an equal female
// candidate is accepted toward female_acceptance, by occupation), removes training barriers for
// women (training_barrier_reduction) and reserves seats for women in every training programme
// (training_women_quota), each scaled by strength.
#include <algorithm>

#include "policies/policy.h"
#include "scenario/schema.h"

namespace minesim {

namespace {
struct GenderInclusionParams {
  std::array<double, kOccupations> female_acceptance{0.5, 0.5, 0.5, 0.5, 0.8, 0.8};  // targets
  double training_barrier_reduction = 0.8;
  double training_women_quota = 0.5;  // share of seats
};
}  // namespace

std::any read_gender_inclusion(TableReader& r, const InterventionParams&, Scenario&) {
  GenderInclusionParams p;
  p.female_acceptance =
      r.labelled<kOccupations>("female_acceptance", kOccupationLabels, p.female_acceptance, kShare,
                               "probability at full strength");
  p.training_barrier_reduction =
      r.number("training_barrier_reduction", p.training_barrier_reduction, kShare, "1");
  p.training_women_quota =
      r.number("training_women_quota", p.training_women_quota, kShare, "share of seats");
  return p;
}

void apply_gender_inclusion(const InterventionParams& v, double strength, World& w) {
  const auto& p = params_of<GenderInclusionParams>(v);
  Levers& L = w.levers;
  for (int o = 0; o < kOccupations; ++o)
    if (p.female_acceptance[o] > L.female_acceptance[o])
      L.female_acceptance[o] += (p.female_acceptance[o] - L.female_acceptance[o]) * strength;
  L.training_barrier_factor *= 1.0 - p.training_barrier_reduction * strength;
  L.training_women_quota = std::max(L.training_women_quota, p.training_women_quota * strength);
  charge_budget(v, strength, w);
}
}  // namespace minesim
