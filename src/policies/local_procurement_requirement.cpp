// local_procurement_requirement: mines must give local suppliers a chance in the targeted
// communities' categories: the capability a local firm needs to win a contract is lowered by
// threshold_relief (scaled by strength). With national_ownership, contracts that leave the
// community go to nationally owned firms instead of foreign ones (DRC 2017 subcontracting rule).
#include <algorithm>

#include "policies/policy.h"
#include "scenario/schema.h"

namespace minesim {

namespace {
struct LocalProcurementParams {
  std::array<double, kCategories> threshold_relief{0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5};
  bool national_ownership = false;
};
}  // namespace

std::any read_local_procurement_requirement(TableReader& r, const InterventionParams&, Scenario&) {
  LocalProcurementParams p;
  p.threshold_relief =
      r.labelled<kCategories>("threshold_relief", kCategoryLabels, p.threshold_relief, kShare, "1");
  p.national_ownership = r.boolean("national_ownership", p.national_ownership);
  return p;
}

void apply_local_procurement_requirement(const InterventionParams& v, double strength, World& w) {
  const auto& p = params_of<LocalProcurementParams>(v);
  Levers& L = w.levers;
  for (std::size_t c = 0; c < w.communities.size(); ++c) {
    if (!targeted(v.communities, c)) continue;
    for (int k = 0; k < kCategories; ++k) {
      L.threshold_relief[c][k] =
          std::max(L.threshold_relief[c][k], p.threshold_relief[k] * strength);
      if (p.national_ownership)
        L.national_ownership[c][k] = std::max(L.national_ownership[c][k], strength);
    }
  }
  charge_budget(v, strength, w);
}
}  // namespace minesim
