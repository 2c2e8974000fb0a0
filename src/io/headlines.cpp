#include "io/headlines.h"

#include <toml++/toml.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>
#include <sstream>
#include <stdexcept>

#include "world/variables.h"

namespace minesim {

namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
using R = Reduce;
using S = Style;

// The headlines in display order. A split row per label of its axis; `brief` rows also in the
// summary after a run. Units follow the variables' (world/variables.h) per month.
const Headline kHeadlines[] = {
    {.name = "population", .variable = "population", .unit = "persons", .brief = true},
    {.name = "persons employed",
     .variable = "employment",
     .split = "sector",
     .unit = "persons",
     .brief = true},
    {.name = "mine jobs on site", .variable = "mine_employment", .unit = "persons", .brief = true},
    {.name = "mine jobs",
     .variable = "employment",
     .select_axis = "sector",
     .select_label = "mine",
     .split = "gender",
     .unit = "persons"},
    {.name = "mine jobs",
     .variable = "employment",
     .select_axis = "sector",
     .select_label = "mine",
     .split = "skill",
     .unit = "persons"},
    {.name = "remote mine roles",
     .variable = "remote_employment",
     .unit = "persons",
     .brief = true},
    {.name = "women's share of mine workforce",
     .variable = "women_share_mine_workforce",
     .reduce = R::kMean,
     .unit = "share",
     .style = S::kShare,
     .brief = true},
    {.name = "unemployed", .variable = "unemployed", .unit = "persons", .brief = true},
    {.name = "mean household income",
     .variable = "household_income_mean",
     .reduce = R::kWeightedMean,
     .across = "community",
     .weight = "households",
     .unit = "USD/household-month",
     .style = S::kUsdCents,
     .brief = true},
    {.name = "poverty rate",
     .variable = "poverty_rate",
     .reduce = R::kWeightedMean,
     .across = "community",
     .weight = "population",
     .unit = "share of persons",
     .style = S::kShare,
     .brief = true},
    {.name = "mean local procurement share",
     .variable = "local_procurement_share",
     .reduce = R::kMean,
     .unit = "share",
     .style = S::kShare},
    {.name = "government revenue",
     .variable = "government_revenue",
     .unit = "USD/month",
     .total_unit = "USD",
     .style = S::kUsd,
     .brief = true},
    {.name = "government revenue",
     .variable = "government_revenue",
     .split = "instrument",
     .unit = "USD/month",
     .total_unit = "USD",
     .style = S::kUsd},
    {.name = "technology adoption",
     .variable = "technology_adoption",
     .reduce = R::kMean,
     .unit = "share",
     .style = S::kShare},
    {.name = "ASM mercury",
     .variable = "asm_mercury_kg",
     .unit = "kg/month",
     .total_unit = "kg",
     .style = S::kKg},
    {.name = "incidents",
     .variable = "incidents",
     .unit = "incidents/month",
     .total_unit = "incidents",
     .brief = true},
    {.name = "certified workers", .variable = "certified_workers", .unit = "persons"},
    {.name = "trainees", .variable = "trainees", .unit = "persons"},
    // What local hiring rules, localisation plans and supplier programmes move (docs/policies.md).
    {.name = "mine jobs by origin",
     .variable = "employment_by_origin",
     .select_axis = "sector",
     .select_label = "mine",
     .split = "person_origin",
     .unit = "persons"},
    {.name = "supplier firms", .variable = "supplier_count", .unit = "firms"},
    // Where mines' purchases go: a national-ownership rule moves them from foreign to national
    // firms without changing the local share (docs/policies.md).
    {.name = "mine purchases by supplier origin",
     .variable = "procurement_spend",
     .split = "origin",
     .unit = "USD/month",
     .total_unit = "USD",
     .style = S::kUsd},
};

std::size_t axis_of(const Slab& s, std::string_view axis) {
  const auto it = std::find(s.dims.begin(), s.dims.end(), axis);
  if (it == s.dims.end())
    throw std::invalid_argument("a variable has no axis '" + std::string(axis) + "'");
  return static_cast<std::size_t>(it - s.dims.begin());
}

// Calls f(flat index, multi-index) for every value of `s` in row-major order.
template <class F>
void for_each_value(const Slab& s, F&& f) {
  std::vector<std::size_t> index(s.shape.size(), 0);
  for (std::size_t i = 0; i < s.values.size(); ++i) {
    f(i, index);
    for (std::size_t d = s.shape.size(); d-- > 0;) {  // the last axis moves fastest
      if (++index[d] < s.shape[d]) break;
      index[d] = 0;
    }
  }
}

// NaN-aware mean of every value (per index of `split` when given).
std::vector<double> mean_of(const Slab& s, std::string_view split) {
  const std::size_t axis = split.empty() ? 0 : axis_of(s, split);
  const std::size_t n = split.empty() ? 1 : s.shape[axis];
  std::vector<double> sum(n, 0.0), count(n, 0.0);
  for_each_value(s, [&](std::size_t i, const std::vector<std::size_t>& index) {
    const double x = s.values[i];
    if (std::isnan(x)) return;
    const std::size_t k = split.empty() ? 0 : index[axis];
    sum[k] += x;
    count[k] += 1;
  });
  for (std::size_t k = 0; k < n; ++k) sum[k] = count[k] > 0 ? sum[k] / count[k] : kNaN;
  return sum;
}

// The mean of `values` weighted by `weights` over the entries where both are numbers.
double weighted_mean(const std::vector<double>& values, const std::vector<double>& weights) {
  if (values.size() != weights.size())
    throw std::invalid_argument("a headline and its weight differ in size");
  double sw = 0, swx = 0;
  for (std::size_t k = 0; k < values.size(); ++k) {
    const double x = values[k], w = weights[k];
    if (std::isnan(x) || std::isnan(w)) continue;
    sw += w;
    swx += w * x;
  }
  return sw > 0 ? swx / sw : kNaN;
}

}  // namespace

