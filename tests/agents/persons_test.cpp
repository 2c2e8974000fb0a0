// Persons' schooling: who is a student, and the education a skill level implies; the columns'
// reserve and size.
#include "agents/persons.h"

#include <gtest/gtest.h>

#include "model/load.h"
#include "model/simulate.h"
#include "support.h"

namespace minesim {
namespace {

// Students (in school until their level's leaving age) neither work nor count as unemployed.
TEST(Education, StudentsDoNotWorkAndAreCounted) {
  EXPECT_TRUE(is_student(idx(Education::kSecondary), 16 * 12));
  EXPECT_FALSE(is_student(idx(Education::kSecondary), 18 * 12));
  EXPECT_FALSE(is_student(idx(Education::kNone), 16 * 12));
  EXPECT_TRUE(is_student(idx(Education::kTertiary), 22 * 12));
  EXPECT_EQ(education_for_skill(2, 0.1), idx(Education::kTertiary));
  const Scenario s = load_scenario_string(test::tiny_scenario(6000, 6), "t.toml");
  World w = make_world(s);
  Indicators last;
  simulate(w, {[&](const World&, const Indicators& i) { last = i; }, {}});
  std::int64_t students = 0;
  for (std::uint32_t i = 0; i < w.persons.size(); ++i) {
    if (!w.persons.alive[i] || !is_student(w.persons.education[i], w.persons.age_months[i]))
      continue;
    ++students;
    EXPECT_EQ(w.persons.job[i], kNoJob);
  }
  double counted = 0;
  for (double x : last.students) counted += x;
  EXPECT_GT(students, 0);
  EXPECT_DOUBLE_EQ(counted, static_cast<double>(students));
}

// reserve() reaches every column (for_each_column lists them once): no column is copied when
// persons are added within the reserved room, and every column keeps one length.
TEST(PersonColumns, ReserveReachesEveryColumn) {
  Persons p;
  p.resize(10);
  p.reserve(1000);
  std::size_t columns = 0;
  p.for_each_column([&](auto& column) {
    ++columns;
    EXPECT_GE(column.capacity(), 1000u);
  });
  // Every column of 1 byte, 2 bytes and 4 bytes, as bytes_per_person counts them.
  std::size_t bytes = 0;
  p.for_each_column([&](auto& column) { bytes += sizeof(column[0]); });
  EXPECT_EQ(bytes, Persons::bytes_per_person());
  EXPECT_EQ(columns, 14u);
  p.resize(20);
  p.for_each_column([&](auto& column) { EXPECT_EQ(column.size(), 20u); });
}

}  // namespace
}  // namespace minesim
