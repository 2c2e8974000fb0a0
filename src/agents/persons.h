#pragma once
// Persons as columns (structure of arrays), one entry per simulated person, ~15 bytes each.
// Members of a household are contiguous (households.first_member .. +size), which lets household
// phases run in parallel over households without write conflicts.
#include <cstdint>
#include <vector>

namespace minesim {

inline constexpr std::uint32_t kNoJob = 0xFFFFFFFFu;

struct Persons {
  std::vector<std::uint16_t> age_months;
  std::vector<std::uint8_t> gender;  // Gender
  std::vector<std::uint8_t> skill;   // Skill
  std::vector<std::uint8_t> participates;  // 1 if the person seeks work when of working age
  std::vector<std::uint16_t> community;
  std::vector<std::uint32_t> household;
  std::vector<std::uint32_t> job;  // index into Posts, or kNoJob

  std::size_t size() const { return age_months.size(); }
  void resize(std::size_t n) {
    age_months.resize(n);
    gender.resize(n);
    skill.resize(n);
    participates.resize(n);
    community.resize(n);
    household.resize(n);
    job.resize(n, kNoJob);
  }
  static constexpr std::size_t bytes_per_person() {
    return sizeof(std::uint16_t) * 2 + sizeof(std::uint8_t) * 3 + sizeof(std::uint32_t) * 2;
  }
};

}  // namespace minesim
