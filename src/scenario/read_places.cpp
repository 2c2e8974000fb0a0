// Readers of the places: [communities.*], [asm], [asm_sites.*], and references to communities.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "scenario/schema.h"

namespace minesim {

// The required key `community`: a community's name, resolved to its index (with a did-you-mean).
std::optional<int> read_community_ref(TableReader& r,
                                      const std::vector<CommunityParams>& communities) {
  const auto name = r.required_string("community");
  if (!name) return std::nullopt;
  return find_name(r.context(), names_of(communities), *name, "community", r.source_of("community"),
                   r.path() + ".community");
}

void read_community(TableReader r, CommunityParams& c) {
  if (auto v = r.required_number("lat", Range{-90, 90}, "degrees_north")) c.lat = *v;
  if (auto v = r.required_number("lon", Range{-180, 180}, "degrees_east")) c.lon = *v;
  if (auto v = r.required_integer("population", 1, 2'000'000'000, "persons")) c.population = *v;
  c.household_size = r.number("household_size", c.household_size, Range{1, 30}, "persons");
  c.age_shares = r.numbers<4>("age_shares", c.age_shares, kShare, "1", true);
  c.skill_shares = r.numbers<3>("skill_shares", c.skill_shares, kShare, "1", true);
  c.female_share = r.number("female_share", c.female_share, kShare, "1");
  c.female_head_share = r.number("female_head_share", c.female_head_share, kShare, "1");
  c.farming_capacity_share =
      r.number("farming_capacity_share", c.farming_capacity_share, kShare, "1");
  {
    TableReader sup = r.child("suppliers");
    for (int k = 0; k < kCategories; ++k)
      c.suppliers[k] = sup.integer(std::string(kCategoryLabels[k]).c_str(), 0, 0, 100000, "firms");
    sup.finish();
  }
  c.supplier_capability = r.labelled<kCategories>("supplier_capability", kCategoryLabels,
                                                  c.supplier_capability, kShare, "capability");
  r.finish();
}

void read_asm(TableReader r, AsmParams& p) {
  p.output_per_worker_g = r.number("output_per_worker_g", p.output_per_worker_g, Range{0, 1e4},
                                   "g gold per worker-month");
  p.crowding_exponent = r.number("crowding_exponent", p.crowding_exponent, Range{0.05, 0.95}, "1");
  p.worker_share = r.number("worker_share", p.worker_share, kShare, "1");
  p.input_share = r.number("input_share", p.input_share, kShare, "1");
  if (p.worker_share + p.input_share > 1.0)
    r.context().error(r.source_of("input_share"), r.path() + ".input_share",
                      fmt::format("worker_share + input_share is {:g}: at most 1 (the pit owners "
                                  "keep what is left of the gold's value)",
                                  p.worker_share + p.input_share));
  p.owner_local_share = r.number("owner_local_share", p.owner_local_share, kShare, "1");
  p.managing_share = r.number("managing_share", p.managing_share, Range{0, 0.5}, "1");
  p.managing_share_female = r.number("managing_share_female", p.managing_share_female, kShare, "1");
  p.processing_pay_ratio =
      r.number("processing_pay_ratio", p.processing_pay_ratio, Range{0.01, 10}, "x a digger's pay");
  p.local_price_discount = r.number("local_price_discount", p.local_price_discount, kShare, "1");
  p.risk_premium = r.number("risk_premium", p.risk_premium, Range{0, 5}, "1");
  p.processing_share_female =
      r.number("processing_share_female", p.processing_share_female, kShare, "1");
  p.digging_share_female = r.number("digging_share_female", p.digging_share_female, kShare, "1");
  p.productivity = r.labelled<kAsmTechs>("productivity", kAsmTechLabels, p.productivity,
                                         Range{0.1, 10}, "x manual");
  p.recovery = r.labelled<kAsmTechs>("recovery", kAsmTechLabels, p.recovery, Range{0.01, 1}, "1");
  p.processing_share =
      r.labelled<kAsmTechs>("processing_share", kAsmTechLabels, p.processing_share, kShare, "1");
  p.labour_factor =
      r.labelled<kAsmTechs>("labour_factor", kAsmTechLabels, p.labour_factor, Range{0.01, 1}, "1");
  p.mercury_per_gold = r.labelled<kAsmTechs>("mercury_per_gold", kAsmTechLabels, p.mercury_per_gold,
                                             Range{0, 100}, "g/g");
  p.official_share =
      r.labelled<2>("official_share", std::array<std::string_view, 2>{"informal", "formal"},
                    p.official_share, kShare, "1");
  p.royalty_rate = r.number("royalty_rate", p.royalty_rate, kShare, "1");
  p.incidents_per_million_hours = r.number(
      "incidents_per_million_hours", p.incidents_per_million_hours, Range{0, 1e4}, "per 1e6 h");
  p.hours_per_month = r.number("hours_per_month", p.hours_per_month, Range{0, 744}, "hours");
  p.workers_scale = r.number("workers_scale", p.workers_scale, Range{0.001, 1000},
                             "x every site's reference_workers and max_workers");
  r.finish();
}

namespace {
// A site's (country's) own output per worker, mercury ratio and women's shares of each role.
void read_asm_site_overrides(TableReader& r, AsmSiteParams& a) {
  if (r.has("output_per_worker_g")) {
    a.output_per_worker_g =
        r.number("output_per_worker_g", 0, Range{0, 1e4}, "g gold per worker-month");
    if (!a.gold)
      r.context().error(r.source_of("output_per_worker_g"), r.path() + ".output_per_worker_g",
                        "only for commodity = \"gold\" (other minerals use value_per_worker_usd)");
  }
  if (r.has("mercury_per_gold"))
    a.mercury_per_gold = r.number("mercury_per_gold", 0, Range{0, 100}, "g/g");
  if (r.has("processing_share_female"))
    a.processing_share_female = r.number("processing_share_female", 0, kShare, "1");
  if (r.has("digging_share_female"))
    a.digging_share_female = r.number("digging_share_female", 0, kShare, "1");
  if (r.has("managing_share_female"))
    a.managing_share_female = r.number("managing_share_female", 0, kShare, "1");
}
}  // namespace

void read_asm_site(TableReader r, AsmSiteParams& a,
                   const std::vector<CommunityParams>& communities) {
  if (auto c = read_community_ref(r, communities)) a.community = *c;
  if (auto v = r.required_integer("reference_workers", 1, 100'000'000, "workers"))
    a.reference_workers = *v;
  a.max_workers = r.integer("max_workers", 0, 0, 100'000'000, "workers (0: 4 x reference)");
  if (a.max_workers == 0) a.max_workers = 4 * a.reference_workers;
  a.technology =
      enum_of<AsmTech>(kAsmTechLabels, r.string("technology", "manual", labels(kAsmTechLabels)));
  a.formal = r.string("licence", "informal", {"informal", "formal"}) == "formal";
  a.gold = r.string("commodity", "gold", {"gold", "other"}) == "gold";
  if (a.gold && r.has("value_per_worker_usd")) {
    r.number("value_per_worker_usd", 0, Range{0, 1e5},
             "USD per worker-month");  // read: not "unknown"
    r.context().error(r.source_of("value_per_worker_usd"), r.path() + ".value_per_worker_usd",
                      "only for commodity = \"other\" (gold is valued at the gold price)");
  } else if (!a.gold) {
    if (auto v = r.required_number("value_per_worker_usd", Range{0, 1e5}, "USD per worker-month"))
      a.value_per_worker_usd = *v;
  }
  read_asm_site_overrides(r, a);
  a.displaced_by_mine_name = r.string("displaced_by_mine", "", {});
  TableReader up = r.child("upgrade");
  if (up.present()) {
    if (auto m = up.required_month("start")) a.upgrade_start = *m;
    a.upgrade_to = enum_of<AsmTech>(
        kAsmTechLabels, up.string("technology", std::string(kAsmTechLabels[idx(a.technology)]),
                                  labels(kAsmTechLabels)));
    a.upgrade_formal =
        up.string("licence", a.formal ? "formal" : "informal", {"informal", "formal"}) == "formal";
  }
  up.finish();
  r.finish();
}

}  // namespace minesim
