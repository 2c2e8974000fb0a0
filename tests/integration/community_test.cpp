// The community side: ASM, migration, the occupation network, training and gender.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <cmath>

#include "model/load.h"
#include "model/simulate.h"
#include "scenario/diagnostics.h"
#include "support.h"
#include "world/asm.h"
#include "world/labour_market.h"
#include "world/mines.h"
#include "world/training.h"

namespace minesim {
namespace {

std::string with_asm(const std::string& base, const std::string& extra = "",
                     int max_workers = 600) {
  return base +
         fmt::format(R"(
[asm_sites.gully]
community = "village"
reference_workers = 150
max_workers = {}
)",
                     max_workers) +
         extra;
}

double sum(const std::vector<double>& v) {
  double t = 0;
  for (double x : v)
    if (!std::isnan(x)) t += x;
  return t;
}

TEST(Asm, MonthlyOutputAndMercuryByHand) {
  const Scenario s = load_scenario_string(with_asm(test::tiny_scenario(4000, 6, "")), "t.toml");
  const AsmSiteParams& site = s.asm_sites[0];
  // At its reference crowding a manual site yields 5.7 g per worker-month.
  EXPECT_NEAR(asm_gold_g(s, site, AsmTech::kManual, 150), 150 * 5.7, 1e-9);
  // Four times the workers give twice the gold (exponent 0.5).
  EXPECT_NEAR(asm_gold_g(s, site, AsmTech::kManual, 600), 2 * 150 * 5.7, 1e-9);
  // Mechanised: 1.6x the ore; mercury-free: recovery 0.42 instead of 0.3 (+40%).
  EXPECT_NEAR(asm_gold_g(s, site, AsmTech::kMechanised, 150), 1.6 * 150 * 5.7, 1e-9);
  EXPECT_NEAR(asm_gold_g(s, site, AsmTech::kMercuryFree, 150), 1.4 * 150 * 5.7, 1e-9);
  // Workers drawn: where average pay meets farming income x 1.2, capped by the deposit.
  const double pay_ref = 5.7 * 2400 / 31.1034768 * 0.9 * 0.3;  // USD per worker at reference
  const double wanted = 150 * std::pow(pay_ref / (45 * 1.2), 2.0);
  EXPECT_NEAR(asm_workers_wanted(s, site, AsmTech::kManual, 2400), std::min(wanted, 600.0), 1e-6);
  // In a run: recorded gold and mercury (manual: 5 g Hg per g Au) follow the site's workers.
  World w = make_world(s);
  Indicators last;
  simulate(w, {[&](const World&, const Indicators& i) { last = i; }, {}});
  const std::size_t village = 1;  // communities by name: host, village
  const double workers = sum({last.asm_miners[village * 2], last.asm_miners[village * 2 + 1]});
  ASSERT_GT(workers, 0);
  EXPECT_NEAR(last.asm_gold_output_kg[village] * 1000,
              asm_gold_g(s, site, AsmTech::kManual, workers), 1e-6);
  EXPECT_NEAR(last.asm_mercury_kg[village], 5.0 * last.asm_gold_output_kg[village], 1e-9);
  EXPECT_GT(last.asm_income_mean[village], 45.0);
  EXPECT_GT(last.incidents[idx(Sector::kAsm)], -1.0);
  EXPECT_EQ(last.stock_flow_residual[0], 0.0);
}

TEST(Asm, OtherMineralSiteEarnsItsValueWithoutGoldOrMercury) {
  const std::string text = with_asm(test::tiny_scenario(4000, 6, ""), "") +
                           "commodity = \"other\"\nvalue_per_worker_usd = 300\n";
  const Scenario s = load_scenario_string(text, "t.toml");
  const AsmSiteParams& site = s.asm_sites[0];
  ASSERT_FALSE(site.gold);
  EXPECT_NEAR(asm_output(s, site, AsmTech::kManual, 150), 150 * 300.0, 1e-9);
  EXPECT_NEAR(asm_output(s, site, AsmTech::kManual, 600), 2 * 150 * 300.0, 1e-9);
  EXPECT_EQ(asm_gold_g(s, site, AsmTech::kManual, 150), 0.0);
  // Workers drawn where average pay (0.3 of 300 USD at reference) meets farming income x 1.2.
  const double wanted = 150 * std::pow(300 * 0.3 / (45 * 1.2), 2.0);
  EXPECT_NEAR(asm_workers_wanted(s, site, AsmTech::kManual, 2400), std::min(wanted, 600.0), 1e-6);
  World w = make_world(s);
  Indicators last;
  simulate(w, {[&](const World&, const Indicators& i) { last = i; }, {}});
  const std::size_t village = 1;
  const double workers = last.asm_miners[village * 2] + last.asm_miners[village * 2 + 1];
  ASSERT_GT(workers, 0);
  EXPECT_EQ(last.asm_gold_output_kg[village], 0.0);
  EXPECT_EQ(last.asm_mercury_kg[village], 0.0);
  // Pay per miner, all roles: the workers' share of the value (0.3) and the half of the pit
  // owners' share (1 - 0.3 - 0.15 for inputs) paid to the owners and managers at the site, of
  // 300 x (150 / workers)^0.5 per miner.
  const double share = 0.3 + 0.5 * (1 - 0.3 - 0.15);
  EXPECT_NEAR(last.asm_income_mean[village], share * 300 * std::sqrt(150 / workers), 0.01);
  EXPECT_EQ(last.stock_flow_residual[0], 0.0);
}

TEST(Asm, WorkersScaleResizesEverySite) {
  const std::string text = with_asm(test::tiny_scenario(4000, 6, ""));
  const Scenario one = load_scenario_string(text, "t.toml");
  const Scenario seven = load_scenario_string(text, "t.toml", {"asm.workers_scale=7.13"});
  EXPECT_EQ(seven.asm_sites[0].reference_workers, std::llround(150 * 7.13));
  EXPECT_EQ(seven.asm_sites[0].max_workers, std::llround(600 * 7.13));
  // Output per worker at the reference crowding is unchanged; total output scales with the site.
  const auto ref = static_cast<double>(seven.asm_sites[0].reference_workers);
  EXPECT_NEAR(asm_gold_g(seven, seven.asm_sites[0], AsmTech::kManual, ref) /
                  asm_gold_g(one, one.asm_sites[0], AsmTech::kManual, 150),
              ref / 150, 1e-9);
  // The resolved scenario keeps the site as written and the knob, so it reproduces the run.
  EXPECT_NE(seven.resolved_toml.find("workers_scale = 7.13"), std::string::npos);
  EXPECT_NE(seven.resolved_toml.find("reference_workers = 150"), std::string::npos);
}

TEST(Asm, OtherMineralSiteNeedsItsValue) {
  const std::string text =
      with_asm(test::tiny_scenario(4000, 6, ""), "") + "commodity = \"other\"\n";
  try {
    load_scenario_string(text, "t.toml");
    FAIL() << "expected an error";
  } catch (const ScenarioError& e) {
    EXPECT_NE(std::string(e.what()).find("value_per_worker_usd"), std::string::npos) << e.what();
  }
}

struct AsmRun {
  double workers = 0, women = 0, gold = 0;
};
AsmRun asm_run(const std::string& text, const std::vector<std::string>& sets = {}) {
  const Scenario s = load_scenario_string(text, "t.toml", sets);
  World w = make_world(s);
  Indicators last;
  simulate(w, {[&](const World&, const Indicators& i) { last = i; }, {}});
  return {last.asm_miners[2] + last.asm_miners[3], last.asm_miners[2], last.asm_gold_output_kg[1]};
}

TEST(Asm, MechanisingRaisesOutputPerMinerAndLowersWomensEmployment) {
  const std::string base = test::tiny_scenario(8000, 18, "");
  const AsmRun manual = asm_run(with_asm(base));
  const AsmRun mech =
      asm_run(with_asm(base, "upgrade = { start = 2025-06-01, technology = \"mechanised\" }\n"));
  ASSERT_GT(manual.workers, 0);
  EXPECT_GT(mech.gold / mech.workers, 1.3 * manual.gold / manual.workers);
  EXPECT_LT(mech.women, manual.women);
  EXPECT_LT(mech.women / mech.workers, manual.women / manual.workers);
}

TEST(Asm, GoldPriceRiseDrawsPeopleIn) {
  const std::string base = with_asm(test::tiny_scenario(8000, 24, ""), "", 3000);
  const AsmRun flat = asm_run(base);
  const AsmRun rush = asm_run(base + R"(
[prices.gold]
mode = "path"
path = [[2024-01-01, 2400.0], [2025-06-01, 2400.0], [2025-09-01, 3600.0]]
)");
  EXPECT_GT(rush.workers, 1.3 * flat.workers);
}

TEST(Migration, PeopleMoveTowardACommunityWithNewJobs) {
  // A mine opens in the village in 2026; villagers fill it and others move in.
  auto moved_in = [](bool mine) {
    std::string text = test::tiny_scenario(6000, 30, "");
    if (mine)
      text += R"(
[mines.beta]
community = "village"
open = 2026-01-01
ore_tonnes_per_month = 80000
grade = 1.5
workforce = 1500
)";
    const Scenario s = load_scenario_string(text, "t.toml", {"mining.hiring_radius_km=5"});
    World w = make_world(s);
    double in = 0;
    simulate(w, {[&](const World& world, const Indicators& i) {
                   if (!(world.month() < Month{2026, 1})) in += i.migration_in[1];
                 },
                 {}});
    return in;
  };
  EXPECT_GT(moved_in(true), moved_in(false) + 50);
}

