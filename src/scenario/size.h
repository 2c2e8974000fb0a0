#pragma once
// The size of a run, estimated from the scenario before the world is built: simulated persons,
// peak memory and person-months. `run` and `validate` refuse a run whose estimate exceeds the
// machine's physical memory unless --allow-large is given; the loader refuses counts the world
// cannot hold at all (check_counts). docs/scenarios.md ("Size of a run") and docs/engineering.md
// give the figures behind the estimate.
#include <cstdint>
#include <string>

#include "scenario/reader.h"
#include "scenario/scenario.h"

namespace minesim {

// Measured with bench/ (docs/engineering.md, "Performance"; 1,000,000 persons, 2 threads): agent
// state (person and household columns) is 27.6 bytes per simulated person; the peak resident
// memory of a run, with the month's temporary arrays, about 42 bytes per simulated person (45 at
// the end of global_asm.toml at 1:10). A run of 100 persons peaks at 19 MiB: the program and its
// libraries, counted once.
inline constexpr double kStateBytesPerPerson = 27.6;
inline constexpr double kPeakBytesPerPerson = 42.0;
inline constexpr double kFixedBytes = 20.0 * 1024 * 1024;
// The per-mine phases and the catchments grow about linearly in the number of mines since issue 14
// (measured, 7 months at 1,000,000 simulated persons, 1 thread: 1,000 mines 0.15 s a month,
// 4,000 mines 0.22 s, 8,000 mines 0.28 s; docs/engineering.md); the limit keeps a scenario near
// what was measured.
inline constexpr std::size_t kMaxMines = 20000;
// One core's throughput in the benchmark (docs/engineering.md, "Performance": 9.8-10.0e6
// person-months per second on 1 thread at 1,000,000 persons), for `minesim ensemble --estimate`'s
// core-hours; scenarios with many mines or ASM sites run slower per person.
inline constexpr double kPersonMonthsPerCoreSecond = 1.0e7;
// Person ids are 32-bit: the simulated persons a run may ever hold.
inline constexpr double kMaxPersons = 4e9;

struct SizeEstimate {
  std::int64_t initial_persons = 0;  // simulated persons at the start (communities x scale)
  double peak_persons = 0;           // upper estimate over the run (growth, newcomers for posts)
  double peak_bytes = 0;             // kFixedBytes + peak_persons x kPeakBytesPerPerson
  double state_bytes = 0;            // of it, agent state: peak_persons x kStateBytesPerPerson
  double person_months = 0;          // peak_persons x (spin-up + recorded months)
  std::size_t mines = 0;
  // "about 6.77e+04 simulated persons at the peak (50000 at the start), 22.8 MiB of memory
  // (1.8 MiB of agent state), 8.94e+06 person-months"
  std::string text() const;
};

// Simulated persons at the start: each community's population x population_scale, rounded.
std::int64_t initial_persons(const Scenario& s);

// Natural growth (births of women aged 15-49 less deaths, by each community's age shares),
// compounded over the run, plus one newcomer for every post of every mine (workforce) and ASM
// site (max_workers) that locals might not fill: an estimate, not a forecast (within a few
// percent of the shipped scenarios' peaks; docs/scenarios.md, "Size of a run").
SizeEstimate estimate_size(const Scenario& s);

// The machine's physical memory in bytes (sysconf); 0 when unknown.
std::uint64_t physical_memory_bytes();

// Why a run of this size should not start on a machine with `memory_bytes` ("" when it fits):
// the estimate exceeds the memory (0: unknown, not checked) or the persons the world can index.
std::string too_large(const SizeEstimate& e, std::uint64_t memory_bytes);

// Counts the world cannot hold, as errors: no simulated person or more than 4e9 at the start (at
// `scale_at`, where population_scale was given, else `root`), more than kMaxMines mines.
void check_counts(const Scenario& s, const toml::source_region& scale_at,
                  const toml::source_region& root, ReadContext& ctx);

}  // namespace minesim
