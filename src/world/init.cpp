// Initial state. Each community's persons are created household by household: a household's size
// is 1 + Poisson(mean - 1); its first member is an adult head (25-64) and the other members take
// ages from the community's age shares corrected for the heads, so the whole population matches
// the shares. Gender, skill and participation come from each person's own stream, so the
// population depends only on (scenario, seed). Then posts, supplier firms, the input-output table,
// price paths and mines' catchments.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "core/errors.h"
#include "core/parallel.h"
#include "core/rng.h"
#include "core/shape.h"
#include "core/stop.h"
#include "world/demography.h"
#include "world/prices.h"
#include "world/suppliers.h"
#include "world/world.h"

namespace minesim {

namespace {

constexpr int kAdultGroup = 2;  // 25-64: household heads

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

// Age shares for household members other than the head: heads take 1/size of the 25-64 group.
std::array<double, kAgeGroups> member_shares(const CommunityParams& c) {
  std::array<double, kAgeGroups> m = c.age_shares;
  const double heads = 1.0 / c.household_size;
  if (heads >= 1.0) return m;
  m[kAdultGroup] = std::max(0.0, c.age_shares[kAdultGroup] - heads);
  double total = 0;
  for (double x : m) total += x;
  for (double& x : m) x /= total;
  return m;
}

}  // namespace

void add_supplier_firm(World& w, std::uint16_t c, std::uint8_t cat, double capability,
                       std::uint32_t owner, Cents capacity) {
  const Scenario& s = *w.scenario;
  const auto post = static_cast<std::uint32_t>(w.posts.count());
  const std::uint32_t id = w.suppliers.add(c, cat, capability, owner, post, capacity);
  const double tax = s.economy.payroll_tax_rate;
  for (int k = 0; k < kSkills; ++k) {
    const Cents gross = to_cents(s.wages.supplier_usd[k], "wages.supplier_usd");
    w.posts.add(idx(Sector::kSupplier), c, id, static_cast<std::uint8_t>(k), kNoOccupation, gross,
                gross - scale_cents(gross, tax, "payroll tax"));
  }
}

double distance_km(double lat1, double lon1, double lat2, double lon2) {
  constexpr double kRad = 3.14159265358979323846 / 180.0, kEarthKm = 6371.0;
  const double dlat = (lat2 - lat1) * kRad, dlon = (lon2 - lon1) * kRad;
  const double a =
      std::sin(dlat / 2) * std::sin(dlat / 2) +
      std::cos(lat1 * kRad) * std::cos(lat2 * kRad) * std::sin(dlon / 2) * std::sin(dlon / 2);
  return 2 * kEarthKm * std::asin(std::min(1.0, std::sqrt(a)));
}

namespace {

// Household sizes (serial per community, cheap): households are pushed with their first member's
// id, and the members of an initial household are contiguous (later households need not be).
// Returns the number of persons; fills the first household of each community (one past the end
// last) and each household's first member.
std::size_t create_households(World& w, std::vector<std::uint32_t>& first_household,
                              std::vector<std::uint32_t>& first_member) {
  const Scenario& s = *w.scenario;
  const auto seed = s.simulation.seed;
  const double scale = s.simulation.population_scale;
  std::size_t total = 0;
  first_household.assign(s.communities.size() + 1, 0);
  for (std::size_t c = 0; c < s.communities.size(); ++c) {
    const auto& cp = s.communities[c];
    first_household[c] = static_cast<std::uint32_t>(w.households.count());
    const auto target = static_cast<std::int64_t>(std::llround(cp.population * scale));
    std::int64_t made = 0;
    std::uint32_t h = 0;
    while (made < target) {
      if (h % 4096 == 0) stop::throw_if_requested();  // a big world notices a signal at once
      rng::Stream hs(seed, rng::Purpose::kHouseholdSize, static_cast<std::uint32_t>(c), h++);
      auto n = static_cast<std::int64_t>(1 + hs.poisson(cp.household_size - 1.0));
      n = std::min<std::int64_t>({n, target - made, 60});
      const auto first = static_cast<std::uint32_t>(total + made);
      w.households.push(static_cast<std::uint16_t>(c), first, false, static_cast<std::uint16_t>(n));
      first_member.push_back(first);
      made += n;
    }
    total += static_cast<std::size_t>(target);
  }
  first_household.back() = static_cast<std::uint32_t>(w.households.count());
  return total;
}

// The initial persons, household by household in parallel (each from its own stream).
void create_persons(World& w, std::size_t total, const std::vector<std::uint32_t>& first_member) {
  const Scenario& s = *w.scenario;
  const auto seed = s.simulation.seed;
  std::vector<std::array<double, kAgeGroups>> members;
  for (const auto& cp : s.communities) members.push_back(member_shares(cp));
  Persons& p = w.persons;
  p.reserve(total + total / 4);  // births and arrivals of the first years (agents/persons.h)
  p.resize(total);
  Households& hh = w.households;
  par::for_blocks(hh.count(), [&](std::size_t b, std::size_t e) {
    stop::throw_if_requested();
    for (std::size_t h = b; h < e; ++h) {
      const auto& cp = s.communities[hh.community[h]];
      for (std::uint32_t k = 0; k < hh.size[h]; ++k) {
        const std::uint32_t i = first_member[h] + k;
        rng::Stream r(seed, rng::Purpose::kPopulation, i, 0);
        const int group = k == 0 ? kAdultGroup : draw_age_group(r, members[hh.community[h]]);
        p.age_months[i] = draw_age_months(r, group);
        // Heads are women with female_head_share; other members so that the whole population
        // has female_share women.
        const double heads = 1.0 / cp.household_size;
        const double others =
            heads < 1.0
                ? std::clamp((cp.female_share - heads * cp.female_head_share) / (1.0 - heads), 0.0,
                             1.0)
                : cp.female_share;
        p.gender[i] = r.bernoulli(k == 0 ? cp.female_head_share : others) ? 0 : 1;
        draw_person_traits(p, i, r, cp, s.labour);
        p.community[i] = hh.community[h];
        p.household[i] = static_cast<std::uint32_t>(h);
        p.job[i] = kNoJob;
      }
      hh.head_female[h] = p.gender[first_member[h]] == 0 ? 1 : 0;
    }
  });
}

}  // namespace

void set_expatriate_extra(Posts& posts, std::uint32_t post, double premium, double payroll_rate) {
  const Cents extra = scale_cents(posts.wage[post], premium - 1.0, "wages.expatriate_premium");
  posts.expatriate_extra[post] = extra;
  posts.expatriate_extra_net[post] = extra - scale_cents(extra, payroll_rate, "payroll tax");
}

namespace {

// Community indices sorted by latitude (ties by index), for set_catchment.
std::vector<std::uint16_t> sorted_by_latitude(const Scenario& s) {
  std::vector<std::uint16_t> out(s.communities.size());
  for (std::size_t c = 0; c < out.size(); ++c) out[c] = static_cast<std::uint16_t>(c);
  std::stable_sort(out.begin(), out.end(), [&](std::uint16_t a, std::uint16_t b) {
    return s.communities[a].lat < s.communities[b].lat;
  });
  return out;
}

// A mine's catchment: the communities within the hiring radius, nearest first (ties by index),
// weighted 1 at the mine down to 0 at the radius. Only communities whose latitude is within the
// radius are measured: the great-circle distance is at least the latitude difference times the
// Earth's radius (haversine: a >= sin^2(dlat / 2)), so none nearer is skipped and the catchment
// is the one a scan of every community gives, at a cost that grows with the communities near the
// mine rather than with all of them.
void set_catchment(const Scenario& s, const std::vector<std::uint16_t>& by_latitude,
                   const MineParams& mp, MineState& ms) {
  constexpr double kDegreesPerRadian = 180.0 / 3.14159265358979323846, kEarthKm = 6371.0;
  const double radius = s.mining.hiring_radius_km;
  const auto& host = s.communities[mp.community];
  const double reach = radius / kEarthKm * kDegreesPerRadian * (1 + 1e-9) + 1e-9;
  const auto lat_of = [&](std::uint16_t c) { return s.communities[c].lat; };
  auto it = std::lower_bound(by_latitude.begin(), by_latitude.end(), host.lat - reach,
                             [&](std::uint16_t c, double lat) { return lat_of(c) < lat; });
  std::vector<std::pair<double, std::uint16_t>> by_distance;
  for (; it != by_latitude.end() && lat_of(*it) <= host.lat + reach; ++it) {
    const std::uint16_t c = *it;
    const double d = c == mp.community ? 0.0
                                       : distance_km(host.lat, host.lon, s.communities[c].lat,
                                                     s.communities[c].lon);
    if (d < radius) by_distance.emplace_back(d, c);
  }
  std::sort(by_distance.begin(), by_distance.end());
  for (const auto& [d, c] : by_distance) ms.catchment.emplace_back(c, 1.0 - d / radius);
}

// Mines: posts per (occupation, skill) and catchments.
void add_mines(World& w) {
  const Scenario& s = *w.scenario;
  const double tax = s.economy.payroll_tax_rate;
  const std::vector<std::uint16_t> by_latitude = sorted_by_latitude(s);
  w.mines.resize(s.mines.size());
  for (std::size_t m = 0; m < s.mines.size(); ++m) {
    const MineParams& mp = s.mines[m];
    MineState& ms = w.mines[m];
    ms.first_post = static_cast<std::uint32_t>(w.posts.count());
    // Development capital, spent when the mine opened, is depreciated for tax in equal monthly
    // parts over economy.development_life_years (rounded up, so none is left over): the parts of
    // the months before the first simulated one are already written off.
    const Cents capital = to_cents(mp.development_capital_usd * s.simulation.population_scale,
                                   "mines." + mp.name + ".development_capital_usd");
    const Cents months = 12 * static_cast<Cents>(s.economy.development_life_years);
    ms.tax.development_monthly = (capital + months - 1) / months;
    const Month first = s.simulation.start.plus(-s.simulation.spinup_months);
    const Cents written_off =
        ms.tax.development_monthly * std::clamp<Cents>(first.index() - mp.open.index(), 0, months);
    ms.tax.development_left = std::max<Cents>(0, capital - written_off);
    for (int o = 0; o < kOccupations; ++o)
      for (int k = 0; k < kSkills; ++k) {
        const Cents gross = to_cents(mine_wage_usd(s, mp, k), "wages.mine_usd x wage_level");
        const std::uint32_t post = w.posts.add(
            idx(Sector::kMine), static_cast<std::uint16_t>(mp.community),
            static_cast<std::uint32_t>(m), static_cast<std::uint8_t>(k),
            static_cast<std::uint8_t>(o), gross, gross - scale_cents(gross, tax, "payroll tax"));
        w.posts.may_shed[post] = mp.no_forced_redundancy ? 0 : 1;
        set_expatriate_extra(w.posts, post, s.wages.expatriate_premium, tax);
      }
    set_catchment(s, by_latitude, mp, ms);
  }
}

// Communities: local-economy and farming posts.
void add_communities(World& w, const std::vector<std::uint32_t>& first_household) {
  const Scenario& s = *w.scenario;
  const std::size_t ni = s.local_economy.industries.size();
  w.communities.resize(s.communities.size());
  for (std::size_t c = 0; c < s.communities.size(); ++c) {
    CommunityState& cs = w.communities[c];
    cs.first_household = first_household[c];
    cs.household_count = first_household[c + 1] - first_household[c];
    cs.final_demand.assign(ni, 0);
    cs.jobs.assign(ni, 0.0);
    cs.local_posts = static_cast<std::uint32_t>(w.posts.count());
    for (int k = 0; k < kSkills; ++k) {
      const Cents wage = to_cents(s.wages.local_economy_usd[k], "wages.local_economy_usd");
      w.posts.add(idx(Sector::kLocalEconomy), static_cast<std::uint16_t>(c),
                  static_cast<std::uint32_t>(c), static_cast<std::uint8_t>(k), kNoOccupation, wage,
                  wage);
    }
    const Cents farm = to_cents(s.wages.farming_informal_usd, "wages.farming_informal_usd");
    cs.farming_post =
        w.posts.add(idx(Sector::kFarmingInformal), static_cast<std::uint16_t>(c),
                    static_cast<std::uint32_t>(c), kAnySkill, kNoOccupation, farm, farm);
  }
}

// ASM sites: a digging, a processing and a managing post each (pay is set monthly from output).
void add_asm_sites(World& w) {
  const Scenario& s = *w.scenario;
  w.asm_sites.resize(s.asm_sites.size());
  for (std::size_t k = 0; k < s.asm_sites.size(); ++k) {
    const auto c = static_cast<std::uint16_t>(s.asm_sites[k].community);
    w.asm_sites[k].first_post = static_cast<std::uint32_t>(w.posts.count());
    const Cents outside = to_cents(s.wages.farming_informal_usd * (1.0 + s.asm_params.risk_premium),
                                   "ASM reservation wage (wages.farming_informal_usd)");
    for (std::uint8_t role = 0; role < kAsmPostsPerSite; ++role)
      w.posts.add(idx(Sector::kAsm), c, static_cast<std::uint32_t>(k), kAnySkill, role, outside,
                  outside);
  }
}

// Initial supplier firms: capability spread around the community's mean (own streams).
void add_initial_suppliers(World& w, const std::vector<std::uint32_t>& first_household) {
  const Scenario& s = *w.scenario;
  const Shape<2> entry_key{{s.communities.size(), kCategories}};
  const Cents capacity =
      to_cents(s.suppliers.capacity_usd * s.simulation.population_scale, "suppliers.capacity_usd");
  for (std::size_t c = 0; c < s.communities.size(); ++c) {
    const auto& cp = s.communities[c];
    const std::uint32_t nh = first_household[c + 1] - first_household[c];
    for (int k = 0; k < kCategories; ++k)
      for (std::int64_t f = 0; f < cp.suppliers[k]; ++f) {
        rng::Stream r(s.simulation.seed, rng::Purpose::kSupplierEntry,
                      static_cast<std::uint32_t>(entry_key(c, k)), static_cast<std::uint32_t>(f));
        const double cap =
            std::clamp(cp.supplier_capability[k] *
                           capability_factor(s.suppliers.capability_spread, r.uniform()),
                       0.0, 1.0);
        const std::uint32_t owner =
            nh > 0 ? first_household[c] + static_cast<std::uint32_t>(r.uniform() * nh) : 0;
        add_supplier_firm(w, static_cast<std::uint16_t>(c), static_cast<std::uint8_t>(k), cap,
                          owner, capacity);
      }
  }
}

// The regional input-output table and its Leontief inverse (computed once).
void build_io_table(World& w) {
  const auto& le = w.scenario->local_economy;
  const std::size_t ni = le.industries.size();
  w.io.industries = le.industries;
  w.io.a.resize(static_cast<Eigen::Index>(ni), static_cast<Eigen::Index>(ni));
  w.io.jobs_per_musd.resize(static_cast<Eigen::Index>(ni));
  for (std::size_t i = 0; i < ni; ++i) {
    w.io.jobs_per_musd(static_cast<Eigen::Index>(i)) = le.jobs_per_musd[i];
    for (std::size_t j = 0; j < ni; ++j)
      w.io.a(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j)) = le.coefficients[i][j];
  }
  validate_io_table(w.io);
  w.leontief = leontief_inverse(w.io.a);
}

}  // namespace

