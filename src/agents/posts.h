#pragma once
// Employers' job posts: per (mine, occupation, skill), per (supplier firm, skill), per
// (community, skill) for the local economy, and one per community for farming and informal work
// (any skill). Hiring visits posts in index order, so the order is a model rule: mines first, then
// the local economy and farming per community; supplier firms' posts are appended as firms enter
// and are visited after the mines. Posts are never removed (a closed employer wants 0).
#include <cstdint>
#include <vector>

#include "core/money.h"

namespace minesim {

inline constexpr std::uint8_t kAnySkill = 0xFF;
inline constexpr std::uint8_t kNoOccupation = 0xFF;

struct Posts {
  std::vector<std::uint8_t> sector;      // Sector
  std::vector<std::uint16_t> community;  // where the job is
  std::vector<std::uint32_t> owner;      // mine, supplier or community index (by sector)
  std::vector<std::uint8_t> skill;       // Skill or kAnySkill
  std::vector<std::uint8_t> occupation;  // Occupation (mine posts) or kNoOccupation
  std::vector<Cents> wage;               // gross monthly wage
  std::vector<Cents> net_wage;           // after payroll tax withheld
  std::vector<std::int64_t> demand;      // simulated persons wanted this month
  std::vector<std::int64_t> filled;      // simulated persons holding the post
  std::vector<std::uint8_t> may_shed;    // 0: shrink only by attrition

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
    return static_cast<std::uint32_t>(sector.size() - 1);
  }
};

}  // namespace minesim
