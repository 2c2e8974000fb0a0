#pragma once
// The output registry: every axis and every variable of the output file declared once (name, axes,
// units, long_name, stock or flow, where its values come from). io/output.cpp writes the file by
// iterating it, io/output_reader.cpp checks files against it, the headline list
// (io/headlines.h) names its variables, tests/world/variables_test.cpp checks docs/output.md
// against it, and compute_indicators sizes and indexes its arrays through shape_of, so a
// variable's axes are written in one place. Names and meanings are the output contract's
// (../shared/design/output-contract.md).
#include <array>
#include <cstdint>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "core/categories.h"
#include "core/shape.h"
#include "world/indicators.h"

namespace minesim {

// The axes of the output after time, in the order the file creates them.
enum class Dim : std::uint8_t {
  kCommunity = 0,
  kMine,
  kSector,
  kGender,
  kSkill,
  kAgeGroup,
  kTechnology,
  kInstrument,
  kLocation,
  kCategory,
  kOrigin,
  kCommodity,
  kOccupation,
  kIndustry,
  kPersonOrigin,
  kIntervention,
};
inline constexpr auto kDimLabels = std::to_array<std::string_view>(
    {"community", "mine", "sector", "gender", "skill", "age_group", "technology", "instrument",
     "location", "category", "origin", "commodity", "occupation", "industry", "person_origin",
     "intervention"});
inline constexpr int kDims = count_of(kDimLabels);
static_assert(labels_cover(Dim::kIntervention, kDimLabels));

struct DimDef {
  std::string_view long_name;
  std::span<const std::string_view> labels;  // fixed labels; empty: the scenario's (see below)
  bool from_scenario = false;                // community, mine, industry, intervention
};
const std::array<DimDef, kDims>& dim_defs();

// The sizes of the axes a scenario decides.
struct Extents {
  std::size_t communities = 0, mines = 0, industries = 0, interventions = 0;
  std::size_t operator[](Dim d) const;
};
Extents extents_of(const Scenario& s);

// Stocks are at month end, flows are per month (and cumulate over months), ratios (shares, means,
// prices) are neither summed over months nor over axes: those of the month as a whole (a mean
// wage, a price, a share of the month's purchases) and those of month-end stocks (a share of the
// workforce). Written as the variable's CF `cell_methods` over time_bnds (cell_methods()).
enum class Nature : std::uint8_t { kStock, kFlow, kRatio, kStockRatio };

// The CF cell_methods of a time series: flows `time: sum` over the month (time_bnds), ratios of
// the month `time: mean`, stocks and their ratios `time: point` at the month's end, which is the
// upper bound of time_bnds, not the time coordinate (the month's start): the comment says so.
std::string_view cell_methods(Nature n);

struct SeriesVar {
  std::string_view name;
  Nature nature;
  std::vector<Dim> dims;  // after time
  std::string_view units, long_name;
  std::vector<double> Indicators::*values;  // filled by compute_indicators
  bool money = false;                       // USD at constant prices (price_base_year)
};
const std::vector<SeriesVar>& series_vars();
const SeriesVar* find_series(std::string_view name);
const SeriesVar& series_of(std::vector<double> Indicators::*values);

// A variable without time over one axis (coordinates and descriptions of the axes' entries).
struct FixedVar {
  std::string_view name;
  Dim dim;
  bool text;  // labels (variable-length strings) or doubles
  std::string_view units, long_name, standard_name;
  // An auxiliary coordinate (CF) of the time series over `dim`, named in their `coordinates`
  // attribute (coordinates_of), so that map-capable viewers place the entries.
  bool coordinate = false;
};
const std::vector<FixedVar>& fixed_vars();
// The series' `coordinates` attribute ("" for none): the coordinate fixed variables over its LAST
// axis. Grid tools take the last axis as the horizontal one: CDO 2.1.1 reads (time, community) on
// an unstructured grid of the communities but aborts on the whole file when (time, community,
// gender) names them (it reads `gender` as a numeric level). xarray attaches them to every
// variable over the axis all the same (docs/output.md, "Time series").
std::string coordinates_of(const SeriesVar& v);

// The flat layout of a variable's values in one month, from its declared axes.
template <std::size_t R>
Shape<R> shape_of(std::vector<double> Indicators::*values, const Extents& e) {
  const SeriesVar& v = series_of(values);
  Shape<R> s;
  if (v.dims.size() != R) throw std::logic_error("shape_of: wrong rank for " + std::string(v.name));
  for (std::size_t d = 0; d < R; ++d) s.extent[d] = e[v.dims[d]];
  return s;
}
std::size_t values_per_month(const SeriesVar& v, const Extents& e);

}  // namespace minesim
