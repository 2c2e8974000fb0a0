// Mine operators' month after the labour market: production (limited by staffing), sales,
// procurement (local suppliers first), wages, royalty, levies, taxes, profit shifting, dividends,
// energy, emissions and incidents, booked through the ledger.
#include <algorithm>
#include <optional>

#include "core/constants.h"
#include "core/rng.h"
#include "world/mine_tax.h"
#include "world/mines.h"
#include "world/suppliers.h"

namespace minesim {

double value_per_tonne(const MineParams& m, double price) {
  if (m.commodity == Commodity::kGold)
    return m.grade * m.recovery / constants::kGramsPerTroyOunce * price;
  return (m.grade / 100.0) * m.recovery * price;  // copper, cobalt: price per tonne of metal
}

double mine_royalty_rate(const MineParams& m, const Levers& lv) {
  return m.royalty_rate >= 0 ? m.royalty_rate : lv.royalty_rate;
}

namespace {

// The month's groupings of supplier and household rows by community: settle_mines changes sales
// and transfers, not which rows exist or where.
struct ByCommunity {
  CommunityIndex firms;
  std::optional<CommunityIndex> homes;  // built when a mine first shares royalty this month
};

// On-site wage bill and head count of a mine (simulated persons).
struct Payroll {
  Cents gross = 0, net = 0;
  Cents margin = 0;  // contracting firms' margin on the contractor-held share of the gross wages
  std::int64_t onsite = 0, wanted = 0;
};

Payroll mine_payroll(const World& w, const MineParams& mp, const MineState& ms) {
  Payroll pay;
  for (int o = 0; o < kOccupations; ++o)
    for (int k = 0; k < kSkills; ++k) {
      const std::uint32_t p = mine_post(ms, o, k);
      // Expatriate holders are paid the post's wage plus its expatriate extra (agents/posts.h).
      pay.gross += w.posts.filled[p] * w.posts.wage[p] +
                   w.posts.expatriates[p] * w.posts.expatriate_extra[p];
      pay.net += w.posts.filled[p] * w.posts.net_wage[p] +
                 w.posts.expatriates[p] * w.posts.expatriate_extra_net[p];
      pay.onsite += w.posts.filled[p];
      pay.wanted += w.posts.demand[p];
    }
  // Contractors are hired and paid like employees; the mine pays their contracting firms a
  // margin on top of the wages they pass on (ODD.md §7.11).
  pay.margin = scale_cents(scale_cents(pay.gross, mp.contractor_share, "contract wages"),
                           w.scenario->mining.contractor_margin,
                           "contractor margin (mining.contractor_margin)");
  return pay;
}

// Spend of category c this month (USD at simulated scale): per on-site employee (headcount), per
// tonne of ore produced (tonnage), or on installed technology (technology): per tonne of the mine's
// ore capacity, which does not fall with output, plus the yearly upkeep share of the technology
// capital installed so far.
double category_spend_usd(const Scenario& s, const MineParams& mp, const MineState& ms, int c,
                          std::int64_t onsite) {
  const double rate = s.mining.spend_rate[c] * ms.spend_factor[c];
  const double scale = s.simulation.population_scale;
  switch (s.mining.linkage[c]) {
    case Linkage::kHeadcount: return rate * static_cast<double>(onsite);  // simulated employees
    case Linkage::kTonnage: return rate * ms.production_t * scale;
    case Linkage::kTechnology: break;
  }
  return (rate * mp.ore_tonnes_per_month +
          s.mining.technology_upkeep[c] / 12.0 * ms.installed_technology_usd) *
         scale;
}

// Procurement: spend by category, local suppliers first, then national and foreign; books the
// payments and returns the total spend.
Cents procure(World& w, const ByCommunity& ix, std::size_t m, std::int64_t onsite) {
  const Scenario& s = *w.scenario;
  const MineParams& mp = s.mines[m];
  MineState& ms = w.mines[m];
  const Levers& lv = w.levers;
  Cents procurement = 0;
  for (int c = 0; c < kCategories; ++c) {
    const double usd = category_spend_usd(s, mp, ms, c, onsite);
    const Cents spend = to_cents(usd, "procurement spend (mining.spend_rate.*)");
    const Cents local = buy_locally(w, ix.firms, static_cast<std::uint16_t>(mp.community),
                                    static_cast<Category>(c), spend);
    // Nationally owned firms take the national share, and under a national-ownership rule also
    // the contracts that would have gone abroad.
    const double nat = s.mining.national_share[c] +
                       (1.0 - s.mining.national_share[c]) * lv.national_ownership[mp.community][c];
    const Cents national = scale_cents(spend - local, nat, "national procurement");
    ms.spend[c][idx(Origin::kLocal)] = local;
    ms.spend[c][idx(Origin::kNational)] = national;
    ms.spend[c][idx(Origin::kForeign)] = spend - local - national;
    w.ledger.transfer(Account::kMines, Account::kSuppliers, Flow::kProcurementLocal, local);
    w.ledger.transfer(Account::kMines, Account::kRestOfWorld, Flow::kProcurementExternal,
                      spend - local);
    accumulate(w.rest_of_world_balance, spend - local, "rest of world balance");
    accumulate(procurement, spend, "procurement (mining.spend_rate.*)");
  }
  return procurement;
}

// What a mine pays this month besides on-site wages and procurement (cents, simulated scale).
struct MinePayments {
  Cents revenue = 0, remote_in = 0, remote_tax = 0, remote_abroad = 0, payroll_tax = 0;
  Cents royalty = 0, other = 0, diversify = 0, retraining = 0, profit = 0, shifted = 0, cit = 0;
};

// Royalty, levies, diversification, retraining, super-profits tax, profit shifting and
// corporate income tax, in that order of assessment.
void assess(World& w, std::size_t m, const Payroll& pay, Cents procurement, MinePayments& x) {
  const Scenario& s = *w.scenario;
  const MineParams& mp = s.mines[m];
  MineState& ms = w.mines[m];
  const auto& e = s.economy;
  const Levers& lv = w.levers;
  double removed = 0;
  for (double r : ms.roles_removed) removed += r;
  x.royalty = scale_cents(x.revenue, mine_royalty_rate(mp, lv), "royalty");
  const Cents levies = to_cents((e.other_levy_usd_per_tonne * ms.production_t +
                                 lv.automation_levy_usd_per_role * removed / 12.0) *
                                    s.simulation.population_scale,
                                "levies (economy.other_levy_usd_per_tonne, automation levy)");
  // Economic diversification: a share of revenue spent on local non-mining activity.
  x.diversify = scale_cents(x.revenue, lv.diversification_share[m], "diversification");
  x.retraining = to_cents(static_cast<double>(ms.redeployed) * s.mining.retraining_cost_usd,
                          "retraining (mining.retraining_cost_usd)");
  const Cents before_super = x.revenue - pay.gross - pay.margin - x.remote_in - x.remote_abroad -
                             procurement - x.royalty - levies - ms.capex - x.retraining -
                             x.diversify;
  // Super-profits tax: on the revenue earned above trigger x the feasibility price, at most the
  // month's profit; recorded with the other levies (instrument `other`).
  Cents super_profits = 0, excess_base = 0;
  if (e.super_profits_tax_rate > 0 && mp.feasibility_price_usd > 0 && before_super > 0) {
    const double excess = 1.0 - e.super_profits_trigger * mp.feasibility_price_usd / ms.price_usd;
    if (excess > 0) {
      excess_base = std::min(scale_cents(x.revenue, excess, "super profits"), before_super);
      super_profits = scale_cents(excess_base, e.super_profits_tax_rate, "super-profits tax");
    }
  }
  x.other = levies + super_profits;
  x.profit = before_super - super_profits;
  // Profit shifting (fees, interest, transfer mispricing) leaves before tax is assessed.
  x.shifted = x.profit > 0 ? scale_cents(x.profit, lv.profit_shifting_share, "profit shifting") : 0;
  // Corporate income tax as assessed: capital is deducted as it depreciates, not as it is paid;
  // the profit the super-profits tax assessed is not taxed again (DRC 2018 Mining Code); a loss is
  // carried forward.
  const Cents depreciation =
      add_cents(technology_depreciation(ms.tax, ms.capex, w.month().year, e.technology_life_years),
                development_depreciation(ms.tax), "depreciation");
  const Cents taxable = before_super + ms.capex - depreciation - excess_base - x.shifted;
  x.cit = assess_cit(ms.tax, taxable, lv.cit_rate, e.loss_offset_cap).cit;
}

// Books the mine's month through the ledger and the account balances; returns the royalty
// shared with the host community's households.
Cents book(World& w, ByCommunity& ix, std::size_t m, const Payroll& pay, Cents procurement,
           const MinePayments& x) {
  const MineParams& mp = w.scenario->mines[m];
  MineState& ms = w.mines[m];
  Ledger& L = w.ledger;
  const Cents remote = x.remote_in - x.remote_tax + x.remote_abroad;
  L.transfer(Account::kRestOfWorld, Account::kMines, Flow::kMineSales, x.revenue);
  L.transfer(Account::kMines, Account::kHouseholds, Flow::kMineWages, pay.net);
  L.transfer(Account::kMines, Account::kGovernment, Flow::kPayrollTax, x.payroll_tax);
  L.transfer(Account::kMines, Account::kRestOfWorld, Flow::kRemoteWages, remote);
  L.transfer(Account::kMines, Account::kRestOfWorld, Flow::kContractorMargin, pay.margin);
  L.transfer(Account::kMines, Account::kGovernment, Flow::kRoyalty, x.royalty);
  L.transfer(Account::kMines, Account::kGovernment, Flow::kOtherLevies, x.other);
  L.transfer(Account::kMines, Account::kRestOfWorld, Flow::kTechnologyCapex, ms.capex);
  L.transfer(Account::kMines, Account::kRestOfWorld, Flow::kRetraining, x.retraining);
  L.transfer(Account::kMines, Account::kRestOfWorld, Flow::kProfitShifting, x.shifted);
  L.transfer(Account::kMines, Account::kGovernment, Flow::kCorporateIncomeTax, x.cit);
  L.transfer(Account::kMines, Account::kLocalBusiness, Flow::kDiversification, x.diversify);
  add_final_demand(w, static_cast<std::size_t>(mp.community), x.diversify);
  ms.balance += x.revenue - pay.net - pay.margin - x.payroll_tax - remote - x.royalty - x.other -
                ms.capex - x.retraining - x.shifted - x.cit - procurement - x.diversify;
  // Revenue sharing: a share of the royalty goes to the host community's households.
  const Cents to_share = scale_cents(x.royalty, w.levers.revenue_sharing, "revenue sharing");
  if (to_share > 0 && !ix.homes)
    ix.homes = index_by_community(w.households.community, w.communities.size());
  const Cents shared =
      to_share > 0
          ? share_with_households(w, *ix.homes, static_cast<std::size_t>(mp.community), to_share)
          : 0;
  accumulate(w.government_balance,
             add_cents(add_cents(x.payroll_tax, x.royalty, "government income"),
                       add_cents(x.other, x.cit, "government income"), "government income"),
             "government balance");
  accumulate(
      w.rest_of_world_balance,
      sub_cents(remote + pay.margin + ms.capex + x.retraining + x.shifted, x.revenue, "mine sales"),
      "rest of world balance");
  // Foreign owners take positive cash as dividends; losses stay as a negative balance (debt).
  if (ms.balance > 0) {
    L.transfer(Account::kMines, Account::kRestOfWorld, Flow::kDividends, ms.balance);
    accumulate(w.rest_of_world_balance, ms.balance, "rest of world balance (dividends)");
    ms.balance = 0;
  }
  ms.profit = x.profit;
  ms.contract_margin = pay.margin;
  ms.revenue = x.revenue;
  ms.shifted = x.shifted;
  return shared;
}

// Energy and emissions (real tonnes of CO2), and recordable incidents: Poisson in on-site hours,
// from the mine's own stream.
void emissions_and_incidents(World& w, std::size_t m, std::int64_t onsite) {
  const Scenario& s = *w.scenario;
  const MineParams& mp = s.mines[m];
  MineState& ms = w.mines[m];
  ms.co2_t =
      ms.production_t *
      (s.mining.diesel_litres_per_tonne * ms.diesel_factor * constants::kKgCo2PerLitreDiesel +
       s.mining.electricity_kwh_per_tonne * ms.electricity_factor * s.mining.grid_kg_co2_per_kwh) /
      1000.0;
  const double hours = static_cast<double>(onsite) * mp.hours_per_month;
  const double mean = hours * mp.incidents_per_million_hours / 1e6 * ms.incident_factor;
  rng::Stream r(s.simulation.seed, rng::Purpose::kIncidents, static_cast<std::uint32_t>(m),
                w.rng_month());
  ms.incidents = r.poisson(mean);
}

// One mine's month; returns the royalty it shares with households.
Cents settle_mine(World& w, ByCommunity& ix, std::size_t m) {
  const Scenario& s = *w.scenario;
  const double scale = s.simulation.population_scale;
  const MineParams& mp = s.mines[m];
  MineState& ms = w.mines[m];
  ms.revenue = ms.profit = ms.shifted = ms.contract_margin = 0;
  ms.incidents = 0;
  ms.production_t = ms.co2_t = 0;
  for (auto& row : ms.spend) row.fill(0);
  ms.price_usd = w.prices[idx(mp.commodity)][static_cast<std::size_t>(w.step)];
  if (!ms.open) return 0;

  const Payroll pay = mine_payroll(w, mp, ms);
  // Output needs its crews: it falls in proportion to unfilled on-site roles.
  const double staffing =
      pay.wanted > 0
          ? std::min(1.0, static_cast<double>(pay.onsite) / static_cast<double>(pay.wanted))
          : 1.0;
  ms.production_t = mp.ore_tonnes_per_month * ms.productivity * staffing;
  MinePayments x;
  x.revenue = to_cents(ms.production_t * value_per_tonne(mp, ms.price_usd) * scale, [&] {
    return "revenue of mines." + mp.name +
           " (ore_tonnes_per_month x grade x recovery x prices.*.base_usd)";
  });
  // Remote roles: in-country ones pay payroll tax; all are paid outside the modelled region.
  const double high = mine_wage_usd(s, mp, idx(Skill::kHigh));
  x.remote_in = to_cents(ms.remote_roles[idx(Location::kInCountry)] * scale * high,
                         "remote wages (wages.mine_usd)");
  x.remote_abroad = to_cents(ms.remote_roles[idx(Location::kAbroad)] * scale * high,
                             "remote wages (wages.mine_usd)");
  x.remote_tax = scale_cents(x.remote_in, w.levers.payroll_rate, "payroll tax");
  x.payroll_tax = pay.gross - pay.net + x.remote_tax;
  const Cents procurement = procure(w, ix, m, pay.onsite);
  assess(w, m, pay, procurement, x);
  const Cents shared = book(w, ix, m, pay, procurement, x);
  emissions_and_incidents(w, m, pay.onsite);
  return shared;
}

}  // namespace

void settle_mines(World& w) {
  Cents shared_royalty = 0;
  ByCommunity ix{index_by_community(w.suppliers.community, w.communities.size()), std::nullopt};
  for (std::size_t m = 0; m < w.mines.size(); ++m)
    accumulate(shared_royalty, settle_mine(w, ix, m), "revenue sharing");
  w.ledger.transfer(Account::kGovernment, Account::kHouseholds, Flow::kRevenueSharing,
                    shared_royalty);
  w.government_balance = sub_cents(w.government_balance, shared_royalty, "government balance");
}

}  // namespace minesim
