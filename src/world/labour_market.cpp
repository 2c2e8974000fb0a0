// The labour market.
//
// 1. Separations (parallel over persons): retirement at labour.retirement_age; voluntary quits at
//    labour.quit_rate (all sectors but farming and informal work); under a localisation plan
//    (local hiring requirement, skills-training succession plan), non-local mine employees whose
//    contract is not renewed (purpose kLocalisation). Then filled counts per post, and how many
//    holders are expatriates (they are paid more, agents/posts.h). An expatriate whose mine job
//    ends, here or by a layoff in 2, leaves the region.
// 2. Excess: a post holding more persons than it wants orders its employees by a priority drawn
//    from each employee's own stream (purpose kSeparation). At a mine, the first of them, up to
//    redeploy_share of the excess, are retrained into the mine's vacant posts (technical roles
//    first) and take that post's skill; the rest are laid off, unless the mine shrinks only by
//    attrition (no_forced_redundancy).
// 2b. Expatriates (world/expatriates.cpp): each mine brings expatriates into its vacant
//    high-skill posts up to its share (mines.*.expatriate_share).
// 3. Hiring (world/hiring.cpp): job seekers (world/rules.h) form pools by (community, skill, in
//    farming); posts are visited by sector and index and take seekers of their skill in ascending
//    priority (purpose kHiring), subject to commuting, the occupation network, the hiring bias and
//    the reservation wage.
// The localisation probabilities are in world/localisation.cpp. All draws are per person and
// month, so the outcome never depends on thread order.
#include "world/labour_market.h"

#include <algorithm>
#include <cmath>

#include "core/parallel.h"
#include "core/rng.h"
#include "world/labour_phases.h"
#include "world/rules.h"

