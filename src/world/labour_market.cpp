// The labour market.
//
// 1. Separations (parallel over persons): retirement at labour.retirement_age; voluntary quits at
//    labour.quit_rate (all sectors but farming and informal work); under a localisation plan
//    (local hiring requirement, skills-training succession plan), non-local mine employees whose
//    contract is not renewed (purpose kLocalisation). Then filled counts per post.
// 2. Excess: a post holding more persons than it wants orders its employees by a priority drawn
//    from each employee's own stream (purpose kSeparation). At a mine, the first of them, up to
//    redeploy_share of the excess, are retrained into the mine's vacant posts (technical roles
//    first) and take that post's skill; the rest are laid off, unless the mine shrinks only by
//    attrition (no_forced_redundancy).
// 3. Hiring: job seekers (working age, participating, without a job or in farming/informal work)
//    form pools by (community, skill, in farming). Posts are visited by sector (mines, suppliers,
//    local economy, farming) and index; each takes seekers of its skill in ascending priority
//    (purpose kHiring). Mines hire from every community in their catchment, a resident of another
//    community accepting with a weight that falls linearly with distance (purpose kCommute); a
//    mine post takes a person only along the occupation network (labour.related,
//    labour.entry_occupations; technical roles need certification or high skill) and accepts a
//    female candidate with probability labour.mine_female_acceptance of the occupation
//    (kHiringBias). Nobody leaves farming for a post that pays less (reservation wage). Farming
//    takes only persons without any job or training. All draws are per person and month, so the
//    outcome never depends on thread order.
#include "world/labour_market.h"

#include <algorithm>
#include <cmath>

#include "core/parallel.h"
#include "core/rng.h"

namespace minesim {

namespace {

using Key = std::uint64_t;  // priority << 32 | person id: unique, so every sort is deterministic

Key make_key(std::uint32_t priority, std::uint32_t id) {
  return (static_cast<Key>(priority) << 32) | id;
}
std::uint32_t key_id(Key k) { return static_cast<std::uint32_t>(k); }

// Seekers of one (community, skill, in-farming) pool, sorted lazily by key: only as much of the
// pool as hiring reaches gets sorted (vacancies are usually few next to the pool).
struct Pool {
  std::vector<Key> keys;
  std::vector<std::uint8_t> taken;
  std::size_t sorted = 0;

