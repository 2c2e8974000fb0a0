#pragma once
// The rows of an agent table grouped by community (a counting sort over its community column),
// each community's rows in ascending order: a phase that visits one community's firms or homes
// per mine reads only those, instead of scanning the whole table once per mine (which made the
// per-mine phases quadratic in the number of mines; issue 14). Valid while the table's rows and
// communities do not change.
#include <cstdint>
#include <span>
#include <vector>

namespace minesim {

struct CommunityIndex {
  std::vector<std::uint32_t> start;  // by community; start[c] .. start[c + 1] in `rows`
  std::vector<std::uint32_t> rows;
  std::span<const std::uint32_t> of(std::size_t c) const {
    return {rows.data() + start[c], rows.data() + start[c + 1]};
  }
};

inline CommunityIndex index_by_community(const std::vector<std::uint16_t>& community,
                                         std::size_t communities) {
  CommunityIndex ix{std::vector<std::uint32_t>(communities + 1, 0),
                    std::vector<std::uint32_t>(community.size())};
  for (const std::uint16_t c : community) ++ix.start[c + 1u];
  for (std::size_t c = 0; c < communities; ++c) ix.start[c + 1] += ix.start[c];
  std::vector<std::uint32_t> next(ix.start.begin(), ix.start.end() - 1);
  for (std::uint32_t r = 0; r < community.size(); ++r) ix.rows[next[community[r]]++] = r;
  return ix;
}

}  // namespace minesim
