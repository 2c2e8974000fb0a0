// Household and local-business accounts for one month.
//
// Income: each member's net wage from the post they hold (mine wages from mines, local-economy
// wages from the community's local business, farming and informal income from sales outside the
// region). Consumption: consumption_share of income; a household below the poverty line draws on
// savings to reach it (or as far as savings allow). The local_consumption_share of spending goes
// to the community's local business, the rest is imported. The local business spends
// (1 - local_labour_share) of its sales on inputs from outside; its wage bill is what its posts
// hold this month.
#include "world/households.h"

#include <algorithm>

#include "core/parallel.h"

namespace minesim {

namespace {

// Integer totals of one block of households (exact in any order).
struct HouseholdTotals {
  std::vector<Cents> local_spend;  // per community
  Cents imported = 0;
};

}  // namespace

void settle_households(World& w) {
  const Scenario& s = *w.scenario;
  const Persons& p = w.persons;
  Households& hh = w.households;
  const Posts& posts = w.posts;
  const std::size_t nc = w.communities.size();
  const double c_share = s.economy.consumption_share;
  const double local_share = s.economy.local_consumption_share;
  const Cents line = to_cents(s.economy.poverty_line_usd);

  const HouseholdTotals t = par::reduce_blocks<HouseholdTotals>(
      hh.count(), [&] { return HouseholdTotals{std::vector<Cents>(nc, 0), 0}; },
      [&](HouseholdTotals& acc, std::size_t b, std::size_t e) {
        for (std::size_t h = b; h < e; ++h) {
          Cents income = 0;
          const std::uint32_t first = hh.first_member[h];
          for (std::uint32_t i = first; i < first + hh.size[h]; ++i) {
            const std::uint32_t j = p.job[i];
            if (j == kNoJob) continue;
            income += posts.net_wage[j];
          }
          hh.income[h] = income;
          Cents spend = scale_cents(income, c_share);
          const Cents floor = line * hh.size[h];
          const Cents available = hh.savings[h] + income;
          if (spend < floor) spend = std::min(floor, std::max(spend, available));
          const Cents local = scale_cents(spend, local_share);
          hh.savings[h] += income - spend;
          acc.local_spend[hh.community[h]] += local;
          acc.imported += spend - local;
        }
      },
      [](HouseholdTotals& a, const HouseholdTotals& x) {
        for (std::size_t c = 0; c < a.local_spend.size(); ++c) a.local_spend[c] += x.local_spend[c];
        a.imported += x.imported;
      });

  Ledger& L = w.ledger;
  // Farm and informal income comes from sales outside the region, booked from the posts' side.
  Cents farm = 0, local_wages = 0;
  for (std::size_t c = 0; c < nc; ++c) {
    CommunityState& cs = w.communities[c];
    const std::uint32_t fp = cs.farming_post;
    const Cents farm_c = posts.filled[fp] * posts.net_wage[fp];
    Cents wages_c = 0;
    for (int k = 0; k < kSkills; ++k)
      wages_c += posts.filled[cs.local_posts + k] * posts.net_wage[cs.local_posts + k];
    const Cents sales = t.local_spend[c];
    const Cents inputs = sales - scale_cents(sales, s.economy.local_labour_share);
    cs.business_sales = sales;
    cs.business_balance += sales - wages_c - inputs;
    farm += farm_c;
    local_wages += wages_c;
    L.transfer(Account::kLocalBusiness, Account::kRestOfWorld, Flow::kLocalInputs, inputs);
    w.rest_of_world_balance += inputs;
  }
  Cents local_sales = 0;
  for (Cents x : t.local_spend) local_sales += x;
  L.transfer(Account::kRestOfWorld, Account::kHouseholds, Flow::kFarmSales, farm);
  L.transfer(Account::kLocalBusiness, Account::kHouseholds, Flow::kLocalWages, local_wages);
  L.transfer(Account::kHouseholds, Account::kLocalBusiness, Flow::kLocalConsumption, local_sales);
  L.transfer(Account::kHouseholds, Account::kRestOfWorld, Flow::kImportedConsumption, t.imported);
  w.rest_of_world_balance += t.imported - farm;
}

}  // namespace minesim
