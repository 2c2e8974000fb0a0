// Supplier programmes (the phase after the levers): grants booked from the payer, incubation.
#include "world/supplier_programmes.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "support.h"
#include "world/suppliers.h"

namespace minesim {
namespace {

using Fixture = test::InterventionWorld;

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
  p.payer = Payer::kDonors;
  const std::size_t firms = w.suppliers.count();
  // The programme pays the start-up capital: without the budget for it, nothing is incubated.
  p.budget = startup_capital(f.s) - 1;
  w.levers.supplier_programmes = {p};
  run_supplier_programmes(w);
  ASSERT_EQ(w.suppliers.count(), firms);
  w.ledger.begin_month();
  p.budget = startup_capital(f.s);
  w.levers.supplier_programmes = {p};
  run_supplier_programmes(w);
  ASSERT_EQ(w.suppliers.count(), firms + 1);
  EXPECT_EQ(w.suppliers.category[firms], k);
  EXPECT_DOUBLE_EQ(w.suppliers.capability[firms][k], f.s.mining.local_threshold[k]);
  // Its capacity is what the capital buys: 10,000 USD / 3 at the tiny scenario's scale.
  EXPECT_EQ(w.suppliers.capacity[firms], startup_capacity(f.s));
  EXPECT_EQ(startup_capacity(f.s),
            to_cents(10000.0 / 3.0 * f.s.simulation.population_scale, "test capacity"));
  EXPECT_EQ(w.ledger.flow(Flow::kSupplierGrants), startup_capital(f.s));
  p.incubation_probability = 0;
  w.levers.supplier_programmes = {p};
  run_supplier_programmes(w);
  EXPECT_EQ(w.suppliers.count(), firms + 1);
}

}  // namespace
}  // namespace minesim
