#include "io/output.h"

#include <fmt/format.h>

#include <filesystem>

#include "minesim_version.h"

namespace minesim {

namespace {

// One time series: its name, axes after time, attributes, and where its values come from.
struct SeriesDef {
  const char* name;
  std::vector<std::string> dims;
  const char* units;
  const char* long_name;
  std::vector<double> Indicators::*values;
  bool money = false;
};

const std::vector<SeriesDef>& series_defs() {
  using I = Indicators;
  static const std::vector<SeriesDef> defs{
      {"employment", {"community", "sector", "gender", "skill"}, "1",
       "persons employed, by community of residence, sector, gender and skill", &I::employment},
      {"remote_employment", {"location", "gender", "skill"}, "1",
       "persons holding mine roles at remote operations centres", &I::remote_employment},
      {"technology_adoption", {"mine", "technology"}, "1",
       "share of the mine's eligible operations converted to the technology",
       &I::technology_adoption},
      {"mine_production", {"mine"}, "t", "ore processed in the month", &I::mine_production},
      {"mine_profit", {"mine"}, "USD", "mine profit before corporate income tax", &I::mine_profit,
       true},
      {"mine_employment", {"mine", "skill"}, "1", "persons employed on site at the mine",
       &I::mine_employment},
      {"government_revenue", {"instrument"}, "USD", "government revenue in the month",
       &I::government_revenue, true},
      {"incidents", {"sector"}, "1",
       "recordable incidents (fatal and non-fatal) in the month; missing where not modelled",
       &I::incidents},
      {"stock_flow_residual", {}, "USD",
       "sum over accounts of |change of stock - net booked flows| (exactly 0)",
       &I::stock_flow_residual, true},
      {"population", {"community", "gender", "age_group"}, "1", "persons at month end",
       &I::population},
      {"unemployed", {"community", "gender", "skill"}, "1",
       "persons of working age (15-64 by default) seeking work without a job in any sector",
       &I::unemployed},
      {"mean_wage", {"sector", "gender", "skill"}, "USD",
       "mean gross monthly wage of employed persons (USD per month)", &I::mean_wage, true},
      {"household_income_mean", {"community"}, "USD",
       "mean household income (USD per household-month)", &I::household_income_mean, true},
      {"poverty_rate", {"community"}, "1",
       "share of persons in households with income per person below the poverty line",
       &I::poverty_rate},
      {"income_gini", {"community"}, "1", "Gini coefficient of household income per person",
       &I::income_gini},
      {"women_share_mine_workforce", {}, "1",
       "share of women among mines' direct employees, on site and remote",
       &I::women_share_mine_workforce},
      {"government_balance", {}, "USD", "government balance at month end (negative is debt)",
       &I::government_balance, true},
      {"procurement_spend", {"mine", "category", "origin"}, "USD",
       "mine purchases in the month by category and where the supplier is", &I::procurement_spend,
       true},
      {"local_procurement_share", {"mine"}, "1",
       "share of the mine's purchases bought from suppliers in its host community",
       &I::local_procurement_share},
      {"supplier_count", {"community", "category"}, "1",
       "local supplier firms able to supply the category (capability at or above its threshold)",
       &I::supplier_count},
      {"co2_emissions", {"mine"}, "t", "CO2 from diesel and grid electricity in the month",
       &I::co2_emissions},
      {"commodity_price", {"commodity"}, "USD",
       "commodity price (USD per troy ounce for gold, per tonne of metal otherwise)",
       &I::commodity_price, true},
      {"mine_employment_by_occupation", {"mine", "occupation"}, "1",
       "persons employed on site at the mine by occupation group",
       &I::mine_employment_by_occupation},
      {"mine_layoffs", {"mine"}, "1", "mine employees laid off in the month", &I::mine_layoffs},
      {"mine_redeployments", {"mine"}, "1",
       "displaced mine employees retrained into new roles at the mine in the month",
       &I::mine_redeployments},
      {"profit_shifted", {"mine"}, "USD",
       "mine profit moved abroad before corporate income tax in the month", &I::profit_shifted,
       true},
      {"trainees", {"gender"}, "1", "persons in training programmes at month end", &I::trainees},
      {"students", {"community", "gender"}, "1", "persons aged 6 and over still in school",
       &I::students},
      {"certified_workers", {"gender"}, "1",
       "living persons certified for new-technology roles", &I::certified_workers},
      {"employment_by_origin", {"sector", "person_origin", "skill"}, "1",
       "persons employed by sector, where they come from and skill", &I::employment_by_origin},
      {"asm_miners", {"community", "gender"}, "1",
       "persons working at artisanal and small-scale mining sites", &I::asm_miners},
      {"asm_gold_output_kg", {"community"}, "kg", "gold recovered by ASM in the month",
       &I::asm_gold_output_kg},
      {"asm_mercury_kg", {"community"}, "kg", "mercury used by ASM in the month",
       &I::asm_mercury_kg},
      {"asm_income_mean", {"community"}, "USD", "mean ASM pay (USD per miner-month)",
       &I::asm_income_mean, true},
      {"asm_royalty", {"community"}, "USD", "royalty on official ASM gold sales in the month",
       &I::asm_royalty, true},
      {"births", {"community"}, "1", "births in the month", &I::births},
      {"deaths", {"community"}, "1", "deaths in the month", &I::deaths},
      {"migration_in", {"community"}, "1",
       "persons who moved into the community in the month (from elsewhere in the region or from "
       "outside)",
       &I::migration_in},
      {"migration_out", {"community"}, "1",
       "persons who moved out of the community in the month (elsewhere in the region or away)",
       &I::migration_out},
      {"households", {"community"}, "1", "households with living members at month end",
       &I::households},
      {"female_headed_share", {"community"}, "1", "share of households headed by a woman",
       &I::female_headed_share},
      {"local_economy_output", {"community", "industry"}, "USD",
       "local-economy output by input-output industry in the month", &I::local_economy_output,
       true},
  };
  return defs;
}

template <class Arr>
std::vector<std::string> to_strings(const Arr& a) {
  return std::vector<std::string>(a.begin(), a.end());
}

}  // namespace

OutputFile::OutputFile(const std::string& path, const Scenario& s, const Provenance& prov)
    : file_(path), scenario_(s) {
  namespace fs = std::filesystem;
  try {
    writer_ = std::make_unique<NcWriter>(file_.open_name(), s.simulation.flush_months);
  } catch (const Error& e) {  // the temporary exists, so this is I/O (a full disk), not the path
    throw IoError(fmt::format("cannot write {}: {}", file_.temp_path(), e.what()));
  }
  NcWriter& w = *writer_;

  w.global_text("Conventions", "CF-1.8");
  w.global_text("title", "minesim run: " + fs::path(prov.scenario_file).stem().string());
  w.global_text("source", fmt::format("minesim {} ({}, {})", MINESIM_VERSION, MINESIM_GIT,
                                      MINESIM_BUILD_TYPE));
  w.global_int("schema_version", kSchemaVersion);
  w.global_text("scenario", s.resolved_toml);
  w.global_text("scenario_file", prov.scenario_file);
  w.global_uint64("seed", s.simulation.seed);
  w.global_int("threads", prov.threads);
  w.global_text("start_date", s.simulation.start.iso());
  w.global_double("population_scale", s.simulation.population_scale);
  w.global_text("history", prov.history);

  w.time_axis(fmt::format("days since {} 00:00:00", s.simulation.start.iso()));
  std::vector<std::string> communities, mines, mine_community;
  std::vector<double> lat, lon;
  for (const auto& c : s.communities) {
    communities.push_back(c.name);
    lat.push_back(c.lat);
    lon.push_back(c.lon);
  }
  for (const auto& m : s.mines) {
    mines.push_back(m.name);
    mine_community.push_back(s.communities[m.community].name);
  }
  w.label_axis("community", communities, "community (where people live)");
  w.label_axis("mine", mines, "large-scale mine");
  w.label_axis("sector", to_strings(kSectorLabels), "sector of employment");
  w.label_axis("gender", to_strings(kGenderLabels), "gender");
  w.label_axis("skill", to_strings(kSkillLabels), "skill level");
  w.label_axis("age_group", to_strings(kAgeGroupLabels), "age group (years)");
  w.label_axis("technology", to_strings(kTechnologyLabels), "technology");
  w.label_axis("instrument", to_strings(kInstrumentLabels), "government revenue instrument");
  w.label_axis("location", to_strings(kLocationLabels), "where remote roles sit");
  w.label_axis("category", to_strings(kCategoryLabels), "procurement and supplier category");
  w.label_axis("origin", to_strings(kOriginLabels), "where a purchase goes");
  w.label_axis("commodity", to_strings(kCommodityLabels), "commodity");
  w.label_axis("occupation", to_strings(kOccupationLabels), "mine occupation group");
  w.label_axis("industry", s.local_economy.industries, "input-output industry of the local economy");
  w.label_axis("person_origin", {"local", "migrant", "expatriate"}, "where a person comes from");

  // Interventions (output contract): names as the axis, their type, dates and own TOML text.
  std::vector<std::string> iv_names, iv_types, iv_starts, iv_ends, iv_params;
  for (const auto& v : s.interventions) {
    iv_names.push_back(v.name);
    iv_types.push_back(std::string(kInterventionLabels[idx(v.type)]));
    iv_starts.push_back(v.start.iso());
    iv_ends.push_back(v.end ? v.end->iso() : "");
    iv_params.push_back(v.text);
  }
  w.label_axis("intervention", iv_names, "policy intervention");
  w.fixed_labels("intervention_type", "intervention", iv_types,
                 {Attr::str("units", "1"), Attr::str("long_name", "type of intervention (lever)")});
  w.fixed_labels("intervention_start", "intervention", iv_starts,
                 {Attr::str("units", "1"), Attr::str("long_name", "first month in force (ISO date)")});
  w.fixed_labels("intervention_end", "intervention", iv_ends,
                 {Attr::str("units", "1"),
                  Attr::str("long_name", "first month no longer in force (ISO date; empty: none)")});
  w.fixed_labels("intervention_parameters", "intervention", iv_params,
                 {Attr::str("units", "1"),
                  Attr::str("long_name", "the intervention's own TOML text as resolved")});

  w.fixed_variable("community_lat", {"community"}, lat,
                   {Attr::str("units", "degrees_north"), Attr::str("long_name", "community latitude"),
                    Attr::str("standard_name", "latitude")});
  w.fixed_variable("community_lon", {"community"}, lon,
                   {Attr::str("units", "degrees_east"), Attr::str("long_name", "community longitude"),
                    Attr::str("standard_name", "longitude")});
  w.fixed_labels("mine_community", "mine", mine_community,
                 {Attr::str("units", "1"), Attr::str("long_name", "host community of the mine")});

  for (const auto& d : series_defs()) {
    std::vector<Attr> attrs{Attr::str("units", d.units), Attr::str("long_name", d.long_name)};
    if (d.money) attrs.push_back(Attr::num("price_base_year", 2025));
    w.series(d.name, d.dims, attrs);
  }
}

void OutputFile::record(const World& w, const Indicators& ind) {
  const Month start = scenario_.simulation.start, m = w.month();
  std::vector<std::vector<double>> rows;
  rows.reserve(series_defs().size());
  for (const auto& d : series_defs()) rows.push_back(ind.*(d.values));
  writer_->append_month(m.days_since(start), m.plus(1).days_since(start), rows);
}

void OutputFile::commit() {
  writer_->close();
  writer_.reset();
  file_.commit();
}

void OutputFile::discard() {
  writer_.reset();  // closes what is still open, once; errors do not matter for a removed file
  file_.remove();
}

bool OutputFile::abandon() {
  try {
    if (writer_) writer_->close();
  } catch (const std::exception&) {
    discard();
    return false;
  }
  writer_.reset();
  file_.keep();
  return true;
}

}  // namespace minesim
