// Initial population synthesis. Each community's persons are created household by household:
// a household's size is 1 + Poisson(mean - 1); its first member is an adult head (25-64), others
// take ages from the community's age shares. Gender, skill and participation are drawn from the
// person's own stream, so the population depends only on (scenario, seed).
#include <fmt/format.h>

#include <cmath>

#include "core/errors.h"
#include "core/parallel.h"
#include "core/rng.h"
#include "world/world.h"

namespace minesim {

namespace {

int draw_age_group(rng::Stream& s, const std::array<double, kAgeGroups>& shares) {
  const double u = s.uniform();
  double c = 0;
  for (int g = 0; g < kAgeGroups; ++g) {
    c += shares[g];
    if (u < c) return g;
  }
  return kAgeGroups - 1;
}

// Age in months, uniform within the group (65+ spans 65-84).
std::uint16_t draw_age_months(rng::Stream& s, int group) {
  static constexpr std::array<int, kAgeGroups + 1> kEdges{0, 15, 25, 65, 85};
  const int lo = kEdges[group] * 12, hi = kEdges[group + 1] * 12;
  return static_cast<std::uint16_t>(lo + static_cast<int>(s.uniform() * (hi - lo)));
}

}  // namespace

World make_world(const Scenario& s) {
  World w;
  w.scenario = &s;
  const auto seed = s.simulation.seed;
  const double scale = s.simulation.population_scale;

  // Household sizes first (serial per community, cheap), then persons in parallel.
  std::size_t total = 0;
  for (std::size_t c = 0; c < s.communities.size(); ++c) {
    const auto& cp = s.communities[c];
    const auto target = static_cast<std::int64_t>(std::llround(cp.population * scale));
    std::int64_t made = 0;
    std::uint32_t h = 0;
    while (made < target) {
      rng::Stream hs(seed, rng::Purpose::kHouseholdSize, static_cast<std::uint32_t>(c), h++);
      auto n = static_cast<std::int64_t>(1 + hs.poisson(cp.household_size - 1.0));
      n = std::min<std::int64_t>(n, target - made);
      n = std::min<std::int64_t>(n, 60);
      w.households.push(static_cast<std::uint16_t>(c), static_cast<std::uint32_t>(total + made),
                        static_cast<std::uint16_t>(n));
      made += n;
    }
    total += static_cast<std::size_t>(target);
  }
  if (total > 0xFFFFFFF0u)
    throw Error(exit_code::kUsage, fmt::format("{} simulated persons exceed 2^32", total));

  Persons& p = w.persons;
  p.resize(total);
  Households& hh = w.households;
  par::for_blocks(hh.count(), [&](std::size_t b, std::size_t e) {
    for (std::size_t h = b; h < e; ++h) {
      const auto& cp = s.communities[hh.community[h]];
      for (std::uint32_t k = 0; k < hh.size[h]; ++k) {
        const std::uint32_t i = hh.first_member[h] + k;
        rng::Stream r(seed, rng::Purpose::kPopulation, i, 0);
        const int group = k == 0 ? 2 : draw_age_group(r, cp.age_shares);
        p.age_months[i] = draw_age_months(r, group);
        p.gender[i] = r.bernoulli(cp.female_share) ? 0 : 1;
        const double u = r.uniform();
        p.skill[i] = u < cp.skill_shares[0] ? 0 : u < cp.skill_shares[0] + cp.skill_shares[1] ? 1 : 2;
        const double part = p.gender[i] == 0 ? s.labour.participation_female
                                             : s.labour.participation_male;
        p.participates[i] = r.bernoulli(part) ? 1 : 0;
        p.community[i] = hh.community[h];
        p.household[i] = static_cast<std::uint32_t>(h);
        p.job[i] = kNoJob;
      }
    }
  });

  // Posts: mines first, then local economy and farming per community (the hiring order).
  const double tax = s.economy.payroll_tax_rate;
  w.mines.resize(s.mines.size());
  for (std::size_t m = 0; m < s.mines.size(); ++m) {
    w.mines[m].first_post = static_cast<std::uint32_t>(w.posts.count());
    for (int k = 0; k < kSkills; ++k) {
      const Cents gross = to_cents(s.wages.mine_usd[k]);
      w.posts.add(idx(Sector::kMine), static_cast<std::uint16_t>(s.mines[m].community),
                  static_cast<std::uint32_t>(m), static_cast<std::uint8_t>(k), gross,
                  gross - scale_cents(gross, tax));
    }
  }
  w.communities.resize(s.communities.size());
  for (std::size_t c = 0; c < s.communities.size(); ++c) {
    w.communities[c].local_posts = static_cast<std::uint32_t>(w.posts.count());
    for (int k = 0; k < kSkills; ++k) {
      const Cents wage = to_cents(s.wages.local_economy_usd[k]);
      w.posts.add(idx(Sector::kLocalEconomy), static_cast<std::uint16_t>(c),
                  static_cast<std::uint32_t>(c), static_cast<std::uint8_t>(k), wage, wage);
    }
    const Cents farm = to_cents(s.wages.farming_informal_usd);
    w.communities[c].farming_post =
        w.posts.add(idx(Sector::kFarmingInformal), static_cast<std::uint16_t>(c),
                    static_cast<std::uint32_t>(c), kAnySkill, farm, farm);
  }
  w.stocks_before = account_stocks(w);
  return w;
}

AccountStocks account_stocks(const World& w) {
  AccountStocks a{};
  a[static_cast<int>(Account::kHouseholds)] = par::reduce_blocks<Cents>(
      w.households.count(), [] { return Cents{0}; },
      [&](Cents& acc, std::size_t b, std::size_t e) {
        for (std::size_t h = b; h < e; ++h) acc += w.households.savings[h];
      },
      [](Cents& acc, Cents x) { acc += x; });
  for (const auto& m : w.mines) a[static_cast<int>(Account::kMines)] += m.balance;
  for (const auto& c : w.communities)
    a[static_cast<int>(Account::kLocalBusiness)] += c.business_balance;
  a[static_cast<int>(Account::kGovernment)] = w.government_balance;
  a[static_cast<int>(Account::kRestOfWorld)] = w.rest_of_world_balance;
  return a;
}

}  // namespace minesim
