// `minesim compare`: reads the headline indicators of each output file (totals over communities,
// mines and categories, so runs of different scenarios stay comparable), lines them up at the
// requested months and cumulated over the months all runs recorded, and prints them as an aligned
// text table, CSV (one row per indicator, month and run) or GitHub Markdown tables.
#include "app/compare.h"

#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cmath>
#include <iostream>
#include <iterator>
#include <limits>
#include <set>
#include <utility>

#include "app/compare_detail.h"
#include "app/compare_ensemble.h"

namespace minesim {

namespace compare_detail {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

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

}  // namespace

namespace {

// One line per run (file, scenario, months, interventions), and notes where labels differ.
void describe_runs(const std::vector<Run>& runs, Comparison& c) {
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
}

// A block per month asked for, or at the last month all runs recorded.
void at_blocks(const std::vector<Run>& runs, const std::vector<std::string>& at,
               const std::vector<Row>& rows, const std::vector<chr::year_month>& common,
               Comparison& c) {
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
}

// Flows summed over the months common to all runs.
void cumulated_block(const std::vector<Run>& runs, const std::vector<Row>& rows,
                     const std::vector<chr::year_month>& common, Comparison& c) {
  if (common.empty()) {
    c.notes.push_back("the runs share no recorded month: nothing is cumulated");
    return;
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
}

}  // namespace

Comparison compare(const std::vector<Run>& runs, const std::vector<std::string>& at) {
  Comparison c;
  describe_runs(runs, c);
  const std::vector<Row> rows = union_rows(runs);
  const std::vector<chr::year_month> common = common_months(runs);
  at_blocks(runs, at, rows, common, c);
  cumulated_block(runs, rows, common, c);
  return c;
}

}  // namespace compare_detail

using namespace compare_detail;  // NOLINT: this file is the subcommand over compare_detail

CLI::App* add_compare_subcommand(CLI::App& app, CompareOptions& o) {
  auto* cmd = app.add_subcommand(
      "compare", "compare the headline indicators of two or more runs, or of an ensemble's arms");
  cmd->add_option("files", o.files,
                  "output files (.h5); differences are against the first. Or one ensemble file")
      ->type_name("FILE")
      ->required()
      ->expected(1, -1);
  cmd->add_option("--at", o.at,
                  "compare at the recorded month holding DATE (repeatable; default: the last "
                  "month all runs recorded); an ensemble also takes a year YYYY")
      ->allow_extra_args(false)
      ->check(CLI::Validator(
          [](std::string& s) {
            const bool year = s.size() == 4 && s.find_first_not_of("0123456789") == s.npos;
            return year || parse_date(s, true)
                       ? std::string()
                       : fmt::format("'{}' is not a date YYYY, YYYY-MM or YYYY-MM-DD", s);
          },
          "", "date"))
      ->type_name("DATE");
  cmd->add_option("--baseline", o.baseline,
                  "ensemble: the arm effects are against (default: the file's baseline)")
      ->type_name("ARM");
  cmd->add_option("--period", o.periods,
                  "ensemble: also over the months FROM..TO (YYYY-MM..YYYY-MM; repeatable)")
      ->allow_extra_args(false)
      ->type_name("FROM..TO");
  cmd->add_option("--discount", o.discount,
                  "ensemble: also the present value of money flows at this annual rate (0.03)")
      ->check(CLI::Range(0.0, 1.0))
      ->type_name("RATE");
  cmd->add_option("--by", o.by, "ensemble: a table per community")
      ->check(CLI::IsMember({"community"}))
      ->type_name("community");
  cmd->add_option("--format", o.format, "output format")
      ->type_name("FORMAT")
      ->check(CLI::IsMember({"text", "csv", "markdown"}))
      ->capture_default_str();
  cmd->footer(R"(Indicators are totals over communities and mines (shares and means are weighted),
each run's value at the month, and each later run's difference against the first. Flows
(government revenue, ASM mercury, incidents) are also cumulated over the months common to all runs.

On one ensemble file (minesim ensemble): per arm the mean, p05 and p95 over its complete
members, and the paired effect against the baseline arm (per common seed, arm minus baseline)
with its 95 % t interval; a year or a period is the mean of stocks and the sum of flows.

Examples:
  minesim compare output/baseline.h5 output/automation.h5
  minesim compare study.h5 --at 2030 --period 2026-01..2030-12 --format csv
  minesim compare base.h5 high_royalty.h5 --at 2027-06 --at 2030-12 --format markdown
  minesim compare runs/*.h5 --format csv > comparison.csv)");
  return cmd;
}

namespace {
int compare_ensemble_command(const CompareOptions& o) {
  const Ensemble e = load_ensemble(o.files[0], o.by == "community");
  const EnsComparison c = compare_ensemble(e, o);
  if (o.format == "csv")
    print_ensemble_csv(c, std::cout);
  else if (o.format == "markdown")
    print_ensemble_markdown(c, std::cout);
  else
    print_ensemble_text(c, std::cout);
  return exit_code::kSuccess;
}
}  // namespace

int compare_command(const CompareOptions& o) {
  if (o.files.size() == 1) return compare_ensemble_command(o);
  for (const auto& [set, name] :
       {std::pair{!o.baseline.empty(), "--baseline"}, std::pair{!o.periods.empty(), "--period"},
        std::pair{o.discount.has_value(), "--discount"}, std::pair{!o.by.empty(), "--by"}})
    if (set) throw UsageError(fmt::format("{} is for one ensemble file, not for run files", name));
  for (const auto& a : o.at)
    if (!parse_date(a, true))
      throw UsageError(
          fmt::format("--at: '{}' is not a date YYYY-MM or YYYY-MM-DD (a year is for "
                      "an ensemble file)",
                      a));
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