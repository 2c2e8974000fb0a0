#pragma once
// Corporate income tax as assessed (docs/ODD.md §7.11, "Corporate income tax"): the month's
// depreciation of technology and development capital, and the tax after losses carried forward.
#include "agents/mine_tax.h"
#include "core/money.h"

namespace minesim {

// Books `capex` (this month's technology capital spending) into the vintage of `year` and returns
// the month's depreciation of technology capital: each earlier vintage of the last `life_years`
// years in equal monthly parts (cents rounded down), 1/(12 life) of it a month; with life 0, the
// capex itself (expensed as paid).
Cents technology_depreciation(MineTaxState& t, Cents capex, int year, int life_years);

// The month's depreciation of development capital: development_monthly until none is left.
Cents development_depreciation(MineTaxState& t);

// The tax on `taxable` (the month's taxable profit before losses; negative: a loss, carried
// forward). Losses carried forward offset at most `offset_cap` x a positive `taxable`; what
// they offset leaves the pool. Returns the tax at `rate`.
struct CitAssessment {
  Cents loss_used = 0, base = 0, cit = 0;
};
CitAssessment assess_cit(MineTaxState& t, Cents taxable, double rate, double offset_cap);

}  // namespace minesim
