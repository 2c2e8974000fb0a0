#pragma once
// The indicators counted over persons (employment, population, unemployment, wages, students,
// trainees, certification, employment by origin, women in mines): one pass over the person
// columns into two histograms, from which every count is then summed.
#include <cstdint>
#include <vector>

#include "core/shape.h"
#include "world/indicators.h"
#include "world/variables.h"

namespace minesim {

// What a person of working condition is doing, for the activity histogram: a sector (their
// post's) when employed, else at school, seeking work, or none of these (in training, not seeking,
// under or over working age, not alive).
inline constexpr int kActivities = kSectors + 3;
inline constexpr int kAtSchool = kSectors, kSeeking = kSectors + 1, kNoActivity = kSectors + 2;

// Integer counts over persons, exact in any order of summation.
struct PersonCounts {
  Shape<5> activity;  // community, activity, gender, skill, person_origin
  std::vector<std::int64_t> by_activity;
  std::vector<std::int64_t> population;  // community, gender, age_group
  std::vector<Cents> wage_sum;           // sector, gender, skill
  std::int64_t trainees[kGenders]{}, certified[kGenders]{};
};

PersonCounts count_persons(const World& w, const Extents& ext);

// Women employed on site in mines.
std::int64_t female_mine_workers(const PersonCounts& pc);

// employment, students, population, unemployed, trainees, certified_workers,
// employment_by_origin and mean_wage, in real persons (counts times `up`) and USD.
void person_indicators(const PersonCounts& pc, const Extents& ext, double up, Indicators& out);

}  // namespace minesim
