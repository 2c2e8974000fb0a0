// `minesim compare`, reading: each file through io's OutputReader (which validates it first),
// the headline indicators as totals over communities, mines and categories.
#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <filesystem>
#include <limits>

#include "app/compare_detail.h"
#include "io/output_reader.h"

namespace minesim::compare_detail {

namespace {
std::optional<int> parse_int(std::string_view s) {
  int v = 0;
  if (s.empty()) return std::nullopt;
  const auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size()) return std::nullopt;
  return v;
}
}  // namespace

std::optional<chr::year_month_day> parse_date(std::string_view s, bool month_ok) {
  if (!(s.size() == 10 || (month_ok && s.size() == 7)) || s[4] != '-') return std::nullopt;
  if (s.size() == 10 && s[7] != '-') return std::nullopt;
  for (std::size_t i = 0; i < s.size(); ++i)
    if (i != 4 && i != 7 && !std::isdigit(static_cast<unsigned char>(s[i]))) return std::nullopt;
  const auto y = parse_int(s.substr(0, 4)), m = parse_int(s.substr(5, 2));
  const auto d = s.size() == 10 ? parse_int(s.substr(8, 2)) : std::optional<int>(1);
  if (!y || !m || !d) return std::nullopt;
  const chr::year_month_day ymd{chr::year{*y}, chr::month{static_cast<unsigned>(*m)},
                                chr::day{static_cast<unsigned>(*d)}};
  if (!ymd.ok()) return std::nullopt;
  return ymd;
}

std::string iso_month(chr::year_month ym) {
  return fmt::format("{:04}-{:02}", static_cast<int>(ym.year()), static_cast<unsigned>(ym.month()));
}
std::string iso_month(chr::sys_days d) {
  const chr::year_month_day ymd{d};
  return iso_month(ymd.year() / ymd.month());
}

namespace {

std::optional<std::size_t> index_of(const std::vector<std::string>& labels, const std::string& l) {
  const auto it = std::find(labels.begin(), labels.end(), l);
  if (it == labels.end()) return std::nullopt;
  return static_cast<std::size_t>(it - labels.begin());
}

// Intervention details from the fixed variables over the axis (older files may lack them).
std::vector<std::string> fixed_strings(const OutputReader& file, const char* name) {
  const VarInfo* v = file.find(name);
  return v ? file.strings(*v) : std::vector<std::string>{};
}

}  // namespace

void read_time(const OutputReader& file, Run& run) {
  const VarInfo* t = file.find("time");
  const std::string& units = t->units;
  constexpr std::string_view prefix = "days since ";
  const auto start = units.rfind(prefix, 0) == 0
                         ? parse_date(std::string_view(units).substr(prefix.size(), 10), false)
                         : std::nullopt;
  if (!start)
    throw IoError(
        fmt::format("time units '{}' not understood (expected 'days since YYYY-MM-DD')", units));
  const chr::sys_days origin{*start};
  const std::vector<double> days = file.doubles(*t);
  std::vector<double> bounds;
  if (const VarInfo* b = file.find("time_bnds")) bounds = file.doubles(*b);
  auto day = [&](double x) {
    if (!std::isfinite(x) || std::fabs(x) > 1e7)
      throw IoError(fmt::format("time value {} is not a day of a run", x));
    return origin + chr::days{static_cast<long>(std::floor(x))};
  };
  for (std::size_t i = 0; i < days.size(); ++i) {
    const chr::sys_days d = day(days[i]);
    const chr::year_month_day ymd{d};
    run.begin.push_back(d);
    run.months.push_back(ymd.year() / ymd.month());
    run.end.push_back(bounds.empty() || std::isnan(bounds[2 * i + 1])
                          ? chr::sys_days{(ymd.year() / ymd.month() + chr::months{1}) / 1}
                          : day(bounds[2 * i + 1]));
  }
  if (days.empty()) throw IoError("no recorded month");
}

