// The shipped defaults that are lists of records (prices, the technology catalogue), before the
// scenario's [prices.*] and [technology.*] tables override them. Literal data only (no loop, no
// condition: tools/check_structure.py lets such default_* functions exceed 80 lines); the
// technologies' names are set by the loader (read_catalogues in load.cpp).
#include "scenario/scenario.h"

namespace minesim {

std::array<PriceParams, kCommodities> default_prices() {
  std::array<PriceParams, kCommodities> p{};
  // Assumptions near 2024 market levels (no source in docs/calibration.md); ranges in docs.
  p[idx(Commodity::kGold)].base_usd = 2400;     // USD per troy ounce
  p[idx(Commodity::kCopper)].base_usd = 9500;   // USD per tonne
  p[idx(Commodity::kCobalt)].base_usd = 25000;  // USD per tonne
  // Low-carbon transition demand: copper and cobalt long-run level rising (assumption, 0-4%/yr).
  p[idx(Commodity::kCopper)].trend_per_year = 0.02;
  p[idx(Commodity::kCobalt)].trend_per_year = 0.02;
  return p;
}

std::array<TechnologyParams, kTechnologies> default_technologies() {
  std::array<TechnologyParams, kTechnologies> t{};
  const int haul = idx(Occupation::kHaulage), drill = idx(Occupation::kDrillingBlasting),
            proc = idx(Occupation::kProcessing), maint = idx(Occupation::kMaintenance),
            admin = idx(Occupation::kAdministration), tech = idx(Occupation::kTechnical);
  const int fuel = idx(Category::kConsumablesFuel), energy = idx(Category::kEnergy),
            digital = idx(Category::kEquipmentDigital), maint_c = idx(Category::kMaintenance);
  // Sources and ranges: docs/ODD.md §7 (technology catalogue).
  auto& ah = t[idx(Technology::kAutonomousHaulage)];
  ah.available = {2008, 1};               // Rio Tinto trial 2008
  ah.roles_removed_share[haul] = 0.85;    // assumption, range 0.6-1 (McNab et al. 2013: up to 75%
                                          // fewer operators mine-wide; Suncor: most haul roles)
  ah.roles_created_per_removed = 0.2;     // Suncor: ~500 roles out, ~100 in (derived)
  ah.remote_share = 0.7;                  // assumption, range 0.3-0.95
  ah.remote_abroad_share = 0.5;           // assumption, range 0-1
  ah.remote_female_share = 0.5;           // Fortescue remote operations centre, 2021
  ah.productivity_gain = 0.15;            // Rio Tinto, Fortescue: +15% to +30%
  ah.learning_months = 12;                // assumption (BHP Jimblebar under-performed, 2014)
  ah.learning_dip = 0.05;                 // assumption, range 0-0.2
  ah.incident_reduction = 0.2;            // assumption: BHP -80..-90% on haulage incidents
  ah.capex_usd_per_role_removed = 1.5e6;  // Suncor: ~US$5 M per truck / 3.3 roles (derived)
  ah.capex_decline_per_year = 0.05;       // assumption, range 0-0.1
  ah.capex_usd_fixed = 20e6;              // assumption: site systems and integration
  ah.ramp_months = 36;                    // assumption; leaders took 10-14 years (Rio Tinto)
  ah.procurement_change[fuel] = -0.1;     // assumption: smoother driving
  ah.procurement_change[digital] = 1.0;   // assumption: OEM licences, software, data
  ah.procurement_change[maint_c] = 0.05;  // assumption
  ah.diesel_change = -0.1;                // assumption

  auto& dr = t[idx(Technology::kAutomatedDrilling)];  // all assumptions
  dr.available = {2012, 1};
  dr.roles_removed_share[drill] = 0.5;
  dr.roles_created_per_removed = 0.25;
  dr.remote_share = 0.5;
  dr.remote_abroad_share = 0.3;
  dr.productivity_gain = 0.05;
  dr.learning_months = 6;
  dr.learning_dip = 0.02;
  dr.incident_reduction = 0.1;
  dr.capex_usd_per_role_removed = 8e5;
  dr.capex_decline_per_year = 0.05;
  dr.capex_usd_fixed = 5e6;  // assumption: site systems and integration
  dr.ramp_months = 24;
  dr.procurement_change[digital] = 0.4;

  auto& roc = t[idx(Technology::kRemoteOperationsCentre)];
  roc.available = {2008, 1};             // Rio Tinto Perth operations centre
  roc.roles_removed_share[tech] = 0.4;   // assumption: control roles leave the site
  roc.roles_removed_share[admin] = 0.2;  // assumption
  roc.roles_created_per_removed = 1.0;   // roles relocate rather than vanish (assumption)
  roc.remote_share = 1.0;                // Rio Tinto: ~400 staff in Perth ran 16 mines (2017)
  roc.remote_abroad_share = 0.3;         // assumption
  roc.remote_female_share = 0.5;         // Fortescue: ROC ~50% women (2021)
  roc.productivity_gain = 0.03;          // assumption
  roc.capex_usd_per_mtpa = 2e6;          // assumption
  roc.capex_decline_per_year = 0.03;
  roc.capex_usd_fixed = 15e6;  // assumption: site systems and integration
  roc.ramp_months = 18;
  roc.procurement_change[digital] = 0.5;
  roc.procurement_change[idx(Category::kCateringCamp)] = -0.1;  // fewer people on camp (assumption)

  auto& pm = t[idx(Technology::kPredictiveMaintenanceAi)];  // all assumptions
  pm.available = {2016, 1};
  pm.roles_removed_share[maint] = 0.15;
  pm.roles_created_per_removed = 0.3;
  pm.remote_share = 0.7;
  pm.remote_abroad_share = 0.7;
  pm.productivity_gain = 0.03;
  pm.capex_usd_per_mtpa = 2e6;
  pm.capex_decline_per_year = 0.08;
  pm.capex_usd_fixed = 5e6;  // assumption: site systems and integration
  pm.ramp_months = 12;
  pm.procurement_change[maint_c] = -0.1;
  pm.procurement_change[digital] = 0.3;

  auto& bev = t[idx(Technology::kBatteryElectricFleet)];
  bev.available = {2020, 1};          // Newmont Borden (all-electric underground)
  bev.incident_reduction = 0.05;      // assumption (no diesel particulates)
  bev.capex_usd_per_mtpa = 2e7;       // assumption: fleet and charging per Mt/yr
  bev.capex_decline_per_year = 0.07;  // assumption: battery cost learning
  bev.capex_usd_fixed = 20e6;         // assumption: site systems and integration
  bev.ramp_months = 36;
  bev.procurement_change[fuel] = -0.5;  // fuel spend moves to energy and batteries (Newmont)
  bev.procurement_change[energy] = 0.6;
  bev.procurement_change[digital] = 0.3;
  bev.diesel_change = -0.7;         // Borden: 70% lower GHG
  bev.electricity_change = 0.15;    // assumption: charging
  bev.ventilation_reduction = 0.5;  // assumption: no diesel exhaust to clear (Newmont)

  auto& pa = t[idx(Technology::kProcessAutomation)];  // all assumptions
  pa.available = {2010, 1};
  pa.roles_removed_share[proc] = 0.3;
  pa.roles_created_per_removed = 0.2;
  pa.remote_share = 0.3;
  pa.remote_abroad_share = 0.3;
  pa.productivity_gain = 0.04;
  pa.capex_usd_per_role_removed = 6e5;
  pa.capex_decline_per_year = 0.04;
  pa.capex_usd_fixed = 8e6;  // assumption: site systems and integration
  pa.ramp_months = 24;
  pa.procurement_change[digital] = 0.3;
  pa.electricity_change = 0.02;
  return t;
}

}  // namespace minesim
