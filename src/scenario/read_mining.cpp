// Readers of the mining tables: [mining], [prices.*], [technology.*], [mines.*].
#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "scenario/schema.h"

namespace minesim {

namespace {

// Occupation shares under `key`, checked to sum to 1.
std::array<double, kOccupations> read_occupation_shares(TableReader& r, const char* key,
                                                        std::array<double, kOccupations> def) {
  def = r.labelled<kOccupations>(key, kOccupationLabels, def, kShare, "1");
  double sum = 0;
  for (double x : def) sum += x;
  if (std::abs(sum - 1.0) > 1e-6)
    r.context().error(r.source_of(key), r.path() + "." + key,
                      fmt::format("shares must sum to 1, got {:g}", sum));
  return def;
}

// Occupation shares and contractor shares by mine type (ODD.md §7.6).
void read_by_type(TableReader& r, MiningParams& p) {
  p.occupation_shares_set = r.has_under("occupation_shares");
  p.occupation_shares = read_occupation_shares(r, "occupation_shares", p.occupation_shares);
  {
    TableReader by = r.child("occupation_shares_by_type");
    for (int t = 0; t < MiningParams::kMineTypes; ++t) {
      const std::string type(kMineTypeLabels[t]);
      p.type_shares_set[t] = by.has_under(type.c_str());
      p.occupation_shares_by_type[t] =
          read_occupation_shares(by, type.c_str(), p.occupation_shares_by_type[t]);
    }
    by.finish();
  }
  p.contractor_share_by_type =
      r.labelled<MiningParams::kMineTypes>("contractor_share_by_type", kMineTypeLabels,
                                           p.contractor_share_by_type, kShare, "of on-site roles");
  p.contractor_margin =
      r.number("contractor_margin", p.contractor_margin, Range{0, 2}, "of contract wages");
  p.technology_upkeep =
      r.labelled<kCategories>("technology_upkeep", kCategoryLabels, p.technology_upkeep,
                              Range{0, 1}, "of installed technology capital per year");
}

}  // namespace

void read_mining(TableReader r, MiningParams& p) {
  read_by_type(r, p);
  {
    TableReader mix = r.child("skill_mix");
    for (int o = 0; o < kOccupations; ++o)
      p.skill_mix[o] = mix.numbers<3>(std::string(kOccupationLabels[o]).c_str(), p.skill_mix[o],
                                      kShare, "1", true);
    mix.finish();
  }
  {
    TableReader lk = r.child("linkage");
    for (int c = 0; c < kCategories; ++c) {
      const std::string l =
          lk.string(std::string(kCategoryLabels[c]).c_str(),
                    std::string(kLinkageLabels[idx(p.linkage[c])]), labels(kLinkageLabels));
      p.linkage[c] = enum_of<Linkage>(kLinkageLabels, l);
    }
    lk.finish();
  }
  p.spend_rate = r.labelled<kCategories>("spend_rate", kCategoryLabels, p.spend_rate, Range{0, 1e5},
                                         "USD per employee-month (headcount), per tonne of ore "
                                         "(tonnage) or per tonne of ore capacity (technology)");
  p.local_threshold = r.labelled<kCategories>("local_threshold", kCategoryLabels, p.local_threshold,
                                              kShare, "capability");
  p.national_share =
      r.labelled<kCategories>("national_share", kCategoryLabels, p.national_share, kShare, "1");
  p.hiring_radius_km =
      r.number("hiring_radius_km", p.hiring_radius_km, Range{0, 20000, true}, "km");
  p.review_months = static_cast<int>(r.integer("review_months", p.review_months, 1, 120, "months"));
  p.discount_rate = r.number("discount_rate", p.discount_rate, Range{0, 1}, "per year");
  p.horizon_years = static_cast<int>(r.integer("horizon_years", p.horizon_years, 1, 50, "years"));
  p.social_licence_cost_per_role_usd = r.number(
      "social_licence_cost_per_role_usd", p.social_licence_cost_per_role_usd, Range{0, 1e7}, "USD");
  p.automation_levy_usd_per_role =
      r.number("automation_levy_usd_per_role", p.automation_levy_usd_per_role, Range{0, 1e7},
               "USD per role removed per year");
  p.diesel_litres_per_tonne =
      r.number("diesel_litres_per_tonne", p.diesel_litres_per_tonne, Range{0, 1000}, "l/t");
  p.electricity_kwh_per_tonne =
      r.number("electricity_kwh_per_tonne", p.electricity_kwh_per_tonne, Range{0, 1e4}, "kWh/t");
  p.grid_kg_co2_per_kwh =
      r.number("grid_kg_co2_per_kwh", p.grid_kg_co2_per_kwh, Range{0, 2}, "kg/kWh");
  p.underground_ventilation_share = r.number("underground_ventilation_share",
                                             p.underground_ventilation_share, Range{0, 0.9}, "1");
  p.retraining_cost_usd =
      r.number("retraining_cost_usd", p.retraining_cost_usd, Range{0, 1e6}, "USD per worker");
  p.cost_base_year =
      static_cast<int>(r.integer("cost_base_year", p.cost_base_year, 1990, 2100, "year"));
  p.expatriate_share =
      r.number("expatriate_share", p.expatriate_share, kShare, "of high-skill mine posts");
  r.finish();
}

void read_price(TableReader r, PriceParams& p) {
  static const std::vector<std::string> kModes{"constant", "path", "mean_reverting"};
  const std::string mode = r.string("mode", kModes[idx(p.mode)], kModes);
  p.mode = static_cast<PriceMode>(std::find(kModes.begin(), kModes.end(), mode) - kModes.begin());
  p.base_usd = r.number("base_usd", p.base_usd, kPriceRange,
                        "USD per troy ounce (gold) or per tonne of metal");
  for (const auto& [m, v] : r.dated_values("path", kPriceRange, "USD")) p.path.push_back({m, v});
  if (p.mode == PriceMode::kPath && p.path.empty())
    r.context().error(r.where(), r.path() + ".path", "mode = \"path\" needs a path");
  for (const auto& [m, v] : r.dated_values("observed", kPriceRange, "USD"))
    p.observed.push_back({m, v});
  if (!p.observed.empty() && p.mode != PriceMode::kMeanReverting)
    r.context().error(r.source_of("observed"), r.path() + ".observed",
                      "observed prices are the history of a mean_reverting price: set mode = "
                      "\"mean_reverting\", or give the prices as a path with mode = \"path\"");
  p.reversion = r.number("reversion", p.reversion, kShare, "per month");
  p.volatility = r.number("volatility", p.volatility, Range{0, 1}, "log units per month");
  p.trend_per_year = r.number("trend_per_year", p.trend_per_year, Range{-0.5, 0.5}, "per year");
  r.finish();
}

void read_technology(TableReader r, TechnologyParams& p) {
  p.available = r.month("available", p.available);
  p.roles_removed_share = r.labelled<kOccupations>("roles_removed_share", kOccupationLabels,
                                                   p.roles_removed_share, kShare, "1");
  p.roles_created_per_removed =
      r.number("roles_created_per_removed", p.roles_created_per_removed, Range{0, 10}, "1");
  p.remote_share = r.number("remote_share", p.remote_share, kShare, "1");
  p.remote_abroad_share = r.number("remote_abroad_share", p.remote_abroad_share, kShare, "1");
  p.remote_female_share = r.number("remote_female_share", p.remote_female_share, kShare, "1");
  p.productivity_gain = r.number("productivity_gain", p.productivity_gain, Range{-0.5, 2.0}, "1");
  p.learning_months =
      static_cast<int>(r.integer("learning_months", p.learning_months, 0, 120, "months"));
  p.learning_dip = r.number("learning_dip", p.learning_dip, kShare, "1");
  p.incident_reduction = r.number("incident_reduction", p.incident_reduction, kShare, "1");
  p.capex_usd_per_role_removed =
      r.number("capex_usd_per_role_removed", p.capex_usd_per_role_removed, Range{0, 1e7}, "USD");
  p.capex_usd_per_mtpa =
      r.number("capex_usd_per_mtpa", p.capex_usd_per_mtpa, Range{0, 1e10}, "USD per Mt/yr of ore");
  p.capex_usd_fixed =
      r.number("capex_usd_fixed", p.capex_usd_fixed, Range{0, 1e11}, "USD per mine");
  p.capex_decline_per_year =
      r.number("capex_decline_per_year", p.capex_decline_per_year, Range{0, 0.5}, "per year");
  p.ramp_months = static_cast<int>(r.integer("ramp_months", p.ramp_months, 0, 600, "months"));
  p.procurement_change = r.labelled<kCategories>("procurement_change", kCategoryLabels,
                                                 p.procurement_change, Range{-1, 10}, "1");
  p.diesel_change = r.number("diesel_change", p.diesel_change, Range{-1, 10}, "1");
  p.electricity_change = r.number("electricity_change", p.electricity_change, Range{-1, 10}, "1");
  p.ventilation_reduction = r.number("ventilation_reduction", p.ventilation_reduction, kShare, "1");
  r.finish();
}

void read_mine(TableReader r, MineParams& m, const std::vector<CommunityParams>& communities,
               const MiningParams& mining) {
  ReadContext& ctx = r.context();
  if (auto c = read_community_ref(r, communities)) m.community = *c;
  m.commodity =
      enum_of<Commodity>(kCommodityLabels, r.string("commodity", "gold", labels(kCommodityLabels)));
  m.type =
      enum_of<MineType>(kMineTypeLabels, r.string("type", "open_pit", labels(kMineTypeLabels)));
  m.open = r.month("open", m.open);
  m.close = r.month("close", m.close);
  if (!(m.open < m.close))
    ctx.error(r.source_of("close"), r.path() + ".close",
              fmt::format("must be after open ({}), got {}", m.open.iso(), m.close.iso()));
  if (auto v = r.required_number("ore_tonnes_per_month", Range{0, 1e8}, "t per month"))
    m.ore_tonnes_per_month = *v;
  if (auto v =
          r.required_number("grade", Range{0, 100}, "g/t for gold, percent for copper and cobalt"))
    m.grade = *v;
  m.recovery = r.number("recovery", m.recovery, kShare, "1");
  if (auto v = r.required_integer("workforce", 0, 10'000'000, "on-site roles")) m.workforce = *v;
  // A mine's own shares win, then its type's (when the scenario sets them), then the scenario's
  // mining.occupation_shares, then the type's default.
  const int type = idx(m.type);
  const bool by_type = mining.type_shares_set[type] || !mining.occupation_shares_set;
  m.occupation_shares = read_occupation_shares(
      r, "occupation_shares",
      by_type ? mining.occupation_shares_by_type[type] : mining.occupation_shares);
  m.contractor_share = r.number("contractor_share", mining.contractor_share_by_type[type], kShare,
                                "of on-site roles");
  m.wage_level = r.number("wage_level", m.wage_level, Range{0.1, 50},
                          "x the low- and semi-skill [wages] mine wages");
  m.royalty_rate = r.number("royalty_rate", -1, Range{-1, 1}, "1 (-1: economy.royalty_rate)");
  m.feasibility_price_usd = r.number("feasibility_price_usd", 0, Range{0, kPriceRange.max},
                                     "USD per commodity unit (0: none)");
  m.development_capital_usd =
      r.number("development_capital_usd", 0, Range{0, 1e11}, "USD spent at opening");
  m.incidents_per_million_hours = r.number(
      "incidents_per_million_hours", m.incidents_per_million_hours, Range{0, 1e4}, "per 1e6 h");
  m.hours_per_month = r.number("hours_per_month", m.hours_per_month, Range{0, 744}, "hours");
  m.endogenous_adoption =
      r.string("adoption", "scheduled", {"scheduled", "endogenous"}) == "endogenous";
  m.redeploy_share = r.number("redeploy_share", m.redeploy_share, kShare, "1");
  m.no_forced_redundancy = r.boolean("no_forced_redundancy", m.no_forced_redundancy);
  m.expatriate_share =
      r.number("expatriate_share", mining.expatriate_share, kShare, "of high-skill posts");
  for (TableReader a : r.table_array("adopt")) {
    AdoptionParams ap;
    if (auto t = a.required_string("technology")) {
      bool ok = false;
      for (int i = 0; i < kTechnologies; ++i)
        if (kTechnologyLabels[i] == *t) ap.technology = static_cast<Technology>(i), ok = true;
      if (!ok) {
        std::string list;
        for (auto l : kTechnologyLabels) list += (list.empty() ? "" : ", ") + std::string(l);
        ctx.error(a.source_of("technology"), a.path() + ".technology",
                  fmt::format("must be one of {}, got '{}'", list, *t));
      }
    }
    if (auto s = a.required_month("start")) ap.start = *s;
    ap.ramp_months = static_cast<int>(a.integer("ramp_months", ap.ramp_months, 0, 600, "months"));
    ap.target_share = a.number("target_share", ap.target_share, kShare, "1");
    a.finish();
    m.adoptions.push_back(ap);
  }
  r.finish();
}

}  // namespace minesim
