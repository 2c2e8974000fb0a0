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
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
}  // namespace

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

std::vector<double> column_of(const Table& t, std::size_t c) {
  std::vector<double> out;
  for (const auto& row : t) out.push_back(row[c]);
  return out;
}

// NaN-aware mean of each month's row, weighted by `weights` (same shape) when given.
std::vector<double> mean_by_month(const Table& values, const Table* weights) {
  std::vector<double> out;
  for (std::size_t t = 0; t < values.size(); ++t) {
    double sw = 0, swx = 0;
    for (std::size_t k = 0; k < values[t].size(); ++k) {
      const double x = values[t][k], w = weights ? (*weights)[t][k] : 1.0;
      if (std::isnan(x) || std::isnan(w)) continue;
      sw += w;
      swx += w * x;
    }
    out.push_back(sw > 0 ? swx / sw : kNaN);
  }
  return out;
}

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

void read_indicators(const OutputReader& file, Run& run) {
  const auto sectors = file.labels("sector");
  if (auto emp = file.find("employment")) {
    const Table by_sector = collapse(file, *emp, "sector");
    for (std::size_t s = 0; s < sectors.size(); ++s)
      run.add({"persons employed: " + sectors[s], "persons", "", Style::kCount},
              column_of(by_sector, s));
    if (const auto mine = index_of(sectors, "mine")) {
      for (const char* axis : {"gender", "skill"}) {
        const auto& labels = file.labels(axis);
        const Table t = collapse(file, *emp, axis, {{"sector", *mine}});
        for (std::size_t k = 0; k < labels.size(); ++k)
          run.add({"mine jobs: " + labels[k], "persons", "", Style::kCount}, column_of(t, k));
      }
    }
  }
  if (auto v = file.find("remote_employment"))
    run.add({"remote mine roles", "persons", "", Style::kCount},
            column_of(collapse(file, *v, ""), 0));
  if (auto v = file.find("women_share_mine_workforce"))
    run.add({"women's share of mine workforce", "share", "", Style::kShare},
            column_of(collapse(file, *v, ""), 0));
  if (auto v = file.find("unemployed"))
    run.add({"unemployed", "persons", "", Style::kCount}, column_of(collapse(file, *v, ""), 0));
  if (auto v = file.find("household_income_mean")) {
    const Table income = collapse(file, *v, "community");
    std::optional<Table> weights;
    if (auto h = file.find("households")) weights = collapse(file, *h, "community");
    if (weights && (weights->size() != income.size() ||
                    (!income.empty() && (*weights)[0].size() != income[0].size())))
      weights.reset();
    run.add({"mean household income", "USD/household-month", "", Style::kUsdCents},
            mean_by_month(income, weights ? &*weights : nullptr));
  }
  if (auto v = file.find("poverty_rate")) {
    const Table rate = collapse(file, *v, "community");
    auto p = file.find("population");
    if (!p) throw IoError("'poverty_rate' without 'population' to weight it");
    const Table persons = collapse(file, *p, "community");
    if (persons.size() != rate.size() || (!rate.empty() && persons[0].size() != rate[0].size()))
      throw IoError("'population' and 'poverty_rate' have different shapes");
    run.add({"poverty rate", "share of persons", "", Style::kShare}, mean_by_month(rate, &persons));
  }
  if (auto v = file.find("local_procurement_share"))
    run.add({"mean local procurement share", "share", "", Style::kShare},
            mean_by_month(collapse(file, *v, "mine"), nullptr));
  if (auto v = file.find("government_revenue")) {
    const auto instruments = file.labels("instrument");
    const Table t = collapse(file, *v, "instrument");
    for (std::size_t k = 0; k < instruments.size(); ++k)
      run.add({"government revenue: " + instruments[k], "USD/month", "USD", Style::kUsd},
              column_of(t, k));
  }
  if (auto v = file.find("asm_mercury_kg"))
    run.add({"ASM mercury", "kg/month", "kg", Style::kKg}, column_of(collapse(file, *v, ""), 0));
  if (auto v = file.find("incidents"))
    run.add({"incidents", "incidents/month", "incidents", Style::kCount},
            column_of(collapse(file, *v, ""), 0));
  if (auto v = file.find("certified_workers"))
    run.add({"certified workers", "persons", "", Style::kCount},
            column_of(collapse(file, *v, ""), 0));
  if (auto v = file.find("trainees"))
    run.add({"trainees", "persons", "", Style::kCount}, column_of(collapse(file, *v, ""), 0));
}

}  // namespace

Run load_run(const std::string& path) {
  const OutputReader file(path);
  Run run;
  run.path = path;
  try {
    run.scenario_file = file.attribute("scenario_file");
    read_time(file, run);
    run.communities = file.labels("community");
    run.mines = file.labels("mine");
    read_interventions(file, run);
    read_indicators(file, run);
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