// A haulage worker cannot take a technical (control-room) role until certified.
TEST(OccupationNetwork, BlocksAMoveWithoutTraining) {
  const Scenario s = load_scenario_string(test::tiny_scenario(2000, 3, ""), "t.toml",
                                          {"mining.hiring_radius_km=1", "labour.quit_rate=0"});
  World w = make_world(s);
  w.ledger.begin_month();
  plan_mines(w);
  for (std::size_t q = 0; q < w.posts.count(); ++q) w.posts.demand[q] = 0;
  // One person: a low-skill former haulage operator, the only seeker in the host community.
  std::uint32_t id = 0;
  for (std::uint32_t i = 0; i < w.persons.size(); ++i) {
    w.persons.participates[i] = 0;
    if (w.persons.community[i] == 0 && w.persons.age_months[i] > 30 * 12 && id == 0) id = i;
  }
  w.persons.participates[id] = 1;
  w.persons.skill[id] = idx(Skill::kSemi);
  w.persons.occupation[id] = idx(Occupation::kHaulage);
  const std::uint32_t control_room =
      mine_post(w.mines[0], idx(Occupation::kTechnical), idx(Skill::kSemi));
  w.posts.demand[control_room] = 1;
  run_labour_market(w);
  EXPECT_EQ(w.persons.job[id], kNoJob);
  // Drilling is related to haulage: that move is open.
  const std::uint32_t drilling =
      mine_post(w.mines[0], idx(Occupation::kDrillingBlasting), idx(Skill::kSemi));
  w.posts.demand[drilling] = 1;
  run_labour_market(w);
  EXPECT_EQ(w.persons.job[id], drilling);
  // Certified, the same person can move into the control room.
  w.posts.demand[drilling] = 0;
  run_labour_market(w);
  w.persons.certified[id] = 1;
  run_labour_market(w);
  EXPECT_EQ(w.persons.job[id], control_room);
}

