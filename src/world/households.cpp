// Household and local-economy accounts for one month.
//
// Income: each member's net wage from the post they hold (with the expatriate extra for an
// expatriate at a mine post), plus transfers (supplier dividends to owners). Farming workers'
// households also eat part of their produce
// (wages.own_consumption_share): its value is income in kind, kept in its own column and never
// booked, because no money changes hands; it counts in income for poverty (world/indicators.cpp)
// and lowers the cash the household needs to reach the poverty line, but it is neither cash
// consumption nor local final demand. Consumption: economy.consumption_share of cash income; a
// household whose cash spending and own-consumption fall short of the poverty line draws on savings
// to reach it (or as far as savings allow). economy.local_consumption_share of spending is local
// final demand, split over the input-output industries by local_economy.household_shares; the rest
// is imported. Suppliers add their local inputs to final demand (world/suppliers.cpp). The local
// economy's output is x = (I - A)^-1 f and its jobs local_economy.jobs_per_musd * annualised x;
// those jobs are next month's local-economy labour demand. The local business receives final
// demand, pays its workers, and the rest leaves the region (inputs from outside, profits).
#include "world/households.h"

#include <algorithm>
#include <atomic>

#include "core/parallel.h"

namespace minesim {

namespace {

struct HouseholdTotals {
  std::vector<Cents> local_spend;  // per community
  Cents imported = 0, transfers = 0;
};

// The own-consumption value of one farming worker, per community (the farming post's owner).
std::vector<Cents> own_consumption_by_community(const World& w) {
  std::vector<Cents> v(w.communities.size(), 0);
  for (std::size_t c = 0; c < v.size(); ++c)
    v[c] =
        own_consumption_cents(w.scenario->wages, w.posts.net_wage[w.communities[c].farming_post]);
  return v;
}

// Members' net wages, farming members' own-consumption and the number of living members, added
// per person (integer atomics: the sums are exact whatever the order, so the result does not
// depend on threads).
void add_members(World& w) {
  const Persons& p = w.persons;
  Households& hh = w.households;
  const Posts& posts = w.posts;
  const std::vector<Cents> own = own_consumption_by_community(w);
  const auto farming = idx(Sector::kFarmingInformal);
  par::for_blocks(hh.count(), [&](std::size_t b, std::size_t e) {
    for (std::size_t h = b; h < e; ++h) {
      hh.income[h] = 0;
      hh.own_consumption[h] = 0;
      hh.size[h] = 0;
    }
  });
  par::for_blocks(p.size(), [&](std::size_t b, std::size_t e) {
    for (std::size_t i = b; i < e; ++i) {
      if (!p.alive[i]) continue;
      const std::uint32_t h = p.household[i];
      std::atomic_ref<std::uint16_t>(hh.size[h]).fetch_add(1, std::memory_order_relaxed);
      const std::uint32_t j = p.job[i];
      if (j == kNoJob) continue;
      const bool expatriate = p.origin[i] == static_cast<std::uint8_t>(Origin8::kExpatriate);
      std::atomic_ref<Cents>(hh.income[h])
          .fetch_add(posts.net_wage_of(j, expatriate), std::memory_order_relaxed);
      if (posts.sector[j] == farming)
        std::atomic_ref<Cents>(hh.own_consumption[h])
            .fetch_add(own[posts.owner[j]], std::memory_order_relaxed);
    }
  });
}

// Income with transfers, spending (at least the poverty line as far as savings allow), savings,
// and the local and imported spending totals.
HouseholdTotals spend(World& w) {
  const Scenario& s = *w.scenario;
  Households& hh = w.households;
  const std::size_t nc = w.communities.size();
  const double c_share = s.economy.consumption_share;
  const double local_share = s.economy.local_consumption_share;
  const Cents line = poverty_line_cents(s.economy);
  return par::reduce_blocks<HouseholdTotals>(
      hh.count(),
      [&] {
        return HouseholdTotals{std::vector<Cents>(nc, 0), 0, 0};
      },
      [&](HouseholdTotals& acc, std::size_t b, std::size_t e) {
        for (std::size_t h = b; h < e; ++h) {
          const Cents income = add_cents(hh.income[h], hh.transfers[h], "household income");
          accumulate(acc.transfers, hh.transfers[h], "household transfers");
          hh.transfers[h] = 0;
          hh.income[h] = income;
          Cents spend = scale_cents(income, c_share, "consumption");
          // The cash the household needs to reach the line: produce it eats counts toward it.
          const Cents floor = std::max<Cents>(0, line * hh.size[h] - hh.own_consumption[h]);
          const Cents available = hh.savings[h] + income;
          if (spend < floor) spend = std::min(floor, std::max(spend, available));
          const Cents local = scale_cents(spend, local_share, "local consumption");
          accumulate(hh.savings[h], income - spend, "household savings");
          accumulate(acc.local_spend[hh.community[h]], local, "local consumption");
          accumulate(acc.imported, spend - local, "imported consumption");
        }
      },
      [](HouseholdTotals& a, const HouseholdTotals& x) {
        for (std::size_t c = 0; c < a.local_spend.size(); ++c) a.local_spend[c] += x.local_spend[c];
        a.imported += x.imported;
        a.transfers += x.transfers;
      });
}

}  // namespace

Cents poverty_line_cents(const EconomyParams& e) {
  const double ratio = e.poverty_line_basis == PriceBasis::kPpp ? e.price_level_ratio : 1.0;
  return to_cents(e.poverty_line_usd * ratio, "economy.poverty_line_usd");
}

Cents own_consumption_cents(const WageParams& wages, Cents farm_cash) {
  const double s = wages.own_consumption_share;
  return scale_cents(farm_cash, s / (1.0 - s), "own-consumption value");
}

void settle_households(World& w) {
  const Scenario& s = *w.scenario;
  const Posts& posts = w.posts;
  const std::size_t nc = w.communities.size();
  add_members(w);
  const HouseholdTotals t = spend(w);

  Ledger& L = w.ledger;
  const auto& le = s.local_economy;
  const std::size_t ni = le.industries.size();
  Cents farm = 0, local_wages = 0, net_imports = 0, local_sales = 0;
  Eigen::VectorXd f(static_cast<Eigen::Index>(ni));
  for (std::size_t c = 0; c < nc; ++c) {
    CommunityState& cs = w.communities[c];
    // Households' local spending joins the suppliers' local inputs as final demand.
    add_split(cs.final_demand, t.local_spend[c], le.household_shares, "final demand");
    Cents sales = 0;
    for (std::size_t j = 0; j < ni; ++j) {
      sales += cs.final_demand[j];
      f(static_cast<Eigen::Index>(j)) = to_usd(cs.final_demand[j]);
    }
    // Output and the jobs it supports (annualised output, jobs per million USD).
    const Eigen::VectorXd x = w.leontief * f;
    for (std::size_t j = 0; j < ni; ++j)
      cs.jobs[j] = le.jobs_per_musd[j] * x(static_cast<Eigen::Index>(j)) * 12.0 / 1e6;

    const std::uint32_t fp = cs.farming_post;
    farm += posts.filled[fp] * posts.net_wage[fp];
    Cents wages_c = 0;
    for (int k = 0; k < kSkills; ++k)
      wages_c += posts.filled[cs.local_posts + k] * posts.net_wage[cs.local_posts + k];
    // The local business passes everything through within the month: it pays its local workers
    // and sends the rest of its sales out of the region (inputs bought outside, profits); when
    // wages exceed sales, `out` is negative: the difference comes in from outside. So the line
    // below always adds 0 (sales - wages_c - out is 0 by construction) and business_balance stays
    // at its initial 0. It marks where a business that keeps cash (working capital, retained
    // profit) would book it, a change of model left for later (docs/ODD.md, limitations).
    const Cents out = sales - wages_c;
    cs.business_balance += sales - wages_c - out;
    local_wages += wages_c;
    net_imports += out;
    local_sales += t.local_spend[c];
  }
  L.transfer(Account::kRestOfWorld, Account::kHouseholds, Flow::kFarmSales, farm);
  L.transfer(Account::kLocalBusiness, Account::kHouseholds, Flow::kLocalWages, local_wages);
  L.transfer(Account::kHouseholds, Account::kLocalBusiness, Flow::kLocalConsumption, local_sales);
  L.transfer(Account::kHouseholds, Account::kRestOfWorld, Flow::kImportedConsumption, t.imported);
  L.transfer(Account::kLocalBusiness, Account::kRestOfWorld, Flow::kLocalNetImports, net_imports);
  accumulate(w.rest_of_world_balance,
             add_cents(t.imported - farm, net_imports, "household imports"),
             "rest of world balance");
}

}  // namespace minesim
