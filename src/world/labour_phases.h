#pragma once
// Internal to the labour market (world/labour_market.cpp, hiring.cpp, localisation.cpp): the
// phases run_labour_market calls and the sort key they share.
#include <atomic>
#include <cstdint>
#include <limits>
#include <utility>
#include <vector>

#include "core/shape.h"
#include "world/world.h"

namespace minesim::labour {

using Key = std::uint64_t;  // priority << 32 | person id: unique, so every sort is deterministic

inline Key make_key(std::uint32_t priority, std::uint32_t id) {
  return (static_cast<Key>(priority) << 32) | id;
}
inline std::uint32_t key_id(Key k) { return static_cast<std::uint32_t>(k); }

// localisation.cpp: per mine and skill, the probability that a non-local employee's contract is
// not renewed this month (empty when no localisation plan is in force), laid out as
// localisation_shape says.
std::vector<double> localisation_probabilities(const World& w);
inline Shape<2> localisation_shape(const World& w) { return {{w.mines.size(), kSkills}}; }

// expatriates.cpp: before hiring, each open mine brings new expatriates into the vacancies of its
// high-skill posts held by fewer expatriates than its share (mines.*.expatriate_share) asks;
// `filled` (per post) is updated.
void bring_expatriates(World& w, std::vector<std::int64_t>& filled);

// labour_parts.cpp: the posts of `order` (hiring order) split into the labour market's
// independent parts, each part's posts in that order. Parts are numbered by their lowest
// community. `farms_elsewhere` lists (home, farm community) for each seeker working on a farm
// outside the community they live in (hiring.cpp finds them while it builds the pools).
using CommunityPairs = std::vector<std::pair<std::uint16_t, std::uint16_t>>;
std::vector<std::vector<std::uint32_t>> posts_by_part(const World& w,
                                                      const std::vector<std::uint32_t>& order,
                                                      const CommunityPairs& farms_elsewhere);

// The stream coordinates of this month's hiring draws.
struct Draws {
  std::uint64_t seed;
  std::uint32_t month;
};

// hiring_accept.cpp: whether post k takes seeker `id` (untaken, reached in key order; `weight`:
// the commuting weight of the seeker's community for this post; `trained_on_job`: a mine trains
// the seeker up to the post's skill): the mine's and the ASM site's acceptance, on-the-job
// training only for locals, and the reservation wage.
bool takes(const World& w, Draws d, std::uint32_t k, std::uint32_t id, double weight,
           bool trained_on_job);

// hiring.cpp: fills vacancies from the job seekers' pools, posts in sector order; `filled` (per
// post) is updated as persons move.
void hire(World& w, std::vector<std::int64_t>& filled);

// hiring.cpp: the most seekers a post lists before its sector's posts take them (see hiring.cpp);
// beyond it the post hires by the serial scan. Any value gives the same data, so only tests set
// it: 0 makes every post hire by the serial scan, a small value mixes the two.
inline std::atomic<std::size_t> hiring_list_cap{std::numeric_limits<std::size_t>::max()};

}  // namespace minesim::labour