namespace {

void read_interventions(const OutputReader& file, Run& run) {
  if (!file.has_axis("intervention")) return;
  run.has_intervention_axis = true;
  const auto names = file.labels("intervention");
  const auto types = fixed_strings(file, "intervention_type");
  const auto starts = fixed_strings(file, "intervention_start");
  for (std::size_t i = 0; i < names.size(); ++i) {
    std::string detail;
    if (i < types.size() && !types[i].empty()) detail = types[i];
    if (i < starts.size() && !starts[i].empty())
      detail += (detail.empty() ? "from " : ", from ") + starts[i];
    run.interventions.push_back(detail.empty() ? names[i]
                                               : fmt::format("{} ({})", names[i], detail));
  }
}

// One month of `v` (of member `member`) as a slab, each axis in `fixed` (position after time,
// index) read at one index.
Slab month_slab(const OutputReader& file, const VarInfo& v, std::size_t t,
                const std::vector<std::pair<std::size_t, std::size_t>>& fixed, std::size_t member) {
  Slab s{{v.dims.begin() + 1, v.dims.end()}, {v.shape.begin() + 1, v.shape.end()}, {}};
  for (const auto& [axis, index] : fixed) s.shape[axis - 1] = 1;
  s.values = file.month(v, t, fixed, member);
  return s;
}

// `fixed` plus axis `dim` of `v` held at `index`; false when `v` lacks the axis.
bool hold(const VarInfo& v, std::string_view dim, std::size_t index,
          std::vector<std::pair<std::size_t, std::size_t>>& fixed) {
  const auto axis = std::find(v.dims.begin() + 1, v.dims.end(), dim);
  if (axis == v.dims.end()) return false;
  fixed.emplace_back(static_cast<std::size_t>(axis - v.dims.begin()), index);
  return true;
}

}  // namespace

void read_indicators(const OutputReader& file, Run& run, std::size_t member,
                     std::optional<std::size_t> community, std::vector<std::string>* skipped) {
  for (const Headline& h : headlines()) {
    const VarInfo* v = file.find(h.variable);
    if (!v || v->dims.empty() || v->dims[0] != "time") continue;
    std::vector<std::pair<std::size_t, std::size_t>> fixed, weight_fixed;
    if (!h.select_axis.empty()) {
      const auto at = index_of(file.labels(h.select_axis), std::string(h.select_label));
      if (!at || !hold(*v, h.select_axis, *at, fixed)) continue;
    }
    const VarInfo* w = h.weight.empty() ? nullptr : file.find(h.weight);
    if (!h.weight.empty() && !w)
      throw IoError(fmt::format("'{}' without '{}' to weight it", h.variable, h.weight));
    if (community && (!hold(*v, "community", *community, fixed) ||
                      (w && !hold(*w, "community", *community, weight_fixed)))) {
      if (skipped) skipped->emplace_back(h.name);
      continue;
    }
    const auto rows =
        headline_rows(h, h.split.empty() ? std::vector<std::string>{} : file.labels(h.split));
    std::vector<std::vector<double>> series(rows.size());
    for (std::size_t t = 0; t < file.months(); ++t) {
      const Slab x = month_slab(file, *v, t, fixed, member);
      const std::optional<Slab> weight =
          w ? std::optional<Slab>(month_slab(file, *w, t, weight_fixed, member)) : std::nullopt;
      std::vector<double> values;
      try {
        values = headline_values(h, x, weight ? &*weight : nullptr);
      } catch (const std::invalid_argument& e) {
        throw IoError(fmt::format("'{}': {}", h.variable, e.what()));
      }
      if (values.size() != rows.size())
        throw IoError(fmt::format("'{}' and its '{}' labels differ in size", h.variable, h.split));
      for (std::size_t k = 0; k < rows.size(); ++k) series[k].push_back(values[k]);
    }
    for (std::size_t k = 0; k < rows.size(); ++k)
      run.add({rows[k], std::string(h.unit), std::string(h.total_unit), h.style},
              std::move(series[k]));
  }
}

Run load_run(const std::string& path) {
  const OutputReader file(path);
  if (file.ensemble())
    throw UsageError(fmt::format(
        "{} is an ensemble file: compare it alone (minesim compare {}), not with other files", path,
        path));
  Run run;
  run.path = path;
  try {
    run.scenario_file = file.attribute("scenario_file");
    read_time(file, run);
    run.communities = file.labels("community");
    run.mines = file.labels("mine");
    read_interventions(file, run);
    read_indicators(file, run, 0, std::nullopt, nullptr);
    for (auto& [name, v] : run.values)
      if (v.size() != run.months.size())
        throw IoError(fmt::format("'{}' does not cover the time axis", name));
  } catch (const IoError& e) {
    throw IoError(fmt::format("{}: {}", path, e.what()));
  }
  return run;
}

void label_runs(std::vector<Run>& runs) {
  std::map<std::string, int> stems;
  for (const auto& r : runs) ++stems[std::filesystem::path(r.path).stem().string()];
  std::map<std::string, int> seen;
  for (auto& r : runs) {
    const std::string stem = std::filesystem::path(r.path).stem().string();
    r.label = stems[stem] > 1 ? r.path : stem;
    if (++seen[r.label] > 1) r.label += fmt::format(" #{}", seen[r.label]);
  }
}

}  // namespace minesim::compare_detail
