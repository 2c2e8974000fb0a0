// Hiring (step 3 of the labour market, world/labour_market.cpp). Job seekers (world/rules.h) form
// pools by (community, skill, in farming), each seeker keyed by a priority from their own stream
// (purpose kHiring). Posts with vacancies are visited by sector (mines, suppliers, ASM, local
// economy, farming) and index; each takes seekers of its skill in ascending key over the pools it
// draws from (a k-way merge). Mines hire from every community in their catchment, a resident of
// another community accepting with a weight that falls linearly with distance (purpose kCommute);
// whom a post accepts is in hiring_accept.cpp (the occupation network, the hiring bias, the
// reservation wage). Farming takes only persons without any job or training.
//
// Within one part of the labour market (labour_parts.cpp) posts hire in two steps per sector, so
// that the scanning runs in parallel and the data stay those of one loop over posts in order:
// each post of the sector first lists, in parallel, the seekers it would accept in key order
// (reading, taking nobody); then the posts, in order, take the first of their listed seekers that
// no earlier post took. Whether a post accepts a seeker depends only on the post and on the
// seeker's own columns and draws, which change only when the seeker is taken, so a list read
// before the takes is what the serial scan would accept. A post whose list runs out before its
// vacancies (earlier posts took more than the list's margin) scans on serially from where its
// listing stopped.
#include <algorithm>
#include <atomic>
#include <bit>
#include <mutex>
#include <span>
#include <unordered_map>

#include "core/parallel.h"
#include "core/rng.h"
#include "world/labour_phases.h"
#include "world/rules.h"

namespace minesim::labour {

namespace {

// Seekers of one (community, skill, in-farming) pool, sorted lazily by key: only as much of the
// pool as hiring reaches gets sorted (vacancies are usually few next to the pool). Posts listing
// their seekers at the same time may extend the sorted prefix: one at a time (the mutex), and
// readers of keys[0, sorted) are never disturbed (only the tail beyond it is reordered). The
// prefix holds the smallest keys in order whoever extended it, so its content is deterministic.
struct Pool {
  std::vector<Key> keys;
  std::vector<std::uint8_t> taken;
  std::atomic<std::size_t> sorted{0};
  std::mutex sorting;
  std::size_t certified_left = 0;  // certified seekers not yet taken (see Source::certified_only)

