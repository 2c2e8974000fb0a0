// The lever table and the lever contract: one row per lever, each lever reading its own keys (with
// file:line:col for a bad one), levers that only record what the world's phases then do (supplier
// programmes, training seats, budgets), and the one payer rule.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>

#include "model/load.h"
#include "policies/policy.h"
#include "scenario/diagnostics.h"
#include "support.h"
#include "world/payers.h"
#include "world/supplier_programmes.h"
#include "world/training.h"

namespace minesim {
namespace {

std::string errors_of(const std::string& text) {
  try {
    load_scenario_string(text, "t.toml");
  } catch (const ScenarioError& e) {
    return e.what();
  }
  return "";
}

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

TEST(LeverReader, SupplierDevelopmentRejectsOutOfRangeIncubation) {
  const std::string err = errors_of(test::tiny_scenario() +
                                    "\n[interventions.sd]\ntype = \"supplier_development\"\n"
                                    "start = 2026-01-01\nincubation_probability = 1.5\n");
  EXPECT_NE(err.find("interventions.sd.incubation_probability: must be in [0, 1]"),
            std::string::npos)
      << err;
}

// A world with one intervention `body` (its TOML lines) in force from the first month.
struct Fixture {
  Scenario s;
  World w;
  explicit Fixture(const std::string& body, const std::string& start = "2020-01-01")
      : s(load_scenario_string(test::tiny_scenario(2000, 12, "") +
                                   "\n[interventions.x]\nstart = " + start + "\n" + body,
                               "t.toml")),
        w(make_world(s)) {}
};

TEST(TaxReform, RatesNotGivenStayUnchanged) {
  Fixture f("type = \"tax_reform\"\nroyalty_rate = 0.1\n");
  apply_policies(f.w);
  EXPECT_DOUBLE_EQ(f.w.levers.royalty_rate, 0.1);
  EXPECT_DOUBLE_EQ(f.w.levers.cit_rate, f.s.economy.corporate_income_tax_rate);
  EXPECT_DOUBLE_EQ(f.w.levers.payroll_rate, f.s.economy.payroll_tax_rate);
  EXPECT_FALSE(f.w.levers.payroll_rate_changed);
  // The resolved scenario keeps recording -1 for the rates not given.
  EXPECT_NE(f.s.resolved_toml.find("payroll_tax_rate = -1"), std::string::npos);
}

TEST(SupplierDevelopment, TheLeverOnlyRecordsItsProgramme) {
  Fixture f(
      "type = \"supplier_development\"\nbudget_usd = 10000\ncategories = [\"maintenance\"]\n"
      "payer = \"donors\"\n");
  const double capability = f.w.suppliers.capability[5][idx(Category::kMaintenance)];
  const std::size_t firms = f.w.suppliers.count();
  apply_policies(f.w);
  ASSERT_EQ(f.w.levers.supplier_programmes.size(), 1u);
  const SupplierProgramme& p = f.w.levers.supplier_programmes[0];
  EXPECT_EQ(p.budget, to_cents(10000 * f.s.simulation.population_scale, "test amount"));
  EXPECT_EQ(p.payer, Payer::kDonors);
  EXPECT_TRUE(p.categories[idx(Category::kMaintenance)]);
  EXPECT_FALSE(p.categories[idx(Category::kCateringCamp)]);
  EXPECT_DOUBLE_EQ(p.incubation_probability, 0.2);
  EXPECT_DOUBLE_EQ(p.capability_per_upgrade, 0.1);
  // Nothing happened to the world yet.
  EXPECT_EQ(f.w.suppliers.count(), firms);
  EXPECT_EQ(f.w.suppliers.capability[5][idx(Category::kMaintenance)], capability);
  EXPECT_EQ(f.w.ledger.flow(Flow::kSupplierGrants), 0);
}

TEST(SupplierProgrammes, GrantsRaiseCapabilityAndAreBookedFromThePayer) {
  Fixture f("type = \"tax_reform\"\n");  // a world; the programme is set by hand
  World& w = f.w;
  w.ledger.begin_month();
  const int k = idx(Category::kMaintenance);
  ASSERT_EQ(w.suppliers.category[5], k);  // the host's one maintenance firm
  const double before = w.suppliers.capability[5][k];
  const Cents rest_before = w.rest_of_world_balance, gov_before = w.government_balance;
  SupplierProgramme p;
  p.categories[k] = true;
  p.payer = Payer::kDonors;
  p.budget = 1000000;  // 10,000 USD
  p.strength = 1;
  p.capability_per_upgrade = 0.3;
  w.levers.supplier_programmes = {p};
  run_supplier_programmes(w);
  const double upgrade = f.s.suppliers.upgrade_cost_usd * f.s.simulation.population_scale;
  EXPECT_DOUBLE_EQ(w.suppliers.capability[5][k], std::min(1.0, before + 0.3 * 10000 / upgrade));
  EXPECT_EQ(w.ledger.flow(Flow::kSupplierGrants), 1000000);
  EXPECT_EQ(w.ledger.flow(Flow::kSupplierImports), 1000000);
  // Donors pay from the rest of world, which gets the upgrading purchases back.
  EXPECT_EQ(w.ledger.net(Account::kRestOfWorld), 0);
  EXPECT_EQ(w.rest_of_world_balance, rest_before);
  EXPECT_EQ(w.government_balance, gov_before);
  p.payer = Payer::kGovernment;
  w.levers.supplier_programmes = {p};
  run_supplier_programmes(w);
  EXPECT_EQ(w.government_balance, gov_before - 1000000);
  EXPECT_EQ(w.ledger.net(Account::kGovernment), -1000000);
}

TEST(SupplierProgrammes, IncubateWhereMinesBuyOutside) {
  Fixture f("type = \"tax_reform\"\n");
  World& w = f.w;
  const int k = idx(Category::kEnergy);
  w.mines[0].spend[k][idx(Origin::kForeign)] = 500;  // last month's purchase outside the host
  SupplierProgramme p;
  p.categories[k] = true;
  p.strength = 1;
  p.incubation_probability = 1;
  const std::size_t firms = w.suppliers.count();
  w.levers.supplier_programmes = {p};
  run_supplier_programmes(w);
  ASSERT_EQ(w.suppliers.count(), firms + 1);
  EXPECT_EQ(w.suppliers.category[firms], k);
  EXPECT_DOUBLE_EQ(w.suppliers.capability[firms][k], f.s.mining.local_threshold[k]);
  p.incubation_probability = 0;
  w.levers.supplier_programmes = {p};
  run_supplier_programmes(w);
  EXPECT_EQ(w.suppliers.count(), firms + 1);
}

TEST(SkillsTraining, TheCourseIsAddedAndItsSeatsAreALever) {
  // From the first simulated month (2025-01 less 6 months of spin-up).
  Fixture f("type = \"skills_training\"\ncapacity = 100\nramp_months = 4\npayer = \"mines\"\n",
            "2024-07-01");
  ASSERT_EQ(f.w.month(), (Month{2024, 7}));
  ASSERT_EQ(f.s.training.size(), 1u);
  EXPECT_TRUE(f.s.training[0].opened_by_lever);
  EXPECT_EQ(f.s.training[0].payer, Payer::kMines);
  EXPECT_EQ(f.w.levers.training_seats[0], 0.0);  // closed until the lever opens it
  apply_policies(f.w);                           // month 1 of the ramp: strength 1/4
  EXPECT_DOUBLE_EQ(f.w.levers.training_seats[0], 25.0);
}

TEST(SkillsTraining, DonorsFundCoursesThroughAGrantToTheGovernment) {
  Fixture f("type = \"skills_training\"\ncapacity = 100\npayer = \"donors\"\n");
  World& w = f.w;
  w.ledger.begin_month();
  const Cents gov = w.government_balance, rest = w.rest_of_world_balance;
  apply_policies(w);
  run_training(w);
  const Cents cost = w.ledger.flow(Flow::kTraining);
  EXPECT_GT(cost, 0);
  EXPECT_EQ(w.ledger.flow(Flow::kDonorGrants), cost);
  EXPECT_EQ(w.government_balance, gov);
  EXPECT_EQ(w.rest_of_world_balance, rest);
  EXPECT_EQ(w.ledger.net(Account::kGovernment), 0);
}

TEST(Payers, OneRuleForTheAccountAPayerPaysFrom) {
  Fixture f("type = \"tax_reform\"\n");
  EXPECT_EQ(payer_account(Payer::kGovernment, f.w), Account::kGovernment);
  EXPECT_EQ(payer_account(Payer::kDonors, f.w), Account::kRestOfWorld);
  EXPECT_EQ(payer_account(Payer::kMines, f.w), Account::kMines);
  World none = f.w;
  none.mines.clear();
  EXPECT_EQ(payer_account(Payer::kMines, none), Account::kGovernment);
}

TEST(Budgets, DonorBudgetsCrossNoAccountOfTheRegion) {
  Fixture f("type = \"tax_reform\"\nbudget_usd = 1000\npayer = \"donors\"\n");
  f.w.ledger.begin_month();
  apply_policies(f.w);
  ASSERT_EQ(f.w.levers.budgets.size(), 1u);
  settle_levers(f.w);
  EXPECT_EQ(f.w.ledger.flow(Flow::kPolicyBudgets), 0);
  Fixture g("type = \"tax_reform\"\nbudget_usd = 1000\npayer = \"mines\"\n");
  g.w.ledger.begin_month();
  const Cents cash = g.w.mines[0].balance;
  apply_policies(g.w);
  settle_levers(g.w);
  const Cents c = to_cents(1000 * g.s.simulation.population_scale, "test amount");
  EXPECT_EQ(g.w.ledger.flow(Flow::kPolicyBudgets), c);
  EXPECT_EQ(g.w.mines[0].balance, cash - c);
}

}  // namespace
}  // namespace minesim
