#pragma once
// Artisanal and small-scale mining sites' state, one row per site (few rows).
#include <cstdint>
#include <vector>

#include "core/money.h"
#include "scenario/scenario.h"

namespace minesim {

inline constexpr std::uint32_t kAsmPostsPerSite = 3;
enum class AsmRole : std::uint8_t { kDigging = 0, kProcessing, kManaging };

struct AsmSiteState {
  AsmTech technology = AsmTech::kManual;
  bool formal = false;
  // Roles are posts: digging (first_post), processing (+1), pit owners and managers (+2).
  std::uint32_t first_post = 0;
  double gold_g = 0;     // real grams recovered this month
  double mercury_g = 0;  // real grams of mercury used this month
  Cents worker_pay = 0;  // paid to the site's workers, all roles (simulated scale)
  // Where the gold's value went this month (simulated scale): these and worker_pay's diggers'
  // and processors' part sum to the value at the world price, in exact cents.
  Cents owner_local = 0;        // pit owners and managers at the site (part of worker_pay)
  Cents owner_external = 0;     // pit owners and financiers outside the region
  Cents inputs = 0;             // mercury, fuel, equipment bought out of the region
  Cents trader_margin = 0;      // traders: world value less local value
  Cents royalty = 0;            // paid on official sales this month
  std::uint32_t incidents = 0;  // simulated-scale incidents this month
};

}  // namespace minesim