std::span<const Headline> headlines() { return kHeadlines; }

std::string headlines_toml() {
  toml::array list;
  for (const Headline& h : kHeadlines) {
    toml::table t{{"name", h.name},
                  {"variable", h.variable},
                  {"reduce", kReduceLabels[static_cast<std::size_t>(h.reduce)]},
                  {"unit", h.unit},
                  {"style", kStyleLabels[static_cast<std::size_t>(h.style)]},
                  {"brief", h.brief}};
    auto put = [&](const char* key, std::string_view v) {
      if (!v.empty()) t.insert(key, v);
    };
    put("select_axis", h.select_axis);
    put("select_label", h.select_label);
    put("split", h.split);
    put("across", h.across);
    put("weight", h.weight);
    put("total_unit", h.total_unit);
    list.push_back(std::move(t));
  }
  std::ostringstream out;
  out << toml::table{{"headline", std::move(list)}};
  return out.str();
}

Slab slice(const Slab& s, std::size_t axis, std::size_t index) {
  if (axis >= s.shape.size() || index >= s.shape[axis])
    throw std::invalid_argument("slice: no such index");
  Slab out{s.dims, s.shape, {}};
  out.shape[axis] = 1;
  for_each_value(s, [&](std::size_t i, const std::vector<std::size_t>& at) {
    if (at[axis] == index) out.values.push_back(s.values[i]);
  });
  return out;
}

std::vector<double> sum_onto(const Slab& s, std::string_view keep) {
  const std::size_t axis = keep.empty() ? 0 : axis_of(s, keep);
  std::vector<double> out(keep.empty() ? 1 : s.shape[axis], kNaN);
  for_each_value(s, [&](std::size_t i, const std::vector<std::size_t>& index) {
    const double x = s.values[i];
    if (std::isnan(x)) return;
    double& cell = out[keep.empty() ? 0 : index[axis]];
    cell = std::isnan(cell) ? x : cell + x;
  });
  return out;
}

std::vector<double> headline_values(const Headline& h, const Slab& v, const Slab* weight) {
  switch (h.reduce) {
    case Reduce::kSum: return sum_onto(v, h.split);
    case Reduce::kMean: return mean_of(v, h.split);
    case Reduce::kWeightedMean:
      if (!weight) throw std::invalid_argument("a weighted headline without its weight");
      return {weighted_mean(sum_onto(v, h.across), sum_onto(*weight, h.across))};
  }
  return {};
}

std::vector<std::string> headline_rows(const Headline& h, const std::vector<std::string>& labels) {
  if (h.split.empty()) return {std::string(h.name)};
  std::vector<std::string> out;
  for (const auto& l : labels) out.push_back(std::string(h.name) + ": " + l);
  return out;
}

namespace {
Dim dim_named(std::string_view name) {
  for (int d = 0; d < kDims; ++d)
    if (kDimLabels[static_cast<std::size_t>(d)] == name) return static_cast<Dim>(d);
  throw std::invalid_argument("no axis '" + std::string(name) + "'");
}

std::vector<std::string> fixed_labels(std::string_view axis) {
  const auto& l = dim_defs()[static_cast<std::size_t>(dim_named(axis))].labels;
  return {l.begin(), l.end()};
}

Slab month_slab(const Indicators& ind, std::string_view name, const Extents& e) {
  const SeriesVar* v = find_series(name);
  if (!v) throw std::invalid_argument("no output variable '" + std::string(name) + "'");
  Slab s{{}, {}, ind.*(v->values)};
  for (Dim d : v->dims) {
    s.dims.emplace_back(kDimLabels[static_cast<std::size_t>(d)]);
    s.shape.push_back(e[d]);
  }
  return s;
}
}  // namespace

std::vector<HeadlineValue> headline_table(const Indicators& ind, const Extents& e) {
  std::vector<HeadlineValue> out;
  for (const Headline& h : kHeadlines) {
    Slab v = month_slab(ind, h.variable, e);
    if (!h.select_axis.empty()) {
      const auto labels = fixed_labels(h.select_axis);
      const auto at = std::find(labels.begin(), labels.end(), h.select_label);
      v = slice(v, axis_of(v, h.select_axis), static_cast<std::size_t>(at - labels.begin()));
    }
    std::optional<Slab> w;
    if (!h.weight.empty()) w = month_slab(ind, h.weight, e);
    const auto values = headline_values(h, v, w ? &*w : nullptr);
    const auto rows =
        headline_rows(h, h.split.empty() ? std::vector<std::string>{} : fixed_labels(h.split));
    for (std::size_t k = 0; k < rows.size(); ++k) out.push_back({&h, rows[k], values[k]});
  }
  return out;
}

}  // namespace minesim
