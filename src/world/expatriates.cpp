// Expatriates a mine brings from abroad (§7.10). Each open mine keeps a share of its high-skill
// posts (mines.*.expatriate_share; high skill covers management and professional roles in
// administration and technical work) held by expatriates. Before hiring, each (mine, occupation)
// high-skill post held by fewer expatriates than its target gets new ones, as far as it has
// vacancies: persons of origin expatriate living in the mine's host community, each in a household
// of their own, counted as in-migrants. The targets are the share of the posts' demand, rounded
// cumulatively over occupations, so that a mine's total is round(share x its high-skill posts)
// and no post gets more than its demand. So a mine starts, its first month open, with that share
// of its high-skill posts held by expatriates (they come before residents are hired), and an
// expatriate who leaves is replaced by another (rotation). A local hiring rule passing over
// non-locals with probability r lowers the share to share x (1 - r); under a localisation plan
// for high skill the mine brings none, so the plan's non-renewals replace expatriates by locals
// over time. Serial over mines in index order, and each newcomer's draws come from their own
// stream (kExpatriate, id, month), so the result does not depend on the thread count.
#include <algorithm>
#include <cmath>

#include "core/rng.h"
#include "world/labour_phases.h"

namespace minesim::labour {

namespace {

// The share of mine m's high-skill posts it wants held by expatriates this month.
double target_share(const World& w, std::size_t m) {
  const Levers& L = w.levers;
  const int high = idx(Skill::kHigh);
  if (L.localisation_rate[m][high] > 0 && L.localisation_target[m][high] > 0) return 0.0;
  return w.scenario->mines[m].expatriate_share * (1.0 - L.local_hiring_share[m]);
}

// Women among the expatriates a mine brings to occupation `occ`: those among newcomers
// (demography.migrant_female_share), each taken with the occupation's female acceptance, as
// hiring would take them from a pool of newcomers.
double female_share(const World& w, std::uint8_t occ) {
  const double f = w.scenario->demography.migrant_female_share;
  const double taken = f * w.levers.female_acceptance[occ];
  const double all = taken + (1.0 - f);
  return all > 0 ? taken / all : 0.0;
}

// A new expatriate holding mine post q.
void add_expatriate(World& w, std::uint32_t q, std::vector<std::int64_t>& filled) {
  const Scenario& s = *w.scenario;
  const DemographyParams& d = s.demography;
  Persons& p = w.persons;
  Posts& posts = w.posts;
  const auto id = static_cast<std::uint32_t>(p.size());
  const std::uint16_t c = posts.community[q];
  p.resize(id + 1);
  rng::Stream r(s.simulation.seed, rng::Purpose::kExpatriate, id, w.rng_month());
  p.age_months[id] = static_cast<std::uint16_t>(
      (d.newcomer_age_min + r.uniform() * (d.newcomer_age_max - d.newcomer_age_min)) * 12);
  p.gender[id] = r.bernoulli(female_share(w, posts.occupation[q])) ? 0 : 1;
  p.skill[id] = static_cast<std::uint8_t>(Skill::kHigh);
  p.education[id] = education_for_skill(p.skill[id], 0.0);
  p.participates[id] = 1;
  p.alive[id] = 1;
  p.origin[id] = static_cast<std::uint8_t>(Origin8::kExpatriate);
  p.community[id] = c;
  p.household[id] = w.households.push(c, id, p.gender[id] == 0, 1);
  p.job[id] = q;
  p.occupation[id] = posts.occupation[q];
  ++filled[q];
  ++posts.expatriates[q];
  ++w.communities[c].moved_in;
}

}  // namespace

void bring_expatriates(World& w, std::vector<std::int64_t>& filled) {
  const Posts& posts = w.posts;
  const int high = idx(Skill::kHigh);
  for (std::size_t m = 0; m < w.mines.size(); ++m) {
    const MineState& ms = w.mines[m];
    const double share = target_share(w, m);
    if (!ms.open || share <= 0) continue;
    std::int64_t demand_so_far = 0, target_so_far = 0;
    for (int o = 0; o < kOccupations; ++o) {
      const std::uint32_t q = mine_post(ms, o, high);
      demand_so_far += posts.demand[q];
      const std::int64_t cumulative = std::llround(share * static_cast<double>(demand_so_far));
      const std::int64_t target = cumulative - target_so_far;
      target_so_far = cumulative;
      const std::int64_t bring =
          std::min(target - posts.expatriates[q], posts.demand[q] - filled[q]);
      for (std::int64_t k = 0; k < bring; ++k) add_expatriate(w, q, filled);
    }
  }
}

}  // namespace minesim::labour
