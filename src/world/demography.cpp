// Demography and migration, monthly.
//
// Each living person draws, from its own stream (purpose kDemography), whether it dies
// (demography.mortality_per_year by age group, as a monthly probability); a woman aged 15-49
// whether she gives birth (fertility_per_year); a person aged 18-35 who is not the head of the
// household whether they leave home to found a household in the same community
// (leave_home_per_year); an unemployed working-age seeker whether they leave the region
// (out_migration_rate) or move to the community with the best job prospects (vacancies per
// working-age person, from last month's labour market) with probability internal_migration_rate
// times the gap in prospects, founding a household there. Then newcomers from outside arrive:
// in_migration_share of last month's unfilled non-farming vacancies, by community and skill, each
// a working-age seeker founding a one-person household. Counts per block are scanned so new ids are
// independent of the thread count.
#include "world/demography.h"

#include <algorithm>
#include <cmath>

#include "core/parallel.h"
#include "core/rng.h"
#include "core/rng_lanes.h"
#include "world/rules.h"

namespace minesim {

namespace {

enum Event : std::uint8_t { kNone = 0, kDies, kLeavesRegion, kMoves, kLeavesHome };
// Set beside the event in the same byte: the person (a woman) gives birth this month.
inline constexpr std::uint8_t kGivesBirth = 0x80;

double monthly(double per_year) {
  return 1.0 - std::pow(1.0 - std::min(per_year, 0.999), 1.0 / 12.0);
}

struct BlockCounts {
  std::uint32_t births = 0, new_households = 0;
};

// Monthly probabilities of the demographic events.
struct Rates {
  std::array<double, kAgeGroups> death{};  // by age group
  double birth = 0, leave = 0;
};

Rates monthly_rates(const DemographyParams& d) {
  Rates r;
  for (int g = 0; g < kAgeGroups; ++g) r.death[g] = monthly(d.mortality_per_year[g]);
  // Fertility is a rate (expected births per woman-year); mortality and leaving home are annual
  // probabilities.
  r.birth = d.fertility_per_year / 12.0;
  r.leave = monthly(d.leave_home_per_year);
  return r;
}

// Job prospects (vacancies per working-age person, from last month's labour market) by
// community, and the community where they are best (the first of equals).
struct Prospects {
  std::vector<double> by_community;
  std::size_t best = 0;
};

Prospects job_prospects(const World& w) {
  const std::size_t nc = w.communities.size();
  Prospects pr{std::vector<double>(nc, 0.0), 0};
  for (std::size_t c = 0; c < nc; ++c) {
    const auto& cs = w.communities[c];
    double v = 0;
    for (auto x : cs.vacancies) v += static_cast<double>(x);
    pr.by_community[c] = v / static_cast<double>(std::max<std::int64_t>(1, cs.working_age));
    if (pr.by_community[c] > pr.by_community[pr.best]) pr.best = c;
  }
  return pr;
}

// This month's events, one byte per person (an Event, and kGivesBirth), and per-block counts of
// births and new households.
struct Events {
  std::vector<std::uint8_t> event;
  std::vector<BlockCounts> counts;
};

// This month's thresholds: by age in whole years (the age groups and bands are whole years), the
// last row standing for every older age; leaving the region; moving, by community (0 where the
// community has the best prospects or a gap of none: nobody moves from it).
struct Thresholds {
  struct ByAge {
    std::uint64_t death, leave_home, birth;  // birth: for a woman
  };
  std::vector<ByAge> by_age;
  std::uint64_t leave_region = 0;
  std::vector<std::uint64_t> move;
  const ByAge& at(int age_months) const {
    return by_age[std::min<std::size_t>(static_cast<std::size_t>(age_months) / 12,
                                        by_age.size() - 1)];
  }
};

Thresholds thresholds(const DemographyParams& d, const Rates& rates, const Prospects& pr) {
  const AgeBand fertile = age_band(d.fertile_age_min, d.fertile_age_max);
  const AgeBand leave_home = age_band(d.leave_home_age_min, d.leave_home_age_max);
  Thresholds t;
  const int years = std::max({65, fertile.to / 12, leave_home.to / 12}) + 1;
  for (int y = 0; y < years; ++y)
    t.by_age.push_back({rng::word_threshold(rates.death[age_group_of_years(y)]),
                        leave_home.contains(y * 12) ? rng::word_threshold(rates.leave) : 0,
                        fertile.contains(y * 12) ? rng::word_threshold(rates.birth) : 0});
  t.leave_region = rng::word_threshold(d.out_migration_rate);
  for (std::size_t c = 0; c < pr.by_community.size(); ++c) {
    const double gap =
        std::min(1.0, (pr.by_community[pr.best] - pr.by_community[c]) * d.prospects_gain);
    t.move.push_back(c != pr.best && gap > 0 ? rng::word_threshold(d.out_migration_rate +
                                                                   d.internal_migration_rate * gap)
                                             : 0);
  }
  return t;
}

// 1. Each living person's events from one Philox block of their own stream (purpose
// kDemography): a 32-bit uniform for each decision.
Events draw_events(const World& w, const Rates& rates, const Prospects& pr) {
  const Scenario& s = *w.scenario;
  const Persons& p = w.persons;
  const Households& hh = w.households;
  const auto seed = s.simulation.seed;
  const std::uint32_t month = w.rng_month();
  const WorkingAge wa = working_age(s.labour);
  const Thresholds t = thresholds(s.demography, rates, pr);
  const std::size_t n = p.size();
  Events ev{std::vector<std::uint8_t>(n, kNone), std::vector<BlockCounts>(par::block_count(n))};
  // One block of person i's kDemography stream decides all of its events this month.
  const auto decide = [&](std::size_t i, const rng::Counter& u, BlockCounts& bc) {
    const Thresholds::ByAge& age = t.at(p.age_months[i]);
    std::uint8_t& event = ev.event[i];
    if (u[0] < age.death) {
      event = kDies;
      return;
    }
    const bool seeker = unemployed(p, i, wa);
    if (seeker && u[1] < t.leave_region) {
      event = kLeavesRegion;
      return;  // leaves with any child born this month
    }
    // The same word as leaving the region, above its threshold: the events exclude each other.
    if (seeker && u[1] < t.move[p.community[i]]) {
      event = kMoves;
      ++bc.new_households;
    }
    // The household's head is read last: most persons stop at the age or the draw.
    if (event == kNone && u[2] < age.leave_home && hh.head[p.household[i]] != i) {
      event = kLeavesHome;
      ++bc.new_households;
    }
    if (p.gender[i] == idx(Gender::kFemale) && u[3] < age.birth) {
      event |= kGivesBirth;
      ++bc.births;
    }
  };
  par::for_blocks(n, [&](std::size_t b, std::size_t e) {
    BlockCounts& bc = ev.counts[b / par::kBlock];
    std::size_t i = b;
    for (; i + rng::kLanes <= e; i += rng::kLanes) {
      const rng::Lanes u =
          rng::first_blocks(seed, rng::Purpose::kDemography, static_cast<std::uint32_t>(i), month);
      for (int l = 0; l < rng::kLanes; ++l)
        if (p.alive[i + l]) decide(i + l, u.lane(l), bc);
    }
    for (; i < e; ++i)
      if (p.alive[i])
        decide(i,
               rng::Stream(seed, rng::Purpose::kDemography, static_cast<std::uint32_t>(i), month)
                   .block(),
               bc);
  });
  return ev;
}

// Demographic flows per community (simulated persons).
struct Flows {
  std::vector<std::int64_t> births, deaths, in, out;
};

// Person i moves (to the best prospects) or leaves home (in the same community) and heads the new
// household h.
void found_household(World& w, std::size_t i, std::uint8_t event, std::uint32_t h, std::size_t best,
                     double leave, Flows& f) {
  const Scenario& s = *w.scenario;
  Persons& p = w.persons;
  Households& hh = w.households;
  const std::size_t c = p.community[i];
  const std::size_t to = event == kMoves ? best : c;
  hh.community[h] = static_cast<std::uint16_t>(to);
  hh.head[h] = static_cast<std::uint32_t>(i);
  // Movers head their household; a young adult leaving home usually founds one with a partner:
  // it is female-headed with the community's female_head_share.
  if (event == kMoves) {
    hh.head_female[h] = p.gender[i] == idx(Gender::kFemale) ? 1 : 0;
  } else {
    rng::Stream r(s.simulation.seed, rng::Purpose::kDemography, static_cast<std::uint32_t>(i),
                  w.rng_month());
    const rng::Counter u = r.block();
    const double uu = static_cast<double>(u[2]) * 0x1.0p-32 / leave;  // uniform in [0,1)
    hh.head_female[h] = uu < s.communities[c].female_head_share ? 1 : 0;
  }
  hh.size[h] = 1;
  p.household[i] = h;
  if (to != c) {
    p.community[i] = static_cast<std::uint16_t>(to);
    if (p.origin[i] == static_cast<std::uint8_t>(Origin8::kLocal))
      p.origin[i] = static_cast<std::uint8_t>(Origin8::kMigrant);
    ++f.out[c];
    ++f.in[to];
  }
}

// Mother i's child, born into her household and community (after any move), on row `child`.
void add_newborn(World& w, std::size_t i, std::uint32_t child, Flows& f) {
  const Scenario& s = *w.scenario;
  Persons& p = w.persons;
  rng::Stream r(s.simulation.seed, rng::Purpose::kNewborn, static_cast<std::uint32_t>(i),
                w.rng_month());
  const auto& cp = s.communities[p.community[i]];
  p.age_months[child] = 0;
  p.gender[child] = r.bernoulli(s.demography.newborn_female_share) ? 0 : 1;
  draw_person_traits(p, child, r, cp, s.labour);
  p.alive[child] = 1;
  p.origin[child] = p.origin[i];
  p.community[child] = p.community[i];
  p.household[child] = p.household[i];
  p.job[child] = kNoJob;
  ++f.births[p.community[i]];
}

// 3. Applies the events in parallel: every write goes to the person's own row, a newborn's own
// row or a household founded by this person. Newborns and new households take the ids from
// `birth_at` and `household_at`, per block.
Flows apply_events(World& w, const Events& ev, const std::vector<std::uint32_t>& birth_at,
                   const std::vector<std::uint32_t>& household_at, std::size_t n, std::size_t best,
                   double leave) {
  Persons& p = w.persons;
  const std::size_t nc = w.communities.size();
  return par::reduce_blocks<Flows>(
      n,
      [&] {
        return Flows{std::vector<std::int64_t>(nc, 0), std::vector<std::int64_t>(nc, 0),
                     std::vector<std::int64_t>(nc, 0), std::vector<std::int64_t>(nc, 0)};
      },
      [&](Flows& f, std::size_t b, std::size_t e) {
        std::uint32_t next_birth = birth_at[b / par::kBlock];
        std::uint32_t next_household = household_at[b / par::kBlock];
        for (std::size_t i = b; i < e; ++i) {
          const auto event = static_cast<std::uint8_t>(ev.event[i] & ~kGivesBirth);
          switch (event) {
            case kDies:
              p.alive[i] = 0;
              p.job[i] = kNoJob;
              ++f.deaths[p.community[i]];
              break;
            case kLeavesRegion:
              p.alive[i] = 0;
              ++f.out[p.community[i]];
              break;
            case kMoves:
            case kLeavesHome: found_household(w, i, event, next_household++, best, leave, f); break;
            default: break;
          }
          if (ev.event[i] & kGivesBirth) add_newborn(w, i, next_birth++, f);
        }
      },
      [](Flows& a, const Flows& x) {
        for (std::size_t c = 0; c < a.births.size(); ++c) {
          a.births[c] += x.births[c];
          a.deaths[c] += x.deaths[c];
          a.in[c] += x.in[c];
          a.out[c] += x.out[c];
        }
      });
}

// 4. Newcomers from outside, into last month's unfilled vacancies (community and skill order).
void add_newcomers(World& w) {
  const Scenario& s = *w.scenario;
  const auto& d = s.demography;
  Persons& p = w.persons;
  Households& hh = w.households;
  const auto seed = s.simulation.seed;
  const std::uint32_t month = w.rng_month();
  for (std::size_t c = 0; c < w.communities.size(); ++c) {
    CommunityState& cs = w.communities[c];
    for (int k = 0; k < kSkills; ++k) {
      const auto arriving = static_cast<std::int64_t>(
          std::floor(d.in_migration_share * static_cast<double>(cs.vacancies[k])));
      for (std::int64_t a = 0; a < arriving; ++a) {
        const auto id = static_cast<std::uint32_t>(p.size());
        p.resize(id + 1);
        rng::Stream r(seed, rng::Purpose::kNewcomer, id, month);
        p.age_months[id] = static_cast<std::uint16_t>(
            (d.newcomer_age_min + r.uniform() * (d.newcomer_age_max - d.newcomer_age_min)) * 12);
        p.gender[id] = r.bernoulli(d.migrant_female_share) ? 0 : 1;
        p.skill[id] = static_cast<std::uint8_t>(k);
        p.education[id] = education_for_skill(p.skill[id], r.uniform());
        p.participates[id] = 1;
        p.alive[id] = 1;
        // High-skill newcomers are partly expatriates (demography.expatriate_share_high, an
        // assumption; the expatriates mines bring themselves are in world/expatriates.cpp).
        p.origin[id] = static_cast<std::uint8_t>(
            k == idx(Skill::kHigh) && r.bernoulli(d.expatriate_share_high) ? Origin8::kExpatriate
                                                                           : Origin8::kMigrant);
        p.community[id] = static_cast<std::uint16_t>(c);
        p.household[id] = hh.push(static_cast<std::uint16_t>(c), id, p.gender[id] == 0, 1);
        p.job[id] = kNoJob;
        ++cs.moved_in;
      }
    }
  }
}

}  // namespace

void draw_person_traits(Persons& p, std::uint32_t i, rng::Stream& r, const CommunityParams& cp,
                        const LabourParams& labour) {
  const double u = r.uniform();
  p.skill[i] = u < cp.skill_shares[0] ? 0 : u < cp.skill_shares[0] + cp.skill_shares[1] ? 1 : 2;
  p.education[i] = education_for_skill(p.skill[i], r.uniform());
  const double part = p.gender[i] == 0 ? labour.participation_female : labour.participation_male;
  p.participates[i] = r.bernoulli(part) ? 1 : 0;
}

void run_demography(World& w) {
  Persons& p = w.persons;
  Households& hh = w.households;
  for (auto& c : w.communities) c.births = c.deaths = c.moved_in = c.moved_out = 0;
  const Rates rates = monthly_rates(w.scenario->demography);
  const Prospects pr = job_prospects(w);
  const std::size_t n = p.size();
  const Events ev = draw_events(w, rates, pr);

  // 2. Offsets: newborns and new households take ids in block order.
  const std::size_t nb = ev.counts.size();
  std::vector<std::uint32_t> birth_at(nb), household_at(nb);
  std::uint32_t births = 0, founded = 0;
  for (std::size_t b = 0; b < nb; ++b) {
    birth_at[b] = static_cast<std::uint32_t>(n) + births;
    household_at[b] = static_cast<std::uint32_t>(hh.count()) + founded;
    births += ev.counts[b].births;
    founded += ev.counts[b].new_households;
  }
  p.resize(n + births);
  for (std::uint32_t k = 0; k < founded; ++k) hh.push(0, 0, false, 0);

  const Flows flows = apply_events(w, ev, birth_at, household_at, n, pr.best, rates.leave);
  add_newcomers(w);
  for (std::size_t c = 0; c < w.communities.size(); ++c) {
    CommunityState& cs = w.communities[c];
    cs.births = flows.births[c];
    cs.deaths = flows.deaths[c];
    cs.moved_in += flows.in[c];
    cs.moved_out = flows.out[c];
  }
}

}  // namespace minesim
