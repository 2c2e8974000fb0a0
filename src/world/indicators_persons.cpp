#include "world/indicators_persons.h"

#include <oneapi/tbb/enumerable_thread_specific.h>

#include <algorithm>
#include <array>
#include <limits>
#include <stdexcept>

#include "core/parallel.h"

namespace minesim {

namespace {

// Each person adds one to a cell of the activity histogram (every person has a cell there) and
// one to the population's (the dead to a spare cell), and a worker their wage: three additions
// and no branch on a person's state, which a population of mixed ages, schooling and jobs makes
// unpredictable. The counts of each output are sums over the histogram's axes afterwards, per
// community and category, not per person. Spare cells rotate over four so that successive
// persons who count nowhere do not wait on each other's additions.
constexpr std::size_t kSpares = 4;

struct Layout {
  Shape<5> activity;    // community, activity, gender, skill, person_origin
  Shape<3> population;  // community, gender, age_group
  Shape<3> wage;        // sector, gender, skill
};

Layout layout_of(const Extents& e) {
  const Layout L{Shape<5>{{e.communities, std::size_t{kActivities}, std::size_t{kGenders},
                           std::size_t{kSkills}, std::size_t{kPersonOrigins}}},
                 shape_of<3>(&Indicators::population, e), shape_of<3>(&Indicators::mean_wage, e)};
  // count_block indexes with these extents as constants (multiplications by constants are
  // shifts and adds; by loaded extents, a chain of multiplies per person).
  if (L.population.extent[1] != kGenders || L.population.extent[2] != kAgeGroups ||
      L.wage.extent != std::array<std::size_t, 3>{kSectors, kGenders, kSkills})
    throw std::logic_error("count_persons: the axes of population or mean_wage changed");
  return L;
}

// One thread's counts (with the spare cells).
struct Partial {
  std::vector<std::int64_t> by_activity, population;
  std::vector<Cents> wage_sum;
  std::int64_t trainees[kGenders]{}, certified[kGenders]{};
};

// What the pass reads of a person's post: its sector and its wage to a local and to an
// expatriate holder. Row `count()` stands for "no post" (sector 0, wage 0), so a person without a
// job reads a valid row.
struct PostView {
  std::vector<std::uint8_t> sector;
  std::vector<Cents> pay;  // 2 per post: local, expatriate
};

PostView post_view(const Posts& posts) {
  const std::size_t np = posts.count();
  PostView v{std::vector<std::uint8_t>(np + 1, 0), std::vector<Cents>(2 * (np + 1), 0)};
  for (std::size_t q = 0; q < np; ++q) {
    const auto j = static_cast<std::uint32_t>(q);
    v.sector[q] = posts.sector[q];
    v.pay[2 * q] = posts.wage_of(j, false);
    v.pay[2 * q + 1] = posts.wage_of(j, true);
  }
  return v;
}

// a if f else b, with no branch: GCC turns a ?: of values just loaded into a jump, and each of
// this pass's conditions is unpredictable (about 40 cycles a person went to mispredictions).
inline std::size_t pick(bool f, std::size_t a, std::size_t b) {
  return b ^ ((a ^ b) & (std::size_t{0} - static_cast<std::size_t>(f)));
}

void count_block(const Persons& p, const PostView& pv, const Layout& layout, int wa, int ra,
                 Partial& a, std::size_t b, std::size_t e) {
  constexpr std::size_t kCells = std::size_t{kActivities} * kGenders * kSkills * kPersonOrigins;
  const std::size_t spare_person = layout.population.size(), spare_wage = layout.wage.size();
  const auto no_post = static_cast<std::uint32_t>(pv.sector.size() - 1);
  constexpr auto expatriate = static_cast<std::uint8_t>(Origin8::kExpatriate);
  std::int64_t* const by_activity = a.by_activity.data();
  std::int64_t* const population = a.population.data();
  Cents* const wage_sum = a.wage_sum.data();
  std::int64_t trainees[kGenders]{}, certified[kGenders]{};
  for (std::size_t i = b; i < e; ++i) {
    const bool alive = p.alive[i] != 0;
    const std::size_t c = p.community[i], g = p.gender[i], k = p.skill[i], o = p.origin[i];
    const int age = p.age_months[i], years = age / 12;
    const bool trainee = p.training[i] != 0;
    const bool student = alive & !trainee & is_student(p.education[i], age);
    const std::uint32_t j = p.job[i];
    const bool has_job = j != kNoJob;
    const bool free = alive & !trainee & !student;  // neither training nor at school
    const bool works = free & has_job;
    const bool seeks = free & !has_job & (p.participates[i] != 0) & (age >= wa) & (age < ra);
    const std::uint32_t q = std::min(j, no_post);  // kNoJob is the largest value
    const std::size_t sec = pv.sector[q];
    // At school, seeking or neither (the three follow the sectors; at most one of the two holds).
    const std::size_t idle = std::size_t{kNoActivity} - seeks - 2 * std::size_t{student};
    const std::size_t act = pick(works, sec, idle);
    const std::size_t spare = i & (kSpares - 1);
    // age_group_of_years, as a sum of comparisons.
    const std::size_t group = std::size_t{years >= 15} + (years >= 25) + (years >= 65);
    // Layout's cells: (community, activity, gender, skill, origin), (community, gender,
    // age_group), (sector, gender, skill).
    by_activity[c * kCells + ((act * kGenders + g) * kSkills + k) * kPersonOrigins + o] += 1;
    population[pick(alive, (c * kGenders + g) * kAgeGroups + group, spare_person + spare)] += 1;
    wage_sum[pick(works, (sec * kGenders + g) * kSkills + k, spare_wage + spare)] +=
        pv.pay[2 * q + (p.origin[i] == expatriate)];
    const bool counted = alive & trainee, certified_now = alive & (p.certified[i] != 0);
    trainees[0] += counted & (g == 0), trainees[1] += counted & (g == 1);
    certified[0] += certified_now & (g == 0), certified[1] += certified_now & (g == 1);
  }
  for (int x = 0; x < kGenders; ++x) a.trainees[x] += trainees[x], a.certified[x] += certified[x];
}

template <class T>
void add_to(std::vector<T>& acc, const std::vector<T>& x) {
  for (std::size_t i = 0; i < acc.size(); ++i) acc[i] += x[i];
}

}  // namespace

PersonCounts count_persons(const World& w, const Extents& ext) {
  const Layout L = layout_of(ext);
  const PostView pv = post_view(w.posts);
  const int wa = w.scenario->labour.working_age * 12, ra = w.scenario->labour.retirement_age * 12;
  const auto make = [&L] {
    return Partial{std::vector<std::int64_t>(L.activity.size(), 0),
                   std::vector<std::int64_t>(L.population.size() + kSpares, 0),
                   std::vector<Cents>(L.wage.size() + kSpares, 0)};
  };
  // One partial per thread, not per block: the counts are integers, exact in any order.
  tbb::enumerable_thread_specific<Partial> partials(make);
  par::for_blocks(w.persons.size(), [&](std::size_t b, std::size_t e) {
    count_block(w.persons, pv, L, wa, ra, partials.local(), b, e);
  });
  Partial all = make();
  partials.combine_each([&all](const Partial& x) {
    add_to(all.by_activity, x.by_activity);
    add_to(all.population, x.population);
    add_to(all.wage_sum, x.wage_sum);
    for (int g = 0; g < kGenders; ++g)
      all.trainees[g] += x.trainees[g], all.certified[g] += x.certified[g];
  });
  all.population.resize(L.population.size());  // the spare cells are dropped
  all.wage_sum.resize(L.wage.size());
  return {L.activity,
          std::move(all.by_activity),
          std::move(all.population),
          std::move(all.wage_sum),
          {all.trainees[0], all.trainees[1]},
          {all.certified[0], all.certified[1]}};
}

// fn(community, activity, gender, skill, origin, count) for every cell of the histogram.
template <class Fn>
void for_each_cell(const PersonCounts& pc, Fn&& fn) {
  const auto& x = pc.activity.extent;
  std::size_t at = 0;
  for (std::size_t c = 0; c < x[0]; ++c)
    for (std::size_t a = 0; a < x[1]; ++a)
      for (std::size_t g = 0; g < x[2]; ++g)
        for (std::size_t k = 0; k < x[3]; ++k)
          for (std::size_t o = 0; o < x[4]; ++o) fn(c, a, g, k, o, pc.by_activity[at++]);
}

std::int64_t female_mine_workers(const PersonCounts& pc) {
  std::int64_t n = 0;
  for_each_cell(pc, [&n](std::size_t, std::size_t a, std::size_t g, std::size_t, std::size_t,
                         std::int64_t x) {
    if (a == std::size_t{idx(Sector::kMine)} && g == std::size_t{idx(Gender::kFemale)}) n += x;
  });
  return n;
}

void person_indicators(const PersonCounts& pc, const Extents& ext, double up, Indicators& out) {
  const auto employment = shape_of<4>(&Indicators::employment, ext);
  const auto students = shape_of<2>(&Indicators::students, ext);
  const auto unemployed = shape_of<3>(&Indicators::unemployed, ext);
  const auto wage = shape_of<3>(&Indicators::mean_wage, ext);
  const auto by_origin = shape_of<3>(&Indicators::employment_by_origin, ext);
  std::vector<std::int64_t> emp(employment.size(), 0), school(students.size(), 0),
      seek(unemployed.size(), 0), wage_n(wage.size(), 0), origin(by_origin.size(), 0);
  for_each_cell(pc, [&](std::size_t c, std::size_t a, std::size_t g, std::size_t k, std::size_t o,
                        std::int64_t x) {
    if (a < std::size_t{kSectors}) {
      emp[employment(c, a, g, k)] += x;
      wage_n[wage(a, g, k)] += x;
      origin[by_origin(a, o, k)] += x;
    } else if (a == std::size_t{kAtSchool}) {
      school[students(c, g)] += x;
    } else if (a == std::size_t{kSeeking}) {
      seek[unemployed(c, g, k)] += x;
    }
  });
  const auto scaled = [up](const std::vector<std::int64_t>& v) {
    std::vector<double> r(v.size());
    for (std::size_t i = 0; i < v.size(); ++i) r[i] = static_cast<double>(v[i]) * up;
    return r;
  };
  out.employment = scaled(emp);
  out.students = scaled(school);
  out.population = scaled(pc.population);
  out.unemployed = scaled(seek);
  out.trainees = {static_cast<double>(pc.trainees[0]) * up,
                  static_cast<double>(pc.trainees[1]) * up};
  out.certified_workers = {static_cast<double>(pc.certified[0]) * up,
                           static_cast<double>(pc.certified[1]) * up};
  out.employment_by_origin = scaled(origin);
  out.mean_wage.assign(wage.size(), std::numeric_limits<double>::quiet_NaN());
  for (std::size_t i = 0; i < wage.size(); ++i)
    if (wage_n[i] > 0) out.mean_wage[i] = to_usd(pc.wage_sum[i]) / static_cast<double>(wage_n[i]);
}

}  // namespace minesim
