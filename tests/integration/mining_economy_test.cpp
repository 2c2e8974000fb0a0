// The mining economy: endogenous adoption, suppliers' entry and exit, local procurement, profit
// shifting, and the local multiplier.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <map>
#include <set>

#include "core/shape.h"
#include "model/load.h"
#include "model/simulate.h"
#include "support.h"
#include "world/mines.h"

namespace minesim {
namespace {

// Twelve endogenous mines in four communities that differ in size, wage level and grade.
std::string region(const std::string& extra = "") {
  std::string s = R"([simulation]
start = 2025-01-01
months = 216
spinup_months = 0
seed = 5
population_scale = 0.05
)";
  for (int c = 0; c < 4; ++c)
    s += fmt::format("\n[communities.c{}]\nlat = {}\nlon = -1.0\npopulation = 40000\n", c,
                     10 + 2 * c);
  const int sizes[4] = {300, 600, 1200, 2000};
  const double wages[4] = {0.8, 1.0, 1.5, 2.5};
  const double grades[3] = {0.9, 1.4, 2.2};
  for (int m = 0; m < 12; ++m)
    s += fmt::format(
        "\n[mines.m{:02d}]\ncommunity = \"c{}\"\nore_tonnes_per_month = {}\ngrade = {}\n"
        "workforce = {}\nwage_level = {}\nadoption = \"endogenous\"\n",
        m, m % 4, sizes[m % 4] * 250, grades[m % 3], sizes[m % 4], wages[(m / 4) % 3 + (m % 2)], m);
  return s + extra;
}

TEST(EndogenousAdoption, SpreadsOverYearsAndTheAdoptedShareRisesMonotonically) {
  const Scenario s = load_scenario_string(region(), "region.toml");
  ASSERT_GE(s.mines.size(), 10u);
  for (const auto& m : s.mines) ASSERT_TRUE(m.adoptions.empty());
  World w = make_world(s);
  std::set<int> years;
  std::vector<double> adopted_share;  // share of mine-technology pairs adopted
  std::map<std::pair<std::size_t, int>, int> first;
  simulate(w, {[&](const World& world, const Indicators& i) {
                 int adopted = 0;
                 const Shape<2> at{{world.mines.size(), kTechnologies}};
                 for (std::size_t m = 0; m < world.mines.size(); ++m)
                   for (int t = 0; t < kTechnologies; ++t)
                     if (i.technology_adoption[at(m, t)] > 0) {
                       ++adopted;
                       if (!first.count({m, t})) {
                         first[{m, t}] = world.month().year;
                         years.insert(world.month().year);
                       }
                     }
                 adopted_share.push_back(static_cast<double>(adopted) /
                                         static_cast<double>(world.mines.size() * kTechnologies));
               },
               {}});
  EXPECT_GE(years.size(), 3u) << "adoption years";
  // Autonomous haulage alone also starts in several years.
  std::set<int> haulage;
  for (const auto& [key, year] : first)
    if (key.second == idx(Technology::kAutonomousHaulage)) haulage.insert(year);
  EXPECT_GE(haulage.size(), 2u);
  for (std::size_t k = 1; k < adopted_share.size(); ++k)
    EXPECT_GE(adopted_share[k], adopted_share[k - 1]) << "month " << k;
  EXPECT_GT(adopted_share.back(), adopted_share.front());
  EXPECT_LT(adopted_share.back(), 1.0);  // not everything is worth adopting everywhere
}

TEST(EndogenousAdoption, OfTwinMinesTheHigherPayingAdoptsFirst) {
  std::string s = R"([simulation]
start = 2025-01-01
months = 240
spinup_months = 0
population_scale = 0.05

[communities.a]
lat = 10
lon = 0
population = 40000

[communities.b]
lat = 12
lon = 0
population = 40000
)";
  s += "\n[mining]\nreview_months = 1\n";  // monthly reviews resolve who is first
  // Only autonomous haulage is on offer, so the twins' decisions turn on it alone.
  for (const char* t :
       {"automated_drilling", "remote_operations_centre", "predictive_maintenance_ai",
        "battery_electric_fleet", "process_automation"})
    s += fmt::format("\n[technology.{}]\navailable = 2100-01-01\n", t);
  for (const auto& [name, comm, wage] : {std::tuple{"low_pay", "a", 1.0}, {"high_pay", "b", 3.0}})
    s += fmt::format(
        "\n[mines.{}]\ncommunity = \"{}\"\nore_tonnes_per_month = 300000\ngrade = 1.6\n"
        "workforce = 1200\nwage_level = {}\nadoption = \"endogenous\"\n",
        name, comm, wage);
  const Scenario sc = load_scenario_string(s, "twins.toml");
  World w = make_world(sc);
  int first_low = -1, first_high = -1;  // month index of the first autonomous haulage
  simulate(w, {[&](const World& world, const Indicators& i) {
                 // mines are ordered by name: high_pay, low_pay
                 const int now = world.month().index();
                 if (first_high < 0 && i.technology_adoption[0 * kTechnologies] > 0)
                   first_high = now;
                 if (first_low < 0 && i.technology_adoption[1 * kTechnologies] > 0) first_low = now;
               },
               {}});
  ASSERT_GE(first_high, 0) << "the higher-paying mine never adopted autonomous haulage";
  EXPECT_TRUE(first_low < 0 || first_high < first_low) << first_high << " vs " << first_low;
  EXPECT_GT(first_high, (Month{2025, 1}).index());  // decided by the falling cost, not at once
  // The appraisal itself: same mine, higher wages, more labour saved.
  World w2 = make_world(sc);
  plan_mines(w2);
  const Appraisal hi = appraise(w2, 0, Technology::kAutonomousHaulage);
  const Appraisal lo = appraise(w2, 1, Technology::kAutonomousHaulage);
  EXPECT_DOUBLE_EQ(hi.roles_removed, lo.roles_removed);
  EXPECT_GT(hi.npv, lo.npv);
}

