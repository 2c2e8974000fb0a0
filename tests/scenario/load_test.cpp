// Scenario loading: defaults, overrides, every error at once with file:line:col, the resolved
// scenario's round trip, and the scenario reference covering every key.
#include <gtest/gtest.h>

#include <filesystem>
#include <set>

#include "model/load.h"
#include "scenario/diagnostics.h"
#include "support.h"

namespace minesim {
namespace {

TEST(Scenario, ShippedBaselineLoadsWithItsValues) {
  const Scenario s = load_scenario_file(test::source_path("scenarios/baseline.toml"));
  ASSERT_EQ(s.communities.size(), 3u);
  EXPECT_EQ(s.communities[0].name, "bani");  // tables are ordered by name
  EXPECT_EQ(s.communities[1].population, 30000);
  ASSERT_EQ(s.mines.size(), 2u);
  EXPECT_EQ(s.mines[0].community, 1);
  EXPECT_TRUE(s.mines[1].endogenous_adoption);
  ASSERT_EQ(s.mines[0].adoptions.size(), 1u);
  EXPECT_EQ(s.mines[0].adoptions[0].start, (Month{2028, 1}));
  EXPECT_EQ(s.simulation.months, 120);
}

TEST(Scenario, DefaultsFillWhatIsNotGiven) {
  const Scenario s = load_scenario_string(test::tiny_scenario(), "t.toml");
  EXPECT_EQ(s.labour.retirement_age, 65);
  EXPECT_DOUBLE_EQ(s.economy.royalty_rate, EconomyParams{}.royalty_rate);
  EXPECT_DOUBLE_EQ(s.technologies[0].roles_created_per_removed, 0.2);
  EXPECT_DOUBLE_EQ(s.technologies[1].productivity_gain, 0.05);
  EXPECT_EQ(s.local_economy.industries.size(), 4u);
  EXPECT_DOUBLE_EQ(s.prices[idx(Commodity::kGold)].base_usd, 2400.0);
}

TEST(Scenario, SetOverridesValuesAndIsRecorded) {
  const Scenario s = load_scenario_string(test::tiny_scenario(), "t.toml",
                                          {"economy.royalty_rate=0.07", "mines.alpha.workforce=24",
                                           "simulation.seed=99", "mines.alpha.commodity=copper"});
  EXPECT_DOUBLE_EQ(s.economy.royalty_rate, 0.07);
  EXPECT_EQ(s.mines[0].workforce, 24);
  EXPECT_EQ(s.simulation.seed, 99u);
  EXPECT_EQ(s.mines[0].commodity, Commodity::kCopper);
  EXPECT_NE(s.resolved_toml.find("royalty_rate = 0.07"), std::string::npos);
  EXPECT_NE(s.resolved_toml.find("seed = 99"), std::string::npos);
}

TEST(Scenario, BadOverridesAreReportedAtTheCommandLine) {
  EXPECT_EQ(test::scenario_errors(test::tiny_scenario(), {"economy.royalty=0.1"}),
            "<command line>:1:1: error: economy.royalty: unknown key; did you mean "
            "'economy.royalty_rate'?\n");
  EXPECT_EQ(test::scenario_errors(test::tiny_scenario(), {"economy.royalty_rate=2"}),
            "<command line>:1:24: error: economy.royalty_rate: must be in [0, 1] (1), got 2\n");
  EXPECT_EQ(test::scenario_errors(test::tiny_scenario(), {"simulation.months"}),
            "<command line>:1:1: error: --set expects key.path=value, got 'simulation.months'\n");
}

TEST(Scenario, ReportsEveryErrorSortedByPosition) {
  const std::string text = R"([simulation]
months = "ten"
seed = -1

[communities.a]
lat = 1
lon = 2
population = 10
skill_shares = [0.5, 0.5]
)";
  EXPECT_EQ(test::scenario_errors(text),
            "t.toml:2:10: error: simulation.months: expected an integer, got a string\n"
            "t.toml:3:8: error: simulation.seed: must be in [0, 9223372036854775807], got -1\n"
            "t.toml:9:16: error: communities.a.skill_shares: expected an array of 3 numbers, got 2 "
            "elements\n");
}

TEST(Scenario, NeedsACommunityAndValidDates) {
  EXPECT_EQ(test::scenario_errors("[simulation]\nmonths = 3\n"),
            "t.toml:1:1: error: communities: a scenario needs at least one [communities.NAME]\n");
  EXPECT_NE(test::scenario_errors(test::tiny_scenario(), {"simulation.start=2025-02-03"})
                .find("dates are month starts: expected 2025-02-01, got day 3"),
            std::string::npos);
}

TEST(Scenario, ResolvedScenarioRoundTrips) {
  const Scenario a = load_scenario_file(test::source_path("scenarios/baseline.toml"));
  const Scenario b = load_scenario_string(a.resolved_toml, "resolved.toml");
  EXPECT_EQ(a.resolved_toml, b.resolved_toml);
  EXPECT_EQ(b.mines[0].adoptions.size(), 1u);
}

TEST(Scenario, ReferenceDocumentsEveryKey) {
  // Every key a scenario can hold: the tiny test scenario and every shipped scenario (case
  // scenarios, policy examples) together use every table, interventions of each type included.
  std::set<std::string> keys;
  load_scenario_string(test::tiny_scenario(), "t.toml", {}, &keys);
  const std::filesystem::path dir = test::source_path("scenarios");
  for (const auto& sub : {dir, dir / "policies"})
    for (const auto& entry : std::filesystem::directory_iterator(sub))
      if (entry.path().extension() == ".toml")
        load_scenario_string(test::read_file(entry.path().string()), entry.path().string(), {},
                             &keys);
  const std::string docs = test::read_file(test::source_path("docs/scenarios.md"));
  ASSERT_FALSE(docs.empty());
  for (const auto& k : keys) {
    if (k == "communities" || k == "mines" || k == "technology" || k.find('.') == std::string::npos)
      continue;  // table names
    if (k == "technology.*" || k.rfind("technology.", 0) == 0) {
      // technology.<name>.<key> is documented as technology.*.<key>
      const auto last = k.rfind('.');
      const std::string generic = "technology.*" + k.substr(last);
      if (k.find('.', 11) == std::string::npos) continue;
      EXPECT_NE(docs.find("`" + generic + "`"), std::string::npos) << generic;
      continue;
    }
    EXPECT_NE(docs.find("`" + k + "`"), std::string::npos) << k << " is not in docs/scenarios.md";
  }
}

TEST(Scenario, InterventionEndCanBeSetFromTheCommandLineAndStaysAbsentOtherwise) {
  const std::string text = test::tiny_scenario() + R"(
[interventions.reform]
type = "tax_reform"
start = 2025-06-01
royalty_rate = 0.06
)";
  const Scenario open_ended = load_scenario_string(text, "t.toml");
  ASSERT_EQ(open_ended.interventions.size(), 1u);
  EXPECT_FALSE(open_ended.interventions[0].end.has_value());
  EXPECT_EQ(open_ended.resolved_toml.find("end = "), std::string::npos);
  const Scenario ended =
      load_scenario_string(text, "t.toml", {"interventions.reform.end=2026-01-01"});
  ASSERT_TRUE(ended.interventions[0].end.has_value());
  EXPECT_EQ(*ended.interventions[0].end, (Month{2026, 1}));
  // The resolved scenario reproduces itself.
  EXPECT_EQ(load_scenario_string(ended.resolved_toml, "r.toml").resolved_toml, ended.resolved_toml);
}

}  // namespace
}  // namespace minesim
