#pragma once
// The checkpoint part of the throughput benchmark (bench/throughput.cpp): writes the benchmark's
// world as a run's checkpoint would be written (io/checkpoint.h: atomically, fsync and rename
// included), reads it back into a fresh world, and reports its size against the agent columns
// it holds and the speeds (issue 15's targets: at least 1 GB/s, at most 1.2x the agent columns).
#include <string>

#include "io/checkpoint.h"
#include "model/step.h"

namespace minesim::bench {

struct CheckpointFigures {
  double file_bytes = 0;    // the checkpoint file
  double data_bytes = 0;    // every dataset's data (the agent columns, mines, levers, outputs)
  double agent_bytes = 0;   // the agent columns: world/{persons,households,posts,suppliers}/*
  double person_bytes = 0;  // world/persons/* alone
  double write_s = 0;       // write_checkpoint: HDF5, hash, fsync and rename
  double read_s = 0;        // read_checkpoint_state into a world make_world built
};

// Writes `w` (with `rec`, the months it recorded) to `path`, reads it back, removes it.
CheckpointFigures measure_checkpoint(const World& w, const RecordedMonths& rec,
                                     const std::string& scenario_text, const std::string& path);

}  // namespace minesim::bench
