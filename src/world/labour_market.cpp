// The labour market of the foundation slice.
//
// 1. Separations (parallel over persons): retirement at labour.retirement_age; voluntary quits at
//    labour.quit_rate (mine and local-economy jobs). Then filled counts per post.
// 2. Excess: a post holding more persons than it wants sheds the employees with the lowest
//    priority drawn from each employee's own stream (purpose kSeparation).
// 3. Hiring: job seekers (working age, participating, without a job or in farming/informal work)
//    form pools by (community, skill, in farming). Posts are visited in index order (mines, local
//    economy, farming); each takes, in ascending priority (purpose kHiring), the seekers of its
//    community and skill. Farming takes only those without any job. A mine accepts a female
//    candidate with probability labour.mine_female_hiring_odds (one draw per person and month).
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

}  // namespace

void age_persons(World& w) {
  Persons& p = w.persons;
  par::for_blocks(p.size(), [&](std::size_t b, std::size_t e) {
    for (std::size_t i = b; i < e; ++i)
      if (p.age_months[i] < 0xFFFF) ++p.age_months[i];
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
          if (p.age_months[i] >= wa && p.age_months[i] < ra) ++acc[p.community[i]];
      },
      [](std::vector<std::int64_t>& a, const std::vector<std::int64_t>& x) {
        for (std::size_t c = 0; c < a.size(); ++c) a[c] += x[c];
      });
  for (std::size_t c = 0; c < nc; ++c) {
    const auto& cp = s.communities[c];
    const CommunityState& cs = w.communities[c];
    // Local economy: its wage fund is labour_share of last month's local sales.
    const double fund = s.economy.local_labour_share * static_cast<double>(cs.business_sales);
    for (int k = 0; k < kSkills; ++k) {
      const std::uint32_t post = cs.local_posts + k;
      w.posts.demand[post] = static_cast<std::int64_t>(
          fund * cp.skill_shares[k] / static_cast<double>(w.posts.wage[post]));
    }
    w.posts.demand[cs.farming_post] =
        std::llround(cp.farming_capacity_share * static_cast<double>(working[c]));
  }
}

