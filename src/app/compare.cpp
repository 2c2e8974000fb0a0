// `minesim compare`: reads the headline indicators of each output file (totals over communities,
// mines and categories, so runs of different scenarios stay comparable), lines them up at the
// requested months and cumulated over the months all runs recorded, and prints them as an aligned
// text table, CSV (one row per indicator, month and run) or GitHub Markdown tables.
#include "app/compare.h"

#include <fmt/format.h>
#include <hdf5.h>
#include <hdf5_hl.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cctype>
#include <charconv>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <iostream>
#include <iterator>
#include <limits>
#include <map>
#include <optional>
#include <set>
#include <string_view>
#include <utility>

#include "core/errors.h"
#include "core/exit_codes.h"
#include "io/h5.h"

namespace minesim {

namespace {

namespace chr = std::chrono;
using h5::check;
using h5::check_status;
using h5::Handle;

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// A date outside a file's recorded months, or runs without a common month: exit status 2.
struct UsageError : Error {
  explicit UsageError(const std::string& what) : Error(exit_code::kUsage, what) {}
};

// ---- dates ---------------------------------------------------------------------------------

std::optional<int> parse_int(std::string_view s) {
  int v = 0;
  if (s.empty()) return std::nullopt;
  const auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size()) return std::nullopt;
  return v;
}

// YYYY-MM-DD; also YYYY-MM (the first of the month) when `month_ok`.
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

// ---- reading HDF5 --------------------------------------------------------------------------

std::optional<Handle> open_dataset(hid_t file, const std::string& name) {
  if (H5Lexists(file, name.c_str(), H5P_DEFAULT) <= 0) return std::nullopt;
  Handle ds(H5Dopen2(file, name.c_str(), H5P_DEFAULT));
  if (ds.get() < 0) return std::nullopt;
  return ds;
}

// A text attribute (fixed-length or variable-length string); empty when absent or not text.
std::vector<hsize_t> shape_of(hid_t ds) {
  Handle space(check(H5Dget_space(ds), "H5Dget_space"));
  const int rank = H5Sget_simple_extent_ndims(space);
  if (rank < 0) throw IoError("HDF5: H5Sget_simple_extent_ndims failed");
  std::vector<hsize_t> dims(static_cast<std::size_t>(rank));
  H5Sget_simple_extent_dims(space, dims.data(), nullptr);
  return dims;
}

std::size_t element_count(const std::vector<hsize_t>& shape) {
  std::size_t n = 1;
  for (hsize_t d : shape) n *= static_cast<std::size_t>(d);
  return n;
}

// The labels of a categorical axis (or any 1-d string variable).
std::vector<std::string> read_strings(hid_t file, const std::string& name) {
  auto ds = open_dataset(file, name);
  if (!ds) return {};
  Handle ftype(check(H5Dget_type(*ds), "H5Dget_type"));
  if (H5Tget_class(ftype) != H5T_STRING)
    throw IoError(fmt::format("variable '{}' does not hold text", name));
  const std::size_t n = element_count(shape_of(*ds));
  std::vector<std::string> out;
  if (n == 0) return out;
  out.reserve(n);
  if (H5Tis_variable_str(ftype) > 0) {
    Handle mem(check(H5Tcopy(H5T_C_S1), "H5Tcopy"));
    check_status(H5Tset_size(mem, H5T_VARIABLE), "H5Tset_size");
    check_status(H5Tset_cset(mem, H5Tget_cset(ftype)), "H5Tset_cset");
    std::vector<char*> buf(n, nullptr);
    check_status(H5Dread(*ds, mem, H5S_ALL, H5S_ALL, H5P_DEFAULT, buf.data()), "H5Dread");
    for (char* s : buf) out.emplace_back(s ? s : "");
    Handle space(check(H5Dget_space(*ds), "H5Dget_space"));
    H5Dvlen_reclaim(mem, space, H5P_DEFAULT, buf.data());
  } else {
    const std::size_t len = H5Tget_size(ftype);
    std::vector<char> buf(n * len, '\0');
    check_status(H5Dread(*ds, ftype, H5S_ALL, H5S_ALL, H5P_DEFAULT, buf.data()), "H5Dread");
    for (std::size_t i = 0; i < n; ++i) {
      const char* s = buf.data() + i * len;
      out.emplace_back(s, std::find(s, s + len, '\0'));
    }
  }
  return out;
}

herr_t scale_path(hid_t, unsigned, hid_t scale, void* out) {
  char buf[256] = {0};
  H5Iget_name(scale, buf, sizeof buf);
  std::string n(buf);
  *static_cast<std::string*>(out) = n.empty() || n[0] != '/' ? n : n.substr(1);
  return 1;  // the first scale of the axis names it
}

// A variable read whole as doubles, with the names of its axes (from its dimension scales).
struct Var {
  std::vector<std::string> dims;
  std::vector<std::size_t> shape;
  std::vector<double> data;
};

std::optional<Var> read_var(hid_t file, const std::string& name) {
  auto ds = open_dataset(file, name);
  if (!ds) return std::nullopt;
  Var v;
  for (hsize_t d : shape_of(*ds)) v.shape.push_back(static_cast<std::size_t>(d));
  for (unsigned d = 0; d < v.shape.size(); ++d) {
    std::string dn;
    if (H5DSget_num_scales(*ds, d) > 0) H5DSiterate_scales(*ds, d, nullptr, scale_path, &dn);
    if (dn.empty())
      throw IoError(fmt::format("variable '{}' has no dimension scale on axis {}", name, d));
    v.dims.push_back(dn);
  }
  if (v.dims.empty() || v.dims[0] != "time")
    throw IoError(fmt::format("variable '{}' is not a time series", name));
  v.data.resize(element_count(shape_of(*ds)));
  if (!v.data.empty())
    check_status(H5Dread(*ds, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, v.data.data()),
                 "H5Dread");
  return v;
}

// Per month, per index of axis `keep` (one column when `keep` is empty): the NaN-aware sum over
// the other axes, those in `fixed` held at the given index. NaN where every summed value is NaN.
using Table = std::vector<std::vector<double>>;
Table collapse(const Var& v, const std::string& keep,
               const std::vector<std::pair<std::string, std::size_t>>& fixed = {}) {
  const std::size_t rank = v.dims.size();
  std::vector<std::ptrdiff_t> fix(rank, -1);
  std::size_t keep_axis = 0;  // 0: none (time is never kept)
  for (const auto& [dim, idx] : fixed) {
    const auto it = std::find(v.dims.begin(), v.dims.end(), dim);
    if (it == v.dims.end()) throw IoError(fmt::format("a variable has no axis '{}'", dim));
    fix[static_cast<std::size_t>(it - v.dims.begin())] = static_cast<std::ptrdiff_t>(idx);
  }
  if (!keep.empty()) {
    const auto it = std::find(v.dims.begin() + 1, v.dims.end(), keep);
    if (it == v.dims.end()) throw IoError(fmt::format("a variable has no axis '{}'", keep));
    keep_axis = static_cast<std::size_t>(it - v.dims.begin());
  }
  const std::size_t columns = keep_axis ? v.shape[keep_axis] : 1;
  std::size_t slice = 1;
  for (std::size_t d = 1; d < rank; ++d) slice *= v.shape[d];
  // The column of each element of a month's slice, or -1 when a fixed axis excludes it.
  std::vector<std::ptrdiff_t> column(slice, 0);
  std::vector<std::size_t> idx(rank, 0);
  for (std::size_t e = 0; e < slice; ++e) {
    std::ptrdiff_t c = 0;
    for (std::size_t d = 1; d < rank; ++d) {
      if (fix[d] >= 0 && static_cast<std::ptrdiff_t>(idx[d]) != fix[d]) c = -1;
      if (c >= 0 && d == keep_axis) c = static_cast<std::ptrdiff_t>(idx[d]);
    }
    column[e] = c;
    for (std::size_t d = rank; d-- > 1;) {  // row-major: the last axis moves fastest
      if (++idx[d] < v.shape[d]) break;
      idx[d] = 0;
    }
  }
  Table out(v.shape[0], std::vector<double>(columns, kNaN));
  for (std::size_t t = 0; t < v.shape[0]; ++t)
    for (std::size_t e = 0; e < slice; ++e) {
      const double x = v.data[t * slice + e];
      if (column[e] < 0 || std::isnan(x)) continue;
      double& cell = out[t][static_cast<std::size_t>(column[e])];
      cell = std::isnan(cell) ? x : cell + x;
    }
  return out;
}

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

// ---- one run -------------------------------------------------------------------------------

// How a row's values are shown in text and Markdown.
enum class Style { kCount, kShare, kUsd, kUsdCents, kKg };

struct Row {
  std::string name;
  std::string unit;        // of a month's value
  std::string total_unit;  // of the cumulated value; empty: a stock or a rate, not cumulated
  Style style = Style::kCount;
};

struct Run {
  std::string path, label, scenario_file;
  bool has_intervention_axis = false;
  std::vector<std::string> interventions;  // "name (type, from start)"
  std::vector<std::string> communities, mines;
  std::vector<chr::sys_days> begin, end;  // each recorded month's bounds
  std::vector<chr::year_month> months;
  std::vector<Row> rows;                              // in display order
  std::map<std::string, std::vector<double>> values;  // row name -> value per recorded month

