// The examples printed by `minesim --help`, `minesim run --help` and `minesim export --help` work
// as written (the main help's `--set mines.kora_gold.workforce=[800,500,150]` once failed with
// exit 2). The export examples read the output the main help's `minesim run` wrote.
#include <gtest/gtest.h>

#include <filesystem>
#include <sstream>

#include "support.h"

namespace minesim {
namespace {

namespace fs = std::filesystem;

// The `minesim run|validate|info|export ...` lines of a help text's examples, as argument lists
// (the examples use no quotes; a trailing `# comment` is dropped).
std::vector<std::vector<std::string>> examples(const std::string& help) {
  std::vector<std::vector<std::string>> out;
  std::istringstream lines(help.substr(help.find("Examples:")));
  for (std::string line; std::getline(lines, line);) {
    line = line.substr(0, line.find('#'));
    std::istringstream words(line);
    std::vector<std::string> args;
    for (std::string w; words >> w;) args.push_back(w);
    if (args.size() < 2 || args[0] != "minesim") continue;
    if (args[1] != "run" && args[1] != "validate" && args[1] != "info" && args[1] != "export")
      continue;
    out.emplace_back(args.begin() + 1, args.end());
  }
  return out;
}

TEST(HelpExamples, EveryRunValidateInfoAndExportExampleSucceeds) {
  const std::string dir = test::fresh_dir("help_examples");
  fs::create_directory_symlink(test::source_path("scenarios"), dir + "/scenarios");
  int ran = 0;
  for (const auto& help :
       {std::vector<std::string>{"--help"}, {"run", "--help"}, {"export", "--help"}}) {
    const auto h = test::run_cli(help, dir);
    ASSERT_EQ(h.status, 0);
    for (auto args : examples(h.out)) {
      if (args[0] == "run") args.push_back("--quiet");
      const auto r = test::run_cli(args, dir);
      std::string shown;
      for (const auto& a : args) shown += " " + a;
      EXPECT_EQ(r.status, 0) << "minesim" << shown << "\n" << r.err;
      ++ran;
    }
  }
  EXPECT_GE(ran, 12);  // 6 in the main help, 4 in run's, 2 in export's
  // The exports are there: the main help's and the two of export's own help.
  for (const char* csv : {"output/baseline_csv/population.csv", "output/csv_all/births.csv",
                          "output/two_csv/births.csv", "output/two_csv/interventions.csv"})
    EXPECT_TRUE(fs::is_regular_file(fs::path(dir) / csv)) << csv;
}

}  // namespace
}  // namespace minesim