  // Makes keys[0, n) the n smallest, in order.
  void ensure(std::size_t n) {
    if (n <= sorted || sorted == keys.size()) return;
    const std::size_t k = std::min(keys.size(), std::max({n, 2 * sorted, std::size_t{64}}));
    auto first = keys.begin() + static_cast<std::ptrdiff_t>(sorted);
    auto kth = keys.begin() + static_cast<std::ptrdiff_t>(k);
    if (kth != keys.end()) std::nth_element(first, kth, keys.end());
    std::sort(first, kth);
    sorted = k;
  }
  bool has(std::size_t pos) {
    ensure(pos + 1);
    return pos < keys.size();
  }
};

std::size_t pool_index(std::size_t community, int skill, bool farming) {
  return (community * kSkills + static_cast<std::size_t>(skill)) * 2 + (farming ? 1 : 0);
}

// Hiring order of sectors.
int sector_rank(std::uint8_t sector) {
  switch (static_cast<Sector>(sector)) {
    case Sector::kMine: return 0;
    case Sector::kSupplier: return 1;
    case Sector::kAsm: return 2;
    case Sector::kLocalEconomy: return 3;
    case Sector::kFarmingInformal: return 4;
  }
  return 5;
}

// The communities a post hires from, with the acceptance weight of their residents.
std::vector<std::pair<std::uint16_t, double>> sources(const World& w, std::uint32_t post) {
  if (w.posts.sector[post] == idx(Sector::kMine)) return w.mines[w.posts.owner[post]].catchment;
  return {{w.posts.community[post], 1.0}};
}

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

// Localisation plans (§7.10): the probability, per mine and skill, that a non-local employee's
// contract is not renewed this month. The expected number not renewed is the plan's rate times the
// non-local employees, at most the non-locals above the target share and at most the local
// candidates for those posts (local seekers of the skill in the mine's catchment, each weighted by
// their community's commuting weight; under a local hiring rule also those one level below, whom
// the mine trains on the job). Empty when no plan is in force. Counts are integers, so the result
// does not depend on the thread count.
std::vector<double> localisation_probabilities(const World& w) {
  const Levers& L = w.levers;
  const std::size_t nm = w.mines.size(), nc = w.communities.size();
  bool any = false;
  for (std::size_t m = 0; m < nm; ++m)
    for (int k = 0; k < kSkills; ++k)
      any = any || (L.localisation_rate[m][k] > 0 && L.localisation_target[m][k] > 0);
  if (!any) return {};
  const Scenario& s = *w.scenario;
  const Persons& p = w.persons;
  const Posts& posts = w.posts;
  const int wa = s.labour.working_age * 12, ra = s.labour.retirement_age * 12;
  constexpr auto kLocal = static_cast<std::uint8_t>(Origin8::kLocal);
  // [0, nm*kSkills*2): employees by mine, skill and (non-local, local); then local seekers by
  // community and skill.
  const std::size_t held = nm * kSkills * 2;
  const auto counts = par::reduce_blocks<std::vector<std::int64_t>>(
      p.size(), [&] { return std::vector<std::int64_t>(held + nc * kSkills, 0); },
      [&](std::vector<std::int64_t>& acc, std::size_t b, std::size_t e) {
        for (std::size_t i = b; i < e; ++i) {
          if (!p.alive[i]) continue;
          const std::uint32_t j = p.job[i];
          const bool local = p.origin[i] == kLocal;
          if (j != kNoJob && posts.sector[j] == idx(Sector::kMine)) {
            ++acc[(posts.owner[j] * kSkills + posts.skill[j]) * 2 + (local ? 1 : 0)];
            continue;
          }
          if (!local || !p.participates[i] || p.training[i] || p.age_months[i] < wa ||
              p.age_months[i] >= ra || is_student(p.education[i], p.age_months[i]))
            continue;
          if (j != kNoJob && posts.sector[j] != idx(Sector::kFarmingInformal)) continue;
          ++acc[held + p.community[i] * kSkills + p.skill[i]];
        }
      },
      [](std::vector<std::int64_t>& a, const std::vector<std::int64_t>& x) {
        for (std::size_t k = 0; k < a.size(); ++k) a[k] += x[k];
      });
  std::vector<double> prob(nm * kSkills, 0.0);
  for (std::size_t m = 0; m < nm; ++m)
    for (int k = 0; k < kSkills; ++k) {
      const double rate = L.localisation_rate[m][k], target = L.localisation_target[m][k];
      const auto nonlocal = static_cast<double>(counts[(m * kSkills + k) * 2]);
      const auto local = static_cast<double>(counts[(m * kSkills + k) * 2 + 1]);
      if (rate <= 0 || target <= 0 || nonlocal <= 0) continue;
      const bool on_job = L.local_hiring_share[m] > 0 && k > 0;
      auto seekers = [&](std::size_t c, int skill) {
        return static_cast<double>(counts[held + c * kSkills + static_cast<std::size_t>(skill)]);
      };
      double candidates = 0;
      for (const auto& [c, weight] : w.mines[m].catchment)
        candidates += weight * (seekers(c, k) + (on_job ? seekers(c, k - 1) : 0.0));
      const double above = nonlocal - (1.0 - target) * (nonlocal + local);
      const double ends = std::min({rate * nonlocal, above, candidates});
      if (ends > 0) prob[m * kSkills + static_cast<std::size_t>(k)] = ends / nonlocal;
    }
  return prob;
}

}  // namespace

void age_persons(World& w) {
  Persons& p = w.persons;
  par::for_blocks(p.size(), [&](std::size_t b, std::size_t e) {
    for (std::size_t i = b; i < e; ++i)
      if (p.alive[i] && p.age_months[i] < 0xFFFF) ++p.age_months[i];
  });
}

void set_local_labour_demand(World& w) {
  const Scenario& s = *w.scenario;
  const Persons& p = w.persons;
  const std::size_t nc = s.communities.size();
  const int wa = s.labour.working_age * 12, ra = s.labour.retirement_age * 12;
  // Working-age persons per community (integers: any reduction order is exact).
  const auto working = par::reduce_blocks<std::vector<std::int64_t>>(
      p.size(), [&] { return std::vector<std::int64_t>(nc, 0); },
      [&](std::vector<std::int64_t>& acc, std::size_t b, std::size_t e) {
        for (std::size_t i = b; i < e; ++i)
          if (p.alive[i] && p.age_months[i] >= wa && p.age_months[i] < ra) ++acc[p.community[i]];
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
  const Scenario& s = *w.scenario;
  Persons& p = w.persons;
  Posts& posts = w.posts;
  const std::size_t np = posts.count();
  const auto seed = s.simulation.seed;
  const std::uint32_t month = w.rng_month();
  const int wa = s.labour.working_age * 12, ra = s.labour.retirement_age * 12;
  const double quit = s.labour.quit_rate;
  for (auto& m : w.mines) m.layoffs = m.redeployed = 0;
  const std::vector<double> not_renewed = localisation_probabilities(w);

  // 1. Retirement, quits and contracts a localisation plan does not renew; filled counts.
  auto filled = par::reduce_blocks<std::vector<std::int64_t>>(
      p.size(), [&] { return std::vector<std::int64_t>(np, 0); },
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
            const double pr = not_renewed[posts.owner[j] * kSkills + posts.skill[j]];
            if (pr > 0) {
              rng::Stream r(seed, rng::Purpose::kLocalisation, static_cast<std::uint32_t>(i),
                            month);
              if (r.bernoulli(pr)) j = kNoJob;
            }
          }
          p.job[i] = j;
          if (j != kNoJob) ++acc[j];
        }
      },
      [](std::vector<std::int64_t>& a, const std::vector<std::int64_t>& x) {
        for (std::size_t k = 0; k < a.size(); ++k) a[k] += x[k];
      });