  void add(Row r, std::vector<double> v) {
    values[r.name] = std::move(v);
    rows.push_back(std::move(r));
  }
};

void read_time(hid_t file, Run& run) {
  auto t = open_dataset(file, "time");
  if (!t) throw IoError("no 'time' axis: not a minesim output file");
  const std::string units = h5::read_attr_text(*t, "units");
  constexpr std::string_view prefix = "days since ";
  const auto start = units.rfind(prefix, 0) == 0
                         ? parse_date(std::string_view(units).substr(prefix.size(), 10), false)
                         : std::nullopt;
  if (!start)
    throw IoError(
        fmt::format("time units '{}' not understood (expected 'days since YYYY-MM-DD')", units));
  const chr::sys_days origin{*start};
  const std::size_t n = element_count(shape_of(*t));
  std::vector<double> days(n);
  if (n)
    check_status(H5Dread(*t, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, days.data()),
                 "H5Dread");
  std::vector<double> bounds;
  if (auto b = open_dataset(file, "time_bnds"); b && shape_of(*b) == std::vector<hsize_t>{n, 2}) {
    bounds.resize(2 * n);
    if (n)
      check_status(H5Dread(*b, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, bounds.data()),
                   "H5Dread");
  }
  for (std::size_t i = 0; i < n; ++i) {
    const chr::sys_days d = origin + chr::days{static_cast<long>(std::floor(days[i]))};
    const chr::year_month_day ymd{d};
    run.begin.push_back(d);
    run.months.push_back(ymd.year() / ymd.month());
    run.end.push_back(bounds.empty() || std::isnan(bounds[2 * i + 1])
                          ? chr::sys_days{(ymd.year() / ymd.month() + chr::months{1}) / 1}
                          : origin + chr::days{static_cast<long>(std::floor(bounds[2 * i + 1]))});
  }
  if (n == 0) throw IoError("no recorded month");
}

void read_interventions(hid_t file, Run& run) {
  if (!open_dataset(file, "intervention")) return;
  run.has_intervention_axis = true;
  const auto names = read_strings(file, "intervention");
  const auto types = read_strings(file, "intervention_type");
  const auto starts = read_strings(file, "intervention_start");
  for (std::size_t i = 0; i < names.size(); ++i) {
    std::string detail;
    if (i < types.size() && !types[i].empty()) detail = types[i];
    if (i < starts.size() && !starts[i].empty())
      detail += (detail.empty() ? "from " : ", from ") + starts[i];
    run.interventions.push_back(detail.empty() ? names[i]
                                               : fmt::format("{} ({})", names[i], detail));
  }
}

void read_indicators(hid_t file, Run& run) {
  const auto sectors = read_strings(file, "sector");
  if (auto emp = read_var(file, "employment")) {
    const Table by_sector = collapse(*emp, "sector");
    for (std::size_t s = 0; s < sectors.size(); ++s)
      run.add({"persons employed: " + sectors[s], "persons", "", Style::kCount},
              column_of(by_sector, s));
    if (const auto mine = index_of(sectors, "mine")) {
      for (const char* axis : {"gender", "skill"}) {
        const auto labels = read_strings(file, axis);
        const Table t = collapse(*emp, axis, {{"sector", *mine}});
        for (std::size_t k = 0; k < labels.size(); ++k)
          run.add({"mine jobs: " + labels[k], "persons", "", Style::kCount}, column_of(t, k));
      }
    }
  }
  if (auto v = read_var(file, "remote_employment"))
    run.add({"remote mine roles", "persons", "", Style::kCount}, column_of(collapse(*v, ""), 0));
  if (auto v = read_var(file, "women_share_mine_workforce"))
    run.add({"women's share of mine workforce", "share", "", Style::kShare},
            column_of(collapse(*v, ""), 0));
  if (auto v = read_var(file, "unemployed"))
    run.add({"unemployed", "persons", "", Style::kCount}, column_of(collapse(*v, ""), 0));
  if (auto v = read_var(file, "household_income_mean")) {
    const Table income = collapse(*v, "community");
    std::optional<Table> weights;
    if (auto h = read_var(file, "households")) weights = collapse(*h, "community");
    if (weights && (weights->size() != income.size() ||
                    (!income.empty() && (*weights)[0].size() != income[0].size())))
      weights.reset();
    run.add({"mean household income", "USD/household-month", "", Style::kUsdCents},
            mean_by_month(income, weights ? &*weights : nullptr));
  }
  if (auto v = read_var(file, "poverty_rate")) {
    const Table rate = collapse(*v, "community");
    auto p = read_var(file, "population");
    if (!p) throw IoError("'poverty_rate' without 'population' to weight it");
    const Table persons = collapse(*p, "community");
    if (persons.size() != rate.size() || (!rate.empty() && persons[0].size() != rate[0].size()))
      throw IoError("'population' and 'poverty_rate' have different shapes");
    run.add({"poverty rate", "share of persons", "", Style::kShare}, mean_by_month(rate, &persons));
  }
  if (auto v = read_var(file, "local_procurement_share"))
    run.add({"mean local procurement share", "share", "", Style::kShare},
            mean_by_month(collapse(*v, "mine"), nullptr));
  if (auto v = read_var(file, "government_revenue")) {
    const auto instruments = read_strings(file, "instrument");
    const Table t = collapse(*v, "instrument");
    for (std::size_t k = 0; k < instruments.size(); ++k)
      run.add({"government revenue: " + instruments[k], "USD/month", "USD", Style::kUsd},
              column_of(t, k));
  }
  if (auto v = read_var(file, "asm_mercury_kg"))
    run.add({"ASM mercury", "kg/month", "kg", Style::kKg}, column_of(collapse(*v, ""), 0));
  if (auto v = read_var(file, "incidents"))
    run.add({"incidents", "incidents/month", "incidents", Style::kCount},
            column_of(collapse(*v, ""), 0));
  if (auto v = read_var(file, "certified_workers"))
    run.add({"certified workers", "persons", "", Style::kCount}, column_of(collapse(*v, ""), 0));
  if (auto v = read_var(file, "trainees"))
    run.add({"trainees", "persons", "", Style::kCount}, column_of(collapse(*v, ""), 0));
}

Run load_run(const std::string& path) {
  const Handle file = h5::open_readonly(path);
  Run run;
  run.path = path;
  try {
    run.scenario_file = h5::read_attr_text(file, "scenario_file");
    read_time(file, run);
    run.communities = read_strings(file, "community");
    run.mines = read_strings(file, "mine");
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

// File stems; the paths as given where two stems coincide; a number where paths coincide too.
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

// ---- the comparison ------------------------------------------------------------------------

struct Line {
  Row row;
  std::string unit;
  std::vector<double> values;  // one per run; NaN where a run lacks the indicator
};

struct Block {
  std::string title;  // "at 2026-12" or "cumulated over ..."
  std::string when;   // "2026-12" or "cumulated"
  std::vector<Line> lines;
};

struct Comparison {
  std::vector<std::string> header;  // one line per run: file, scenario, months, interventions
  std::vector<std::string> notes;
  std::vector<Block> blocks;
};

// Every run's rows, in the first run's order, then rows only later runs have.
std::vector<Row> union_rows(const std::vector<Run>& runs) {
  std::vector<Row> rows;
  std::set<std::string> seen;
  for (const auto& r : runs)
    for (const auto& row : r.rows)
      if (seen.insert(row.name).second) rows.push_back(row);
  return rows;
}

double value_at(const Run& r, const std::string& name, std::size_t i) {
  const auto it = r.values.find(name);
  return it == r.values.end() ? kNaN : it->second[i];
}

std::string join(const std::vector<std::string>& v, const std::string& sep) {
  std::string out;
  for (std::size_t i = 0; i < v.size(); ++i) out += (i ? sep : "") + v[i];
  return out;
}

// Months recorded by every run, in order.
std::vector<chr::year_month> common_months(const std::vector<Run>& runs) {
  std::set<chr::year_month> common(runs[0].months.begin(), runs[0].months.end());
  for (std::size_t r = 1; r < runs.size(); ++r) {
    const std::set<chr::year_month> mine(runs[r].months.begin(), runs[r].months.end());
    std::set<chr::year_month> keep;
    std::set_intersection(common.begin(), common.end(), mine.begin(), mine.end(),
                          std::inserter(keep, keep.end()));
    common = std::move(keep);
  }
  return {common.begin(), common.end()};
}

std::string range_text(const Run& r) {
  return fmt::format("{} to {} ({} months)", iso_month(r.months.front()),
                     iso_month(r.months.back()), r.months.size());
}

// The index of the recorded month holding `day` in each run; UsageError when a run lacks it.
std::vector<std::size_t> month_indices(const std::vector<Run>& runs, chr::sys_days day,
                                       const std::string& asked) {
  std::vector<std::size_t> out;
  for (const auto& r : runs) {
    std::optional<std::size_t> found;
    for (std::size_t i = 0; i < r.begin.size() && !found; ++i)
      if (r.begin[i] <= day && day < r.end[i]) found = i;
    if (!found)
      throw UsageError(fmt::format("--at {}: outside the months recorded in {} ({} to {})", asked,
                                   r.path, iso_month(r.months.front()),
                                   iso_month(r.months.back())));
    out.push_back(*found);
  }
  return out;
}

Comparison compare(const std::vector<Run>& runs, const std::vector<std::string>& at) {
  Comparison c;
  for (const auto& r : runs) {
    std::string line =
        fmt::format("{}: {}, scenario_file {}, {}", r.label, r.path,
                    r.scenario_file.empty() ? "(none)" : r.scenario_file, range_text(r));
    if (r.has_intervention_axis)
      line += fmt::format(", interventions: {}",
                          r.interventions.empty() ? "none" : join(r.interventions, "; "));
    c.header.push_back(std::move(line));
  }
  for (const auto& [what, member] :
       {std::pair{"community", &Run::communities}, std::pair{"mine", &Run::mines}}) {
    bool differ = false;
    for (const auto& r : runs) differ = differ || r.*member != runs[0].*member;
    if (!differ) continue;
    std::vector<std::string> each;
    for (const auto& r : runs)
      each.push_back(fmt::format("{} [{}]", r.label, join(r.*member, ", ")));
    c.notes.push_back(fmt::format(
        "the runs have different {} labels ({}); the indicators are totals and still compare", what,
        join(each, "; ")));
  }

  const std::vector<Row> rows = union_rows(runs);
  const std::vector<chr::year_month> common = common_months(runs);

  // The months asked for, or the last month all runs recorded.
  std::vector<std::pair<chr::sys_days, std::string>> days;
  for (const auto& a : at) days.emplace_back(chr::sys_days{*parse_date(a, true)}, a);
  if (days.empty()) {
    if (common.empty())
      throw UsageError("the runs share no recorded month; choose one for each with --at");
    days.emplace_back(chr::sys_days{common.back() / 1}, iso_month(common.back()));
    bool same_end = true;
    for (const auto& r : runs) same_end = same_end && r.months.back() == common.back();
    if (!same_end)
      c.notes.push_back(
          fmt::format("the runs end in different months; compared at {}, the last "
                      "month all of them recorded",
                      iso_month(common.back())));
  }
  std::set<std::string> shown;
  for (const auto& [day, asked] : days) {
    const std::vector<std::size_t> idx = month_indices(runs, day, asked);
    const std::string month = iso_month(runs[0].begin[idx[0]]);
    if (!shown.insert(month).second) continue;
    Block b{"at " + month, month, {}};
    for (const auto& row : rows) {
      Line l{row, row.unit, {}};
      for (std::size_t r = 0; r < runs.size(); ++r)
        l.values.push_back(value_at(runs[r], row.name, idx[r]));
      b.lines.push_back(std::move(l));
    }
    c.blocks.push_back(std::move(b));
  }

  if (common.empty()) {
    c.notes.push_back("the runs share no recorded month: nothing is cumulated");
    return c;
  }
  const bool contiguous =
      common.size() == 1 ||
      common.back() == common.front() + chr::months{static_cast<int>(common.size()) - 1};
  Block b{fmt::format("cumulated over the horizon: {} to {}, {}{} months common to all runs",
                      iso_month(common.front()), iso_month(common.back()),
                      contiguous ? "" : "not contiguous: the ", common.size()),
          "cumulated",
          {}};
  for (const auto& row : rows) {
    if (row.total_unit.empty()) continue;
    Line l{row, row.total_unit, {}};
    for (const auto& r : runs) {
      double sum = kNaN;
      for (std::size_t i = 0; i < r.months.size(); ++i) {
        const double x = value_at(r, row.name, i);
        if (std::isnan(x) || !std::binary_search(common.begin(), common.end(), r.months[i]))
          continue;
        sum = std::isnan(sum) ? x : sum + x;
      }
      l.values.push_back(sum);
    }
    b.lines.push_back(std::move(l));
  }
  c.blocks.push_back(std::move(b));
  return c;
}

// ---- output --------------------------------------------------------------------------------

bool integral(double x) { return std::isnan(x) || std::fabs(x - std::round(x)) < 1e-6; }

int decimals(const Line& l) {
  switch (l.row.style) {
    case Style::kShare:
      return 4;
    case Style::kUsd:
      return 0;
    case Style::kUsdCents:
      return 2;
    case Style::kKg:
      return 2;
    case Style::kCount:
      break;
  }
  for (double x : l.values)
    if (!integral(x) || !integral(x - l.values[0])) return 2;
  return 0;
}

// Fixed decimals with thousands separators; "+" on non-zero values when `sign`; "n/a" for NaN.
std::string number(double x, int dec, bool sign) {
  if (std::isnan(x)) return "n/a";
  if (std::isinf(x)) return x > 0 ? "inf" : "-inf";
  const std::string s = fmt::format("{:.{}f}", std::fabs(x), dec);
  const std::size_t int_len = std::min(s.find('.'), s.size());
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (i > 0 && i < int_len && (int_len - i) % 3 == 0) out += ',';
    out += s[i];
  }
  const bool zero = s.find_first_not_of("0.") == std::string::npos;
  if (zero) return out;
  return (x < 0 ? "-" : sign ? "+" : "") + out;
}

// The cells of one line: indicator, unit, each run's value, each later run's difference.
std::vector<std::string> cells(const Line& l) {
  const int dec = decimals(l);
  std::vector<std::string> out{l.row.name, l.unit};
  for (double x : l.values) out.push_back(number(x, dec, false));
  for (std::size_t r = 1; r < l.values.size(); ++r)
    out.push_back(number(l.values[r] - l.values[0], dec, true));
  return out;
}

std::vector<std::string> column_titles(const std::vector<Run>& runs) {
  std::vector<std::string> out{"indicator", "unit"};
  for (const auto& r : runs) out.push_back(r.label);
  for (std::size_t r = 1; r < runs.size(); ++r)
    out.push_back(fmt::format("{} - {}", runs[r].label, runs[0].label));
  return out;
}

void print_text(const Comparison& c, const std::vector<Run>& runs, std::ostream& out) {
  out << "runs (differences are against " << runs[0].label << "):\n";
  for (const auto& h : c.header) out << "  " << h << "\n";
  for (const auto& n : c.notes) out << "note: " << n << "\n";
  for (const auto& b : c.blocks) {
    std::vector<std::vector<std::string>> table{column_titles(runs)};
    for (const auto& l : b.lines) table.push_back(cells(l));
    std::vector<std::size_t> width(table[0].size(), 0);
    for (const auto& row : table)
      for (std::size_t k = 0; k < row.size(); ++k) width[k] = std::max(width[k], row[k].size());
    out << "\n" << b.title << "\n";
    for (const auto& row : table) {
      std::string line = fmt::format("{:<{}}  {:<{}}", row[0], width[0], row[1], width[1]);
      for (std::size_t k = 2; k < row.size(); ++k)
        line += fmt::format("  {:>{}}", row[k], width[k]);
      out << line << "\n";
    }
  }
}

std::string md_cell(const std::string& s) {
  std::string out;
  for (char ch : s) out += ch == '|' ? std::string("\\|") : std::string(1, ch);
  return out;
}

void print_markdown(const Comparison& c, const std::vector<Run>& runs, std::ostream& out) {
  out << "## minesim compare\n\n";
  for (const auto& h : c.header) out << "- " << md_cell(h) << "\n";
  out << "\nDifferences are against " << md_cell(runs[0].label) << ".\n";
  for (const auto& n : c.notes) out << "\n**Note:** " << md_cell(n) << "\n";
  for (const auto& b : c.blocks) {
    out << "\n### " << md_cell(b.title) << "\n\n";
    const auto titles = column_titles(runs);
    std::string head = "|", sep = "|";
    for (std::size_t k = 0; k < titles.size(); ++k) {
      head += fmt::format(" {} |", md_cell(titles[k]));
      sep += k < 2 ? "---|" : "---:|";
    }
    out << head << "\n" << sep << "\n";
    for (const auto& l : b.lines) {
      std::string row = "|";
      for (const auto& cell : cells(l)) row += fmt::format(" {} |", md_cell(cell));
      out << row << "\n";
    }
  }
}

std::string csv_field(const std::string& s) {
  if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char ch : s) out += ch == '"' ? std::string("\"\"") : std::string(1, ch);
  return out + "\"";
}

std::string csv_number(double x) { return std::isnan(x) ? "" : fmt::format("{}", x); }

// Data on stdout; the header and notes on stderr, so stdout stays plain CSV.
void print_csv(const Comparison& c, const std::vector<Run>& runs, std::ostream& out) {
  for (const auto& h : c.header) std::cerr << "minesim: " << h << "\n";
  for (const auto& n : c.notes) std::cerr << "minesim: note: " << n << "\n";
  for (const auto& b : c.blocks)
    if (b.when == "cumulated") std::cerr << "minesim: " << b.title << "\n";
  out << "indicator,unit,when,run,value,difference\n";
  for (const auto& b : c.blocks)
    for (const auto& l : b.lines)
      for (std::size_t r = 0; r < runs.size(); ++r)
        out << csv_field(l.row.name) << ',' << csv_field(l.unit) << ',' << csv_field(b.when) << ','
            << csv_field(runs[r].label) << ',' << csv_number(l.values[r]) << ','
            << (r ? csv_number(l.values[r] - l.values[0]) : "") << "\n";
}

}  // namespace