// Suppliers: firms enter where mines buy outside the community, and exit when idle.
TEST(Suppliers, EnterWhereMinesBuyOutsideAndExitWhenIdle) {
  const std::string text = test::tiny_scenario(20000, 60, "") + R"(
[communities.idle]
lat = 14.0
lon = -1.5
population = 2000
suppliers = { construction = 3 }
supplier_capability = { construction = 0.9 }
)";
  const Scenario s = load_scenario_string(
      text, "t.toml",
      {"suppliers.entry_rate=0.5", "suppliers.entry_unmet_usd=1000",
       "suppliers.exit_idle_months=12",
       // entry here is not limited by finance or skill (tested apart)
       "suppliers.startup_capital_usd=0.01", "suppliers.entry_owner_skill=low"});
  World w = make_world(s);
  const std::size_t nc = s.communities.size();
  std::size_t idle = 0, host = 0;
  for (std::size_t c = 0; c < nc; ++c) {
    if (s.communities[c].name == "idle") idle = c;
    if (s.communities[c].name == "host") host = c;
  }
  const std::size_t firms_at_start = w.suppliers.count();
  std::vector<Indicators> months;
  simulate(w, {[&](const World&, const Indicators& i) { months.push_back(i); }, {}});
  auto count = [&](const Indicators& i, std::size_t c) {
    const Shape<2> at{{nc, kCategories}};
    double t = 0;
    for (int k = 0; k < kCategories; ++k) t += i.supplier_count[at(c, k)];
    return t;
  };
  // The idle community's firms sell nothing (no mine in reach) and are gone after 12 months.
  EXPECT_EQ(count(months.front(), idle), 3.0);
  EXPECT_EQ(count(months.back(), idle), 0.0);
  // New firms entered in the host community where spend left it.
  EXPECT_GT(w.suppliers.count(), firms_at_start);
  std::size_t entered_host = 0;
  for (std::size_t i = firms_at_start; i < w.suppliers.count(); ++i)
    entered_host += w.suppliers.community[i] == host;
  EXPECT_GT(entered_host, 0u);
  // Local procurement happens and the accounts stay exact.
  EXPECT_GT(months.back().local_procurement_share[0], 0.0);
  for (const auto& m : months) EXPECT_EQ(m.stock_flow_residual[0], 0.0);
}