  // Makes keys[0, n) the n smallest, in order.
  void ensure(std::size_t n) {
    const std::size_t seen = sorted.load(std::memory_order_acquire);
    if (n <= seen || seen == keys.size()) return;
    const std::lock_guard<std::mutex> lock(sorting);
    const std::size_t done = sorted.load(std::memory_order_relaxed);
    if (n <= done || done == keys.size()) return;
    const std::size_t k = std::min(keys.size(), std::max({n, 2 * done, std::size_t{64}}));
    auto first = keys.begin() + static_cast<std::ptrdiff_t>(done);
    auto kth = keys.begin() + static_cast<std::ptrdiff_t>(k);
    if (kth != keys.end()) std::nth_element(first, kth, keys.end());
    std::sort(first, kth);
    sorted.store(k, std::memory_order_release);
  }
  bool has(std::size_t pos) {
    ensure(pos + 1);
    return pos < keys.size();
  }
};

// A pool a post draws from, with the post's cursor in it and the commuting weight of its
// community.
// A technical post without a local hiring rule, drawing on a pool below high skill, can take only
// certified seekers (accepted_by_mine): once it has passed over as many untaken certified seekers
// as the pool holds, the rest of the pool cannot give it anyone, and it stops reading the pool
// (which it would otherwise scan to the end every month, one person's columns at a time). It
// takes the same persons as the full scan: passing a seeker over has no effect.
struct Source {
  Pool* pool;
  std::size_t pos;
  double weight;
  bool certified_only = false;
  std::size_t certified_seen = 0;  // untaken certified seekers this post passed over
  bool exhausted() const { return certified_only && certified_seen >= pool->certified_left; }
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

// Posts with vacancies in hiring order (sector, then index), and which pools they need; `order`
// is empty when no post has a vacancy.
struct HiringPlan {
  std::vector<std::uint32_t> order;
  std::vector<std::uint8_t> pool_needed;
};

HiringPlan plan_hiring(const World& w, const std::vector<std::int64_t>& filled) {
  const Posts& posts = w.posts;
  const std::size_t np = posts.count(), nc = w.communities.size();
  HiringPlan plan{{}, std::vector<std::uint8_t>(nc * kSkills * 2, 0)};
  std::vector<std::uint32_t>& order = plan.order;
  for (std::uint32_t k = 0; k < np; ++k) {
    if (posts.demand[k] <= filled[k]) continue;
    order.push_back(k);
    const bool farm = posts.sector[k] == idx(Sector::kFarmingInformal);
    for (const auto& [c, weight] : sources(w, k))
      for (int sk = 0; sk < kSkills; ++sk) {
        if (posts.skill[k] != kAnySkill && posts.skill[k] != sk) continue;
        plan.pool_needed[pool_index(c, sk, false)] = 1;
        if (!farm) plan.pool_needed[pool_index(c, sk, true)] = 1;
      }
  }
  if (order.empty()) return plan;
  // Farming can refill what other posts take from it this month: its pools are always built.
  for (std::size_t c = 0; c < nc; ++c)
    for (int sk = 0; sk < kSkills; ++sk) plan.pool_needed[pool_index(c, sk, false)] = 1;
  // (A post with a vacancy is listed already: demand above filled.)
  for (std::uint32_t k = 0; k < np; ++k)
    if (posts.sector[k] == idx(Sector::kFarmingInformal) && posts.demand[k] > 0 &&
        posts.demand[k] <= filled[k])
      order.push_back(k);
  std::stable_sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
    const int ra = sector_rank(posts.sector[a]), rb = sector_rank(posts.sector[b]);
    return ra != rb ? ra < rb : a < b;
  });
  return plan;
}

// The needed pools, each listing its seekers' keys in id order: counts per block and pool, a
// scan, then a scatter (no allocation per person; independent of the thread count).
// Also lists, in id order, the seekers who work on a farm outside their home community (for
// posts_by_part), found in the same pass over persons.
std::vector<Pool> build_pools(const World& w, const std::vector<std::uint8_t>& pool_needed, Draws d,
                              CommunityPairs& farms_elsewhere) {
  const Persons& p = w.persons;
  const Posts& posts = w.posts;
  const WorkingAge wa = working_age(w.scenario->labour);
  const std::size_t npools = pool_needed.size();
  auto pool_of = [&](std::size_t i) -> std::ptrdiff_t {
    if (!seeks_work(p, posts, i, wa)) return -1;
    const std::size_t q = pool_index(p.community[i], p.skill[i], p.job[i] != kNoJob);
    return pool_needed[q] ? static_cast<std::ptrdiff_t>(q) : -1;
  };
  const std::size_t nb = par::block_count(p.size());
  std::vector<std::uint32_t> counts(nb * npools, 0), certified(nb * npools, 0);
  std::vector<CommunityPairs> elsewhere(nb);
  // One bit per person: a seeker in a needed pool. The scatter then visits only them (a block is
  // a whole number of 64-bit words, so blocks write disjoint words).
  static_assert(par::kBlock % 64 == 0);
  std::vector<std::uint64_t> is_seeker((p.size() + 63) / 64, 0);
  par::for_blocks(p.size(), [&](std::size_t b, std::size_t e) {
    std::uint32_t* row = &counts[(b / par::kBlock) * npools];
    std::uint32_t* cert = &certified[(b / par::kBlock) * npools];
    for (std::size_t i = b; i < e; ++i) {
      const auto q = pool_of(i);
      if (q < 0) continue;
      is_seeker[i / 64] |= std::uint64_t{1} << (i % 64);
      ++row[q];
      cert[q] += p.certified[i];
      if (p.job[i] != kNoJob && posts.community[p.job[i]] != p.community[i])
        elsewhere[b / par::kBlock].emplace_back(p.community[i], posts.community[p.job[i]]);
    }
  });
  for (const CommunityPairs& block : elsewhere)
    farms_elsewhere.insert(farms_elsewhere.end(), block.begin(), block.end());
  std::vector<Pool> pools(npools);
  std::vector<std::uint32_t> offsets(nb * npools, 0);
  for (std::size_t q = 0; q < npools; ++q) {
    std::uint32_t run = 0;
    for (std::size_t b = 0; b < nb; ++b) {
      offsets[b * npools + q] = run;
      run += counts[b * npools + q];
      pools[q].certified_left += certified[b * npools + q];
    }
    pools[q].keys.resize(run);
    pools[q].taken.assign(run, 0);
  }
  par::for_blocks(p.size(), [&](std::size_t b, std::size_t e) {
    std::uint32_t* off = &offsets[(b / par::kBlock) * npools];
    for (std::size_t word = b / 64; word * 64 < e; ++word)
      for (std::uint64_t bits = is_seeker[word]; bits != 0; bits &= bits - 1) {
        const std::size_t i = word * 64 + static_cast<std::size_t>(std::countr_zero(bits));
        const std::size_t q = pool_index(p.community[i], p.skill[i], p.job[i] != kNoJob);
        rng::Stream r(d.seed, rng::Purpose::kHiring, static_cast<std::uint32_t>(i), d.month);
        pools[q].keys[off[q]++] = make_key(r.priority(), static_cast<std::uint32_t>(i));
      }
  });
  return pools;
}

// The pools post k draws from, each with a cursor at its start. Under a local hiring rule a mine
// also takes locals one skill level below the post and trains them on the job (they count as
// redeployed: the mine pays the retraining cost).
void post_sources(const World& w, std::uint32_t k, std::vector<Pool>& pools,
                  std::vector<Source>& src) {
  const Posts& posts = w.posts;
  const bool farm = posts.sector[k] == idx(Sector::kFarmingInformal);
  const bool mine = posts.sector[k] == idx(Sector::kMine);
  const bool upskill = mine && w.levers.local_hiring_share[posts.owner[k]] > 0 &&
                       posts.skill[k] != kAnySkill && posts.skill[k] > 0;
  const bool technical = mine && posts.occupation[k] == idx(Occupation::kTechnical) &&
                         !(w.levers.local_hiring_share[posts.owner[k]] > 0);
  src.clear();
  for (const auto& [c, weight] : sources(w, k))
    for (int sk = 0; sk < kSkills; ++sk) {
      const bool exact = posts.skill[k] == kAnySkill || posts.skill[k] == sk;
      const bool below = upskill && sk + 1 == posts.skill[k];
      if (!exact && !below) continue;
      const bool certified_only = technical && sk != idx(Skill::kHigh);
      src.push_back({&pools[pool_index(c, sk, false)], 0, weight, certified_only});
      if (!farm) src.push_back({&pools[pool_index(c, sk, true)], 0, weight, certified_only});
    }
}

// The source whose next untaken seeker has the smallest key (nullptr when all are exhausted).
Source* next_seeker(std::vector<Source>& src) {
  Source* best = nullptr;
  for (Source& so : src) {
    if (so.exhausted()) continue;
    Pool& pl = *so.pool;
    while (pl.has(so.pos) && pl.taken[so.pos]) ++so.pos;
    if (!pl.has(so.pos)) continue;
    if (!best || pl.keys[so.pos] < best->pool->keys[best->pos]) best = &so;
  }
  return best;
}

// Person `id` takes post k, leaving any farming post.
void take_post(World& w, std::uint32_t id, std::uint32_t k, bool trained_on_job,
               std::vector<std::int64_t>& filled) {
  Persons& p = w.persons;
  const Posts& posts = w.posts;
  // The post's expatriate count follows `filled` (the extra an expatriate is paid, agents/posts.h).
  const std::int64_t expatriate = p.origin[id] == static_cast<std::uint8_t>(Origin8::kExpatriate);
  if (p.job[id] != kNoJob) {
    --filled[p.job[id]];
    w.posts.expatriates[p.job[id]] -= expatriate;
  }
  if (posts.sector[k] == idx(Sector::kMine)) p.occupation[id] = posts.occupation[k];
  if (trained_on_job) {
    p.skill[id] = posts.skill[k];
    if (posts.occupation[k] == idx(Occupation::kTechnical)) p.certified[id] = 1;
    ++w.mines[posts.owner[k]].redeployed;
  }
  p.job[id] = k;
  ++filled[k];
  w.posts.expatriates[k] += expatriate;
}

// Visits post k's untaken seekers in key order over its sources and calls accept(source, at, id,
// trained_on_job) for each it accepts, until accept returns false; the seekers it does not accept
// stay in their pools for later posts. Returns whether the sources ran out.
template <class Accept>
bool scan_post(const World& w, Draws d, std::uint32_t k, std::vector<Source>& src,
               Accept&& accept) {
  const Persons& p = w.persons;
  const Posts& posts = w.posts;
  const bool mine = posts.sector[k] == idx(Sector::kMine);
  for (;;) {
    Source* best = next_seeker(src);
    if (!best) return true;  // no seekers left
    const std::size_t at = best->pos++;
    const std::uint32_t id = key_id(best->pool->keys[at]);
    const bool trained_on_job = mine && posts.skill[k] != kAnySkill && p.skill[id] < posts.skill[k];
    if (!takes(w, d, k, id, best->weight, trained_on_job)) {
      if (best->certified_only) best->certified_seen += p.certified[id];
      continue;
    }
    if (!accept(*best->pool, at, id, trained_on_job)) return false;
  }
}

// Seeker `at` of pool `pl` takes post k.
void take_from_pool(World& w, std::uint32_t k, Pool& pl, std::size_t at, bool trained_on_job,
                    std::vector<std::int64_t>& filled) {
  const std::uint32_t id = key_id(pl.keys[at]);
  pl.taken[at] = 1;
  pl.certified_left -= w.persons.certified[id];
  take_post(w, id, k, trained_on_job, filled);
}

// The seekers a post would accept, in key order, read before any post of its sector takes one,
// and where the reading stopped in each source. A listed seeker is 8 bytes (a post may list
// tens of thousands: farming in a spin-up month): the pool's index with trained_on_job in its
// top bit (pools number 6 per community, far below 2^31), and the seeker's place in the pool.
struct Listed {
  static constexpr std::uint32_t kTrained = std::uint32_t{1} << 31;
  std::uint32_t pool_and_trained;
  std::uint32_t at;
  std::uint32_t pool() const { return pool_and_trained & ~kTrained; }
  bool trained_on_job() const { return (pool_and_trained & kTrained) != 0; }
};
static_assert(sizeof(Listed) == 8);
struct Speculation {
  std::vector<Listed> seekers;
  std::vector<Source> cursors;  // each source's position after the last seeker read
  bool complete = false;        // the sources ran out: the list holds every seeker it would accept
};

Speculation list_seekers(const World& w, Draws d, std::uint32_t k, std::vector<Pool>& pools,
                         std::size_t limit) {
  Speculation out;
  if (limit == 0) return out;
  post_sources(w, k, pools, out.cursors);
  out.complete =
      scan_post(w, d, k, out.cursors, [&](Pool& pl, std::size_t at, std::uint32_t, bool t) {
        const auto q = static_cast<std::uint32_t>(&pl - pools.data());
        out.seekers.push_back({q | (t ? Listed::kTrained : 0u), static_cast<std::uint32_t>(at)});
        return out.seekers.size() < limit;
      });
  return out;
}

// Post k takes the first of its listed seekers that no earlier post took. When they run out
// before its vacancies, it scans on from where the listing stopped, as the serial scan would have
// gone on past the same seekers (it would have taken the same listed ones and passed over the
// rest); a post that listed nothing (list cap 0) scans from the start. The count of certified
// seekers passed over restarts at 0: some it counted may have been taken since, and a count too
// low only makes the post read further (see Source).
void commit_post(World& w, Draws d, std::uint32_t k, Speculation& listed, std::vector<Pool>& pools,
                 std::vector<std::int64_t>& filled) {
  std::int64_t vacancies = w.posts.demand[k] - filled[k];
  if (vacancies <= 0) return;
  for (const Listed& l : listed.seekers) {
    Pool& pl = pools[l.pool()];
    if (pl.taken[l.at]) continue;
    take_from_pool(w, k, pl, l.at, l.trained_on_job(), filled);
    if (--vacancies == 0) return;
  }
  if (listed.complete) return;
  if (listed.cursors.empty()) post_sources(w, k, pools, listed.cursors);
  for (Source& so : listed.cursors) so.certified_seen = 0;
  scan_post(w, d, k, listed.cursors, [&](Pool& pl, std::size_t at, std::uint32_t, bool t) {
    take_from_pool(w, k, pl, at, t, filled);
    return --vacancies > 0;
  });
}

// How many seekers each post of `run` (posts of one sector, in order) lists: its vacancies plus
// the vacancies of the earlier posts of the run that draw on the same pools (at most that many of
// its seekers can be taken before it), but at most twice its vacancies and 16 (listing to that
// bound made the bench's mines list 50 times their vacancies, more work than the serial scan; the
// few posts that run out scan on serially) and at most `cap`.
std::vector<std::size_t> list_limits(const World& w, std::span<const std::uint32_t> run,
                                     std::vector<Pool>& pools,
                                     const std::vector<std::int64_t>& filled, std::size_t cap,
                                     std::vector<Source>& src) {
  std::vector<std::size_t> limits(run.size(), 0);
  std::unordered_map<const Pool*, std::size_t> before;  // vacancies of earlier posts, by pool
  for (std::size_t r = 0; r < run.size(); ++r) {
    const std::uint32_t k = run[r];
    const std::int64_t vacancies = w.posts.demand[k] - filled[k];
    if (vacancies <= 0) continue;
    post_sources(w, k, pools, src);
    std::size_t limit = static_cast<std::size_t>(vacancies);
    for (const Source& so : src) {
      const auto it = before.find(so.pool);
      if (it != before.end()) limit += it->second;
    }
    limits[r] = std::min({limit, 2 * static_cast<std::size_t>(vacancies) + 16, cap});
    for (const Source& so : src) before[so.pool] += static_cast<std::size_t>(vacancies);
  }
  return limits;
}

// One part's posts (hiring order): each sector's posts list their seekers in parallel, then take
// them in order.
void hire_part(World& w, Draws d, const std::vector<std::uint32_t>& order, std::vector<Pool>& pools,
               std::vector<std::int64_t>& filled, std::size_t cap) {
  const Posts& posts = w.posts;
  std::vector<Source> src;
  std::vector<Speculation> listed;
  for (std::size_t first = 0; first < order.size();) {
    std::size_t last = first;
    const int rank = sector_rank(posts.sector[order[first]]);
    while (last < order.size() && sector_rank(posts.sector[order[last]]) == rank) ++last;
    const std::span<const std::uint32_t> run(order.data() + first, last - first);
    first = last;
    const std::vector<std::size_t> limits = list_limits(w, run, pools, filled, cap, src);
    listed.assign(run.size(), {});
    par::for_blocks(
        run.size(),
        [&](std::size_t b, std::size_t e) {
          for (std::size_t r = b; r < e; ++r)
            listed[r] = list_seekers(w, d, run[r], pools, limits[r]);
        },
        1);
    for (std::size_t r = 0; r < run.size(); ++r)
      commit_post(w, d, run[r], listed[r], pools, filled);
  }
}

}  // namespace

void hire(World& w, std::vector<std::int64_t>& filled) {
  const HiringPlan plan = plan_hiring(w, filled);
  if (plan.order.empty()) return;
  const Draws d{w.scenario->simulation.seed, w.rng_month()};
  CommunityPairs farms_elsewhere;
  std::vector<Pool> pools = build_pools(w, plan.pool_needed, d, farms_elsewhere);
  // The independent parts fill their posts at the same time (labour_parts.cpp), each in order.
  const std::vector<std::vector<std::uint32_t>> parts =
      posts_by_part(w, plan.order, farms_elsewhere);
  const std::size_t cap = hiring_list_cap.load(std::memory_order_relaxed);
  par::for_blocks(
      parts.size(),
      [&](std::size_t b, std::size_t e) {
        for (std::size_t part = b; part < e; ++part)
          hire_part(w, d, parts[part], pools, filled, cap);
      },
      1);
}

}  // namespace minesim::labour