  // 2. Posts over demand: redeploy (mines), then shed the lowest-priority employees.
  std::vector<std::uint8_t> excess(np, 0);
  bool any_excess = false;
  for (std::size_t k = 0; k < np; ++k)
    if (filled[k] > posts.demand[k]) excess[k] = 1, any_excess = true;
  if (any_excess) {
    using Entry = std::pair<std::uint32_t, Key>;  // (post, key)
    auto cand = par::reduce_blocks<std::vector<Entry>>(
        p.size(), [] { return std::vector<Entry>{}; },
        [&](std::vector<Entry>& acc, std::size_t b, std::size_t e) {
          for (std::size_t i = b; i < e; ++i) {
            const std::uint32_t j = p.job[i];
            if (j == kNoJob || !excess[j]) continue;
            rng::Stream r(seed, rng::Purpose::kSeparation, static_cast<std::uint32_t>(i), month);
            acc.emplace_back(j, make_key(r.priority(), static_cast<std::uint32_t>(i)));
          }
        },
        [](std::vector<Entry>& a, const std::vector<Entry>& x) {
          a.insert(a.end(), x.begin(), x.end());
        });
    // Group by post (counting sort, order within a post kept), then only each post's `over`
    // lowest keys need ordering: a partial sort instead of sorting every employee of the post.
    {
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
        // A post that may not shed walks all its employees (for redeployment): order them all.
        const auto k = posts.may_shed[q]
                           ? std::min<std::ptrdiff_t>(e - b, std::max<std::int64_t>(0, filled[q] - posts.demand[q]))
                           : e - b;
        if (k < e - b) std::nth_element(b, b + k, e);
        std::sort(b, b + k);
      }
      cand = std::move(grouped);
    }
    // Redeployment quotas per mine: a share of its excess, at most its vacancies.
    std::vector<std::int64_t> quota(w.mines.size(), 0);
    for (std::size_t m = 0; m < w.mines.size(); ++m) {
      const MineState& ms = w.mines[m];
      std::int64_t over = 0, vacant = 0;
      for (std::uint32_t q = ms.first_post; q < ms.first_post + kOccupations * kSkills; ++q) {
        over += std::max<std::int64_t>(0, filled[q] - posts.demand[q]);
        vacant += std::max<std::int64_t>(0, posts.demand[q] - filled[q]);
      }
      quota[m] = std::min(vacant, static_cast<std::int64_t>(std::floor(
                                      w.levers.redeploy_share[m] * static_cast<double>(over))));
    }
    std::size_t i = 0;
    while (i < cand.size()) {
      const std::uint32_t post = cand[i].first;
      std::int64_t over = filled[post] - posts.demand[post];
      const bool mine = posts.sector[post] == idx(Sector::kMine);
      const std::uint32_t m = posts.owner[post];
      for (; i < cand.size() && cand[i].first == post; ++i) {
        if (over <= 0) continue;
        const std::uint32_t id = key_id(cand[i].second);
        if (mine && quota[m] > 0) {
          // Retrained into the mine's vacant post with the highest index (technical, high skill).
          const MineState& ms = w.mines[m];
          for (std::uint32_t q = ms.first_post + kOccupations * kSkills; q-- > ms.first_post;) {
            if (posts.demand[q] <= filled[q]) continue;
            p.job[id] = q;
            p.skill[id] = posts.skill[q];
            p.occupation[id] = posts.occupation[q];
            p.certified[id] = 1;  // the mine's retraining certifies
            ++filled[q];
            --filled[post];
            --quota[m];
            --over;
            ++w.mines[m].redeployed;
            break;
          }
          if (p.job[id] != post) continue;
        }
        if (!posts.may_shed[post]) continue;
        p.job[id] = kNoJob;
        --filled[post];
        --over;
        if (mine) ++w.mines[m].layoffs;
      }
    }
  }

  // 3. Hiring into vacancies, posts in sector order.
  const std::size_t nc = w.communities.size();
  std::vector<std::uint8_t> pool_needed(nc * kSkills * 2, 0);
  std::vector<std::uint32_t> order;
  for (std::uint32_t k = 0; k < np; ++k) {
    if (posts.demand[k] <= filled[k]) continue;
    order.push_back(k);
    const bool farm = posts.sector[k] == idx(Sector::kFarmingInformal);
    for (const auto& [c, weight] : sources(w, k))
      for (int sk = 0; sk < kSkills; ++sk) {
        if (posts.skill[k] != kAnySkill && posts.skill[k] != sk) continue;
        pool_needed[pool_index(c, sk, false)] = 1;
        if (!farm) pool_needed[pool_index(c, sk, true)] = 1;
      }
  }
  if (order.empty()) {
    posts.filled = std::move(filled);
    record_vacancies(w);
    return;
  }
  // Farming can refill what other posts take from it this month: its pools are always built.
  for (std::size_t c = 0; c < nc; ++c)
    for (int sk = 0; sk < kSkills; ++sk) pool_needed[pool_index(c, sk, false)] = 1;
  for (std::uint32_t k = 0; k < np; ++k)
    if (posts.sector[k] == idx(Sector::kFarmingInformal) && posts.demand[k] > 0 &&
        std::find(order.begin(), order.end(), k) == order.end())
      order.push_back(k);
  std::stable_sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
    const int ra_ = sector_rank(posts.sector[a]), rb = sector_rank(posts.sector[b]);
    return ra_ != rb ? ra_ < rb : a < b;
  });

  const std::size_t npools = pool_needed.size();
  auto pool_of = [&](std::size_t i) -> std::ptrdiff_t {
    if (!p.alive[i] || !p.participates[i] || p.training[i] || p.age_months[i] < wa ||
        p.age_months[i] >= ra || is_student(p.education[i], p.age_months[i]))
      return -1;
    const std::uint32_t j = p.job[i];
    bool farming = false;
    if (j != kNoJob) {
      if (posts.sector[j] != idx(Sector::kFarmingInformal)) return -1;
      farming = true;
    }
    const std::size_t q = pool_index(p.community[i], p.skill[i], farming);
    return pool_needed[q] ? static_cast<std::ptrdiff_t>(q) : -1;
  };
  // Count per block and pool, scan, then scatter: pools list persons in id order.
  const std::size_t nb = par::block_count(p.size());
  std::vector<std::uint32_t> counts(nb * npools, 0);
  par::for_blocks(p.size(), [&](std::size_t b, std::size_t e) {
    std::uint32_t* row = &counts[(b / par::kBlock) * npools];
    for (std::size_t i = b; i < e; ++i)
      if (auto q = pool_of(i); q >= 0) ++row[q];
  });
  std::vector<Pool> pools(npools);
  std::vector<std::uint32_t> offsets(nb * npools, 0);
  for (std::size_t q = 0; q < npools; ++q) {
    std::uint32_t run = 0;
    for (std::size_t b = 0; b < nb; ++b) {
      offsets[b * npools + q] = run;
      run += counts[b * npools + q];
    }
    pools[q].keys.resize(run);
    pools[q].taken.assign(run, 0);
  }
  par::for_blocks(p.size(), [&](std::size_t b, std::size_t e) {
    std::uint32_t* off = &offsets[(b / par::kBlock) * npools];
    for (std::size_t i = b; i < e; ++i) {
      const auto q = pool_of(i);
      if (q < 0) continue;
      rng::Stream r(seed, rng::Purpose::kHiring, static_cast<std::uint32_t>(i), month);
      pools[q].keys[off[q]++] = make_key(r.priority(), static_cast<std::uint32_t>(i));
    }
  });

  const LabourParams& lp = s.labour;  // occupation network
  // Whether a mine post of occupation `occ` can take the person: the occupation network (a move
  // to an unrelated occupation needs training), certification for technical roles, commuting,
  // and the hiring bias by gender (one draw per person and month).
  auto accepted_by_mine = [&](std::uint32_t id, std::uint32_t post, double commute_weight) {
    const std::uint8_t occ = posts.occupation[post];
    const std::uint8_t from = p.occupation[id];
    if (occ == idx(Occupation::kTechnical)) {
      // Technical and remote-operations roles: graduates (high skill) or certified workers; under
      // a local hiring rule the mine certifies locals it trains on the job.
      const bool on_job = w.levers.local_hiring_share[posts.owner[post]] > 0 &&
                          p.origin[id] == static_cast<std::uint8_t>(Origin8::kLocal);
      if (!p.certified[id] && p.skill[id] != idx(Skill::kHigh) && !on_job) return false;
    } else if (from == kNoOccupation) {
      if (!lp.entry[occ]) return false;
    } else if (from != occ && !lp.related[from][occ]) {
      return false;
    }
    if (commute_weight < 1.0) {
      rng::Stream r(seed, rng::Purpose::kCommute, id, month);
      if (!r.bernoulli(commute_weight)) return false;
    }
    // A local hiring rule passes over candidates from outside the region.
    const double local_rule = w.levers.local_hiring_share[posts.owner[post]];
    if (local_rule > 0 && p.origin[id] != static_cast<std::uint8_t>(Origin8::kLocal)) {
      rng::Stream r(seed, rng::Purpose::kHiringBias, id, month ^ 0x40000000u);
      if (r.bernoulli(local_rule)) return false;
    }
    if (p.gender[id] != idx(Gender::kFemale)) return true;
    rng::Stream r(seed, rng::Purpose::kHiringBias, id, month);
    return r.bernoulli(w.levers.female_acceptance[occ]);
  };

  // ASM roles by gender: processing is done mostly by women, digging mostly by men. The other
  // gender is taken with the probability that gives those shares among equal candidates.
  auto accepted_by_asm = [&](std::uint32_t id, std::uint8_t role) {
    const double f = role == 1 ? s.asm_params.processing_share_female
                               : s.asm_params.digging_share_female;
    const bool female = p.gender[id] == idx(Gender::kFemale);
    double accept = 1.0;
    if (f >= 0.5 && !female) accept = (1.0 - f) / f;
    if (f < 0.5 && female) accept = f / (1.0 - f);
    if (accept >= 1.0) return true;
    rng::Stream r(seed, rng::Purpose::kHiringBias, id, month ^ 0x80000000u);
    return r.bernoulli(accept);
  };
  struct Source {
    Pool* pool;
    std::size_t pos;
    double weight;
  };
  std::vector<Source> src;
  for (std::uint32_t k : order) {
    std::int64_t vacancies = posts.demand[k] - filled[k];
    if (vacancies <= 0) continue;
    const bool farm = posts.sector[k] == idx(Sector::kFarmingInformal);
    const bool mine = posts.sector[k] == idx(Sector::kMine);
    // The pools this post draws from, with a cursor each; a k-way merge by key.
    src.clear();
    // Under a local hiring rule a mine also takes locals one skill level below the post and
    // trains them on the job (they count as redeployed: the mine pays the retraining cost).
    const bool upskill = mine && w.levers.local_hiring_share[posts.owner[k]] > 0 &&
                         posts.skill[k] != kAnySkill && posts.skill[k] > 0;
    for (const auto& [c, weight] : sources(w, k))
      for (int sk = 0; sk < kSkills; ++sk) {
        const bool exact = posts.skill[k] == kAnySkill || posts.skill[k] == sk;
        const bool below = upskill && sk + 1 == posts.skill[k];
        if (!exact && !below) continue;
        src.push_back({&pools[pool_index(c, sk, false)], 0, weight});
        if (!farm) src.push_back({&pools[pool_index(c, sk, true)], 0, weight});
      }
    while (vacancies > 0) {
      Source* best = nullptr;
      for (Source& so : src) {
        Pool& pl = *so.pool;
        while (pl.has(so.pos) && pl.taken[so.pos]) ++so.pos;
        if (!pl.has(so.pos)) continue;
        if (!best || pl.keys[so.pos] < best->pool->keys[best->pos]) best = &so;
      }
      if (!best) break;  // no seekers left
      const std::size_t at = best->pos++;
      const std::uint32_t id = key_id(best->pool->keys[at]);
      if (mine && !accepted_by_mine(id, k, best->weight)) continue;
      const bool trained_on_job = mine && posts.skill[k] != kAnySkill && p.skill[id] < posts.skill[k];
      if (trained_on_job && p.origin[id] != static_cast<std::uint8_t>(Origin8::kLocal)) continue;
      if (posts.sector[k] == idx(Sector::kAsm) && !accepted_by_asm(id, posts.occupation[k])) continue;
      // Reservation wage: nobody leaves farming or informal work for less than it pays.
      if (p.job[id] != kNoJob && posts.net_wage[k] <= posts.net_wage[p.job[id]]) continue;
      best->pool->taken[at] = 1;
      if (p.job[id] != kNoJob) --filled[p.job[id]];
      if (mine) p.occupation[id] = posts.occupation[k];
      if (trained_on_job) {
        p.skill[id] = posts.skill[k];
        if (posts.occupation[k] == idx(Occupation::kTechnical)) p.certified[id] = 1;
        ++w.mines[posts.owner[k]].redeployed;
      }
      p.job[id] = k;
      ++filled[k];
      --vacancies;
    }
  }
  posts.filled = std::move(filled);
  record_vacancies(w);
}

}  // namespace minesim
