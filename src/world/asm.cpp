// Artisanal and small-scale mining (ASM).
//
// Output: gold recovered per month is A * workers^crowding_exponent, with A set so that a site at
// its reference_workers produces its output per worker (asm_sites.*.output_per_worker_g, else
// asm.output_per_worker_g: ~68 g per worker-year in Burkina Faso, ENSO 2016, derived) under manual
// whole-ore amalgamation, times the technology's productivity and its recovery relative to manual.
// Workers enter and leave by comparing the average pay (asm.worker_share of the gold's value at
// the local price, world price less local_price_discount) with their outside option (farming
// income times 1 + risk_premium): a site draws workers until that pay falls to the outside option,
// capped by the deposit (max_workers) times the technology's labour_factor (machines replace
// hands). Roles are the site's three posts: pit owners and managers (managing_share of the
// workers), processors (processing_share by technology: mechanised crushing removes manual
// processing jobs, which women do: processing_share_female) and diggers (the rest).
// Where the gold's value goes, in exact cents: traders keep the world price less the local price;
// of the local value, workers get worker_share (a processor processing_pay_ratio times a digger),
// inputs bought out of the region input_share, and the pit owners the rest, owner_local_share of
// which is paid to the site's owners and managers (the rest goes to owners and financiers outside).
// Mercury used is gold times mercury_per_gold (Telmer 2012; a country's own ratio where given).
// Formal sites sell official_share[formal] of their gold through official channels, which pay
// asm.royalty_rate; informal ones about 20% (BRGM).
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

double mercury_ratio(const Scenario& s, const AsmSiteParams& site, AsmTech tech) {
  if (site.mercury_per_gold >= 0 && tech == site.technology) return site.mercury_per_gold;
  return s.asm_params.mercury_per_gold[idx(tech)];
}

// Whole cents no larger than `c` (shares are floored so that their sum never exceeds the pool).
Cents floor_cents(double c) { return static_cast<Cents>(std::floor(c)); }
}  // namespace

AsmValueSplit split_asm_value(const AsmParams& a, Cents world_value, Cents local_value,
                              std::int64_t diggers, std::int64_t processors,
                              std::int64_t managers) {
  AsmValueSplit v;
  v.trader_margin = world_value - local_value;
  const double weight =
      static_cast<double>(diggers) + a.processing_pay_ratio * static_cast<double>(processors);
  if (weight > 0) {
    const double per_weight = a.worker_share * static_cast<double>(local_value) / weight;
    v.digger_wage = floor_cents(per_weight);
    v.processor_wage = floor_cents(per_weight * a.processing_pay_ratio);
  }
  v.workers = v.digger_wage * diggers + v.processor_wage * processors;
  v.inputs = std::min(to_cents(a.input_share * to_usd(local_value), "ASM inputs"),
                      local_value - v.workers);
  const Cents owners = local_value - v.workers - v.inputs;
  if (managers > 0)
    v.manager_wage = floor_cents(a.owner_local_share * static_cast<double>(owners) /
                                 static_cast<double>(managers));
  v.owner_local = v.manager_wage * managers;
  v.owner_external = owners - v.owner_local;
  return v;
}

// Output of a site in its own unit (grams of gold, or USD for other minerals) for `workers` real
// workers: A * workers^crowding_exponent, A set from the per-worker output at the reference.
double asm_output(const Scenario& s, const AsmSiteParams& site, AsmTech tech, double workers) {
  const AsmParams& a = s.asm_params;
  if (workers <= 0) return 0.0;
  const double ref = static_cast<double>(site.reference_workers);
  // Recovery only matters for gold (mercury-free processing recovers more of it).
  const double k = a.productivity[idx(tech)] *
                   (site.gold ? a.recovery[idx(tech)] / a.recovery[idx(AsmTech::kManual)] : 1.0);
  const double per_worker = !site.gold                      ? site.value_per_worker_usd
                            : site.output_per_worker_g >= 0 ? site.output_per_worker_g
                                                            : a.output_per_worker_g;
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
    const double managing = s.asm_params.managing_share;
    const double digging = std::max(0.0, 1.0 - processing - managing);
    w.posts.demand[st.first_post] = std::llround(wanted * digging * scale);
    w.posts.demand[st.first_post + 1] = std::llround(wanted * processing * scale);
    w.posts.demand[st.first_post + 2] = std::llround(wanted * managing * scale);
  }
}

