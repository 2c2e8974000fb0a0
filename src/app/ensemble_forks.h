#pragma once
// Shared histories in an ensemble (docs/ensembles.md, "Shared histories"): members of one seed
// and point whose arms are the same up to some month run that history once. The trunk (the
// baseline arm's member, else the group's first) writes a checkpoint at the last month each other
// member shares with it, and those members continue as `minesim fork` from it, which gives their
// straight run's data bit for bit (docs/checkpoints.md). What may be shared is what a fork may
// change after its checkpoint (app/fork_check.h), found here from the members' scenarios alone.
#include <cstddef>
#include <cstdint>
#include <vector>

#include "app/ensemble_study.h"
#include "core/calendar.h"

namespace minesim::ensemble_detail {

struct ForkSchedule {
  static constexpr std::size_t kStraight = SIZE_MAX;
  std::vector<std::size_t> trunk;               // by member: whose checkpoint it forks from
  std::vector<Month> at;                        // by member: that checkpoint's last month
  std::vector<std::vector<Month>> checkpoints;  // by member: the months it checkpoints for others
  std::int64_t steps = 0, saved_steps = 0;      // member-months (spin-up included) in all, saved
  // By member: the share of its months it runs itself (1 unless it forks), for balancing parts.
  std::vector<double> own_share;
  std::size_t forks() const;
};

// Every member straight when `enabled` is false, the plan has one arm, or no two members share a
// first month (steps are then not counted).
ForkSchedule plan_forks(const Study& s, bool enabled);

}  // namespace minesim::ensemble_detail