TEST(Training, ACohortCompletesAndIsCertified) {
  const std::string text = test::tiny_scenario(6000, 8, "") + R"(
[training.operators]
communities = ["host"]
start = 2025-01-01
end = 2025-02-01
capacity = 40
duration_months = 3
pass_rate = 1.0
)";
  const Scenario s = load_scenario_string(text, "t.toml");
  World w = make_world(s);
  std::vector<Indicators> m;
  simulate(w, {[&](const World&, const Indicators& i) { m.push_back(i); }, {}});
  // Enrolled in January 2025 (one intake), in training Jan-Mar, certified from April.
  EXPECT_EQ(sum(m[0].trainees), 40.0);
  EXPECT_EQ(sum(m[2].trainees), 40.0);
  EXPECT_EQ(sum(m[3].trainees), 0.0);
  EXPECT_EQ(sum(m[3].certified_workers), 40.0);
  EXPECT_LT(m[3].government_balance[0], m[3].government_balance[0] + 1);  // sanity
  for (const auto& i : m) EXPECT_EQ(i.stock_flow_residual[0], 0.0);
}

// Automation raises local unemployment unless displaced workers are retrained.
TEST(Automation, RaisesUnemploymentUnlessDisplacedWorkersAreTrained) {
  auto unemployed = [](const std::string& adopt, const std::vector<std::string>& sets) {
    std::vector<std::string> all{"mines.alpha.workforce=1200",
                                 "demography.out_migration_rate=0",
                                 "communities.host.farming_capacity_share=0.1",
                                 "communities.village.farming_capacity_share=0.1",
                                 "demography.internal_migration_rate=0",
                                 "demography.in_migration_share=0"};
    all.insert(all.end(), sets.begin(), sets.end());
    const Scenario s = load_scenario_string(test::tiny_scenario(12000, 30, adopt), "t.toml", all);
    World w = make_world(s);
    Indicators last;
    simulate(w, {[&](const World&, const Indicators& i) { last = i; }, {}});
    return sum(last.unemployed);
  };
  const double base = unemployed("", {"mines.alpha.redeploy_share=0"});
  const double automated = unemployed("2025-03-01", {"mines.alpha.redeploy_share=0"});
  const double retrained = unemployed("2025-03-01", {"mines.alpha.redeploy_share=1"});
  EXPECT_GT(automated, base + 20);
  EXPECT_LT(retrained, automated);
}

