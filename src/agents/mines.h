#pragma once
// Mine operators' state, one row per mine (few rows: plain structs are fine here).
#include <array>
#include <cstdint>
#include <vector>

#include "agents/mine_tax.h"
#include "core/calendar.h"
#include "core/categories.h"
#include "core/money.h"
#include "core/shape.h"

namespace minesim {

struct MineState {
  static constexpr std::array<double, kCategories> ones() {
    std::array<double, kCategories> a{};
    for (double& x : a) x = 1.0;
    return a;
  }

  bool open = false;
  std::array<double, kTechnologies> adoption{};  // share of eligible operations converted
  std::array<int, kTechnologies> decided{};      // endogenous: month index of the decision + 1
  std::array<std::array<double, kSkills>, kOccupations> roles{};  // real on-site roles wanted
  std::array<double, kLocations> remote_roles{};                  // real roles at remote centres
  std::array<double, kTechnologies> paid_share{};         // adoption share whose capital is paid
  std::array<double, kTechnologies> roles_removed{};      // real roles removed now, by technology
  std::array<double, kLocations> remote_female{};         // real women among remote roles
  double productivity = 1.0;                              // throughput multiplier
  double incident_factor = 1.0;                           // incident-rate multiplier
  std::array<double, kCategories> spend_factor = ones();  // procurement multipliers from technology
  double diesel_factor = 1.0, electricity_factor = 1.0;
  double production_t = 0;                                       // real tonnes of ore this month
  double price_usd = 0;                                          // commodity price this month
  double co2_t = 0;                                              // real tonnes of CO2 this month
  Cents revenue = 0, profit = 0, capex = 0, shifted = 0;         // simulated-scale cents this month
  std::array<std::array<Cents, kOrigins>, kCategories> spend{};  // procurement this month
  Cents balance = 0;                         // cash stock (simulated-scale cents)
  Cents contract_margin = 0;                 // contracting firms' margin this month (§7.11)
  double installed_technology_usd = 0;       // real USD of technology capital paid so far
  MineTaxState tax;                          // depreciation and losses for CIT (§7.11)
  std::uint32_t incidents = 0;               // simulated-scale incidents this month
  std::int64_t layoffs = 0, redeployed = 0;  // simulated persons this month
  std::uint32_t first_post = 0;              // posts first_post .. + kOccupations*kSkills
  // Communities whose residents can take the mine's jobs: (community, acceptance weight), host
  // first, then by distance; weight falls linearly to 0 at mining.hiring_radius_km.
  std::vector<std::pair<std::uint16_t, double>> catchment;
};

// A mine's posts, from first_post: by occupation and skill.
inline constexpr Shape<2> kMinePosts{{kOccupations, kSkills}};
inline std::uint32_t mine_post(const MineState& m, int occupation, int skill) {
  return m.first_post + static_cast<std::uint32_t>(kMinePosts(occupation, skill));
}

}  // namespace minesim