World make_world(const Scenario& s) {
  World w;
  w.scenario = &s;
  std::vector<std::uint32_t> first_household, first_member;
  const std::size_t total = create_households(w, first_household, first_member);
  if (total > 0xFFFFFFF0u)
    throw Error(exit_code::kUsage, fmt::format("{} simulated persons exceed 2^32", total));
  create_persons(w, total, first_member);
  // Created household by household, community by community: in the compaction's order.
  w.sorted_rows = static_cast<std::uint32_t>(w.persons.size());
  w.sorted_households = static_cast<std::uint32_t>(w.households.count());
  add_mines(w);
  add_communities(w, first_household);
  add_asm_sites(w);
  add_initial_suppliers(w, first_household);
  build_io_table(w);

  // Price paths for every step, spin-up included.
  const int steps = s.simulation.spinup_months + s.simulation.months;
  const Month first = s.simulation.start.plus(-s.simulation.spinup_months);
  for (int k = 0; k < kCommodities; ++k)
    w.prices[k] =
        price_path(s.prices[k], s.simulation.seed, static_cast<std::uint32_t>(k), first, steps);

  reset_levers(w);
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
  for (Cents b : w.suppliers.balance) a[static_cast<int>(Account::kSuppliers)] += b;
  for (const auto& c : w.communities)
    a[static_cast<int>(Account::kLocalBusiness)] += c.business_balance;
  a[static_cast<int>(Account::kGovernment)] = w.government_balance;
  a[static_cast<int>(Account::kRestOfWorld)] = w.rest_of_world_balance;
  return a;
}

}  // namespace minesim