// Training that excludes women lowers women's share of new-technology roles.
TEST(Training, ExcludingWomenLowersTheirShareOfTechnologyRoles) {
  auto women_share = [](double barrier, double quota) {
    const std::string text =
        test::tiny_scenario(12000, 20, "2025-03-01") + fmt::format(R"(
[training.control_room]
start = 2025-01-01
capacity = 150
duration_months = 3
pass_rate = 1.0
female_barrier = {}
women_quota = {}
)",
                                                                   barrier, quota);
    // Without redeployment, whose retraining certifies whoever the mine keeps, women included,
    // training is the only way to a certificate.
    const Scenario s = load_scenario_string(
        text, "t.toml", {"mines.alpha.workforce=1000", "mines.alpha.redeploy_share=0"});
    World w = make_world(s);
    Indicators last;
    simulate(w, {[&](const World&, const Indicators& i) { last = i; }, {}});
    // Women among certified workers and among the mine's technical-role holders.
    int women = 0, all = 0;
    for (std::uint32_t i = 0; i < w.persons.size(); ++i) {
      const std::uint32_t j = w.persons.job[i];
      if (!w.persons.alive[i] || j == kNoJob ||
          w.posts.occupation[j] != idx(Occupation::kTechnical) ||
          w.posts.sector[j] != idx(Sector::kMine))
        continue;
      ++all;
      women += w.persons.gender[i] == idx(Gender::kFemale);
    }
    return std::pair{last.certified_workers[0] / sum(last.certified_workers),
                     all ? static_cast<double>(women) / all : 0.0};
  };
  const auto [cert_excluded, roles_excluded] = women_share(1.0, 0.0);
  const auto [cert_open, roles_open] = women_share(0.0, 0.5);
  EXPECT_EQ(cert_excluded, 0.0);
  EXPECT_GT(cert_open, 0.3);
  EXPECT_LE(roles_excluded, roles_open);
}

// An industrial licence over ASM ground displaces the miners once the mine operates.
TEST(Asm, IndustrialLicenceOverTheGroundDisplacesMiners) {
  const std::string text = test::tiny_scenario(8000, 24, "") + R"(
[mines.beta]
community = "village"
open = 2026-01-01
ore_tonnes_per_month = 50000
grade = 1.5
workforce = 100

[asm_sites.gully]
community = "village"
reference_workers = 150
max_workers = 600
displaced_by_mine = "beta"
)";
  const Scenario s = load_scenario_string(text, "t.toml");
  World w = make_world(s);
  std::vector<Indicators> m;
  simulate(w, {[&](const World&, const Indicators& i) { m.push_back(i); }, {}});
  const auto miners = [](const Indicators& i) { return i.asm_miners[2] + i.asm_miners[3]; };
  EXPECT_GT(miners(m[11]), 50.0);  // 2025-12: digging
  EXPECT_EQ(miners(m[13]), 0.0);   // 2026-02: the mine holds the ground
  EXPECT_THROW(
      load_scenario_string(text + "\n", "t.toml", {"asm_sites.gully.displaced_by_mine=gamma"}),
      ScenarioError);
}

// A gold rush draws newcomers into the ASM community.
TEST(Migration, AGoldRushDrawsNewcomers) {
  const std::string base = with_asm(test::tiny_scenario(8000, 24, ""), "", 5000);
  auto arrivals = [&](const std::string& extra) {
    const Scenario s = load_scenario_string(base + extra, "t.toml",
                                            {"communities.village.farming_capacity_share=0.9"});
    World w = make_world(s);
    double in = 0;
    simulate(w, {[&](const World&, const Indicators& i) { in += i.migration_in[1]; }, {}});
    return in;
  };
  const double flat = arrivals("");
  const double rush = arrivals(R"(
[prices.gold]
mode = "path"
path = [[2024-01-01, 2400.0], [2025-06-01, 2400.0], [2025-09-01, 4800.0]]
)");
  EXPECT_GT(rush, flat + 20);
}

}  // namespace
}  // namespace minesim
