// Messages about interventions (issue 17, "Messages"): a misspelled type or name gets the closest
// one, the tax reform's target rates state their range plainly, and an intervention that starts
// after the run's last month is a warning.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>

#include "model/load.h"
#include "scenario/load.h"
#include "support.h"

namespace minesim {
namespace {

// The tiny scenario (12 months from 2025-01) with a tax reform named fiscal_reform from `start`.
std::string with_reform(const std::string& type = "tax_reform",
                        const std::string& start = "2025-06-01") {
  return test::tiny_scenario(2000, 12, "") + "\n[interventions.fiscal_reform]\ntype = \"" + type +
         "\"\nstart = " + start + "\nramp_months = 3\nroyalty_rate = 0.05\n";
}

// The line of the intervention's header in with_reform's text (the tiny scenario, then a blank).
int reform_line() {
  const std::string t = test::tiny_scenario(2000, 12, "");
  return static_cast<int>(std::count(t.begin(), t.end(), '\n')) + 2;
}

TEST(InterventionMessages, MisspelledTypeGetsTheClosestLeverAndNoOtherError) {
  // Before: no suggestion, and "start: unknown key" and the like for every other key.
  EXPECT_EQ(test::scenario_errors(with_reform("tax_refrom")),
            fmt::format("t.toml:{}:8: error: interventions.fiscal_reform.type: must be one of "
                        "skills_training, local_hiring_requirement, local_procurement_requirement, "
                        "supplier_development, economic_diversification, tax_reform, "
                        "gender_inclusion, asm_formalisation, staged_automation, got "
                        "'tax_refrom'; did you mean 'tax_reform'?\n",
                        reform_line() + 1));
  // The common keys are still checked: their errors are real whatever the lever.
  EXPECT_NE(test::scenario_errors(with_reform("tax_refrom", "2025-06-15"))
                .find("interventions.fiscal_reform.start: "),
            std::string::npos);
}

TEST(InterventionMessages, MisspelledNameInSetGetsTheClosestName) {
  // Before: "did you mean 'interventions.fiscal_reform.mines'?" (the closest whole path).
  EXPECT_EQ(test::scenario_errors(with_reform(), {"interventions.fiscal_reforn.end=2025-09-01"}),
            "<command line>:1:1: error: interventions.fiscal_reforn.end: unknown key; did you "
            "mean 'interventions.fiscal_reform.end'?\n");
  EXPECT_EQ(test::scenario_errors(with_reform(), {"interventions.fiscal_reforn.royalty_rat=0.1"}),
            "<command line>:1:1: error: interventions.fiscal_reforn.royalty_rat: unknown key; did "
            "you mean 'interventions.fiscal_reform.royalty_rate'?\n");
  // A misspelled key of a right name, and a path with nothing close, as before.
  EXPECT_EQ(test::scenario_errors(with_reform(), {"economy.royalty_rat=0.1"}),
            "<command line>:1:1: error: economy.royalty_rat: unknown key; did you mean "
            "'economy.royalty_rate'?\n");
  EXPECT_EQ(test::scenario_errors(with_reform(), {"zzzzzz.qqqqqq=1"}),
            "<command line>:1:1: error: zzzzzz.qqqqqq: unknown key\n");
}

TEST(InterventionMessages, MisspelledNameInAnExtendingFileGetsTheClosestName) {
  const std::string dir = test::fresh_dir("messages_extends");
  test::write_file(dir + "/base.toml", with_reform());
  test::write_file(
      dir + "/policy.toml",
      "extends = \"base.toml\"\n\n[interventions.fiscal_reforn]\nroyalty_rate = 0.1\n");
  try {
    load_scenario_file(dir + "/policy.toml");
    FAIL() << "loaded";
  } catch (const ScenarioError& e) {
    // Before: "interventions.fiscal_reforn.type: required key is missing (a string)".
    EXPECT_EQ(std::string(e.what()),
              dir +
                  "/policy.toml:3:1: error: interventions.fiscal_reforn: no intervention named "
                  "'fiscal_reforn' to override (it has no type); did you mean 'fiscal_reform'?\n");
  }
}

TEST(InterventionMessages, TaxReformRateRangeReadsCleanly) {
  // Before: "must be in [-1, 1] (1 (-1: unchanged)), got 2".
  EXPECT_EQ(test::scenario_errors(with_reform(), {"interventions.fiscal_reform.royalty_rate=2"}),
            "<command line>:1:44: error: interventions.fiscal_reform.royalty_rate: must be in [0, "
            "1] or -1 (unchanged), got 2\n");
  // Negative values keep meaning "unchanged" (the resolved scenario writes -1).
  EXPECT_EQ(test::scenario_errors(with_reform(), {"interventions.fiscal_reform.royalty_rate=-0.5"}),
            "");
}

TEST(InterventionMessages, AnInterventionAfterTheLastMonthIsAWarning) {
  // 12 months from 2025-01: the last is 2025-12.
  EXPECT_TRUE(scenario_warnings(load_scenario_string(with_reform(), "t.toml")).empty());
  EXPECT_TRUE(
      scenario_warnings(load_scenario_string(with_reform("tax_reform", "2025-12-01"), "t.toml"))
          .empty());
  EXPECT_EQ(
      scenario_warnings(load_scenario_string(with_reform("tax_reform", "2026-01-01"), "t.toml")),
      std::vector<std::string>{"interventions.fiscal_reform: starts 2026-01, after the run's last "
                               "month 2025-12; it has no effect"});
}

}  // namespace
}  // namespace minesim