CLI::App* add_compare_subcommand(CLI::App& app, CompareOptions& o) {
  auto* cmd = app.add_subcommand("compare", "compare the headline indicators of two or more runs");
  cmd->add_option("files", o.files, "output files (.h5); differences are against the first")
      ->type_name("FILE")
      ->required()
      ->expected(2, -1);
  cmd->add_option("--at", o.at,
                  "compare at the recorded month holding DATE (repeatable; default: the last "
                  "month all runs recorded)")
      ->allow_extra_args(false)
      ->check(CLI::Validator(
          [](std::string& s) {
            return parse_date(s, true) ? std::string()
                                       : fmt::format("'{}' is not a date YYYY-MM or YYYY-MM-DD", s);
          },
          "", "date"))
      ->type_name("DATE");
  cmd->add_option("--format", o.format, "output format")
      ->type_name("FORMAT")
      ->check(CLI::IsMember({"text", "csv", "markdown"}))
      ->capture_default_str();
  cmd->footer(R"(Indicators are totals over communities and mines (shares and means are weighted),
each run's value at the month, and each later run's difference against the first. Flows
(government revenue, ASM mercury, incidents) are also cumulated over the months common to all runs.

Examples:
  minesim compare output/baseline.h5 output/automation.h5
  minesim compare base.h5 high_royalty.h5 --at 2027-06 --at 2030-12 --format markdown
  minesim compare runs/*.h5 --format csv > comparison.csv)");
  return cmd;
}

int compare_command(const CompareOptions& o) {
  std::vector<Run> runs;
  for (const auto& f : o.files) runs.push_back(load_run(f));
  label_runs(runs);
  const Comparison c = compare(runs, o.at);
  if (o.format == "csv")
    print_csv(c, runs, std::cout);
  else if (o.format == "markdown")
    print_markdown(c, runs, std::cout);
  else
    print_text(c, runs, std::cout);
  return exit_code::kSuccess;
}

}  // namespace minesim
