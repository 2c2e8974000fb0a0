// economic_diversification: the targeted mines put revenue_share of their revenue (scaled by
// strength) into non-mining local activity in their host community: it is spent there as final
// demand (split like households' local spending) and so supports local-economy jobs through the
// input-output multiplier (world/mines.cpp pays it; world/households.cpp turns it into jobs).
#include <algorithm>

#include "policies/policy.h"
#include "scenario/schema.h"

namespace minesim {

namespace {
struct DiversificationParams {
  double revenue_share = 0.01;  // of mine revenue, at full strength
};
}  // namespace

std::any read_economic_diversification(TableReader& r, const InterventionParams&, Scenario&) {
  DiversificationParams p;
  p.revenue_share = r.number("revenue_share", p.revenue_share, kShare, "of mine revenue");
  return p;
}

void apply_economic_diversification(const InterventionParams& v, double strength, World& w) {
  const auto& p = params_of<DiversificationParams>(v);
  for (std::size_t m = 0; m < w.mines.size(); ++m)
    if (targeted(v.mines, m))
      w.levers.diversification_share[m] =
          std::max(w.levers.diversification_share[m], p.revenue_share * strength);
  charge_budget(v, strength, w);
}
}  // namespace minesim
