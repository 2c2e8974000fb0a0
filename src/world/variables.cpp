#include "world/variables.h"

#include <stdexcept>

namespace minesim {

namespace {
constexpr auto C = Dim::kCommunity, M = Dim::kMine, Sec = Dim::kSector, G = Dim::kGender,
               K = Dim::kSkill, Age = Dim::kAgeGroup, Tech = Dim::kTechnology,
               Ins = Dim::kInstrument, Loc = Dim::kLocation, Cat = Dim::kCategory,
               Org = Dim::kOrigin, Com = Dim::kCommodity, Occ = Dim::kOccupation,
               Ind = Dim::kIndustry, PO = Dim::kPersonOrigin;
using N = Nature;
using I = Indicators;
}  // namespace

// The time series, in the order they are written. Each: name, stock, flow or ratio, axes after
// time, units, long_name, the Indicators column compute_indicators fills, whether it is money (USD
// at constant prices: price_base_year). A table as data at namespace scope (not a function body):
// nothing in it runs.
namespace {
const std::vector<SeriesVar> kSeriesVars{
    {"employment",
     N::kStock,
     {C, Sec, G, K},
     "1",
     "persons employed, by community of residence, sector, gender and skill",
     &I::employment},
    {"remote_employment",
     N::kStock,
     {Loc, G, K},
     "1",
     "persons holding mine roles at remote operations centres",
     &I::remote_employment},
    {"technology_adoption",
     N::kStockRatio,
     {M, Tech},
     "1",
     "share of the mine's eligible operations converted to the technology",
     &I::technology_adoption},
    {"mine_production", N::kFlow, {M}, "t", "ore processed in the month", &I::mine_production},
    {"mine_profit",
     N::kFlow,
     {M},
     "USD",
     "mine profit before corporate income tax",
     &I::mine_profit,
     true},
    {"mine_employment",
     N::kStock,
     {M, K},
     "1",
     "persons employed on site at the mine",
     &I::mine_employment},
    {"government_revenue",
     N::kFlow,
     {Ins},
     "USD",
     "government revenue in the month",
     &I::government_revenue,
     true},
    {"incidents",
     N::kFlow,
     {Sec},
     "1",
     "recordable incidents (fatal and non-fatal) in the month; missing where not modelled",
     &I::incidents},
    {"stock_flow_residual",
     N::kFlow,
     {},
     "USD",
     "sum over accounts of |change of stock - net booked flows| (exactly 0)",
     &I::stock_flow_residual,
     true},
    {"population", N::kStock, {C, G, Age}, "1", "persons at month end", &I::population},
    {"unemployed",
     N::kStock,
     {C, G, K},
     "1",
     "persons of working age (15-64 by default) seeking work without a job in any sector",
     &I::unemployed},
    {"mean_wage",
     N::kRatio,
     {Sec, G, K},
     "USD",
     "mean gross monthly wage of employed persons (USD per month)",
     &I::mean_wage,
     true},
    {"household_income_mean",
     N::kRatio,
     {C},
     "USD",
     "mean household income (USD per household-month)",
     &I::household_income_mean,
     true},
    {"poverty_rate",
     N::kRatio,
     {C},
     "1",
     "share of persons in households with income per person (cash and own farm produce eaten) "
     "below the poverty line in market prices",
     &I::poverty_rate},
    {"income_gini",
     N::kRatio,
     {C},
     "1",
     "Gini coefficient of household income per person",
     &I::income_gini},
    {"women_share_mine_workforce",
     N::kStockRatio,
     {},
     "1",
     "share of women among mines' direct employees, on site and remote",
     &I::women_share_mine_workforce},
    {"government_balance",
     N::kStock,
     {},
     "USD",
     "government balance at month end (negative is debt)",
     &I::government_balance,
     true},
    {"procurement_spend",
     N::kFlow,
     {M, Cat, Org},
     "USD",
     "mine purchases in the month by category and where the supplier is",
     &I::procurement_spend,
     true},
    {"local_procurement_share",
     N::kRatio,
     {M},
     "1",
     "share of the mine's purchases bought from suppliers in its host community",
     &I::local_procurement_share},
    {"supplier_count",
     N::kStock,
     {C, Cat},
     "1",
     "local supplier firms able to supply the category (capability at or above its threshold)",
     &I::supplier_count},
    {"co2_emissions",
     N::kFlow,
     {M},
     "t",
     "CO2 from diesel and grid electricity in the month",
     &I::co2_emissions},
    {"commodity_price",
     N::kRatio,
     {Com},
     "USD",
     "commodity price (USD per troy ounce for gold, per tonne of metal otherwise)",
     &I::commodity_price,
     true},
    {"mine_employment_by_occupation",
     N::kStock,
     {M, Occ},
     "1",
     "persons employed on site at the mine by occupation group",
     &I::mine_employment_by_occupation},
    {"mine_layoffs", N::kFlow, {M}, "1", "mine employees laid off in the month", &I::mine_layoffs},
    {"mine_redeployments",
     N::kFlow,
     {M},
     "1",
     "displaced mine employees retrained into new roles at the mine in the month",
     &I::mine_redeployments},
    {"profit_shifted",
     N::kFlow,
     {M},
     "USD",
     "mine profit moved abroad before corporate income tax in the month",
     &I::profit_shifted,
     true},
    {"trainees", N::kStock, {G}, "1", "persons in training programmes at month end", &I::trainees},
    {"students", N::kStock, {C, G}, "1", "persons aged 6 and over still in school", &I::students},
    {"certified_workers",
     N::kStock,
     {G},
     "1",
     "living persons certified for new-technology roles",
     &I::certified_workers},
    {"employment_by_origin",
     N::kStock,
     {Sec, PO, K},
     "1",
     "persons employed by sector, where they come from and skill",
     &I::employment_by_origin},
    {"asm_miners",
     N::kStock,
     {C, G},
     "1",
     "persons working at artisanal and small-scale mining sites",
     &I::asm_miners},
    {"asm_gold_output_kg",
     N::kFlow,
     {C},
     "kg",
     "gold recovered by ASM in the month",
     &I::asm_gold_output_kg},
    {"asm_mercury_kg", N::kFlow, {C}, "kg", "mercury used by ASM in the month", &I::asm_mercury_kg},
    {"asm_income_mean",
     N::kRatio,
     {C},
     "USD",
     "mean ASM pay (USD per miner-month)",
     &I::asm_income_mean,
     true},
    {"asm_royalty",
     N::kFlow,
     {C},
     "USD",
     "royalty on official ASM gold sales in the month",
     &I::asm_royalty,
     true},
    {"births", N::kFlow, {C}, "1", "births in the month", &I::births},
    {"deaths", N::kFlow, {C}, "1", "deaths in the month", &I::deaths},
    {"migration_in",
     N::kFlow,
     {C},
     "1",
     "persons who moved into the community in the month (from elsewhere in the region or from "
     "outside)",
     &I::migration_in},
    {"migration_out",
     N::kFlow,
     {C},
     "1",
     "persons who moved out of the community in the month (elsewhere in the region or away)",
     &I::migration_out},
    {"households",
     N::kStock,
     {C},
     "1",
     "households with living members at month end",
     &I::households},
    {"female_headed_share",
     N::kStockRatio,
     {C},
     "1",
     "share of households headed by a woman",
     &I::female_headed_share},
    {"local_economy_output",
     N::kFlow,
     {C, Ind},
     "USD",
     "local-economy output by input-output industry in the month",
     &I::local_economy_output,
     true},
};
}  // namespace

const std::vector<SeriesVar>& series_vars() { return kSeriesVars; }

std::string_view cell_methods(Nature n) {
  switch (n) {
    case Nature::kFlow: return "time: sum";
    case Nature::kRatio: return "time: mean";
    case Nature::kStock:
    case Nature::kStockRatio: break;
  }
  // No colon inside the parentheses: CF parsers read "name:" as the next axis.
  return "time: point (at the end of the month, the upper bound of time_bnds)";
}

const std::array<DimDef, kDims>& dim_defs() {
  static const std::array<DimDef, kDims> defs{{
      {"community (where people live)", {}, true},
      {"large-scale mine", {}, true},
      {"sector of employment", kSectorLabels},
      {"gender", kGenderLabels},
      {"skill level", kSkillLabels},
      {"age group (years)", kAgeGroupLabels},
      {"technology", kTechnologyLabels},
      {"government revenue instrument", kInstrumentLabels},
      {"where remote roles sit", kLocationLabels},
      {"procurement and supplier category", kCategoryLabels},
      {"where a purchase goes", kOriginLabels},
      {"commodity", kCommodityLabels},
      {"mine occupation group", kOccupationLabels},
      {"input-output industry of the local economy", {}, true},
      {"where a person comes from", kPersonOriginLabels},
      {"policy intervention", {}, true},
  }};
  return defs;
}

std::size_t Extents::operator[](Dim d) const {
  switch (d) {
    case Dim::kCommunity: return communities;
    case Dim::kMine: return mines;
    case Dim::kIndustry: return industries;
    case Dim::kIntervention: return interventions;
    default: return dim_defs()[static_cast<std::size_t>(d)].labels.size();
  }
}

Extents extents_of(const Scenario& s) {
  return {s.communities.size(), s.mines.size(), s.local_economy.industries.size(),
          s.interventions.size()};
}

const SeriesVar* find_series(std::string_view name) {
  for (const auto& v : series_vars())
    if (v.name == name) return &v;
  return nullptr;
}

const SeriesVar& series_of(std::vector<double> Indicators::*values) {
  for (const auto& v : series_vars())
    if (v.values == values) return v;
  throw std::logic_error("an Indicators column without an output variable");
}

std::size_t values_per_month(const SeriesVar& v, const Extents& e) {
  std::size_t n = 1;
  for (Dim d : v.dims) n *= e[d];
  return n;
}

// In the order they are written, after the axes.
const std::vector<FixedVar>& fixed_vars() {
  static const std::vector<FixedVar> vars{
      {"intervention_type", Dim::kIntervention, true, "1", "type of intervention (lever)", ""},
      {"intervention_start", Dim::kIntervention, true, "1", "first month in force (ISO date)", ""},
      {"intervention_end", Dim::kIntervention, true, "1",
       "first month no longer in force (ISO date; empty: none)", ""},
      {"intervention_parameters", Dim::kIntervention, true, "1",
       "the intervention's own TOML text as resolved", ""},
      {"community_lat", Dim::kCommunity, false, "degrees_north", "community latitude", "latitude",
       true},
      {"community_lon", Dim::kCommunity, false, "degrees_east", "community longitude", "longitude",
       true},
      {"mine_community", Dim::kMine, true, "1", "host community of the mine", ""},
  };
  return vars;
}

std::string coordinates_of(const SeriesVar& v) {
  std::string out;
  for (const FixedVar& f : fixed_vars())
    if (f.coordinate && !v.dims.empty() && f.dim == v.dims.back()) {
      if (!out.empty()) out += ' ';
      out += f.name;
    }
  return out;
}

}  // namespace minesim
