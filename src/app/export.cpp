// `minesim export`: every time series of an output (or those --vars names) as tidy CSV, read
// through io's OutputReader (which validates the file first) month by month, written into an
// AtomicDir (io/atomic_dir.h) so that DIR holds a whole export or nothing.
#include "app/export.h"

#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <set>
#include <string_view>

#include "app/compare_detail.h"
#include "app/signals.h"
#include "core/errors.h"
#include "core/stop.h"
#include "io/atomic_dir.h"
#include "io/output_reader.h"
#include "scenario/reader.h"

namespace minesim {

namespace {

constexpr std::string_view kInterventions = "interventions";  // the table's name for --vars

// RFC 4180: a field with a comma, a quote, a line break or an outer space is quoted, its quotes
// doubled.
std::string csv_field(std::string_view s) {
  const bool quote = s.find_first_of(",\"\r\n") != std::string_view::npos ||
                     (!s.empty() && (s.front() == ' ' || s.back() == ' '));
  if (!quote) return std::string(s);
  std::string out = "\"";
  for (const char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

// The shortest text that reads back as the same double (an integral value without a point:
// "12", "-0"); NaN (missing) as an empty field, which spreadsheets and pandas read as missing.
std::string number(double x) { return std::isnan(x) ? std::string() : fmt::format("{}", x); }

// A member whose rows are written: its index and its leading fields ("" in a run file;
// "NAME,ARM,SEED," in an ensemble).
struct Member {
  std::size_t index = 0;
  std::string fields;
};

// The members to write (of an ensemble, the completed ones; `skipped` counts the others).
std::vector<Member> members_of(const OutputReader& r, std::size_t& skipped) {
  if (!r.ensemble()) return {Member{}};
  const std::vector<std::string>& names = r.labels("member");
  const std::vector<std::string> arms = r.strings(*r.find("arm"));
  const std::vector<double> seeds = r.doubles(*r.find("seed"));
  const std::vector<double> completed = r.doubles(*r.find("completed"));
  std::vector<Member> out;
  for (std::size_t m = 0; m < r.members(); ++m) {
    if (completed[m] == 0) {
      ++skipped;
      continue;
    }
    out.push_back({m, fmt::format("{},{},{},", csv_field(names[m]), csv_field(arms[m]),
                                  static_cast<long long>(seeds[m]))});
  }
  return out;
}

bool is_series(const VarInfo& v) {
  return !v.text && !v.dims.empty() && v.dims[0] == "time" && v.name != "time" &&
         v.name != "time_bnds";
}

struct Selection {
  std::vector<const VarInfo*> series;
  bool interventions = false;
};

// The time series (and the intervention table) to write: all by default, else those named.
Selection select(const OutputReader& r, const std::vector<std::string>& names) {
  Selection s;
  std::set<std::string> candidates{std::string(kInterventions)};
  for (const VarInfo& v : r.variables())
    if (is_series(v)) {
      candidates.insert(v.name);
      if (names.empty()) s.series.push_back(&v);
    }
  if (names.empty()) {
    s.interventions = r.has_axis("intervention");
    return s;
  }
  for (const std::string& name : names) {
    const VarInfo* v = r.find(name);
    if (name == kInterventions && r.has_axis("intervention")) {
      s.interventions = true;
    } else if (v && is_series(*v)) {
      if (std::find(s.series.begin(), s.series.end(), v) == s.series.end()) s.series.push_back(v);
    } else if (name == kInterventions) {
      throw UsageError(
          fmt::format("--vars: {} has no intervention table (no 'intervention' axis)", r.path()));
    } else if (v) {
      throw UsageError(fmt::format(
          "--vars: '{}' in {} is not a time series (export writes time series and the table "
          "'interventions')",
          name, r.path()));
    } else {
      const std::string best = suggest(name, candidates);
      throw UsageError(fmt::format("--vars: no time series '{}' in {}{}", printable(name), r.path(),
                                   best.empty() ? " (minesim info FILE lists the variables)"
                                                : fmt::format("; did you mean '{}'?", best)));
    }
  }
  return s;
}

// The recorded months as YYYY-MM, from the time axis as `compare` reads it.
std::vector<std::string> month_labels(const OutputReader& r) {
  compare_detail::Run run;
  try {
    compare_detail::read_time(r, run);
  } catch (const IoError& e) {
    throw IoError(fmt::format("{}: {}", r.path(), e.what()));
  }
  std::vector<std::string> out;
  for (const auto& ym : run.months) out.push_back(compare_detail::iso_month(ym));
  return out;
}

// One CSV file being written; IoError (74) naming it when a write fails (a full disk).
class CsvFile {
 public:
  explicit CsvFile(std::string path) : path_(std::move(path)), f_(std::fopen(path_.c_str(), "w")) {
    if (!f_) fail();
  }
  ~CsvFile() {
    if (f_) std::fclose(f_);
  }
  CsvFile(const CsvFile&) = delete;
  CsvFile& operator=(const CsvFile&) = delete;
  void write(const std::string& text) {
    if (std::fwrite(text.data(), 1, text.size(), f_) != text.size()) fail();
  }
  void close() {
    const int rc = std::fclose(f_);
    f_ = nullptr;
    if (rc != 0) fail();
  }

 private:
  [[noreturn]] void fail() const {
    throw IoError(fmt::format("cannot write {}: {}", path_, std::strerror(errno)));
  }
  std::string path_;
  std::FILE* f_;
};

std::string header(const OutputReader& r, const std::vector<std::string>& columns) {
  std::string out = r.ensemble() ? "member,arm,seed," : "";
  for (const auto& c : columns) out += csv_field(c) + ",";
  out.back() = '\n';
  return out;
}

// Rows of `v`: per member, per month, one per cell in the file's order (the last axis fastest).
std::size_t write_series(const OutputReader& r, const VarInfo& v,
                         const std::vector<std::string>& months, const std::vector<Member>& members,
                         const std::string& path) {
  std::vector<std::string> columns(v.dims);
  columns.insert(columns.end(), {"value", "units"});
  std::vector<std::vector<std::string>> labels(v.dims.size());
  for (std::size_t d = 1; d < v.dims.size(); ++d) {
    for (const std::string& l : r.labels(v.dims[d])) labels[d].push_back(csv_field(l));
    if (labels[d].size() != v.shape[d])
      throw IoError(fmt::format("{}: '{}' has {} entries along '{}', which has {} labels", r.path(),
                                v.name, v.shape[d], v.dims[d], labels[d].size()));
  }
  std::string units(1, ',');
  (units += csv_field(v.units)) += '\n';
  CsvFile out(path);
  out.write(header(r, columns));
  std::size_t rows = 0;
  for (const Member& m : members)
    for (std::size_t t = 0; t < months.size(); ++t) {
      stop::throw_if_requested();
      std::string text;
      std::vector<std::size_t> index(v.dims.size(), 0);
      for (const double x : r.month(v, t, {}, m.index)) {
        text += m.fields;
        text += months[t];
        for (std::size_t d = 1; d < v.dims.size(); ++d) (text += ',') += labels[d][index[d]];
        (text += ',') += number(x);
        text += units;
        for (std::size_t d = v.dims.size(); d-- > 1;) {
          if (++index[d] < v.shape[d]) break;
          index[d] = 0;
        }
        ++rows;
      }
      out.write(text);
    }
  out.close();
  return rows;
}

// One member's intervention column `name` ("" entries when the file lacks the variable).
std::vector<std::string> intervention_column(const OutputReader& r, const std::string& name,
                                             std::size_t member, std::size_t n) {
  const VarInfo* v = r.find(name);
  std::vector<std::string> out =
      v ? r.strings(*v, v->per_member ? member : 0) : std::vector<std::string>{};
  out.resize(n);
  return out;
}

// One row per intervention (of each member, its own): name, type, start, end, parameters (TOML).
std::size_t write_interventions(const OutputReader& r, const std::vector<Member>& members,
                                const std::string& path) {
  CsvFile out(path);
  out.write(header(r, {"intervention", "type", "start", "end", "parameters"}));
  std::size_t rows = 0;
  for (const Member& m : members) {
    const std::vector<std::string>& axis = r.labels("intervention");
    const std::vector<std::string> names =
        r.ensemble() ? intervention_column(r, "intervention_name", m.index, axis.size()) : axis;
    std::vector<std::vector<std::string>> cols{names};
    for (const char* c :
         {"intervention_type", "intervention_start", "intervention_end", "intervention_parameters"})
      cols.push_back(intervention_column(r, c, m.index, names.size()));
    std::string text;
    for (std::size_t i = 0; i < names.size(); ++i) {
      if (names[i].empty()) continue;  // an ensemble member's padding
      text += m.fields;
      for (std::size_t c = 0; c < cols.size(); ++c) (text += csv_field(cols[c][i])) += ',';
      text.back() = '\n';
      ++rows;
    }
    out.write(text);
  }
  out.close();
  return rows;
}

int write_export(const ExportOptions& o) {
  const OutputReader r(o.file);
  const Selection sel = select(r, o.vars);
  const std::vector<std::string> months = month_labels(r);
  std::size_t skipped = 0;
  const std::vector<Member> members = members_of(r, skipped);
  AtomicDir dir(o.dir, o.force);
  std::size_t rows = 0;
  for (const VarInfo* v : sel.series)
    rows += write_series(r, *v, months, members, dir.file(v->name + ".csv"));
  if (sel.interventions)
    rows += write_interventions(r, members, dir.file(std::string(kInterventions) + ".csv"));
  stop::throw_if_requested();
  dir.commit();
  if (skipped)
    std::cerr << fmt::format("minesim: {} of {} members not completed, left out\n", skipped,
                             r.members());
  const std::size_t files = sel.series.size() + (sel.interventions ? 1 : 0);
  std::cout << fmt::format("wrote {} file{} ({} rows) to {}\n", files, files == 1 ? "" : "s", rows,
                           dir.path());
  return exit_code::kSuccess;
}

}  // namespace

CLI::App* add_export_subcommand(CLI::App& app, ExportOptions& o) {
  auto* cmd = app.add_subcommand(
      "export", "write an output's time series as tidy CSV, one file per variable (spreadsheets)");
  cmd->add_option("file", o.file, "output file (.h5) of a run or an ensemble")->required();
  cmd->add_option("--vars", o.vars,
                  "only these time series, and 'interventions' for the intervention table "
                  "(space- or comma-separated; default: all of them)")
      ->delimiter(',')
      ->type_name("VAR");
  cmd->add_option("-o,--output", o.dir, "directory to write (must not exist, or be empty)")
      ->required()
      ->type_name("DIR");
  cmd->add_flag("--force", o.force,
                "replace DIR when it holds an earlier export (only .csv files)");
  cmd->footer(
      R"(DIR/VARIABLE.csv per time series: one row per cell, a column per axis named after it
holding its labels (time as YYYY-MM; community names; female, male; ...), then value and units.
Values are exact (the shortest text that reads back as the same double); a missing value (NaN)
is an empty field. An ensemble's rows start with member, arm and seed (completed members only).
DIR/interventions.csv: intervention, type, start, end, parameters (TOML). DIR is written whole
or not at all (docs/output.md, "CSV for spreadsheets: minesim export").

Examples:
  minesim export output/baseline.h5 -o output/csv_all
  minesim export output/baseline.h5 --vars population,births interventions -o output/two_csv)");
  return cmd;
}

int export_command(const ExportOptions& o) {
  install_signal_handlers();  // Ctrl-C: stop at the next month, remove the temporary, exit 130
  try {
    return write_export(o);
  } catch (const stop::Interrupted& e) {
    std::cerr << fmt::format("minesim: export interrupted (signal {}): nothing written at {}\n",
                             e.signal, o.dir);
    return e.exit_status();
  }
}

}  // namespace minesim
