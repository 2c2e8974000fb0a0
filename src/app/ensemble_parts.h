#pragma once
// Internal to `minesim ensemble`: the members of a plan split into N parts of about equal expected
// cost (MPI ranks, `--part K/N` array tasks; docs/ensembles.md, "Many machines"), and the plan's
// expected size (`--estimate`).
#include <cstddef>
#include <string>
#include <vector>

#include "app/ensemble_forks.h"
#include "app/ensemble_study.h"

namespace minesim::ensemble_detail {

// A member's expected one-thread cost in person-months: its arm's estimate (scenario/size.h),
// times the share of its months it runs itself (a fork runs only what follows its checkpoint).
double member_cost(const Study& s, const ForkSchedule& f, std::size_t m);

// The part (0 .. parts-1) of every member. A trunk and the members that fork from it share a part
// (a fork waits for its trunk's checkpoint); groups go, costliest first, to the part with the
// least cost so far (lowest index on a tie), so every process computes the same split.
std::vector<int> assign_parts(const Study& s, const ForkSchedule& f, int parts);

// "K/N" with 1 <= K <= N as {K, N}; UsageError (exit 2) naming --part otherwise.
std::pair<int, int> parse_part(const std::string& text);

// `--estimate`: members, person-months, expected peak memory per member and core-hours, as text
// or (`sh`) as shell assignments MINESIM_MEMBERS=... one per line.
std::string estimate_text(const Study& s, const ForkSchedule& f, const std::string& format);

}  // namespace minesim::ensemble_detail
