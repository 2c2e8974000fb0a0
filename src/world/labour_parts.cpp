// The labour market's independent parts (world/labour_phases.h): communities joined by a post
// with a vacancy that hires from several of them (a mine's catchment) and by a seeker who lives in
// one and works on a farm of another. Hiring in one part reads and writes only its own pools,
// seekers, posts and mines, so the parts can fill their posts at the same time, each in the global
// hiring order, and give the data of one loop over all posts.
#include <numeric>
#include <utility>

#include "world/labour_phases.h"

namespace minesim::labour {

namespace {

// Union-find over communities, the smaller root winning (so a part's id does not depend on the
// order of the unions).
struct Joins {
  std::vector<std::uint32_t> up;
  explicit Joins(std::size_t n) : up(n) { std::iota(up.begin(), up.end(), 0u); }
  std::uint32_t root(std::uint32_t c) {
    while (up[c] != c) c = up[c] = up[up[c]];
    return c;
  }
  void join(std::uint32_t a, std::uint32_t b) {
    a = root(a), b = root(b);
    if (a != b) up[std::max(a, b)] = std::min(a, b);
  }
};

}  // namespace

std::vector<std::vector<std::uint32_t>> posts_by_part(const World& w,
                                                      const std::vector<std::uint32_t>& order,
                                                      const CommunityPairs& farms_elsewhere) {
  const Posts& posts = w.posts;
  Joins joins(w.communities.size());
  for (const std::uint32_t k : order)  // a mine's post hires from its catchment, others at home
    if (posts.sector[k] == idx(Sector::kMine))
      for (const auto& [c, weight] : w.mines[posts.owner[k]].catchment)
        joins.join(posts.community[k], c);
  for (const auto& [home, farm] : farms_elsewhere) joins.join(home, farm);
  std::vector<std::uint32_t> part(w.communities.size(), 0);
  std::uint32_t parts = 0;
  for (std::uint32_t c = 0; c < part.size(); ++c)
    part[c] = joins.root(c) == c ? parts++ : part[joins.root(c)];
  std::vector<std::vector<std::uint32_t>> out(parts);
  for (const std::uint32_t k : order) out[part[posts.community[k]]].push_back(k);
  return out;
}

}  // namespace minesim::labour