namespace {
// One site's month: output, mercury, the split of the gold's value and the posts' pay by role.
void settle_site(World& w, std::size_t k, double price) {
  const Scenario& s = *w.scenario;
  const AsmParams& a = s.asm_params;
  const double scale = s.simulation.population_scale;
  const AsmSiteParams& sp = s.asm_sites[k];
  AsmSiteState& st = w.asm_sites[k];
  const std::int64_t* filled = &w.posts.filled[st.first_post];
  const std::int64_t workers = filled[0] + filled[1] + filled[2];
  const double output = asm_output(s, sp, st.technology, static_cast<double>(workers) / scale);
  st.gold_g = sp.gold ? output : 0.0;
  st.mercury_g = st.gold_g * mercury_ratio(s, sp, st.technology);
  const double local = output * asm_unit_value(s, sp, price);
  const double world = sp.gold ? output * price / constants::kGramsPerTroyOunce : local;
  const AsmValueSplit v =
      split_asm_value(a, to_cents(world * scale, "ASM gold value"),
                      to_cents(local * scale, "ASM gold value"), filled[0], filled[1], filled[2]);
  // Each role's pay this month (the posts' wage, which household income reads).
  const std::array<Cents, kAsmPostsPerSite> pay{v.digger_wage, v.processor_wage, v.manager_wage};
  for (std::uint32_t r = 0; r < kAsmPostsPerSite; ++r) {
    w.posts.wage[st.first_post + r] = pay[r];
    w.posts.net_wage[st.first_post + r] = pay[r];
  }
  st.worker_pay = v.workers + v.owner_local;
  st.owner_local = v.owner_local;
  st.owner_external = v.owner_external;
  st.inputs = v.inputs;
  st.trader_margin = v.trader_margin;
  st.royalty =
      to_cents(local * a.official_share[st.formal ? 1 : 0] * a.royalty_rate * scale, "ASM royalty");
  // Accidents: far more frequent than in large mines (ILO: non-fatal 6-7x).
  const std::uint32_t site = rng::sub(static_cast<std::uint32_t>(k), rng::EntitySub::kAsmSite);
  rng::Stream r(s.simulation.seed, rng::Purpose::kIncidents, site, w.rng_month());
  st.incidents = r.poisson(static_cast<double>(workers) * a.hours_per_month *
                           a.incidents_per_million_hours / 1e6);
}
}  // namespace

void settle_asm(World& w) {
  const double price = w.prices[idx(Commodity::kGold)][static_cast<std::size_t>(w.step)];
  Cents workers = 0, owners = 0, external = 0, inputs = 0, traders = 0, royalties = 0;
  for (std::size_t k = 0; k < w.asm_sites.size(); ++k) {
    settle_site(w, k, price);
    const AsmSiteState& st = w.asm_sites[k];
    workers += st.worker_pay - st.owner_local;
    owners += st.owner_local;
    external += st.owner_external;
    inputs += st.inputs;
    traders += st.trader_margin;
    royalties += st.royalty;
  }
  // Gold is sold out of the region: buyers pay the workers and the owners at the site; royalties
  // on official sales reach the government from the buyers. The parts that never enter the region
  // are booked from and to the rest of world (counted, netting to nothing).
  Ledger& L = w.ledger;
  L.transfer(Account::kRestOfWorld, Account::kHouseholds, Flow::kAsmIncome, workers);
  L.transfer(Account::kRestOfWorld, Account::kHouseholds, Flow::kAsmOwnerIncome, owners);
  L.transfer(Account::kRestOfWorld, Account::kRestOfWorld, Flow::kAsmOwnersExternal, external);
  L.transfer(Account::kRestOfWorld, Account::kRestOfWorld, Flow::kAsmInputs, inputs);
  L.transfer(Account::kRestOfWorld, Account::kRestOfWorld, Flow::kAsmTraderMargin, traders);
  L.transfer(Account::kRestOfWorld, Account::kGovernment, Flow::kAsmRoyalty, royalties);
  w.rest_of_world_balance -= workers + owners + royalties;
  w.government_balance += royalties;
}

}  // namespace minesim
