// Artisanal and small-scale mining (ASM).
//
// Output: gold recovered per month is A * workers^crowding_exponent, with A set so that a site at
// its reference_workers produces asm.output_per_worker_g per worker under manual whole-ore
// amalgamation (~68 g per worker-year in Burkina Faso, ENSO 2016, derived), times the technology's
// productivity and its recovery relative to manual. Workers enter and leave by comparing their
// pay (asm.worker_share of the gold's value at the local price, world price less
// local_price_discount) with their outside option (farming income times 1 + risk_premium): a site
// draws workers until the average pay falls to the outside option, capped by the deposit
// (max_workers) times the technology's labour_factor (machines replace hands). A share of the
// workers process ore (processing_share by technology: mechanised crushing removes manual
// processing jobs, which women do: processing_share_female). Mercury used is gold times
// mercury_per_gold (Telmer 2012). Formal sites sell official_share[formal] of their gold through
// official channels, which pay asm.royalty_rate; informal ones about 20% (BRGM).
// Sites of other minerals (commodity = "other") follow the same crowding curve, valued at a fixed
// value_per_worker_usd per worker-month at the reference crowding; they use no mercury.
#include "world/asm.h"

#include <algorithm>
#include <cmath>

#include "core/constants.h"
#include "core/rng.h"

namespace minesim {

namespace {
double local_price_per_g(const Scenario& s, double usd_per_oz) {
  return usd_per_oz / constants::kGramsPerTroyOunce * (1.0 - s.asm_params.local_price_discount);
}
}  // namespace

// Output of a site in its own unit (grams of gold, or USD for other minerals) for `workers` real
// workers: A * workers^crowding_exponent, A set from the per-worker output at the reference.
double asm_output(const Scenario& s, const AsmSiteParams& site, AsmTech tech, double workers) {
  const AsmParams& a = s.asm_params;
  if (workers <= 0) return 0.0;
  const double ref = static_cast<double>(site.reference_workers);
  // Recovery only matters for gold (mercury-free processing recovers more of it).
  const double k = a.productivity[idx(tech)] *
                   (site.gold ? a.recovery[idx(tech)] / a.recovery[idx(AsmTech::kManual)] : 1.0);
  const double per_worker = site.gold ? a.output_per_worker_g : site.value_per_worker_usd;
  return k * per_worker * std::pow(ref, 1.0 - a.crowding_exponent) *
         std::pow(workers, a.crowding_exponent);
}

// USD a unit of the site's output fetches locally.
double asm_unit_value(const Scenario& s, const AsmSiteParams& site, double gold_usd_per_oz) {
  return site.gold ? local_price_per_g(s, gold_usd_per_oz) : 1.0;
}

double asm_gold_g(const Scenario& s, const AsmSiteParams& site, AsmTech tech, double workers) {
  return site.gold ? asm_output(s, site, tech, workers) : 0.0;
}

double asm_workers_wanted(const Scenario& s, const AsmSiteParams& site, AsmTech tech,
                          double price) {
  const AsmParams& a = s.asm_params;
  const double ref = static_cast<double>(site.reference_workers);
  const double pay_at_ref =
      asm_output(s, site, tech, ref) / ref * asm_unit_value(s, site, price) * a.worker_share;
  const double outside = s.wages.farming_informal_usd * (1.0 + a.risk_premium);
  const double wanted =
      outside > 0 ? ref * std::pow(pay_at_ref / outside, 1.0 / (1.0 - a.crowding_exponent)) : ref;
  return std::min(wanted, static_cast<double>(site.max_workers) * a.labour_factor[idx(tech)]);
}

void plan_asm(World& w) {
  const Scenario& s = *w.scenario;
  const Month now = w.month();
  const double scale = s.simulation.population_scale;
  const double price = w.prices[idx(Commodity::kGold)][static_cast<std::size_t>(w.step)];
  for (std::size_t k = 0; k < w.asm_sites.size(); ++k) {
    const AsmSiteParams& sp = s.asm_sites[k];
    AsmSiteState& st = w.asm_sites[k];
    st.technology = sp.technology;
    st.formal = sp.formal;
    if (sp.upgrade_start && !(now < *sp.upgrade_start)) {
      st.technology = sp.upgrade_to;
      st.formal = sp.upgrade_formal;
    }
    // Formalisation policy: a licence, and mercury-free equipment where it is funded.
    if (w.levers.asm_formal[k]) st.formal = true;
    if (w.levers.asm_mercury_free[k]) st.technology = AsmTech::kMercuryFree;
    // An industrial licence over the site's ground: once that mine operates, the miners must go.
    const bool displaced =
        sp.displaced_by_mine >= 0 && w.mines[static_cast<std::size_t>(sp.displaced_by_mine)].open;
    const double wanted = displaced ? 0.0 : asm_workers_wanted(s, sp, st.technology, price);
    const double processing = s.asm_params.processing_share[idx(st.technology)];
    w.posts.demand[st.first_post] = std::llround(wanted * (1.0 - processing) * scale);
    w.posts.demand[st.first_post + 1] = std::llround(wanted * processing * scale);
  }
}

void settle_asm(World& w) {
  const Scenario& s = *w.scenario;
  const AsmParams& a = s.asm_params;
  const double scale = s.simulation.population_scale;
  const double price = w.prices[idx(Commodity::kGold)][static_cast<std::size_t>(w.step)];
  Ledger& L = w.ledger;
  Cents paid = 0, royalties = 0;
  for (std::size_t k = 0; k < w.asm_sites.size(); ++k) {
    const AsmSiteParams& sp = s.asm_sites[k];
    AsmSiteState& st = w.asm_sites[k];
    const std::int64_t workers = w.posts.filled[st.first_post] + w.posts.filled[st.first_post + 1];
    const double real = static_cast<double>(workers) / scale;
    const double output = asm_output(s, sp, st.technology, real);
    st.gold_g = sp.gold ? output : 0.0;
    st.mercury_g = st.gold_g * a.mercury_per_gold[idx(st.technology)];
    const double value = output * asm_unit_value(s, sp, price);
    // Each worker's pay this month (the posts' wage, which household income reads).
    const Cents each = workers > 0 ? to_cents(value * a.worker_share / real, "ASM income") : 0;
    for (std::uint32_t q = st.first_post; q < st.first_post + 2; ++q) {
      w.posts.wage[q] = each;
      w.posts.net_wage[q] = each;
    }
    st.worker_pay = each * workers;
    st.royalty = to_cents(value * a.official_share[st.formal ? 1 : 0] * a.royalty_rate * scale,
                          "ASM royalty");
    paid += st.worker_pay;
    royalties += st.royalty;
    // Accidents: far more frequent than in large mines (ILO: non-fatal 6-7x).
    const std::uint32_t site = rng::sub(static_cast<std::uint32_t>(k), rng::EntitySub::kAsmSite);
    rng::Stream r(s.simulation.seed, rng::Purpose::kIncidents, site, w.rng_month());
    st.incidents = r.poisson(static_cast<double>(workers) * a.hours_per_month *
                             a.incidents_per_million_hours / 1e6);
  }
  // Gold is sold out of the region: buyers pay the workers' share; royalties on official sales
  // reach the government from the buyers.
  L.transfer(Account::kRestOfWorld, Account::kHouseholds, Flow::kAsmIncome, paid);
  L.transfer(Account::kRestOfWorld, Account::kGovernment, Flow::kAsmRoyalty, royalties);
  w.rest_of_world_balance -= paid + royalties;
  w.government_balance += royalties;
}

}  // namespace minesim
