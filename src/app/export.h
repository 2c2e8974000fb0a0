#pragma once
// `minesim export FILE.h5 [--vars V ...] -o DIR`: an output's time series as tidy CSV for
// spreadsheets and data-frame tools, one file per variable (DIR/VARIABLE.csv, one row per cell:
// a column per axis holding its labels, time as YYYY-MM, then `value` and `units`) and the
// intervention table (DIR/interventions.csv). The layout is documented in docs/output.md ("CSV for
// spreadsheets: minesim export"). This file owns the subcommand's options (registered by
// main.cpp) and its exit statuses.
#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace minesim {

struct ExportOptions {
  std::string file;               // a run's or an ensemble's output file
  std::vector<std::string> vars;  // time series names (and "interventions"); empty: all
  std::string dir;                // the directory to write, whole or not at all
  bool force = false;             // replace an earlier export (a directory of .csv files only)
};

// Adds the `export` subcommand and its options, filling `o` when parsed.
CLI::App* add_export_subcommand(CLI::App& app, ExportOptions& o);

// Writes the export. 0 on success; 2 for an unknown --vars name (with a did-you-mean); 74 for a
// file that is not a readable minesim output (as `info`: the same reader) or another I/O error;
// 73 when DIR cannot be created or exists and is not empty (without --force); 128 + N when
// interrupted by signal N. DIR is untouched in every case but success.
int export_command(const ExportOptions& o);

}  // namespace minesim
