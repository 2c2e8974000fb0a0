#pragma once
// The ensemble file (docs/output.md, "Ensemble files"): one netCDF-4/HDF5 file holding many
// members (arm x point x seed), each the data of one finished `minesim run` file. The file is
// laid out from the first finished member (its axes, time and variables), every member's slice is
// NaN until add_member copies its run file in and sets completed(member) = 1, and each add_member
// ends with the file flushed, so a kept temporary can be reopened (`--continue`) with the members
// done so far. HDF5 from one thread only.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "io/h5.h"

namespace minesim {

class OutputReader;

struct EnsembleMember {
  std::string name;  // ARM/sSEED/pPOINT
  std::string arm;
  std::int32_t seed = 0, point = 0;
  // The swept parameters (key path, value); the same keys in the same order for every member.
  std::vector<std::pair<std::string, double>> params;
  std::string command;  // the equivalent `minesim run` command line
};

// The Morris results of a [sensitivity] plan (docs/ensembles.md, "Sensitivity (Morris)"): axes
// morris_indicator, morris_parameter (key paths) and morris_trajectory ("1".."R", the seeds),
// laid out with the file (NaN) and written once every member is in (write_morris_values).
struct MorrisLayout {
  std::vector<std::string> indicators, units;  // units: per indicator, of its value
  std::vector<std::string> parameters;         // key paths, in plan order
  int trajectories = 0;
};
// Row-major over (indicator, parameter), and (indicator, trajectory, parameter) for `ee`.
struct MorrisValues {
  std::vector<double> mu_star, mu, sigma, rank, ee;
};
class NcWriter;
void write_morris_layout(NcWriter& w, const MorrisLayout& m);
// Writes the values into the file at `path` (closed), opened read-write.
void write_morris_values(const std::string& path, const MorrisValues& v);

struct EnsemblePlan {
  std::string text;                         // the plan file's text (attribute `plan`)
  std::string file;                         // its path: the title names its stem
  std::string baseline;                     // the baseline arm's name
  std::string history;                      // the ensemble's command line
  std::vector<std::string> variables;       // the time series to keep; empty: all
  std::optional<MorrisLayout> morris = {};  // a [sensitivity] plan's results
};

// The largest chunk of a member-indexed time series.
inline constexpr std::size_t kEnsembleChunkBytes = std::size_t{4} << 20;

class EnsembleWriter {
 public:
  // Writes the layout to `path` (an AtomicFile's open_name(), created exclusively, or a new
  // path; truncated), shaped after `first_file`, the run file of member `first`, which it then
  // adds. UsageError (exit 2) for a variable in plan.variables the run file lacks.
  static EnsembleWriter create(const std::string& path, const EnsemblePlan& plan,
                               const std::vector<EnsembleMember>& members, std::size_t first,
                               const std::string& first_file);
  // Reopens a kept temporary for `--continue`; UsageError when it was made from another plan text
  // or other members, IoError when it is not an ensemble file.
  static EnsembleWriter reopen(const std::string& path, const EnsemblePlan& plan,
                               const std::vector<EnsembleMember>& members);

  EnsembleWriter(EnsembleWriter&&) = default;
  EnsembleWriter& operator=(EnsembleWriter&&) = default;
  ~EnsembleWriter();

  const std::vector<bool>& completed() const { return completed_; }
  // Copies member m's run file in (month slices, never a whole variable), sets completed(m) = 1
  // and flushes the file. UsageError naming the member's arm and the axis when its time axis or a
  // categorical axis (intervention aside) differs from the file's; IoError for a bad run file.
  void add_member(std::size_t m, const std::string& member_file);
  void close();  // once; the destructor closes without reporting errors

 private:
  EnsembleWriter(const std::string& path, const std::vector<EnsembleMember>& members);
  void check_axes(std::size_t m, const OutputReader& r) const;
  void copy_series(std::size_t m, const OutputReader& r) const;
  void copy_interventions(std::size_t m, const OutputReader& r);
  void grow_interventions(std::size_t k);

  std::string path_;
  h5::Handle file_;
  std::vector<EnsembleMember> members_;
  std::vector<bool> completed_;
  std::vector<std::string> series_;  // the member-indexed time series, in file order
  std::vector<std::pair<std::string, std::vector<std::string>>> axes_;  // categorical, with labels
  std::vector<double> time_, bnds_;
  std::string time_units_;
  std::size_t interventions_ = 0;
};

// Writes the ensemble file's layout (attributes, axes, member variables, series of NaN) to
// `path`, from the run file `first_file` (io/ensemble_layout.cpp).
void write_ensemble_layout(const std::string& path, const EnsemblePlan& plan,
                           const std::vector<EnsembleMember>& members,
                           const std::string& first_file);

// The variable name of a swept key path: '.' becomes "__".
std::string param_variable(const std::string& key);

// The intervention variables of an ensemble file, over (member, intervention).
const std::vector<std::string>& ensemble_intervention_variables();

}  // namespace minesim
