// Training programmes for new-technology roles ([training.NAME]).
//
// Each month, trainees advance; at the end of the course a trainee passes with the programme's
// pass_rate (own stream, purpose kTraining), becomes certified for new-technology roles and moves
// up one skill level. Then each programme open this month fills its free seats (capacity, scaled)
// from eligible persons of its communities: alive, of working age, participating, not certified,
// not in training, at least min_skill, without a job or in farming/informal work. Seats go in order
// of each person's priority; women_quota of the seats are offered to women first. A woman offered
// a seat takes it only if her barriers allow (female_barrier: care burden, distance, digital
// access). Trainees leave their farming work. The course cost is paid monthly by the payer
// (world/payers.h) to training providers outside the region. A programme's seats this month are a
// lever (Levers::training_seats): a [training.*] programme's follow its own schedule, a
// skills_training intervention's course is opened by its lever.
#include "world/training.h"

#include <algorithm>
#include <cmath>

#include "core/parallel.h"
#include "core/rng.h"
#include "world/payers.h"

namespace minesim {

namespace {

using Key = std::uint64_t;  // a candidate: random priority (high 32 bits), then person id

// 1. Progress and graduation; returns the seats in use per programme.
std::vector<std::int64_t> graduate(World& w) {
  const Scenario& s = *w.scenario;
  Persons& p = w.persons;
  const auto seed = s.simulation.seed;
  const std::uint32_t month = w.rng_month();
  const std::size_t np = s.training.size();
  return par::reduce_blocks<std::vector<std::int64_t>>(
      p.size(), [&] { return std::vector<std::int64_t>(np, 0); },
      [&](std::vector<std::int64_t>& acc, std::size_t b, std::size_t e) {
        for (std::size_t i = b; i < e; ++i) {
          if (!p.training[i]) continue;
          if (!p.alive[i]) {
            p.training[i] = 0;
            continue;
          }
          if (--p.training[i] == 0) {
            rng::Stream r(seed, rng::Purpose::kTraining, static_cast<std::uint32_t>(i), month);
            if (r.bernoulli(s.training[p.programme[i]].pass_rate)) {
              p.certified[i] = 1;
              p.skill[i] = static_cast<std::uint8_t>(std::min<int>(p.skill[i] + 1, kSkills - 1));
            }
          } else {
            ++acc[p.programme[i]];
          }
        }
      },
      [](std::vector<std::int64_t>& a, const std::vector<std::int64_t>& x) {
        for (std::size_t k = 0; k < a.size(); ++k) a[k] += x[k];
      });
}

// The persons eligible for programme t this month, in order of their random priority.
std::vector<Key> candidates(const World& w, const TrainingParams& t) {
  const Scenario& s = *w.scenario;
  const Persons& p = w.persons;
  const Posts& posts = w.posts;
  const auto seed = s.simulation.seed;
  const std::uint32_t month = w.rng_month();
  const int wa = s.labour.working_age * 12, ra = s.labour.retirement_age * 12;
  std::vector<std::uint8_t> in_area(w.communities.size(), t.communities.empty() ? 1 : 0);
  for (int c : t.communities) in_area[static_cast<std::size_t>(c)] = 1;
  auto keys = par::reduce_blocks<std::vector<Key>>(
      p.size(), [] { return std::vector<Key>{}; },
      [&](std::vector<Key>& acc, std::size_t b, std::size_t e) {
        for (std::size_t i = b; i < e; ++i) {
          if (!p.alive[i] || !p.participates[i] || p.certified[i] || p.training[i]) continue;
          if (p.age_months[i] < wa || p.age_months[i] >= ra || !in_area[p.community[i]]) continue;
          if (is_student(p.education[i], p.age_months[i])) continue;
          if (p.skill[i] < idx(t.min_skill)) continue;
          if (p.job[i] != kNoJob && posts.sector[p.job[i]] != idx(Sector::kFarmingInformal))
            continue;
          rng::Stream r(seed, rng::Purpose::kTraining, static_cast<std::uint32_t>(i),
                        rng::sub(month, rng::MonthSub::kTrainingPriority));
          acc.push_back((static_cast<Key>(r.priority()) << 32) | i);
        }
      },
      [](std::vector<Key>& a, const std::vector<Key>& x) {
        a.insert(a.end(), x.begin(), x.end());
      });
  std::sort(keys.begin(), keys.end());
  return keys;
}

// 2. Enrolment into programme k's `seats` free seats: women_quota of them offered to women first.
void enrol(World& w, std::size_t k, std::int64_t seats, std::int64_t& in_use) {
  const TrainingParams& t = w.scenario->training[k];
  Persons& p = w.persons;
  Posts& posts = w.posts;
  const auto seed = w.scenario->simulation.seed;
  const std::uint32_t month = w.rng_month();
  const std::vector<Key> keys = candidates(w, t);
  auto takes_seat = [&](std::uint32_t id) {
    if (p.gender[id] != idx(Gender::kFemale)) return true;
    rng::Stream r(seed, rng::Purpose::kTraining, id,
                  rng::sub(month, rng::MonthSub::kTrainingBarrier));
    return !r.bernoulli(t.female_barrier * w.levers.training_barrier_factor);
  };
  auto take = [&](std::uint32_t id) {
    if (p.job[id] != kNoJob) {
      --posts.filled[p.job[id]];
      posts.expatriates[p.job[id]] -=
          p.origin[id] == static_cast<std::uint8_t>(Origin8::kExpatriate);
      p.job[id] = kNoJob;
    }
    p.training[id] = static_cast<std::uint8_t>(std::min(t.duration_months, 255));
    p.programme[id] = static_cast<std::uint8_t>(k);
    ++in_use;
  };
  std::int64_t left = seats;
  const double quota = std::max(t.women_quota, w.levers.training_women_quota);
  std::int64_t women_seats =
      static_cast<std::int64_t>(std::floor(quota * static_cast<double>(seats)));
  std::vector<std::uint8_t> offered(keys.size(), 0);
  for (std::size_t j = 0; j < keys.size() && women_seats > 0; ++j) {
    const auto id = static_cast<std::uint32_t>(keys[j]);
    if (p.gender[id] != idx(Gender::kFemale)) continue;
    offered[j] = 1;
    if (!takes_seat(id)) continue;
    take(id);
    --women_seats;
    --left;
  }
  for (std::size_t j = 0; j < keys.size() && left > 0; ++j) {
    if (offered[j]) continue;
    const auto id = static_cast<std::uint32_t>(keys[j]);
    if (!takes_seat(id)) continue;
    take(id);
    --left;
  }
}

// 3. Course costs for everyone in training this month, to providers outside the region. Course
// routing (world/payers.h): donors fund the courses through a grant to the government, which buys
// them; the government and the mines buy them directly.
void pay_courses(World& w, const std::vector<std::int64_t>& in_use) {
  const Scenario& s = *w.scenario;
  for (std::size_t k = 0; k < s.training.size(); ++k) {
    const TrainingParams& t = s.training[k];
    const Cents c = to_cents(static_cast<double>(in_use[k]) * t.cost_usd / t.duration_months,
                             "training cost (cost_usd)");
    Payer buyer = t.payer;
    if (payer_account(t.payer, w) == Account::kRestOfWorld) {
      pay_from(w, t.payer, t.mines, Account::kGovernment, Flow::kDonorGrants, c);
      w.government_balance += c;
      buyer = Payer::kGovernment;
    }
    pay_from(w, buyer, t.mines, Account::kRestOfWorld, Flow::kTraining, c);
    w.rest_of_world_balance += c;
  }
}

}  // namespace

void run_training(World& w) {
  const Scenario& s = *w.scenario;
  if (s.training.empty()) return;
  std::vector<std::int64_t> in_use = graduate(w);
  // Programme by programme, the seats its lever opens this month (Levers::training_seats).
  const double scale = s.simulation.population_scale;
  for (std::size_t k = 0; k < s.training.size(); ++k) {
    const std::int64_t seats = std::llround(w.levers.training_seats[k] * scale) - in_use[k];
    if (seats > 0) enrol(w, k, seats, in_use[k]);
  }
  pay_courses(w, in_use);
}

}  // namespace minesim
