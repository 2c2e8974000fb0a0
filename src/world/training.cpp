// Training programmes for new-technology roles ([training.NAME]).
//
// Each month, trainees advance; at the end of the course a trainee passes with the programme's
// pass_rate (own stream, purpose kTraining), becomes certified for new-technology roles and moves
// up one skill level. Then each programme open this month fills its free seats (capacity, scaled)
// from eligible persons of its communities: alive, of working age, participating, not certified,
// not in training, at least min_skill, without a job or in farming/informal work. Seats go in order
// of each person's priority; women_quota of the seats are offered to women first. A woman offered
// a seat takes it only if her barriers allow (female_barrier: care burden, distance, digital
// access). Trainees leave their farming work. The course cost is paid monthly by the government
// (or by donors through a grant to the government) to training providers outside the region.
#include "world/training.h"

#include <algorithm>
#include <cmath>

#include "core/parallel.h"
#include "core/rng.h"
#include "world/mines.h"

namespace minesim {

void run_training(World& w) {
  const Scenario& s = *w.scenario;
  if (s.training.empty()) return;
  Persons& p = w.persons;
  Posts& posts = w.posts;
  const auto seed = s.simulation.seed;
  const std::uint32_t month = w.rng_month();
  const double scale = s.simulation.population_scale;
  const int wa = s.labour.working_age * 12, ra = s.labour.retirement_age * 12;
  const std::size_t np = s.training.size();

  // 1. Progress and graduation; seats in use per programme.
  auto in_use = par::reduce_blocks<std::vector<std::int64_t>>(
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

  // 2. Enrolment, programme by programme.
  const Month now = w.month();
  for (std::size_t k = 0; k < np; ++k) {
    const TrainingParams& t = s.training[k];
    if (now < t.start || !(now < t.end)) continue;
    const double ramp = linear_ramp(t.start, t.ramp_months, now);
    const std::int64_t seats =
        std::llround(static_cast<double>(t.capacity) * ramp * scale) - in_use[k];
    if (seats <= 0) continue;
    std::vector<std::uint8_t> in_area(w.communities.size(), t.communities.empty() ? 1 : 0);
    for (int c : t.communities) in_area[static_cast<std::size_t>(c)] = 1;
    using Key = std::uint64_t;
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
                          month ^ 0x40000000u);
            acc.push_back((static_cast<Key>(r.priority()) << 32) | i);
          }
        },
        [](std::vector<Key>& a, const std::vector<Key>& x) { a.insert(a.end(), x.begin(), x.end()); });
    std::sort(keys.begin(), keys.end());
    auto takes_seat = [&](std::uint32_t id) {
      if (p.gender[id] != idx(Gender::kFemale)) return true;
      rng::Stream r(seed, rng::Purpose::kTraining, id, month ^ 0x80000000u);
      return !r.bernoulli(t.female_barrier * w.levers.training_barrier_factor);
    };
    auto enrol = [&](std::uint32_t id) {
      if (p.job[id] != kNoJob) {
        --posts.filled[p.job[id]];
        p.job[id] = kNoJob;
      }
      p.training[id] = static_cast<std::uint8_t>(std::min(t.duration_months, 255));
      p.programme[id] = static_cast<std::uint8_t>(k);
      ++in_use[k];
    };
    std::int64_t left = seats;
    // Seats offered to women first.
    const double quota = std::max(t.women_quota, w.levers.training_women_quota);
    std::int64_t women_seats = static_cast<std::int64_t>(std::floor(quota * static_cast<double>(seats)));
    std::vector<std::uint8_t> offered(keys.size(), 0);
    for (std::size_t j = 0; j < keys.size() && women_seats > 0; ++j) {
      const auto id = static_cast<std::uint32_t>(keys[j]);
      if (p.gender[id] != idx(Gender::kFemale)) continue;
      offered[j] = 1;
      if (!takes_seat(id)) continue;
      enrol(id);
      --women_seats;
      --left;
    }
    for (std::size_t j = 0; j < keys.size() && left > 0; ++j) {
      if (offered[j]) continue;
      const auto id = static_cast<std::uint32_t>(keys[j]);
      if (!takes_seat(id)) continue;
      enrol(id);
      --left;
    }
  }
  // Course costs for everyone in training this month, to providers outside the region.
  Ledger& L = w.ledger;
  Cents cost = 0, donors = 0, by_mines = 0;
  for (std::size_t k = 0; k < np; ++k) {
    const TrainingParams& t = s.training[k];
    const Cents c = to_cents(static_cast<double>(in_use[k]) * t.cost_usd / t.duration_months);
    if (t.payer == Payer::kMines && !w.mines.empty()) {
      const auto share = split_among_mines(w, t.mines, c);
      for (std::size_t m = 0; m < share.size(); ++m) w.mines[m].balance -= share[m];
      by_mines += c;
      continue;
    }
    cost += c;
    if (t.payer == Payer::kDonors) donors += c;
  }
  L.transfer(Account::kRestOfWorld, Account::kGovernment, Flow::kDonorGrants, donors);
  L.transfer(Account::kGovernment, Account::kRestOfWorld, Flow::kTraining, cost);
  L.transfer(Account::kMines, Account::kRestOfWorld, Flow::kTraining, by_mines);
  w.government_balance += donors - cost;
  w.rest_of_world_balance += cost + by_mines - donors;
}

}  // namespace minesim