// Entry paid from savings, loans, debt service and capacity growth keep the accounts exact.
TEST(Suppliers, FinanceKeepsTheStockFlowResidualZero) {
  const Scenario s =
      load_scenario_string(test::tiny_scenario(20000, 36, ""), "t.toml",
                           {"suppliers.entry_rate=1", "suppliers.entry_unmet_usd=1000",
                            "suppliers.entry_owner_skill=low", "suppliers.startup_capital_usd=50",
                            "suppliers.capacity_usd=2000", "suppliers.loan_limit_share=1",
                            "suppliers.loan_term_months=6"});
  World w = make_world(s);
  const std::size_t firms_at_start = w.suppliers.count();
  Cents capacity_at_start = 0;
  for (Cents c : w.suppliers.capacity) capacity_at_start += c;
  std::vector<double> residuals;
  Cents loans = 0, service = 0;
  simulate(w, {[&](const World& v, const Indicators& i) {
                 residuals.push_back(i.stock_flow_residual[0]);
                 loans += v.ledger.flow(Flow::kSupplierLoans);
                 service += v.ledger.flow(Flow::kSupplierDebtService);
               },
               {}});
  Cents capacity_now = 0;
  for (std::size_t i = 0; i < firms_at_start; ++i) capacity_now += w.suppliers.capacity[i];
  EXPECT_GT(w.suppliers.count(), firms_at_start);  // entrants paid from savings
  EXPECT_GT(loans, 0);
  EXPECT_GT(service, 0);
  EXPECT_GT(capacity_now, capacity_at_start);  // firms at capacity invested
  for (double r : residuals) EXPECT_EQ(r, 0.0);
}

TEST(Procurement, CapableLocalSuppliersCaptureMoreSpend) {
  auto local_share = [](const std::vector<std::string>& sets) {
    const Scenario s = load_scenario_string(test::tiny_scenario(8000, 12, ""), "t.toml", sets);
    World w = make_world(s);
    double share = 0;
    simulate(
        w, {[&](const World&, const Indicators& i) { share = i.local_procurement_share[0]; }, {}});
    return share;
  };
  const double weak = local_share({"suppliers.entry_rate=0",
                                   "communities.host.supplier_capability.catering_camp=0.1",
                                   "communities.host.supplier_capability.transport_logistics=0.1",
                                   "communities.host.supplier_capability.maintenance=0.1"});
  const double strong = local_share({"suppliers.entry_rate=0"});
  EXPECT_EQ(weak, 0.0);  // below every threshold: nothing is bought locally
  EXPECT_GT(strong, 0.0);
}

TEST(Government, ProfitShiftingErodesCorporateIncomeTax) {
  auto run = [](double share) {
    const Scenario s =
        load_scenario_string(test::tiny_scenario(8000, 24, ""), "t.toml",
                             {fmt::format("economy.profit_shifting_share={}", share)});
    World w = make_world(s);
    double cit = 0, shifted = 0;
    simulate(w, {[&](const World&, const Indicators& i) {
                   cit += i.government_revenue[idx(Instrument::kCorporateIncomeTax)];
                   shifted += i.profit_shifted[0];
                 },
                 {}});
    return std::pair{cit, shifted};
  };
  const auto [cit0, shifted0] = run(0.0);
  const auto [cit3, shifted3] = run(0.3);
  EXPECT_EQ(shifted0, 0.0);
  EXPECT_GT(shifted3, 0.0);
  EXPECT_GT(cit0, 0.0);
  EXPECT_NEAR(cit3 / cit0, 0.7, 0.02);  // CIT is assessed on profit after shifting
}

