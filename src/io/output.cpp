#include "io/output.h"

#include <fmt/format.h>

#include <filesystem>
#include <span>

#include "io/headlines.h"
#include "minesim_version.h"
#include "world/variables.h"

namespace minesim {

namespace {

std::vector<std::string> to_strings(std::span<const std::string_view> a) {
  return std::vector<std::string>(a.begin(), a.end());
}

void write_attributes(NcWriter& w, const Scenario& s, const Provenance& prov) {
  w.global_text("Conventions", "CF-1.8");
  w.global_text("title",
                "minesim run: " + std::filesystem::path(prov.scenario_file).stem().string());
  w.global_text("source", fmt::format("minesim {} ({}, {})", MINESIM_VERSION, MINESIM_GIT,
                                      MINESIM_BUILD_TYPE));
  w.global_int("schema_version", kSchemaVersion);
  w.global_text("scenario", s.resolved_toml);
  w.global_text("scenario_file", prov.scenario_file);
  // The seed as decimal text: it may need all 63 bits, which no numeric attribute type holds
  // exactly in every reader (R reads a 64-bit integer as a double, with a warning).
  w.global_text("seed", fmt::format("{}", s.simulation.seed));
  w.global_int("threads", static_cast<std::int32_t>(prov.threads));
  w.global_text("start_date", s.simulation.start.iso());
  w.global_double("population_scale", s.simulation.population_scale);
  w.global_text("history", prov.history);
  // The headline indicators and how each reduces a variable (io/headlines.h), for tools/report.py.
  w.global_text("headlines", headlines_toml());
}

// The labels of an axis the scenario decides.
std::vector<std::string> scenario_labels(Dim d, const Scenario& s) {
  std::vector<std::string> out;
  if (d == Dim::kCommunity)
    for (const auto& c : s.communities) out.push_back(c.name);
  if (d == Dim::kMine)
    for (const auto& m : s.mines) out.push_back(m.name);
  if (d == Dim::kIndustry) out = s.local_economy.industries;
  if (d == Dim::kIntervention)
    for (const auto& v : s.interventions) out.push_back(v.name);
  return out;
}

void write_axes(NcWriter& w, const Scenario& s) {
  w.time_axis(fmt::format("days since {} 00:00:00", s.simulation.start.iso()));
  for (int d = 0; d < kDims; ++d) {
    const DimDef& def = dim_defs()[static_cast<std::size_t>(d)];
    w.label_axis(
        std::string(kDimLabels[static_cast<std::size_t>(d)]),
        def.from_scenario ? scenario_labels(static_cast<Dim>(d), s) : to_strings(def.labels),
        std::string(def.long_name));
  }
}

// The entries of a variable without time (fixed_vars(), in its order).
std::vector<std::string> fixed_text(std::string_view name, const Scenario& s) {
  std::vector<std::string> out;
  for (const auto& v : s.interventions) {
    if (name == "intervention_type") out.emplace_back(kInterventionLabels[idx(v.type)]);
    if (name == "intervention_start") out.push_back(v.start.iso());
    if (name == "intervention_end") out.push_back(v.end ? v.end->iso() : "");
    if (name == "intervention_parameters") out.push_back(v.text);
  }
  if (name == "mine_community")
    for (const auto& m : s.mines) out.push_back(s.communities[m.community].name);
  return out;
}

std::vector<double> fixed_numbers(std::string_view name, const Scenario& s) {
  std::vector<double> out;
  for (const auto& c : s.communities) out.push_back(name == "community_lat" ? c.lat : c.lon);
  return out;
}

void write_fixed(NcWriter& w, const Scenario& s) {
  for (const FixedVar& v : fixed_vars()) {
    std::vector<Attr> attrs{Attr::str("units", std::string(v.units)),
                            Attr::str("long_name", std::string(v.long_name))};
    if (!v.standard_name.empty())
      attrs.push_back(Attr::str("standard_name", std::string(v.standard_name)));
    const std::string dim(kDimLabels[idx(v.dim)]);
    if (v.text)
      w.fixed_labels(std::string(v.name), dim, fixed_text(v.name, s), attrs);
    else
      w.fixed_variable(std::string(v.name), {dim}, fixed_numbers(v.name, s), attrs);
  }
}

void write_series(NcWriter& w) {
  for (const SeriesVar& v : series_vars()) {
    std::vector<std::string> dims;
    for (Dim d : v.dims) dims.emplace_back(kDimLabels[idx(d)]);
    std::vector<Attr> attrs{Attr::str("units", std::string(v.units)),
                            Attr::str("long_name", std::string(v.long_name))};
    if (v.money) attrs.push_back(Attr::num("price_base_year", 2025));
    attrs.push_back(Attr::str("cell_methods", std::string(cell_methods(v.nature))));
    if (const std::string c = coordinates_of(v); !c.empty())
      attrs.push_back(Attr::str("coordinates", c));
    w.series(std::string(v.name), dims, attrs);
  }
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
  write_attributes(*writer_, s, prov);
  write_axes(*writer_, s);
  write_fixed(*writer_, s);
  write_series(*writer_);
}

void OutputFile::record(const World& w, const Indicators& ind) { record(w.month(), ind); }

void OutputFile::record(Month m, const Indicators& ind) {
  const Month start = scenario_.simulation.start;
  std::vector<std::vector<double>> rows;
  rows.reserve(series_vars().size());
  for (const SeriesVar& v : series_vars()) rows.push_back(ind.*(v.values));
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
