#pragma once
// Internal to `minesim compare` (app/compare*.cpp): the runs as read from their files, the
// comparison built from them, and the functions of each step (read, compare, print).
#include <chrono>
#include <map>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "core/errors.h"
#include "core/exit_codes.h"
#include "io/headlines.h"

namespace minesim::compare_detail {

namespace chr = std::chrono;

// YYYY-MM-DD; also YYYY-MM (the first of the month) when `month_ok`.
std::optional<chr::year_month_day> parse_date(std::string_view s, bool month_ok);
std::string iso_month(chr::year_month ym);
std::string iso_month(chr::sys_days d);

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

// Reads one output file through io's OutputReader; IoError (exit 74) on a bad file.
Run load_run(const std::string& path);
}  // namespace minesim::compare_detail
namespace minesim {
class OutputReader;
}
namespace minesim::compare_detail {
// The recorded months of `file` into run.begin, run.end and run.months.
void read_time(const OutputReader& file, Run& run);
// Each headline (io/headlines.h) the file has the variable (and selected label) for, as rows of
// `run`, of member `member` (0 in a run file). With `community`, each is reduced over that
// community alone; a headline whose variable (or weight) has no community axis is left out and
// its name added to `skipped`.
void read_indicators(const OutputReader& file, Run& run, std::size_t member,
                     std::optional<std::size_t> community, std::vector<std::string>* skipped);
// File stems; the paths as given where two stems coincide; a number where paths coincide too.
void label_runs(std::vector<Run>& runs);

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

Comparison compare(const std::vector<Run>& runs, const std::vector<std::string>& at);

void print_text(const Comparison& c, const std::vector<Run>& runs, std::ostream& out);
void print_markdown(const Comparison& c, const std::vector<Run>& runs, std::ostream& out);
// Data on stdout; the header and notes on stderr, so stdout stays plain CSV.
void print_csv(const Comparison& c, const std::vector<Run>& runs, std::ostream& out);

// Shared formatting (compare_print.cpp): fixed decimals with thousands separators, "+" on
// non-zero values when `sign`, "n/a" for NaN; Markdown and CSV escaping; a round-trip number.
std::string number(double x, int dec, bool sign);
// The decimals a row's style fixes (shares 4, USD 0, USD with cents 2, kg 2); -1 for counts,
// whose decimals depend on the values.
int style_decimals(Style style);
std::string md_cell(const std::string& s);
std::string csv_field(const std::string& s);
std::string csv_number(double x);

}  // namespace minesim::compare_detail
