// Names of tables ([mines.NAME], [communities.NAME], ...) and --set keys and values: what the
// loader refuses (issue 11, items 6 and 9) and the one name resolution with did-you-mean.
#include <gtest/gtest.h>

#include "model/load.h"
#include "scenario/diagnostics.h"
#include "scenario/reader.h"
#include "support.h"

namespace minesim {
namespace {

std::string with_mine(const std::string& quoted_name) {
  return test::tiny_scenario(2000, 12, "") + "\n[mines." + quoted_name +
         "]\ncommunity = \"host\"\nore_tonnes_per_month = 1000\ngrade = 1.0\nworkforce = 10\n";
}

// Where the extra mine's name is: the line of its header, column 8 (after "[mines.").
std::string at_extra_mine(const std::string& text) {
  int line = 1;
  for (std::size_t i = 0; i + 1 < text.size(); ++i)
    if (text[i] == '\n') ++line;
  return "t.toml:" + std::to_string(line - 4) + ":8: error: mines: the name ";
}

TEST(ScenarioNames, BracketsDotsAndControlCharactersAreRefusedWithPosition) {
  // Before: "x[abc]" ended in stoul (exit 70), "x[4000000000]" allocated 4e9 tables, "a.b" ran
  // but its recorded scenario no longer parsed.
  const std::string tail =
      ": a name may not contain '.', '[', ']' or control characters (--set and plan files "
      "address names by key path)\n";
  for (const auto& [name, shown, why] :
       std::vector<std::tuple<std::string, std::string, std::string>>{
           {"\"x[abc]\"", "x[abc]", "'[' or ']'"},
           {"\"x[4000000000]\"", "x[4000000000]", "'[' or ']'"},
           {"\"a.b\"", "a.b", "'.'"},
           {"\"t\\tq\"", "t\\x09q", "a control character"},
           {"\"\"", "", ""}}) {
    const std::string text = with_mine(name);
    const std::string got = test::scenario_errors(text);
    if (shown.empty()) {
      EXPECT_EQ(got, at_extra_mine(text).substr(0, at_extra_mine(text).size() - 9) +
                         "a name cannot be empty\n");
      continue;
    }
    EXPECT_EQ(got, at_extra_mine(text) + "'" + shown + "' contains " + why + tail) << name;
  }
}

TEST(ScenarioNames, EveryNamedTableChecksItsNames) {
  const std::string base = test::tiny_scenario(2000, 12, "");
  for (const std::string table :
       {"communities", "asm_sites", "training", "interventions", "mines"}) {
    const std::string got = test::scenario_errors(base + "\n[" + table + ".\"p.q\"]\n");
    EXPECT_NE(got.find("error: " + table + ": the name 'p.q' contains '.'"), std::string::npos)
        << table << ": " << got;
  }
}

TEST(ScenarioNames, SetPathIndexesAreBoundedAndNeverThrow) {
  toml::table root;
  set_path(root, "a.b[1].c", toml::value<int64_t>(3));  // pads element 0
  ASSERT_NE(root.at_path("a.b[1].c").as_integer(), nullptr);
  EXPECT_EQ(root.at_path("a.b").as_array()->size(), 2u);
  // Not an index: a plain key, no exception, no allocation by the number.
  EXPECT_NO_THROW(set_path(root, "x[abc].y", toml::value<int64_t>(1)));
  EXPECT_NO_THROW(set_path(root, "x[99999999999999999999999].y", toml::value<int64_t>(1)));
  EXPECT_EQ(root.size(), 3u);
}

TEST(ScenarioNames, SetKeysAreBareDottedPathsAndValuesOneLine) {
  const std::string base = test::tiny_scenario(2000, 12, "");
  // Before: the text after the newline was silently ignored.
  EXPECT_EQ(test::scenario_errors(base, {"economy.royalty_rate=0.05\nlabour.quit_rate=0.9"}),
            "<command line>:1:26: error: economy.royalty_rate: a --set value must be one line (it "
            "contains a line break)\n");
  EXPECT_EQ(test::scenario_errors(base, {"economy.royalty_rate=0.05\r"}),
            "<command line>:1:26: error: economy.royalty_rate: a --set value must be one line (it "
            "contains a line break)\n");
  for (const std::string key :
       {"mines.alpha.adopt[0].start", "mines.\"a.b\".workforce", "mines..workforce", "mines."})
    EXPECT_EQ(test::scenario_errors(base, {key + "=3"}),
              "<command line>:1:1: error: " + key +
                  ": a --set key is a dotted path of names made of letters, digits, '_' and '-'\n")
        << key;
  EXPECT_EQ(test::scenario_errors(base, {" economy.royalty_rate = 0.05"}),
            "");  // spaces around are fine
}

TEST(ScenarioNames, EveryReferenceToANameSuggestsTheClosest) {
  const std::string base = test::tiny_scenario(2000, 12, "");
  // training.*.communities and asm_sites.*.displaced_by_mine gave no suggestion before.
  EXPECT_EQ(test::scenario_errors(base + R"(
[training.welders]
communities = ["hots"]
capacity = 10
)"),
            "t.toml:27:15: error: training.welders.communities: no community named 'hots'; did "
            "you mean 'host'?\n");
  EXPECT_EQ(test::scenario_errors(base + R"(
[asm_sites.creek]
community = "village"
reference_workers = 100
displaced_by_mine = "alpah"
)"),
            "t.toml:29:21: error: asm_sites.creek.displaced_by_mine: no mine named 'alpah'; did "
            "you mean 'alpha'?\n");
  EXPECT_EQ(test::scenario_errors(base + R"(
[interventions.reform]
type = "tax_reform"
start = 2025-06-01
mines = ["zzz"]
)"),
            "t.toml:29:9: error: interventions.reform.mines: no mine named 'zzz'\n");
}

}  // namespace
}  // namespace minesim
