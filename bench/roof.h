#pragma once
// The bench's roofs (issue 14, goal 3): how fast this machine can touch the person columns at all,
// so that minesim's throughput can be read as a fraction of it, which is stable across machines
// where the absolute figure is not.
//
// - The roof kernel: one read and one write of every person column and one Philox4x32-10 call
//   per person (what the least a person-month of any model on these columns must do), in
//   parallel over minesim's fixed blocks, with the same compiler flags as the model.
// - The triad: a[i] = b[i] + s c[i] over doubles (STREAM's triad, counting 24 bytes per element),
//   the memory bandwidth the roof kernel is measured against.
#include <cstddef>

#include "agents/persons.h"

namespace minesim::bench {

struct Roof {
  double person_months_per_s = 0;  // roof kernel passes over all persons, best of several
  double kernel_bytes_per_s = 0;   // the bytes it reads and writes, per second
  double triad_bytes_per_s = 0;    // best of several triads over `triad_elements` doubles
};

// Times the roof kernel on `p` (its columns are changed and then restored) and a triad over
// max(`p.size()`, 1 << 23) elements, each the best of `repeats` runs, at the current TBB
// parallelism.
Roof measure_roof(Persons& p, int repeats = 5);

}  // namespace minesim::bench
