#pragma once
// Mine operators' state, one row per mine (few rows: plain arrays of structs are fine here).
#include <array>
#include <cstdint>
#include <vector>

#include "core/categories.h"
#include "core/money.h"

namespace minesim {

struct MineState {
  bool open = false;
  std::array<double, kTechnologies> adoption{};    // share of eligible operations converted
  std::array<double, kSkills> onsite_roles{};      // real roles wanted on site
  std::array<double, kLocations> remote_roles{};   // real roles at remote centres
  std::array<double, kTechnologies> removed_roles{};  // real roles removed so far, by technology
  double productivity = 1.0;                       // throughput multiplier
  double incident_factor = 1.0;                    // incident-rate multiplier
  double production_t = 0;                         // real tonnes of ore this month
  Cents revenue = 0, profit = 0, capex = 0;        // simulated-scale cents this month
  Cents balance = 0;                               // cash stock (simulated-scale cents)
  std::uint32_t incidents = 0;                     // simulated-scale incidents this month
  std::uint32_t first_post = 0;                    // posts first_post .. +kSkills
};

}  // namespace minesim
