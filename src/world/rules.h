#pragma once
// Rules about persons that several phases apply (labour market, demography, training,
// indicators): written once here so that they cannot drift apart. Inline and branch-light: they
// run once per person in the hot loops.
#include <cstddef>

#include "agents/persons.h"
#include "agents/posts.h"
#include "scenario/scenario.h"

namespace minesim {

// An age band in months of age, [from, to): the one place where ages in years become months.
struct AgeBand {
  int from = 0, to = 0;  // months
  constexpr bool contains(int age_months) const { return (age_months >= from) & (age_months < to); }
};
// Working age: from labour.working_age (included) to labour.retirement_age (excluded), in years.
using WorkingAge = AgeBand;
constexpr WorkingAge working_age(const LabourParams& l) {
  return {l.working_age * 12, l.retirement_age * 12};
}
// Ages from `min_years` to `max_years`, both included (as the demography keys give them): a
// person aged 35 years and 11 months is within 18-35.
constexpr AgeBand age_band(int min_years, int max_years) {
  return {min_years * 12, (max_years + 1) * 12};
}

// Available for work: alive, participating, of working age, neither in training nor at school.
// Every condition is evaluated (bitwise &, no short circuit): one unpredictable branch per person
// instead of five in the passes over all persons (the seekers' pools, demography, training).
inline bool available_for_work(const Persons& p, std::size_t i, WorkingAge wa) {
  const int age = p.age_months[i];
  return (p.alive[i] != 0) & (p.participates[i] != 0) & (p.training[i] == 0) & wa.contains(age) &
         !is_student(p.education[i], age);
}

// Unemployed: available for work and holding no post (farming and informal work is a post).
inline bool unemployed(const Persons& p, std::size_t i, WorkingAge wa) {
  return p.job[i] == kNoJob && available_for_work(p, i, wa);
}

// A job seeker: available for work and without a job or in farming/informal work (which a
// person leaves for a better-paid post). Seekers fill vacancies and training seats.
inline bool seeks_work(const Persons& p, const Posts& posts, std::size_t i, WorkingAge wa) {
  if (!available_for_work(p, i, wa)) return false;
  const std::uint32_t j = p.job[i];
  return j == kNoJob || posts.sector[j] == idx(Sector::kFarmingInformal);
}

}  // namespace minesim
