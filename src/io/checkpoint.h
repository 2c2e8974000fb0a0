#pragma once
// A run's checkpoint (docs/checkpoints.md): the complete state of a World at the end of a month
// (io/checkpoint_fields.h), the resolved scenario and seed, and every output variable's months so
// far, in one HDF5 file written atomically (io/atomic_file.h) to FILE.ckpt-YYYY-MM.h5. Reading
// checks the format, this minesim's version, the scenario's hash and the hash of every dataset:
// a file that fails is refused (IoError, 74; another version: UsageError, 2), never used.
#include <cstdint>
#include <string>
#include <vector>

#include "core/calendar.h"
#include "world/indicators.h"

namespace minesim {

// 1: the first layout (the format attribute names it; the datasets follow io/checkpoint_fields.h).
inline constexpr int kCheckpointVersion = 2;  // 2: the compaction's sorted_rows and _households

struct CheckpointMeta {
  std::string scenario_text;  // the resolved scenario (minesim info --scenario of its output)
  std::string scenario_file;  // as the run named it (relative paths in it resolve from there)
  std::string output;         // the run's -o path
  std::string history;        // the command line of the run that wrote it
  std::string minesim;        // "VERSION (GIT, BUILD_TYPE)" of the minesim that wrote it
  std::string scenario_hash;  // of scenario_text
  std::uint64_t seed = 0;
  Month last_month;  // the last month the checkpoint contains
  int step = 0;      // the World's step to continue from (the one after last_month)
  std::int64_t persons = 0;
  int recorded_months = 0;
  int version = kCheckpointVersion;
};

// Every output variable's values of the months recorded so far, in series_vars() order, one row
// a month: what a resumed run writes before its first new month.
struct RecordedMonths {
  std::vector<std::vector<double>> series;
  int months = 0;
  void add(const Indicators& ind);
  // The recorded month `m` (0-based) as indicators (only the series fields are set).
  Indicators month(int m) const;
};

// FILE.ckpt-YYYY-MM.h5 for a run writing FILE (its -o path, extension included).
std::string checkpoint_path(const std::string& output, Month last);

// The "VERSION (GIT, BUILD_TYPE)" a checkpoint of this minesim records.
std::string this_minesim();

// Writes `w` (after its month `last`) and the months so far to `path`, atomically: `path` holds
// the whole checkpoint or is left as it was. IoError (74) or CannotCreateError (73).
void write_checkpoint(const std::string& path, const World& w, const RecordedMonths& rec,
                      const CheckpointMeta& meta);

// The checkpoint's description, checked: format, version, the scenario's hash. IoError (74) for
// a file that is not a whole checkpoint, UsageError (2) for one of another minesim version.
CheckpointMeta read_checkpoint_meta(const std::string& path);

// Reads the state into `w`, which make_world built from the checkpoint's scenario, and the months
// so far; checks every dataset's type and shape, the agents' column lengths and references, and
// the hash of everything read (IoError, 74).
void read_checkpoint_state(const std::string& path, World& w, RecordedMonths& rec);

}  // namespace minesim