// A mine's own royalty (a strategic substance) and the super-profits tax of the DRC 2018 code.
TEST(Government, MineRoyaltyRateAndSuperProfitsTax) {
  struct Totals {
    double royalty = 0, other = 0, cit = 0;
  };
  auto run = [](const std::vector<std::string>& sets) {
    const Scenario s = load_scenario_string(test::tiny_scenario(8000, 12, ""), "t.toml", sets);
    World w = make_world(s);
    Totals t;
    simulate(w, {[&](const World&, const Indicators& i) {
                   t.royalty += i.government_revenue[idx(Instrument::kRoyalty)];
                   t.other += i.government_revenue[idx(Instrument::kOther)];
                   t.cit += i.government_revenue[idx(Instrument::kCorporateIncomeTax)];
                 },
                 {}});
    return t;
  };
  const Totals base = run({});
  const Totals strategic = run({"mines.alpha.royalty_rate=0.10"});
  EXPECT_NEAR(strategic.royalty / base.royalty, 0.10 / 0.04, 1e-6);  // same output, 10% vs 4%
  // Gold at a constant 2,400 USD/oz; feasibility price 1,200: revenue above 1.25 x 1,200 = 1,500
  // is super-profit, i.e. 1 - 1500/2400 = 37.5% of revenue, taxed at 50%.
  const Totals super =
      run({"economy.super_profits_tax_rate=0.5", "mines.alpha.feasibility_price_usd=1200"});
  EXPECT_EQ(base.other, 0.0);
  const double revenue = base.royalty / 0.04;
  EXPECT_NEAR(super.other / (0.5 * 0.375 * revenue), 1.0, 1e-4);
  EXPECT_LT(super.cit, base.cit);  // deducted before corporate income tax
  // Below the trigger nothing is due.
  const Totals below =
      run({"economy.super_profits_tax_rate=0.5", "mines.alpha.feasibility_price_usd=2000"});
  EXPECT_EQ(below.other, 0.0);
}

TEST(LocalEconomy, MineWagesSupportLocalJobsThroughTheMultiplier) {
  auto local_jobs = [](const std::string& workforce) {
    const Scenario s = load_scenario_string(test::tiny_scenario(8000, 12, ""), "t.toml",
                                            {"mines.alpha.workforce=" + workforce});
    World w = make_world(s);
    double jobs = 0, output = 0;
    simulate(w, {[&](const World& world, const Indicators& i) {
                   jobs = 0;
                   output = 0;
                   const Shape<4> emp{{world.communities.size(), kSectors, kGenders, kSkills}};
                   for (std::size_t c = 0; c < world.communities.size(); ++c)
                     for (int g = 0; g < kGenders; ++g)
                       for (int k = 0; k < kSkills; ++k)
                         jobs += i.employment[emp(c, idx(Sector::kLocalEconomy), g, k)];
                   for (double x : i.local_economy_output) output += x;
                 },
                 {}});
    return std::pair{jobs, output};
  };
  const auto [jobs_small, out_small] = local_jobs("50");
  const auto [jobs_big, out_big] = local_jobs("400");
  EXPECT_GT(out_big, out_small);
  EXPECT_GT(jobs_big, jobs_small);
}

// Underground mines need ventilation power; a battery-electric fleet cuts diesel and ventilation.
TEST(Energy, UndergroundVentilationAndElectrification) {
  auto co2 = [](const std::string& type, const std::string& bev_start) {
    std::string text = test::tiny_scenario(4000, 24, "");
    if (!bev_start.empty())
      text +=
          "\n[[mines.alpha.adopt]]\ntechnology = \"battery_electric_fleet\"\nstart = " + bev_start +
          "\nramp_months = 1\n";
    const Scenario s = load_scenario_string(text, "t.toml", {"mines.alpha.type=" + type});
    World w = make_world(s);
    double per_t = 0;
    simulate(w, {[&](const World&, const Indicators& i) {
                   per_t = i.co2_emissions[0] / i.mine_production[0];
                 },
                 {}});
    return per_t;
  };
  const double open_pit = co2("open_pit", ""), underground = co2("underground", "");
  const double electric = co2("underground", "2025-01-01");
  // Open pit: 1.2 l/t diesel at 2.68 kg/l plus 25 kWh/t at 0.5 kg/kWh = 15.716 kg/t.
  EXPECT_NEAR(open_pit, (1.2 * 2.68 + 25 * 0.5) / 1000.0, 1e-9);
  EXPECT_GT(underground, open_pit);
  EXPECT_LT(electric, 0.85 * underground);  // diesel -70%, ventilation halved, charging +15%
}

}  // namespace
}  // namespace minesim
