#pragma once
// Employers' job posts: one per (mine, skill), per (community, skill) for the local economy, and
// one per community for farming and informal work (any skill). Hiring visits posts in index order,
// so the order here is a model rule: mines first, then the local economy, then farming.
#include <cstdint>
#include <vector>

#include "core/money.h"

namespace minesim {

inline constexpr std::uint8_t kAnySkill = 0xFF;

struct Posts {
  std::vector<std::uint8_t> sector;       // Sector
  std::vector<std::uint16_t> community;   // where the job is (hiring pool)
  std::vector<std::uint32_t> owner;       // mine index, or community index for local posts
  std::vector<std::uint8_t> skill;        // Skill or kAnySkill
  std::vector<Cents> wage;                // gross monthly wage
  std::vector<Cents> net_wage;            // after payroll tax withheld
  std::vector<std::int64_t> demand;       // simulated persons wanted this month
  std::vector<std::int64_t> filled;       // simulated persons holding the post

  std::size_t count() const { return sector.size(); }
  std::uint32_t add(std::uint8_t sec, std::uint16_t comm, std::uint32_t own, std::uint8_t sk,
                    Cents gross, Cents net) {
    sector.push_back(sec);
    community.push_back(comm);
    owner.push_back(own);
    skill.push_back(sk);
    wage.push_back(gross);
    net_wage.push_back(net);
    demand.push_back(0);
    filled.push_back(0);
    return static_cast<std::uint32_t>(sector.size() - 1);
  }
};

}  // namespace minesim
