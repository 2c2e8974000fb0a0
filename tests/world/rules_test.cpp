// The person rules of world/rules.h at their edges: working age in months, the age bands of the
// demography keys, and who is available for work, unemployed or a job seeker.
#include "world/rules.h"

#include <gtest/gtest.h>

namespace minesim {
namespace {

TEST(Rules, WorkingAgeBoundsInMonths) {
  LabourParams l;  // 15 to 65 years
  const WorkingAge wa = working_age(l);
  EXPECT_EQ(wa.from, 180);
  EXPECT_EQ(wa.to, 780);
  EXPECT_FALSE(wa.contains(15 * 12 - 1));  // 14 years 11 months
  EXPECT_TRUE(wa.contains(15 * 12));       // 15th birthday
  EXPECT_TRUE(wa.contains(65 * 12 - 1));   // 64 years 11 months
  EXPECT_FALSE(wa.contains(65 * 12));      // retired on the 65th birthday
  l.working_age = 18;
  l.retirement_age = 60;
  EXPECT_FALSE(working_age(l).contains(18 * 12 - 1));
  EXPECT_TRUE(working_age(l).contains(18 * 12));
  EXPECT_FALSE(working_age(l).contains(60 * 12));
}

TEST(Rules, AgeBandsIncludeTheirLastYear) {
  const AgeBand fertile = age_band(15, 49);  // the demography default
  EXPECT_EQ(fertile.from, 15 * 12);
  EXPECT_EQ(fertile.to, 50 * 12);  // the comparisons the code made before the keys
  EXPECT_TRUE(fertile.contains(50 * 12 - 1));
  EXPECT_FALSE(fertile.contains(50 * 12));
  EXPECT_FALSE(fertile.contains(15 * 12 - 1));
  const AgeBand one_year = age_band(18, 18);
  EXPECT_TRUE(one_year.contains(18 * 12));
  EXPECT_TRUE(one_year.contains(19 * 12 - 1));
  EXPECT_FALSE(one_year.contains(19 * 12));
}

// Persons 0..: a table of cases; posts 0 (mine) and 1 (farming).
struct Fixture {
  Persons p;
  Posts posts;
  WorkingAge wa = working_age(LabourParams{});
  Fixture() {
    posts.add(idx(Sector::kMine), 0, 0, 0, 0, 100, 90);
    posts.add(idx(Sector::kFarmingInformal), 0, 0, kAnySkill, kNoOccupation, 45, 45);
  }
  std::size_t person(int age_months, std::uint32_t job = kNoJob) {
    const std::size_t i = p.size();
    p.resize(i + 1);
    p.age_months[i] = static_cast<std::uint16_t>(age_months);
    p.participates[i] = 1;
    p.education[i] = idx(Education::kNone);  // never a student
    p.job[i] = job;
    return i;
  }
};

TEST(Rules, JobSeekersAndTheUnemployed) {
  Fixture f;
  const std::size_t idle = f.person(30 * 12), farmer = f.person(30 * 12, 1),
                    miner = f.person(30 * 12, 0), young = f.person(15 * 12 - 1),
                    first_month = f.person(15 * 12), old = f.person(65 * 12),
                    last_month = f.person(65 * 12 - 1), passive = f.person(30 * 12),
                    trainee = f.person(30 * 12), dead = f.person(30 * 12),
                    student = f.person(20 * 12);
  f.p.participates[passive] = 0;
  f.p.training[trainee] = 3;
  f.p.alive[dead] = 0;
  f.p.education[student] = idx(Education::kTertiary);  // at school until 23
  const auto seeks = [&](std::size_t i) { return seeks_work(f.p, f.posts, i, f.wa); };
  const auto jobless = [&](std::size_t i) { return unemployed(f.p, i, f.wa); };
  EXPECT_TRUE(seeks(idle) && jobless(idle));
  EXPECT_TRUE(seeks(farmer));     // farming and informal work: seeks a better post
  EXPECT_FALSE(jobless(farmer));  // but is not unemployed
  EXPECT_FALSE(seeks(miner) || jobless(miner));
  EXPECT_FALSE(seeks(young) || jobless(young));
  EXPECT_TRUE(seeks(first_month) && jobless(first_month));
  EXPECT_FALSE(seeks(old) || jobless(old));
  EXPECT_TRUE(seeks(last_month) && jobless(last_month));
  for (std::size_t i : {passive, trainee, dead, student}) {
    EXPECT_FALSE(available_for_work(f.p, i, f.wa)) << i;
    EXPECT_FALSE(seeks(i) || jobless(i)) << i;
  }
}

}  // namespace
}  // namespace minesim
