// Hiring lists each sector's seekers in parallel and takes them in order (world/hiring.cpp). The
// data must be those of the serial scan whatever the list cap: 0 (every post scans serially from
// the start), small caps (lists run out and posts scan on from where their listing stopped), and
// none. Scenarios with overlapping mine catchments, suppliers, ASM, technical posts, a local hiring
// rule (training on the job) and the hiring bias; 3 threads, so lists are made concurrently.
#include <gtest/gtest.h>
#include <oneapi/tbb/global_control.h>

#include <limits>
#include <string>
#include <vector>

#include "model/load.h"
#include "model/step.h"
#include "support.h"
#include "world/labour_phases.h"

namespace minesim {
namespace {

// Burkina Faso's case scenario is 20 times the baseline's persons.
std::string scale(const std::string& rel) {
  return rel.find("burkina") != std::string::npos ? "0.02" : "0.25";
}

struct ListCap {  // sets labour::hiring_list_cap for a scope
  std::size_t old;
  explicit ListCap(std::size_t cap) : old(labour::hiring_list_cap.exchange(cap)) {}
  ~ListCap() { labour::hiring_list_cap = old; }
};

// Every person's job, skill, occupation and certification, every post's holders and every mine's
// layoffs and redeployments, after each of `months` months.
std::vector<std::uint64_t> labour_state(const std::string& rel, std::size_t cap, int months) {
  const ListCap guard(cap);
  tbb::global_control gc(tbb::global_control::max_allowed_parallelism, 3);
  const Scenario s =
      load_scenario_file(test::source_path(rel), {"simulation.population_scale=" + scale(rel)});
  World w = make_world(s);
  std::vector<std::uint64_t> out;
  for (int m = 0; m < months; ++m) {
    step_month(w);
    const Persons& p = w.persons;
    for (std::size_t i = 0; i < p.size(); ++i)
      out.push_back(std::uint64_t{p.job[i]} << 32 | std::uint64_t{p.skill[i]} << 16 |
                    std::uint64_t{p.occupation[i]} << 8 | p.certified[i]);
    for (const std::int64_t f : w.posts.filled) out.push_back(static_cast<std::uint64_t>(f));
    for (const MineState& ms : w.mines) out.push_back((ms.layoffs << 32) + ms.redeployed);
  }
  return out;
}

// Persons holding a post that is not farming or informal work, in the last month recorded.
std::size_t wage_workers(const std::string& rel) {
  const Scenario s =
      load_scenario_file(test::source_path(rel), {"simulation.population_scale=" + scale(rel)});
  World w = make_world(s);
  for (int m = 0; m < 3; ++m) step_month(w);
  std::size_t n = 0;
  for (std::size_t i = 0; i < w.persons.size(); ++i)
    n += w.persons.job[i] != kNoJob &&
         w.posts.sector[w.persons.job[i]] != idx(Sector::kFarmingInformal);
  return n;
}

class HiringLists : public ::testing::TestWithParam<const char*> {};

TEST_P(HiringLists, EveryListCapGivesTheSerialScansData) {
  const std::string rel = GetParam();
  ASSERT_GT(wage_workers(rel), 500u) << "the scenario hires too few to test hiring";
  const auto serial = labour_state(rel, 0, 6);
  for (const std::size_t cap :
       {std::size_t{1}, std::size_t{3}, std::size_t{40}, std::numeric_limits<std::size_t>::max()})
    EXPECT_TRUE(labour_state(rel, cap, 6) == serial) << rel << ": list cap " << cap;
}

INSTANTIATE_TEST_SUITE_P(Scenarios, HiringLists,
                         ::testing::Values("scenarios/burkina_faso.toml",
                                           "scenarios/policies/local_hiring_requirement.toml",
                                           "scenarios/policies/staged_automation.toml"));

}  // namespace
}  // namespace minesim
