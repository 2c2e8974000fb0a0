#pragma once
// Persons as columns (structure of arrays), 22 bytes per row. Persons who die or leave the region
// stay as rows with alive = 0 until the next January, when world/compaction.h drops those rows
// and puts the living in household order; a person's id is their row, which keys their random
// streams, so it changes then. Newborns and in-migrants are appended.
#include <cstdint>
#include <vector>

namespace minesim {

inline constexpr std::uint32_t kNoJob = 0xFFFFFFFFu;

enum class Origin8 : std::uint8_t { kLocal = 0, kMigrant = 1, kExpatriate = 2 };
inline constexpr int kPersonOrigins = 3;

// Highest schooling completed (or being completed). Skill follows from it at creation: low skill
// had no or primary schooling, semi secondary, high tertiary. A person is a student from age 6
// until the school-leaving age of their level, and does not seek work meanwhile.
enum class Education : std::uint8_t { kNone = 0, kPrimary, kSecondary, kTertiary };
inline constexpr int kEducationLevels = 4;
inline constexpr int kSchoolLeavingAgeYears[kEducationLevels] = {6, 12, 18, 23};

// Education consistent with a skill level; `u` in [0,1) splits low skill between none and primary.
inline std::uint8_t education_for_skill(std::uint8_t skill, double u) {
  if (skill == 0) return u < 0.5 ? 0 : 1;
  return skill == 1 ? 2 : 3;
}
inline bool is_student(std::uint8_t education, int age_months) {
  return (age_months >= 6 * 12) & (age_months < kSchoolLeavingAgeYears[education] * 12);
}

struct Persons {
  std::vector<std::uint16_t> age_months;
  std::vector<std::uint8_t> gender;        // Gender
  std::vector<std::uint8_t> skill;         // Skill
  std::vector<std::uint8_t> participates;  // 1 if the person seeks work when of working age
  std::vector<std::uint8_t> alive;         // 0: died or left the region
  std::vector<std::uint8_t> origin;        // Origin8: local, migrant, expatriate
  std::vector<std::uint16_t> community;
  std::vector<std::uint32_t> household;
  std::vector<std::uint32_t> job;        // index into Posts, or kNoJob
  std::vector<std::uint8_t> occupation;  // last mine occupation held, or kNoOccupation (0xFF)
  std::vector<std::uint8_t> certified;   // 1: certified for new-technology roles
  std::vector<std::uint8_t> training;    // months left in a training programme (0: none)
  std::vector<std::uint8_t> programme;   // the programme being followed
  std::vector<std::uint8_t> education;   // Education: none, primary, secondary, tertiary

  std::size_t size() const { return age_months.size(); }
  // fn(column) for every column above.
  template <class Fn>
  void for_each_column(Fn&& fn) {
    fn(age_months), fn(gender), fn(skill), fn(participates), fn(alive), fn(origin), fn(community);
    fn(household), fn(job), fn(occupation), fn(certified), fn(training), fn(programme);
    fn(education);
  }
  template <class Fn>
  void for_each_column(Fn&& fn) const {
    const_cast<Persons&>(*this).for_each_column([&](const auto& column) { fn(column); });
  }
  // Capacity for n persons. A column grown past its capacity is copied, and the old and the new
  // copy are resident together: reserving room for the births of the first years at creation
  // keeps that copy out of the early months (4 MiB at 1 M persons). Unused capacity is address
  // space only: its pages are not touched until persons are added.
  void reserve(std::size_t n) {
    for_each_column([n](auto& column) { column.reserve(n); });
  }
  void resize(std::size_t n) {
    age_months.resize(n);
    gender.resize(n);
    skill.resize(n);
    participates.resize(n);
    alive.resize(n, 1);
    origin.resize(n, 0);
    community.resize(n);
    household.resize(n);
    job.resize(n, kNoJob);
    occupation.resize(n, 0xFF);
    certified.resize(n, 0);
    training.resize(n, 0);
    programme.resize(n, 0);
    education.resize(n, 0);
  }
  static constexpr std::size_t bytes_per_person() {
    return sizeof(std::uint16_t) * 2 + sizeof(std::uint8_t) * 10 + sizeof(std::uint32_t) * 2;
  }
};

}  // namespace minesim
