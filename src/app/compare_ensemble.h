#pragma once
// Internal to `minesim compare` on one ensemble file (app/compare_ensemble*.cpp): the members as
// read, the statistics per indicator, arm (and point) and date, and their printing.
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "app/compare_detail.h"
#include "core/stats.h"

namespace minesim {
struct CompareOptions;
}

namespace minesim::compare_detail {

struct Member {
  std::string name, arm;
  long seed = 0, point = 0;
  bool completed = false;
};

// The indicators of every completed member over one scope: the nation (community empty) or one
// community (--by community). runs[m] is member m's (empty rows for an incomplete member).
struct Scope {
  std::string community;
  std::vector<Row> rows;
  std::vector<Run> runs;
  std::vector<std::string> skipped;  // headlines without a community axis
};

struct Ensemble {
  std::string path, title, baseline, population_scale;
  std::vector<Member> members;
  std::vector<std::string> arms;        // in the order of their first member
  std::vector<std::string> parameters;  // swept key paths
  bool sweep = false;                   // a point other than 0, or a swept parameter
  Run time;                             // the recorded months (begin, end, months)
  std::vector<Scope> scopes;
};

// Reads `path`, an ensemble file (UsageError for a run file); `by_community`: one scope per
// community instead of the nation. IoError (exit 74) on a damaged file.
Ensemble load_ensemble(const std::string& path, bool by_community);

// One row of the tables: an indicator of one arm (and point) at one date, over one scope.
struct EnsLine {
  Row row;
  std::string unit, arm, community;
  long point = 0;
  stats::Summary summary;
  std::optional<stats::Effect> effect;  // none for the baseline arm
};

struct EnsBlock {
  std::string title;  // "at 2030-12", "2030 (mean of stocks, sum of flows)", ...
  std::string when;   // the CSV date: YYYY-MM, YYYY, FROM..TO or cumulated
  std::string community;
  std::vector<EnsLine> lines;
};

struct EnsComparison {
  std::vector<std::string> header, notes;
  std::vector<EnsBlock> blocks;
  bool sweep = false, by_community = false;
};

EnsComparison compare_ensemble(const Ensemble& e, const CompareOptions& o);

void print_ensemble_text(const EnsComparison& c, std::ostream& out);
void print_ensemble_markdown(const EnsComparison& c, std::ostream& out);
// Data on stdout; the header and notes on stderr.
void print_ensemble_csv(const EnsComparison& c, std::ostream& out);

}  // namespace minesim::compare_detail
