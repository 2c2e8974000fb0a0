#pragma once
// Internal to the scenario layer: the readers of each scenario table (one file per group of
// tables: read_general.cpp, read_mining.cpp, read_places.cpp, read_interventions.cpp), the ranges
// and helpers they share. The levers' readers in src/policies/ use the same ranges and helpers.
// Every key, its default, range and unit is written once, in its reader; docs/scenarios.md
// documents the same keys; a test in tests/scenario/load_test.cpp fails if a key read here is
// missing from the docs.
#include <array>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "scenario/lever_reader.h"
#include "scenario/reader.h"
#include "scenario/scenario.h"

namespace minesim {

// Every range is finite: no key accepts an amount that could carry a sum of cents past int64
// (docs/scenarios.md, "Finite ranges and the int64 bound", gives each maximum and the argument).
// There is deliberately no unbounded range here; a new key gets a maximum a real case can need.
inline constexpr Range kShare{0.0, 1.0};
// Commodity prices (prices.*.base_usd, path, mines.*.feasibility_price_usd): USD per troy ounce of
// gold or per tonne of metal; 1e6 is 400 x today's gold and 40 x cobalt's 2018 peak.
inline constexpr Range kPriceRange{0.0, 1e6, true};

inline std::vector<std::string> labels(auto const& arr) {
  return std::vector<std::string>(arr.begin(), arr.end());
}

// The enum value whose label is `s` (the first when none is: the reader has already reported it).
template <class E, std::size_t N>
E enum_of(const std::array<std::string_view, N>& names, const std::string& s) {
  for (std::size_t i = 0; i < N; ++i)
    if (names[i] == s) return static_cast<E>(i);
  return static_cast<E>(0);
}

// read_general.cpp
void read_simulation(TableReader r, SimulationParams& p);
void read_labour(TableReader r, LabourParams& p);
void read_demography(TableReader r, DemographyParams& p);
void read_wages(TableReader r, WageParams& p);
void read_economy(TableReader r, EconomyParams& p);
void read_suppliers(TableReader r, SupplierParams& p);
void read_local_economy(TableReader r, LocalEconomyParams& p);
// read_mining.cpp
void read_mining(TableReader r, MiningParams& p);
void read_price(TableReader r, PriceParams& p);
void read_technology(TableReader r, TechnologyParams& p);
void read_mine(TableReader r, MineParams& m, const std::vector<CommunityParams>& communities,
               const MiningParams& mining);
// read_places.cpp
std::optional<int> read_community_ref(TableReader& r,
                                      const std::vector<CommunityParams>& communities);
void read_community(TableReader r, CommunityParams& c);
void read_asm(TableReader r, AsmParams& p);
void read_asm_site(TableReader r, AsmSiteParams& a,
                   const std::vector<CommunityParams>& communities);
// read_interventions.cpp
// Names listed under `key`, each a `kind` ("community", "mine") among `names` (find_name).
std::vector<int> read_targets(TableReader& r, const char* key,
                              const std::vector<std::string>& names, std::string_view kind);
// The common keys, then the lever's own with its reader from `levers`.
void read_intervention(TableReader r, InterventionParams& v, Scenario& s,
                       const LeverReaders& levers);
// A course's keys (capacity, duration_months, cost_usd, min_skill, pass_rate, women_quota,
// female_barrier): shared by [training.*] and the skills_training lever.
void read_course(TableReader& r, TrainingParams& t);
void read_training(TableReader r, TrainingParams& t,
                   const std::vector<CommunityParams>& communities);

}  // namespace minesim
