// Localisation plans (§7.10): the probability, per mine and skill, that a non-local employee's
// contract is not renewed this month. The expected number not renewed is the plan's rate times the
// non-local employees, at most the non-locals above the target share and at most the local
// candidates for those posts (local seekers of the skill in the mine's catchment, each weighted by
// their community's commuting weight; under a local hiring rule also those one level below, whom
// the mine trains on the job). Empty when no plan is in force. Counts are integers, so the result
// does not depend on the thread count.
#include <algorithm>

#include "core/parallel.h"
#include "world/labour_phases.h"
#include "world/rules.h"

namespace minesim::labour {

namespace {

bool any_plan(const World& w) {
  const Levers& L = w.levers;
  bool any = false;
  for (std::size_t m = 0; m < w.mines.size(); ++m)
    for (int k = 0; k < kSkills; ++k)
      any = any || (L.localisation_rate[m][k] > 0 && L.localisation_target[m][k] > 0);
  return any;
}

// The two blocks of the counts: first employees by mine, skill and (non-local, local); then, from
// held.size(), local seekers by community and skill.
struct CountShapes {
  Shape<3> held;
  Shape<2> seekers;
};
CountShapes count_shapes(const World& w) {
  return {{{w.mines.size(), kSkills, 2}}, {{w.communities.size(), kSkills}}};
}

std::vector<std::int64_t> count_employees_and_local_seekers(const World& w, const CountShapes& sh) {
  const Persons& p = w.persons;
  const Posts& posts = w.posts;
  const WorkingAge wa = working_age(w.scenario->labour);
  constexpr auto kLocal = static_cast<std::uint8_t>(Origin8::kLocal);
  const std::size_t held = sh.held.size();
  return par::reduce_blocks<std::vector<std::int64_t>>(
      p.size(), [&] { return std::vector<std::int64_t>(held + sh.seekers.size(), 0); },
      [&](std::vector<std::int64_t>& acc, std::size_t b, std::size_t e) {
        for (std::size_t i = b; i < e; ++i) {
          if (!p.alive[i]) continue;
          const std::uint32_t j = p.job[i];
          const bool local = p.origin[i] == kLocal;
          if (j != kNoJob && posts.sector[j] == idx(Sector::kMine)) {
            ++acc[sh.held(posts.owner[j], posts.skill[j], local ? 1 : 0)];
            continue;
          }
          if (local && seeks_work(p, posts, i, wa))
            ++acc[held + sh.seekers(p.community[i], p.skill[i])];
        }
      },
      [](std::vector<std::int64_t>& a, const std::vector<std::int64_t>& x) {
        for (std::size_t k = 0; k < a.size(); ++k) a[k] += x[k];
      });
}

}  // namespace

std::vector<double> localisation_probabilities(const World& w) {
  if (!any_plan(w)) return {};
  const Levers& L = w.levers;
  const std::size_t nm = w.mines.size();
  const CountShapes sh = count_shapes(w);
  const std::size_t held = sh.held.size();
  const std::vector<std::int64_t> counts = count_employees_and_local_seekers(w, sh);
  const Shape<2> at = localisation_shape(w);
  std::vector<double> prob(at.size(), 0.0);
  for (std::size_t m = 0; m < nm; ++m)
    for (int k = 0; k < kSkills; ++k) {
      const double rate = L.localisation_rate[m][k], target = L.localisation_target[m][k];
      const auto nonlocal = static_cast<double>(counts[sh.held(m, k, 0)]);
      const auto local = static_cast<double>(counts[sh.held(m, k, 1)]);
      if (rate <= 0 || target <= 0 || nonlocal <= 0) continue;
      const bool on_job = L.local_hiring_share[m] > 0 && k > 0;
      auto seekers = [&](std::size_t c, int skill) {
        return static_cast<double>(counts[held + sh.seekers(c, skill)]);
      };
      double candidates = 0;
      for (const auto& [c, weight] : w.mines[m].catchment)
        candidates += weight * (seekers(c, k) + (on_job ? seekers(c, k - 1) : 0.0));
      const double above = nonlocal - (1.0 - target) * (nonlocal + local);
      const double ends = std::min({rate * nonlocal, above, candidates});
      if (ends > 0) prob[at(m, k)] = ends / nonlocal;
    }
  return prob;
}

}  // namespace minesim::labour