void run_labour_market(World& w) {
  const Scenario& s = *w.scenario;
  Persons& p = w.persons;
  Posts& posts = w.posts;
  const std::size_t np = posts.count();
  const auto seed = s.simulation.seed;
  const auto step = static_cast<std::uint32_t>(w.step);
  const int wa = s.labour.working_age * 12, ra = s.labour.retirement_age * 12;
  const double quit = s.labour.quit_rate;

  // 1. Retirement and quits; filled counts.
  auto filled = par::reduce_blocks<std::vector<std::int64_t>>(
      p.size(), [&] { return std::vector<std::int64_t>(np, 0); },
      [&](std::vector<std::int64_t>& acc, std::size_t b, std::size_t e) {
        for (std::size_t i = b; i < e; ++i) {
          std::uint32_t j = p.job[i];
          if (j == kNoJob) continue;
          if (p.age_months[i] >= ra) {
            j = kNoJob;
          } else if (quit > 0 && posts.sector[j] != idx(Sector::kFarmingInformal)) {
            rng::Stream r(seed, rng::Purpose::kQuit, static_cast<std::uint32_t>(i), step);
            if (r.bernoulli(quit)) j = kNoJob;
          }
          p.job[i] = j;
          if (j != kNoJob) ++acc[j];
        }
      },
      [](std::vector<std::int64_t>& a, const std::vector<std::int64_t>& x) {
        for (std::size_t k = 0; k < a.size(); ++k) a[k] += x[k];
      });

  // 2. Posts over demand shed their lowest-priority employees.
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
            rng::Stream r(seed, rng::Purpose::kSeparation, static_cast<std::uint32_t>(i), step);
            acc.emplace_back(j, make_key(r.priority(), static_cast<std::uint32_t>(i)));
          }
        },
        [](std::vector<Entry>& a, const std::vector<Entry>& x) {
          a.insert(a.end(), x.begin(), x.end());
        });
    std::sort(cand.begin(), cand.end());
    std::size_t i = 0;
    while (i < cand.size()) {
      const std::uint32_t post = cand[i].first;
      std::int64_t shed = filled[post] - posts.demand[post];
      for (; i < cand.size() && cand[i].first == post; ++i)
        if (shed-- > 0) {
          p.job[key_id(cand[i].second)] = kNoJob;
          --filled[post];
        }
    }
  }

  // 3. Hiring into vacancies.
  const std::size_t nc = w.communities.size();
  std::vector<std::uint8_t> pool_needed(nc * kSkills * 2, 0);
  bool any_vacancy = false;
  for (std::size_t k = 0; k < np; ++k) {
    if (posts.demand[k] <= filled[k]) continue;
    any_vacancy = true;
    const std::size_t c = posts.community[k];
    const bool farm = posts.sector[k] == idx(Sector::kFarmingInformal);
    for (int sk = 0; sk < kSkills; ++sk) {
      if (posts.skill[k] != kAnySkill && posts.skill[k] != sk) continue;
      pool_needed[pool_index(c, sk, false)] = 1;
      if (!farm) pool_needed[pool_index(c, sk, true)] = 1;
    }
  }
  if (any_vacancy) {
    const std::size_t npools = pool_needed.size();
    auto pool_of = [&](std::size_t i) -> std::ptrdiff_t {
      if (!p.participates[i] || p.age_months[i] < wa || p.age_months[i] >= ra) return -1;
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
        rng::Stream r(seed, rng::Purpose::kHiring, static_cast<std::uint32_t>(i), step);
        pools[q].keys[off[q]++] = make_key(r.priority(), static_cast<std::uint32_t>(i));
      }
    });

    const double odds = s.labour.mine_female_hiring_odds;
    auto accepted_by_mine = [&](std::uint32_t id) {
      if (p.gender[id] != idx(Gender::kFemale)) return true;
      rng::Stream r(seed, rng::Purpose::kHiringBias, id, step);
      return r.bernoulli(odds);
    };

    for (std::size_t k = 0; k < np; ++k) {
      std::int64_t vacancies = posts.demand[k] - filled[k];
      if (vacancies <= 0) continue;
      const std::size_t c = posts.community[k];
      const bool farm = posts.sector[k] == idx(Sector::kFarmingInformal);
      const bool mine = posts.sector[k] == idx(Sector::kMine);
      // The pools this post draws from, with a cursor each; a k-way merge by key.
      std::array<Pool*, 2 * kSkills> src{};
      std::array<std::size_t, 2 * kSkills> pos{};
      int ns = 0;
      for (int sk = 0; sk < kSkills; ++sk) {
        if (posts.skill[k] != kAnySkill && posts.skill[k] != sk) continue;
        src[ns++] = &pools[pool_index(c, sk, false)];
        if (!farm) src[ns++] = &pools[pool_index(c, sk, true)];
      }
      while (vacancies > 0) {
        int best = -1;
        Key best_key = 0;
        for (int t = 0; t < ns; ++t) {
          Pool& pl = *src[t];
          while (pl.has(pos[t]) && pl.taken[pos[t]]) ++pos[t];
          if (!pl.has(pos[t])) continue;
          if (best < 0 || pl.keys[pos[t]] < best_key) best = t, best_key = pl.keys[pos[t]];
        }
        if (best < 0) break;  // no seekers left
        const std::size_t at = pos[best]++;
        const std::uint32_t id = key_id(best_key);
        if (mine && !accepted_by_mine(id)) continue;
        src[best]->taken[at] = 1;
        if (p.job[id] != kNoJob) --filled[p.job[id]];
        p.job[id] = static_cast<std::uint32_t>(k);
        ++filled[k];
        --vacancies;
      }
    }
  }
  posts.filled = std::move(filled);
}

}  // namespace minesim
