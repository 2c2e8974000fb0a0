// Corporate income tax as assessed (world/mine_tax.h): depreciation and loss carry-forward.
#include "world/mine_tax.h"

#include <algorithm>

namespace minesim {

Cents technology_depreciation(MineTaxState& t, Cents capex, int year, int life_years) {
  if (life_years <= 0) return capex;
  const int slots = life_years + 1;
  const auto slot = static_cast<std::size_t>(((year % slots) + slots) % slots);
  if (t.year_of_slot[slot] != year) {  // a new year: its slot held a fully depreciated vintage
    t.year_of_slot[slot] = year;
    t.capex_of_year[slot] = 0;
  }
  accumulate(t.capex_of_year[slot], capex, "technology capex vintage");
  Cents d = 0;
  const Cents months = 12 * static_cast<Cents>(life_years);
  for (int s = 0; s < slots; ++s) {
    const int age = year - t.year_of_slot[static_cast<std::size_t>(s)];
    if (age >= 1 && age <= life_years)
      accumulate(d, t.capex_of_year[static_cast<std::size_t>(s)] / months, "depreciation");
  }
  return d;
}

Cents development_depreciation(MineTaxState& t) {
  const Cents d = std::min(t.development_left, t.development_monthly);
  t.development_left -= d;
  return d;
}

CitAssessment assess_cit(MineTaxState& t, Cents taxable, double rate, double offset_cap) {
  CitAssessment a;
  if (taxable <= 0) {
    accumulate(t.losses, -taxable, "tax losses carried forward");
    return a;
  }
  a.loss_used = std::min(t.losses, scale_cents(taxable, offset_cap, "loss offset cap"));
  t.losses -= a.loss_used;
  a.base = taxable - a.loss_used;
  a.cit = scale_cents(a.base, rate, "corporate income tax");
  return a;
}

}  // namespace minesim
