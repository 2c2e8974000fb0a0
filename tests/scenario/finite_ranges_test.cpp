// Amount keys have finite ranges (docs/scenarios.md, "Finite ranges and the int64 bound"): the
// values that used to overflow int64 cents are refused before a run, with exit 2 and the usual
// file:line:col message.
#include <gtest/gtest.h>

#include <string>

#include "support.h"

namespace minesim {
namespace {

struct Refused {
  std::string set, message;
};

TEST(FiniteRanges, HugeAmountsAreRefusedWithExitTwo) {
  const std::string dir = test::fresh_dir("finite_ranges");
  test::write_file(dir + "/s.toml", test::tiny_scenario(2000, 3, ""));
  const Refused cases[] = {
      {"prices.gold.base_usd=1e308",
       "<command line>:1:24: error: prices.gold.base_usd: must be in (0, 1000000]"},
      {"wages.mine_usd=[1e17, 450, 1500]",
       "<command line>:1:19: error: wages.mine_usd: must be in [0, 100000] (USD per month), got "
       "1e+17"},
      {"mines.alpha.ore_tonnes_per_month=1e308",
       "<command line>:1:36: error: mines.alpha.ore_tonnes_per_month: must be in [0, 100000000] "
       "(t per month), got 1e+308"},
      {"economy.poverty_line_usd=1e308",
       "<command line>:1:28: error: economy.poverty_line_usd: must be in [0, 10000] (USD per "
       "person-month), got 1e+308"},
  };
  for (const Refused& c : cases) {
    const auto r = test::run_cli({"run", "s.toml", "-q", "-o", "x.h5", "--set", c.set}, dir);
    EXPECT_EQ(r.status, 2) << c.set << "\n" << r.err;
    EXPECT_NE(r.err.find(c.message), std::string::npos) << c.set << "\n" << r.err;
  }
  // In a file, the message points at the value.
  test::write_file(dir + "/f.toml",
                   test::tiny_scenario(2000, 3, "") + "\n[prices.gold]\nbase_usd = 1e308\n");
  const auto f = test::run_cli({"validate", "f.toml"}, dir);
  EXPECT_EQ(f.status, 2);
  EXPECT_NE(f.err.find("f.toml:"), std::string::npos) << f.err;
  EXPECT_NE(f.err.find(": error: prices.gold.base_usd: must be in (0, 1000000]"), std::string::npos)
      << f.err;
}

TEST(FiniteRanges, TheMaximaThemselvesAreAccepted) {
  const std::string dir = test::fresh_dir("finite_ranges_max");
  test::write_file(dir + "/s.toml", test::tiny_scenario(2000, 3, ""));
  const auto r = test::run_cli({"validate", "s.toml", "--set", "prices.gold.base_usd=1e6", "--set",
                                "economy.poverty_line_usd=1e4", "--set", "mines.alpha.grade=100"},
                               dir);
  EXPECT_EQ(r.status, 0) << r.err;
}

}  // namespace
}  // namespace minesim