namespace minesim {

namespace {

using labour::Key;
using Entry = std::pair<std::uint32_t, Key>;  // (post, key)

// Unfilled non-farming posts after hiring, by community and skill (they draw migrants). An ASM
// rush counts as low-skill openings: people come to dig.
void record_vacancies(World& w) {
  for (auto& c : w.communities) c.vacancies.fill(0);
  const Posts& posts = w.posts;
  for (std::size_t k = 0; k < posts.count(); ++k) {
    if (posts.sector[k] == idx(Sector::kFarmingInformal)) continue;
    const std::int64_t open = posts.demand[k] - posts.filled[k];
    if (open <= 0) continue;
    const int skill = posts.skill[k] == kAnySkill ? idx(Skill::kLow) : posts.skill[k];
    w.communities[posts.community[k]].vacancies[skill] += open;
  }
}

bool is_expatriate(const Persons& p, std::uint32_t id) {
  return p.origin[id] == static_cast<std::uint8_t>(Origin8::kExpatriate);
}

// An expatriate's stay is tied to their mine contract: one whose mine job ends (quit, retirement,
// contract not renewed, layoff) leaves the region rather than seeking local work.
bool leaves_with_job(const World& w, std::uint32_t id, std::uint32_t post) {
  return is_expatriate(w.persons, id) && w.posts.sector[post] == idx(Sector::kMine);
}

// 1. Retirement, quits and contracts a localisation plan does not renew; returns the filled
// count of every post and sets its count of expatriate holders. Expatriates whose mine job ends
// leave the region (counted as out-migrants).
std::vector<std::int64_t> separate(World& w, const std::vector<double>& not_renewed) {
  const Scenario& s = *w.scenario;
  Persons& p = w.persons;
  const Posts& posts = w.posts;
  const auto seed = s.simulation.seed;
  const std::uint32_t month = w.rng_month();
  const int ra = working_age(s.labour).to;
  const double quit = s.labour.quit_rate;
  const Shape<2> renew_at = labour::localisation_shape(w);
  const std::size_t np = posts.count(), nc = w.communities.size();
  // Filled counts in [0, np), expatriate holders in [np, 2 np), expatriates leaving by community
  // from 2 np.
  std::vector<std::int64_t> held = par::reduce_blocks<std::vector<std::int64_t>>(
      p.size(), [&] { return std::vector<std::int64_t>(2 * np + nc, 0); },
      [&](std::vector<std::int64_t>& acc, std::size_t b, std::size_t e) {
        for (std::size_t i = b; i < e; ++i) {
          std::uint32_t j = p.job[i];
          if (j == kNoJob) continue;
          if (p.age_months[i] >= ra) {
            j = kNoJob;
          } else if (quit > 0 && posts.sector[j] != idx(Sector::kFarmingInformal)) {
            rng::Stream r(seed, rng::Purpose::kQuit, static_cast<std::uint32_t>(i), month);
            if (r.bernoulli(quit)) j = kNoJob;
          }
          if (j != kNoJob && !not_renewed.empty() && posts.sector[j] == idx(Sector::kMine) &&
              p.origin[i] != static_cast<std::uint8_t>(Origin8::kLocal)) {
            const double pr = not_renewed[renew_at(posts.owner[j], posts.skill[j])];
            if (pr > 0) {
              rng::Stream r(seed, rng::Purpose::kLocalisation, static_cast<std::uint32_t>(i),
                            month);
              if (r.bernoulli(pr)) j = kNoJob;
            }
          }
          const auto id = static_cast<std::uint32_t>(i);
          if (j == kNoJob && leaves_with_job(w, id, p.job[i])) {
            p.alive[i] = 0;
            ++acc[2 * np + p.community[i]];
          }
          p.job[i] = j;
          if (j == kNoJob) continue;
          ++acc[j];
          if (is_expatriate(p, static_cast<std::uint32_t>(i))) ++acc[np + j];
        }
      },
      [](std::vector<std::int64_t>& a, const std::vector<std::int64_t>& x) {
        for (std::size_t k = 0; k < a.size(); ++k) a[k] += x[k];
      });
  const auto at = [&](std::size_t k) { return held.begin() + static_cast<std::ptrdiff_t>(k); };
  w.posts.expatriates.assign(at(np), at(2 * np));
  for (std::size_t c = 0; c < nc; ++c) w.communities[c].moved_out += held[2 * np + c];
  held.resize(np);
  return held;
}

// The employees of posts over demand, each keyed by a priority from their own stream (purpose
// kSeparation), grouped by post (counting sort, order within a post kept). Only each post's
// `over` lowest keys need ordering: a partial sort instead of sorting every employee of the post;
// a post that may not shed walks all its employees (for redeployment) and orders them all.
std::vector<Entry> excess_employees(const World& w, const std::vector<std::int64_t>& filled,
                                    const std::vector<std::uint8_t>& excess) {
  const Persons& p = w.persons;
  const Posts& posts = w.posts;
  const std::size_t np = posts.count();
  const auto seed = w.scenario->simulation.seed;
  const std::uint32_t month = w.rng_month();
  const auto cand = par::reduce_blocks<std::vector<Entry>>(
      p.size(), [] { return std::vector<Entry>{}; },
      [&](std::vector<Entry>& acc, std::size_t b, std::size_t e) {
        for (std::size_t i = b; i < e; ++i) {
          const std::uint32_t j = p.job[i];
          if (j == kNoJob || !excess[j]) continue;
          rng::Stream r(seed, rng::Purpose::kSeparation, static_cast<std::uint32_t>(i), month);
          acc.emplace_back(j, labour::make_key(r.priority(), static_cast<std::uint32_t>(i)));
        }
      },
      [](std::vector<Entry>& a, const std::vector<Entry>& x) {
        a.insert(a.end(), x.begin(), x.end());
      });
  std::vector<std::size_t> start(np + 1, 0);
  for (const auto& e : cand) ++start[e.first + 1];
  for (std::size_t q = 0; q < np; ++q) start[q + 1] += start[q];
  std::vector<Entry> grouped(cand.size());
  std::vector<std::size_t> next(start.begin(), start.end() - 1);
  for (const auto& e : cand) grouped[next[e.first]++] = e;
  for (std::size_t q = 0; q < np; ++q) {
    if (start[q] == start[q + 1]) continue;
    auto b = grouped.begin() + static_cast<std::ptrdiff_t>(start[q]);
    auto e = grouped.begin() + static_cast<std::ptrdiff_t>(start[q + 1]);
    const auto k = posts.may_shed[q]
                       ? std::min<std::ptrdiff_t>(
                             e - b, std::max<std::int64_t>(0, filled[q] - posts.demand[q]))
                       : e - b;
    if (k < e - b) std::nth_element(b, b + k, e);
    std::sort(b, b + k);
  }
  return grouped;
}

// Redeployment quotas per mine: a share of its excess, at most its vacancies.
std::vector<std::int64_t> redeploy_quotas(const World& w, const std::vector<std::int64_t>& filled) {
  const Posts& posts = w.posts;
  std::vector<std::int64_t> quota(w.mines.size(), 0);
  for (std::size_t m = 0; m < w.mines.size(); ++m) {
    const MineState& ms = w.mines[m];
    std::int64_t over = 0, vacant = 0;
    for (std::uint32_t q = ms.first_post; q < ms.first_post + kOccupations * kSkills; ++q) {
      over += std::max<std::int64_t>(0, filled[q] - posts.demand[q]);
      vacant += std::max<std::int64_t>(0, posts.demand[q] - filled[q]);
    }
    quota[m] = std::min(vacant, static_cast<std::int64_t>(std::floor(w.levers.redeploy_share[m] *
                                                                     static_cast<double>(over))));
  }
  return quota;
}

// Retrains employee `id` of an over-full mine post into the mine's vacant post with the highest
// index (technical, high skill); false when the mine has no vacant post.
bool redeploy(World& w, std::uint32_t id, std::uint32_t post, std::vector<std::int64_t>& filled) {
  Persons& p = w.persons;
  const Posts& posts = w.posts;
  MineState& ms = w.mines[posts.owner[post]];
  for (std::uint32_t q = ms.first_post + kOccupations * kSkills; q-- > ms.first_post;) {
    if (posts.demand[q] <= filled[q]) continue;
    p.job[id] = q;
    if (is_expatriate(p, id)) --w.posts.expatriates[post], ++w.posts.expatriates[q];
    p.skill[id] = posts.skill[q];
    p.occupation[id] = posts.occupation[q];
    p.certified[id] = 1;  // the mine's retraining certifies
    ++filled[q];
    --filled[post];
    ++ms.redeployed;
    return true;
  }
  return false;
}

// 2. Posts over demand: the first employees in key order are redeployed (mines, up to the
// quota), the rest laid off unless the post may not shed.
void resolve_excess(World& w, std::vector<std::int64_t>& filled) {
  Persons& p = w.persons;
  const Posts& posts = w.posts;
  const std::size_t np = posts.count();
  std::vector<std::uint8_t> excess(np, 0);
  bool any_excess = false;
  for (std::size_t k = 0; k < np; ++k)
    if (filled[k] > posts.demand[k]) excess[k] = 1, any_excess = true;
  if (!any_excess) return;
  const std::vector<Entry> cand = excess_employees(w, filled, excess);
  std::vector<std::int64_t> quota = redeploy_quotas(w, filled);
  std::size_t i = 0;
  while (i < cand.size()) {
    const std::uint32_t post = cand[i].first;
    std::int64_t over = filled[post] - posts.demand[post];
    const bool mine = posts.sector[post] == idx(Sector::kMine);
    const std::uint32_t m = posts.owner[post];
    for (; i < cand.size() && cand[i].first == post; ++i) {
      if (over <= 0) continue;
      const std::uint32_t id = labour::key_id(cand[i].second);
      if (mine && quota[m] > 0) {
        if (redeploy(w, id, post, filled)) {
          --quota[m];
          --over;
        }
        if (p.job[id] != post) continue;
      }
      if (!posts.may_shed[post]) continue;
      if (leaves_with_job(w, id, post)) {
        --w.posts.expatriates[post];
        p.alive[id] = 0;
        ++w.communities[p.community[id]].moved_out;
      }
      p.job[id] = kNoJob;
      --filled[post];
      --over;
      if (mine) ++w.mines[m].layoffs;
    }
  }
}

}  // namespace

void age_persons(World& w) {
  Persons& p = w.persons;
  par::for_blocks(p.size(), [&](std::size_t b, std::size_t e) {
    // Without a branch, so that the loop vectorises (alive is 0 or 1).
    for (std::size_t i = b; i < e; ++i)
      p.age_months[i] =
          static_cast<std::uint16_t>(p.age_months[i] + (p.alive[i] & (p.age_months[i] < 0xFFFF)));
  });
}

void set_local_labour_demand(World& w) {
  const Scenario& s = *w.scenario;
  const Persons& p = w.persons;
  const std::size_t nc = s.communities.size();
  const WorkingAge wa = working_age(s.labour);
  // Working-age persons per community (integers: any reduction order is exact).
  const auto working = par::reduce_blocks<std::vector<std::int64_t>>(
      p.size(), [&] { return std::vector<std::int64_t>(nc, 0); },
      [&](std::vector<std::int64_t>& acc, std::size_t b, std::size_t e) {
        // Persons come in long runs of one community: count a run in a register and add it when
        // the community changes (one add per run, not a store and reload per person).
        std::size_t run_community = p.community[b];
        std::int64_t run = 0;
        for (std::size_t i = b; i < e; ++i) {
          if (p.community[i] != run_community) {
            acc[run_community] += run;
            run_community = p.community[i];
            run = 0;
          }
          run += p.alive[i] & wa.contains(p.age_months[i]);
        }
        acc[run_community] += run;
      },
      [](std::vector<std::int64_t>& a, const std::vector<std::int64_t>& x) {
        for (std::size_t c = 0; c < a.size(); ++c) a[c] += x[c];
      });
  for (std::size_t c = 0; c < nc; ++c) {
    const auto& cp = s.communities[c];
    const CommunityState& cs = w.communities[c];
    // Local economy: the jobs last month's final demand supports (world/households.cpp).
    double jobs = 0;
    for (double j : cs.jobs) jobs += j;
    for (int k = 0; k < kSkills; ++k)
      w.posts.demand[cs.local_posts + k] = std::llround(jobs * cp.skill_shares[k]);
    w.posts.demand[cs.farming_post] =
        std::llround(cp.farming_capacity_share * static_cast<double>(working[c]));
    w.communities[c].working_age = working[c];
  }
}

void run_labour_market(World& w) {
  for (auto& m : w.mines) m.layoffs = m.redeployed = 0;
  const std::vector<double> not_renewed = labour::localisation_probabilities(w);
  std::vector<std::int64_t> filled = separate(w, not_renewed);
  resolve_excess(w, filled);
  labour::bring_expatriates(w, filled);
  labour::hire(w, filled);
  w.posts.filled = std::move(filled);
  record_vacancies(w);
}

}  // namespace minesim
