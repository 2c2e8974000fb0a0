// skills_training: trains locals for new-technology roles. The lever's course is a training
// programme like a [training.*] one (world/training.cpp: enrolment, graduation, certification,
// costs paid by the payer). Its reader adds the course to the scenario's programmes (trainees
// outlive the intervention, so the course is part of the world); each month in force the lever
// opens capacity x strength seats in it (Levers::training_seats). An extra budget (outreach,
// stipends), if any, is charged, and, with localisation_rate, the target mines commit to a
// succession plan for their high-skill posts: non-local holders are not renewed at contract end at
// that rate a month, as far as high-skill locals seek work in the mine's catchment, so graduates
// can take the posts (world/labour_market.cpp).
#include <algorithm>

#include "policies/policy.h"
#include "scenario/schema.h"

namespace minesim {

namespace {
struct SkillsTrainingParams {
  std::size_t course = 0;        // its course in Scenario::training
  double localisation_rate = 0;  // succession plan for high-skill posts (0: none)
};
}  // namespace

std::any read_skills_training(TableReader& r, const InterventionParams& v, Scenario& s) {
  TrainingParams course;
  course.name = v.name;
  course.communities = v.communities;
  course.mines = v.mines;
  course.payer = v.payer;
  course.opened_by_lever = true;
  read_course(r, course);
  SkillsTrainingParams p;
  p.localisation_rate = r.number("localisation_rate", 0, kShare, "per month");
  p.course = s.training.size();
  s.training.push_back(std::move(course));
  return p;
}

void apply_skills_training(const InterventionParams& v, double strength, World& w) {
  const auto& p = params_of<SkillsTrainingParams>(v);
  Levers& L = w.levers;
  L.training_seats[p.course] =
      static_cast<double>(w.scenario->training[p.course].capacity) * strength;
  if (p.localisation_rate > 0) {
    constexpr int kHigh = idx(Skill::kHigh);
    for (std::size_t m = 0; m < w.mines.size(); ++m) {
      if (!targeted(v.mines, m)) continue;
      L.localisation_target[m][kHigh] = std::max(L.localisation_target[m][kHigh], strength);
      L.localisation_rate[m][kHigh] = std::max(L.localisation_rate[m][kHigh], p.localisation_rate);
    }
  }
  charge_budget(v, strength, w);
}
}  // namespace minesim
