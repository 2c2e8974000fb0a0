#pragma once
// Employers' job posts: per (mine, occupation, skill), per (supplier firm, skill), per
// (community, skill) for the local economy, and one per community for farming and informal work
// (any skill). Hiring visits posts in index order, so the order is a model rule: mines first, then
// the local economy and farming per community; supplier firms' posts are appended as firms enter
// and are visited after the mines. Posts are never removed (a closed employer wants 0).
//
// An expatriate holding a mine post is paid more than the post's wage (wages.expatriate_premium).
// Rather than splitting every mine post into a national and an expatriate post (which would double
// the mine posts every phase walks and make hiring choose between them), a post keeps the extra it
// pays an expatriate holder and the count of its holders who are expatriates, kept up to date with
// `filled` by the labour market: the mine's wage bill is filled x wage + expatriates x extra, and a
// household's income reads the extra for a member of origin expatriate. Persons need no new
// column. The extra is 0 for every post but mine posts.
#include <cstdint>
#include <vector>

#include "core/money.h"

namespace minesim {

inline constexpr std::uint8_t kAnySkill = 0xFF;
inline constexpr std::uint8_t kNoOccupation = 0xFF;

struct Posts {
  std::vector<std::uint8_t> sector;         // Sector
  std::vector<std::uint16_t> community;     // where the job is
  std::vector<std::uint32_t> owner;         // mine, supplier or community index (by sector)
  std::vector<std::uint8_t> skill;          // Skill or kAnySkill
  std::vector<std::uint8_t> occupation;     // Occupation (mine posts) or kNoOccupation
  std::vector<Cents> wage;                  // gross monthly wage
  std::vector<Cents> net_wage;              // after payroll tax withheld
  std::vector<std::int64_t> demand;         // simulated persons wanted this month
  std::vector<std::int64_t> filled;         // simulated persons holding the post
  std::vector<std::uint8_t> may_shed;       // 0: shrink only by attrition
  std::vector<Cents> expatriate_extra;      // gross paid to an expatriate holder above `wage`
  std::vector<Cents> expatriate_extra_net;  // of it, after payroll tax withheld
  std::vector<std::int64_t> expatriates;    // of `filled`, holders of origin expatriate

  std::size_t count() const { return sector.size(); }
  std::uint32_t add(std::uint8_t sec, std::uint16_t comm, std::uint32_t own, std::uint8_t sk,
                    std::uint8_t occ, Cents gross, Cents net) {
    sector.push_back(sec);
    community.push_back(comm);
    owner.push_back(own);
    skill.push_back(sk);
    occupation.push_back(occ);
    wage.push_back(gross);
    net_wage.push_back(net);
    demand.push_back(0);
    filled.push_back(0);
    may_shed.push_back(1);
    expatriate_extra.push_back(0);
    expatriate_extra_net.push_back(0);
    expatriates.push_back(0);
    return static_cast<std::uint32_t>(sector.size() - 1);
  }
  // The net wage post q pays a holder who is (or is not) an expatriate.
  Cents net_wage_of(std::uint32_t q, bool expatriate) const {
    return net_wage[q] + (expatriate ? expatriate_extra_net[q] : 0);
  }
  Cents wage_of(std::uint32_t q, bool expatriate) const {
    return wage[q] + (expatriate ? expatriate_extra[q] : 0);
  }
};

}  // namespace minesim
