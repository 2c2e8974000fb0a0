#pragma once
// Artisanal and small-scale mining sites' state, one row per site (few rows).
#include <cstdint>
#include <vector>

#include "core/money.h"
#include "scenario/scenario.h"

namespace minesim {

struct AsmSiteState {
  AsmTech technology = AsmTech::kManual;
  bool formal = false;
  std::uint32_t first_post = 0;  // digging post; processing post is first_post + 1
  double gold_g = 0;             // real grams recovered this month
  double mercury_g = 0;          // real grams of mercury used this month
  Cents worker_pay = 0;          // paid to the site's workers this month (simulated scale)
  Cents royalty = 0;             // paid on official sales this month
  std::uint32_t incidents = 0;   // simulated-scale incidents this month
};

}  // namespace minesim
