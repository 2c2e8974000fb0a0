// Artisanal sites: where the gold's value goes (exact cents), pay by role, a country's own output
// per worker, mercury ratio and women's shares by role, and the ledger's stock-flow check.
#include "world/asm.h"

#include <gtest/gtest.h>

#include "model/load.h"
#include "model/step.h"
#include "support.h"

namespace minesim {
namespace {

TEST(AsmValueSplit, EveryCentLandsInOnePartByHand) {
  const AsmParams a;  // worker 0.3, inputs 0.15, owners local 0.5, processors 0.7 x diggers
  const AsmValueSplit v = split_asm_value(a, 1000000, 900000, 7, 3, 1);
  // Workers' pool 0.3 x 900,000 = 270,000 over 7 + 0.7 x 3 = 9.1 digger-equivalents.
  EXPECT_EQ(v.digger_wage, 29670);
  EXPECT_EQ(v.processor_wage, 20769);
  EXPECT_EQ(v.workers, 7 * 29670 + 3 * 20769);
  EXPECT_EQ(v.inputs, 135000);        // 0.15 x 900,000
  EXPECT_EQ(v.manager_wage, 247501);  // half of the owners' 495,003, floored
  EXPECT_EQ(v.owner_local, 247501);
  EXPECT_EQ(v.owner_external, 247502);  // the other half and the odd cent
  EXPECT_EQ(v.trader_margin, 100000);   // world less local value
  EXPECT_EQ(v.workers + v.owner_local + v.owner_external + v.inputs + v.trader_margin, 1000000);
}

TEST(AsmValueSplit, RolesAverageToTheWorkersShare) {
  const AsmParams a;
  for (std::int64_t d : {1, 4, 37, 1000})
    for (std::int64_t p : {0, 2, 25, 700})
      for (std::int64_t m : {0, 1, 9}) {
        const Cents world = 123456789, local = 111111111;
        const AsmValueSplit v = split_asm_value(a, world, local, d, p, m);
        EXPECT_EQ(v.workers + v.owner_local + v.owner_external + v.inputs + v.trader_margin, world);
        // Diggers and processors together get the worker share, less under a cent each.
        const double pool = a.worker_share * static_cast<double>(local);
        EXPECT_LE(static_cast<double>(v.workers), pool);
        EXPECT_GT(static_cast<double>(v.workers), pool - static_cast<double>(d + p));
        EXPECT_NEAR(static_cast<double>(v.processor_wage) / static_cast<double>(v.digger_wage),
                    a.processing_pay_ratio, 1e-3);
        if (m == 0) {
          EXPECT_EQ(v.owner_local, 0);  // no owners at the site: all of their share leaves
        }
        EXPECT_GE(v.owner_external, 0);
      }
}

std::string with_site(const std::string& site_lines) {
  return test::tiny_scenario(3000, 12, "") +
         "\n[asm_sites.pit]\ncommunity = \"host\"\nreference_workers = 200\nmax_workers = 400\n" +
         site_lines;
}

TEST(AsmSite, ACountrysOwnOutputPerWorkerAndMercuryRatioApply) {
  const Scenario base = load_scenario_string(with_site(""), "t.toml");
  const Scenario own = load_scenario_string(
      with_site("output_per_worker_g = 2.0\nmercury_per_gold = 1.5\n"), "t.toml");
  const AsmSiteParams& b = base.asm_sites[0];
  const AsmSiteParams& o = own.asm_sites[0];
  // At the reference crowding a manual site yields its output per worker.
  EXPECT_NEAR(asm_output(base, b, AsmTech::kManual, 200), 200 * 5.7, 1e-9);
  EXPECT_NEAR(asm_output(own, o, AsmTech::kManual, 200), 200 * 2.0, 1e-9);
  World w = make_world(own);
  for (int m = 0; m < 3; ++m, ++w.step) step_month(w);  // throws on a non-zero residual
  const AsmSiteState& st = w.asm_sites[0];
  ASSERT_GT(st.gold_g, 0);
  EXPECT_DOUBLE_EQ(st.mercury_g, 1.5 * st.gold_g);
}

TEST(AsmSite, TheGoldValueIsBookedAndTheStockFlowResidualIsZero) {
  const Scenario s = load_scenario_string(with_site(""), "t.toml");
  World w = make_world(s);
  for (int m = 0; m < 4; ++m, ++w.step) {
    step_month(w);
    EXPECT_EQ(w.stock_flow_residual, 0);
  }
  const AsmSiteState& st = w.asm_sites[0];
  const Ledger& L = w.ledger;
  const double price = w.prices[idx(Commodity::kGold)][static_cast<std::size_t>(w.step - 1)];
  const Cents world = to_cents(st.gold_g * price / 31.1034768 * s.simulation.population_scale, "t");
  EXPECT_EQ(L.flow(Flow::kAsmIncome) + L.flow(Flow::kAsmOwnerIncome) +
                L.flow(Flow::kAsmOwnersExternal) + L.flow(Flow::kAsmInputs) +
                L.flow(Flow::kAsmTraderMargin),
            world);
  EXPECT_EQ(L.flow(Flow::kAsmIncome) + L.flow(Flow::kAsmOwnerIncome), st.worker_pay);
  EXPECT_GT(L.flow(Flow::kAsmOwnerIncome), 0);  // the site has its owners and managers
  // Pay by role: a manager earns more than a digger, a processor 0.7 x a digger.
  const Posts& p = w.posts;
  EXPECT_GT(p.wage[st.first_post + 2], p.wage[st.first_post]);
  EXPECT_NEAR(
      static_cast<double>(p.wage[st.first_post + 1]) / static_cast<double>(p.wage[st.first_post]),
      0.7, 1e-3);
}

// Women's share of the holders of a site's post for one role (AsmRole order: digging first).
double female_share(const World& w, std::uint32_t site, AsmRole role) {
  const std::uint32_t post = w.asm_sites[site].first_post + static_cast<std::uint32_t>(role);
  int all = 0, women = 0;
  for (std::uint32_t i = 0; i < w.persons.size(); ++i)
    if (w.persons.job[i] == post) {
      ++all;
      women += w.persons.gender[i] == idx(Gender::kFemale);
    }
  EXPECT_GT(all, 50) << "too few holders to measure a share";
  return all > 0 ? static_cast<double>(women) / all : 0;
}

TEST(AsmSite, ACountrysOwnWomensShareOfDiggingAndManagingApplies) {
  // Two sites in two communities; only "pit" sets its own shares. With a global 0.5 every
  // candidate is taken, so the other site's diggers are about half women (the candidates' mix).
  const std::string text =
      with_site("digging_share_female = 0.08\nmanaging_share_female = 0.9\n") +
      "\n[asm_sites.other]\ncommunity = \"village\"\nreference_workers = 200\n"
      "max_workers = 400\n[asm]\ndigging_share_female = 0.5\nmanaging_share = 0.3\n";
  const Scenario s = load_scenario_string(text, "t.toml");
  ASSERT_EQ(s.asm_sites.size(), 2u);
  const std::uint32_t pit = s.asm_sites[0].name == "pit" ? 0 : 1, other = 1 - pit;
  EXPECT_DOUBLE_EQ(s.asm_sites[pit].digging_share_female, 0.08);
  EXPECT_LT(s.asm_sites[other].digging_share_female, 0);  // unset: the [asm] value
  World w = make_world(s);
  for (int m = 0; m < 6; ++m, ++w.step) step_month(w);
  EXPECT_NEAR(female_share(w, pit, AsmRole::kDigging), 0.08, 0.05);
  EXPECT_GT(female_share(w, other, AsmRole::kDigging), 0.3);
  EXPECT_GT(female_share(w, pit, AsmRole::kManaging), 0.7);  // the [asm] default is 0.1
  EXPECT_LT(female_share(w, other, AsmRole::kManaging), 0.3);
}

TEST(AsmSite, SharesThatLeaveTheOwnersLessThanNothingAreRefused) {
  EXPECT_NE(test::scenario_errors(with_site("") + "[asm]\nworker_share = 0.9\ninput_share = 0.2\n")
                .find("worker_share + input_share"),
            std::string::npos);
  EXPECT_NE(test::scenario_errors(with_site("commodity = \"other\"\nvalue_per_worker_usd = 100\n"
                                            "output_per_worker_g = 3\n"))
                .find("only for commodity = \"gold\""),
            std::string::npos);
}

}  // namespace
}  // namespace minesim
