// Hiring (step 3 of the labour market, world/labour_market.cpp). Job seekers (world/rules.h) form
// pools by (community, skill, in farming), each seeker keyed by a priority from their own stream
// (purpose kHiring). Posts with vacancies are visited by sector (mines, suppliers, ASM, local
// economy, farming) and index; each takes seekers of its skill in ascending key over the pools it
// draws from (a k-way merge). Mines hire from every community in their catchment, a resident of
// another community accepting with a weight that falls linearly with distance (purpose kCommute);
// a mine post takes a person only along the occupation network (labour.related,
// labour.entry_occupations; technical roles need certification or high skill) and accepts a
// female candidate with probability labour.mine_female_acceptance of the occupation
// (kHiringBias). Nobody leaves farming for a post that pays less (reservation wage). Farming takes
// only persons without any job or training.
#include <algorithm>

#include "core/parallel.h"
#include "core/rng.h"
#include "world/labour_phases.h"
#include "world/rules.h"

namespace minesim::labour {

namespace {

// Seekers of one (community, skill, in-farming) pool, sorted lazily by key: only as much of the
// pool as hiring reaches gets sorted (vacancies are usually few next to the pool).
struct Pool {
  std::vector<Key> keys;
  std::vector<std::uint8_t> taken;
  std::size_t sorted = 0;
  std::size_t certified_left = 0;  // certified seekers not yet taken (see Source::certified_only)

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

// The stream coordinates of this month's hiring draws.
struct Draws {
  std::uint64_t seed;
  std::uint32_t month;
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
  par::for_blocks(p.size(), [&](std::size_t b, std::size_t e) {
    std::uint32_t* row = &counts[(b / par::kBlock) * npools];
    std::uint32_t* cert = &certified[(b / par::kBlock) * npools];
    for (std::size_t i = b; i < e; ++i) {
      const auto q = pool_of(i);
      if (q < 0) continue;
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
    for (std::size_t i = b; i < e; ++i) {
      const auto q = pool_of(i);
      if (q < 0) continue;
      rng::Stream r(d.seed, rng::Purpose::kHiring, static_cast<std::uint32_t>(i), d.month);
      pools[q].keys[off[q]++] = make_key(r.priority(), static_cast<std::uint32_t>(i));
    }
  });
  return pools;
}

// Whether a mine post can take the person: the occupation network (a move to an unrelated
// occupation needs training), certification for technical roles, commuting, a local hiring rule
// and the hiring bias by gender (one draw per person and month each).
bool accepted_by_mine(const World& w, Draws d, std::uint32_t id, std::uint32_t post,
                      double commute_weight) {
  const Persons& p = w.persons;
  const Posts& posts = w.posts;
  const LabourParams& lp = w.scenario->labour;  // occupation network
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
    rng::Stream r(d.seed, rng::Purpose::kCommute, id, d.month);
    if (!r.bernoulli(commute_weight)) return false;
  }
  // A local hiring rule passes over candidates from outside the region.
  const double local_rule = w.levers.local_hiring_share[posts.owner[post]];
  if (local_rule > 0 && p.origin[id] != static_cast<std::uint8_t>(Origin8::kLocal)) {
    rng::Stream r(d.seed, rng::Purpose::kHiringBias, id,
                  rng::sub(d.month, rng::MonthSub::kLocalHiringRule));
    if (r.bernoulli(local_rule)) return false;
  }
  if (p.gender[id] != idx(Gender::kFemale)) return true;
  rng::Stream r(d.seed, rng::Purpose::kHiringBias, id, d.month);
  return r.bernoulli(w.levers.female_acceptance[occ]);
}

// ASM roles by gender: processing is done mostly by women, digging and pit management mostly by
// men. The other gender is taken with the probability that gives those shares among equal
// candidates. A site (country) may set its own women's share of each role (negative: unset).
double asm_female_share(const World& w, std::uint32_t site, std::uint8_t role) {
  const AsmParams& a = w.scenario->asm_params;
  const AsmSiteParams& own = w.scenario->asm_sites[site];
  const auto pick = [](double site_value, double asm_value) {
    return site_value >= 0 ? site_value : asm_value;
  };
  switch (static_cast<AsmRole>(role)) {
    case AsmRole::kProcessing: return pick(own.processing_share_female, a.processing_share_female);
    case AsmRole::kManaging: return pick(own.managing_share_female, a.managing_share_female);
    case AsmRole::kDigging: break;
  }
  return pick(own.digging_share_female, a.digging_share_female);
}

bool accepted_by_asm(const World& w, Draws d, std::uint32_t id, std::uint32_t site,
                     std::uint8_t role) {
  const double f = asm_female_share(w, site, role);
  const bool female = w.persons.gender[id] == idx(Gender::kFemale);
  double accept = 1.0;
  if (f >= 0.5 && !female) accept = (1.0 - f) / f;
  if (f < 0.5 && female) accept = f / (1.0 - f);
  if (accept >= 1.0) return true;
  rng::Stream r(d.seed, rng::Purpose::kHiringBias, id, rng::sub(d.month, rng::MonthSub::kAsmRole));
  return r.bernoulli(accept);
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

// Whether post k takes seeker `id` (untaken, reached in key order): the mine's and the ASM site's
// acceptance, on-the-job training only for locals, and the reservation wage.
bool takes(const World& w, Draws d, std::uint32_t k, std::uint32_t id, double weight,
           bool trained_on_job) {
  const Persons& p = w.persons;
  const Posts& posts = w.posts;
  if (posts.sector[k] == idx(Sector::kMine) && !accepted_by_mine(w, d, id, k, weight)) return false;
  if (trained_on_job && p.origin[id] != static_cast<std::uint8_t>(Origin8::kLocal)) return false;
  if (posts.sector[k] == idx(Sector::kAsm) &&
      !accepted_by_asm(w, d, id, posts.owner[k], posts.occupation[k]))
    return false;
  // Reservation wage: nobody leaves farming or informal work for less than it pays.
  return p.job[id] == kNoJob || posts.net_wage[k] > posts.net_wage[p.job[id]];
}

// Fills post k's vacancies from its sources in key order, skipping the seekers it does not
// accept (they stay in their pools for later posts).
void fill_post(World& w, Draws d, std::uint32_t k, std::vector<Pool>& pools,
               std::vector<std::int64_t>& filled, std::vector<Source>& src) {
  const Persons& p = w.persons;
  const Posts& posts = w.posts;
  std::int64_t vacancies = posts.demand[k] - filled[k];
  if (vacancies <= 0) return;
  const bool mine = posts.sector[k] == idx(Sector::kMine);
  post_sources(w, k, pools, src);
  while (vacancies > 0) {
    Source* best = next_seeker(src);
    if (!best) break;  // no seekers left
    const std::size_t at = best->pos++;
    const std::uint32_t id = key_id(best->pool->keys[at]);
    const bool trained_on_job = mine && posts.skill[k] != kAnySkill && p.skill[id] < posts.skill[k];
    if (!takes(w, d, k, id, best->weight, trained_on_job)) {
      if (best->certified_only) best->certified_seen += p.certified[id];
      continue;
    }
    best->pool->taken[at] = 1;
    best->pool->certified_left -= p.certified[id];
    take_post(w, id, k, trained_on_job, filled);
    --vacancies;
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
  par::for_blocks(
      parts.size(),
      [&](std::size_t b, std::size_t e) {
        std::vector<Source> src;
        for (std::size_t part = b; part < e; ++part)
          for (const std::uint32_t k : parts[part]) fill_post(w, d, k, pools, filled, src);
      },
      1);
}

}  // namespace minesim::labour
