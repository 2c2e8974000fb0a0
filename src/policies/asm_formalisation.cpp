// asm_formalisation: ASM sites of the targeted communities get licences (official gold buying: a
// larger share of gold sold through official channels, which pay royalty) and, with mercury_free,
// credit or subsidy for mercury-free processing equipment. A site switches once the intervention's
// strength passes one half (a licence or a machine is all or nothing); the budget pays for
// licensing, cooperatives and equipment.
#include "policies/policy.h"
#include "scenario/schema.h"

namespace minesim {

namespace {
struct AsmFormalisationParams {
  bool mercury_free = true;  // with mercury-free processing
};
}  // namespace

std::any read_asm_formalisation(TableReader& r, const InterventionParams&, Scenario&) {
  AsmFormalisationParams p;
  p.mercury_free = r.boolean("mercury_free", p.mercury_free);
  return p;
}

void apply_asm_formalisation(const InterventionParams& v, double strength, World& w) {
  const auto& p = params_of<AsmFormalisationParams>(v);
  const Scenario& s = *w.scenario;
  for (std::size_t k = 0; k < w.asm_sites.size(); ++k) {
    if (!targeted(v.communities, static_cast<std::size_t>(s.asm_sites[k].community))) continue;
    if (strength < 0.5) continue;
    w.levers.asm_formal[k] = 1;
    if (p.mercury_free) w.levers.asm_mercury_free[k] = 1;
  }
  charge_budget(v, strength, w);
}
}  // namespace minesim
