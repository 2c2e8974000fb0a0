#pragma once
// `minesim compare`: headline indicators of two or more output files side by side, at chosen
// months and cumulated over the months they share, as text, CSV or Markdown. This file owns the
// subcommand's options (registered by main.cpp) and its exit statuses.
#include <optional>
#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace minesim {

struct CompareOptions {
  std::vector<std::string> files;  // two or more run files (the first is the reference), or one
                                   // ensemble file
  std::vector<std::string> at;     // YYYY-MM or YYYY-MM-DD (an ensemble also YYYY); empty: the
                                   // last common month
  std::string format = "text";     // text, csv or markdown
  // An ensemble file only (app/compare_ensemble*.cpp):
  std::string baseline;              // the arm effects are against; empty: the file's `baseline`
  std::vector<std::string> periods;  // FROM..TO, months YYYY-MM
  std::optional<double> discount;    // annual rate: discounted sums of money flows
  std::string by;                    // "community": a table per community
};

// Adds the `compare` subcommand and its options, filling `o` when parsed.
CLI::App* add_compare_subcommand(CLI::App& app, CompareOptions& o);

// Prints the comparison on stdout. 0 on success (differences are not an error), 2 for a date
// outside a file's recorded months (or options that do not fit the files), 74 for a file that
// cannot be read.
int compare_command(const CompareOptions& o);

}  // namespace minesim
