// supplier_development: grants that raise local suppliers' capability, and incubation of new local
// firms. Each month in force the lever records its programme in the levers (targets, categories,
// payer, this month's budget, strength); run_supplier_programmes (world/supplier_programmes.cpp)
// runs it right after the policy phase: firms are incubated with probability
// incubation_probability x strength where the mines of a targeted community buy a targeted
// category outside it, then the budget is paid by the payer as grants to the targeted firms, which
// spend them on upgrading (capability_per_upgrade per suppliers.upgrade_cost_usd; by default the
// firms' own suppliers.upgrade_capability). The budget is the grants: it is not charged as a budget
// to providers.
#include <fmt/format.h>

#include <algorithm>

#include "policies/policy.h"
#include "scenario/schema.h"

namespace minesim {

namespace {
struct SupplierDevelopmentParams {
  std::array<bool, kCategories> categories{};  // targeted categories (default: all)
  double incubation_probability = 0.2;         // per mine and category a month, at full strength
  double capability_per_upgrade = 0;  // per suppliers.upgrade_cost_usd of grant (default: the
                                      // firms' own suppliers.upgrade_capability)
};
}  // namespace

std::any read_supplier_development(TableReader& r, const InterventionParams&, Scenario& s) {
  SupplierDevelopmentParams p;
  std::vector<std::string> all(kCategoryLabels.begin(), kCategoryLabels.end());
  for (const auto& c : r.string_list("categories", all)) {
    const auto it = std::find(kCategoryLabels.begin(), kCategoryLabels.end(), c);
    if (it == kCategoryLabels.end())
      r.context().error(r.source_of("categories"), r.path() + ".categories",
                        fmt::format("unknown category '{}'", c));
    else
      p.categories[static_cast<std::size_t>(it - kCategoryLabels.begin())] = true;
  }
  p.incubation_probability = r.number("incubation_probability", p.incubation_probability, kShare,
                                      "probability per mine and category a month at full strength");
  // One rule, one number: a grant dollar upgrades like an invested one unless the lever says
  // otherwise ([suppliers] is read before the interventions).
  p.capability_per_upgrade = r.number("capability_per_upgrade", s.suppliers.upgrade_capability,
                                      kShare, "capability per suppliers.upgrade_cost_usd");
  return p;
}

void apply_supplier_development(const InterventionParams& v, double strength, World& w) {
  const auto& p = params_of<SupplierDevelopmentParams>(v);
  const Cents budget = to_cents(v.budget_usd * strength * w.scenario->simulation.population_scale,
                                [&] { return "interventions." + v.name + ".budget_usd"; });
  w.levers.supplier_programmes.push_back({v.communities, p.categories, v.payer, v.mines, budget,
                                          strength, p.incubation_probability,
                                          p.capability_per_upgrade});
}
}  // namespace minesim
