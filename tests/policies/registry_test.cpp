// The lever table (policies/registry.cpp): one row per lever in enum order, each lever reading
// its own keys (with file:line:col for a bad one). Each lever's own tests are in its file here.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>

#include "model/load.h"
#include "policies/policy.h"
#include "support.h"

namespace minesim {
namespace {

std::string errors_of(const std::string& text) { return test::scenario_errors(text); }

TEST(LeverTable, EveryInterventionTypeHasOneRowInEnumOrder) {
  const auto table = levers();
  ASSERT_EQ(table.size(), static_cast<std::size_t>(kInterventionTypes));
  const LeverReaders readers = lever_readers();
  for (std::size_t i = 0; i < table.size(); ++i) {
    EXPECT_EQ(static_cast<std::size_t>(table[i].type), i) << kInterventionLabels[i];
    EXPECT_NE(table[i].read, nullptr) << kInterventionLabels[i];
    EXPECT_NE(table[i].apply, nullptr) << kInterventionLabels[i];
    EXPECT_EQ(readers[i], table[i].read) << kInterventionLabels[i];
  }
}

TEST(LeverTable, EveryLabelIsReadByItsOwnReader) {
  std::string text = test::tiny_scenario();
  for (const auto label : kInterventionLabels)
    text += fmt::format("\n[interventions.{0}]\ntype = \"{0}\"\nstart = 2026-01-01\n{1}", label,
                        label == "skills_training" ? "capacity = 10\n" : "");
  const Scenario s = load_scenario_string(text, "t.toml");
  ASSERT_EQ(s.interventions.size(), static_cast<std::size_t>(kInterventionTypes));
  for (const InterventionParams& v : s.interventions) {
    EXPECT_EQ(kInterventionLabels[idx(v.type)], v.name);
    EXPECT_TRUE(v.params.has_value()) << v.name;
  }
}

TEST(LeverReader, RejectsAnotherLeversKeyWithItsPosition) {
  const std::string text = test::tiny_scenario() +
                           "\n[interventions.up]\ntype = \"tax_reform\"\nstart = 2026-01-01\n"
                           "royalty_ratee = 0.1\nlocal_share = 0.5\n";
  const int line = static_cast<int>(std::count(text.begin(), text.end(), '\n')) - 1;
  const std::string err = errors_of(text);
  EXPECT_NE(err.find(fmt::format("t.toml:{}:1: error: interventions.up.royalty_ratee: unknown key; "
                                 "did you mean 'royalty_rate'?",
                                 line)),
            std::string::npos)
      << err;
  EXPECT_NE(err.find(fmt::format("t.toml:{}:1: error: interventions.up.local_share: unknown key",
                                 line + 1)),
            std::string::npos)
      << err;
}

}  // namespace
}  // namespace minesim
