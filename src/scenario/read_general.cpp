// Readers of the general tables: [simulation], [labour], [demography], [wages], [economy],
// [suppliers], [local_economy].
#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "core/constants.h"
#include "scenario/schema.h"

namespace minesim {

void read_simulation(TableReader r, SimulationParams& p) {
  p.start = r.month("start", p.start);
  p.months = static_cast<int>(r.integer("months", p.months, 1, 12 * 200, "months"));
  p.spinup_months = static_cast<int>(r.integer("spinup_months", p.spinup_months, 0, 600, "months"));
  p.seed = static_cast<std::uint64_t>(r.integer("seed", static_cast<std::int64_t>(p.seed), 0,
                                                std::numeric_limits<std::int64_t>::max(), ""));
  p.population_scale = r.number("population_scale", p.population_scale, Range{0.0, 1.0, true},
                                "simulated persons per real person");
  p.flush_months = static_cast<int>(r.integer("flush_months", p.flush_months, 1, 1200, "months"));
  r.finish();
}

void read_labour(TableReader r, LabourParams& p) {
  p.working_age = static_cast<int>(r.integer("working_age", p.working_age, 10, 25, "years"));
  p.retirement_age =
      static_cast<int>(r.integer("retirement_age", p.retirement_age, 40, 90, "years"));
  p.participation_female = r.number("participation_female", p.participation_female, kShare, "1");
  p.participation_male = r.number("participation_male", p.participation_male, kShare, "1");
  p.quit_rate = r.number("quit_rate", p.quit_rate, Range{0.0, 0.5}, "per month");
  p.mine_female_acceptance = r.labelled<kOccupations>(
      "mine_female_acceptance", kOccupationLabels, p.mine_female_acceptance, kShare, "probability");
  {
    TableReader net = r.child("related");
    for (int o = 0; o < kOccupations; ++o) {
      std::vector<std::string> def;
      for (int q = 0; q < kOccupations; ++q)
        if (p.related[o][q]) def.push_back(std::string(kOccupationLabels[q]));
      const auto list = net.string_list(std::string(kOccupationLabels[o]).c_str(), def);
      p.related[o].fill(false);
      for (const auto& name : list) {
        const auto it = std::find(kOccupationLabels.begin(), kOccupationLabels.end(), name);
        if (it == kOccupationLabels.end())
          net.context().error(net.source_of(std::string(kOccupationLabels[o]).c_str()),
                              net.path() + "." + std::string(kOccupationLabels[o]),
                              fmt::format("unknown occupation '{}'", name));
        else
          p.related[o][static_cast<std::size_t>(it - kOccupationLabels.begin())] = true;
      }
    }
    net.finish();
  }
  {
    std::vector<std::string> def;
    for (int o = 0; o < kOccupations; ++o)
      if (p.entry[o]) def.push_back(std::string(kOccupationLabels[o]));
    const auto list = r.string_list("entry_occupations", def);
    p.entry.fill(false);
    for (const auto& name : list) {
      const auto it = std::find(kOccupationLabels.begin(), kOccupationLabels.end(), name);
      if (it == kOccupationLabels.end())
        r.context().error(r.source_of("entry_occupations"), r.path() + ".entry_occupations",
                          fmt::format("unknown occupation '{}'", name));
      else
        p.entry[static_cast<std::size_t>(it - kOccupationLabels.begin())] = true;
    }
  }
  r.finish();
}

namespace {

// An age band in whole years, [lo_key, hi_key], each in [min, max] and lo <= hi.
void read_age_band(TableReader& r, const char* lo_key, const char* hi_key, int min, int max,
                   int& lo, int& hi) {
  lo = static_cast<int>(r.integer(lo_key, lo, min, max, "years"));
  hi = static_cast<int>(r.integer(hi_key, hi, min, max, "years"));
  if (lo > hi)
    r.context().error(r.source_of(hi_key), r.path() + "." + hi_key,
                      fmt::format("must be at least {} = {}, got {}", lo_key, lo, hi));
}

}  // namespace

void read_demography(TableReader r, DemographyParams& p) {
  p.mortality_per_year = r.numbers<4>("mortality_per_year", p.mortality_per_year, Range{0, 0.5},
                                      "per person-year, by age group");
  p.fertility_per_year = r.number("fertility_per_year", p.fertility_per_year, Range{0, 0.5},
                                  "per woman 15-49 per year");
  p.leave_home_per_year =
      r.number("leave_home_per_year", p.leave_home_per_year, Range{0, 1}, "per person-year");
  p.internal_migration_rate =
      r.number("internal_migration_rate", p.internal_migration_rate, kShare, "per month");
  p.out_migration_rate = r.number("out_migration_rate", p.out_migration_rate, kShare, "per month");
  p.in_migration_share = r.number("in_migration_share", p.in_migration_share, kShare, "1");
  p.migrant_female_share = r.number("migrant_female_share", p.migrant_female_share, kShare, "1");
  p.expatriate_share_high = r.number("expatriate_share_high", p.expatriate_share_high, kShare, "1");
  read_age_band(r, "fertile_age_min", "fertile_age_max", 10, 60, p.fertile_age_min,
                p.fertile_age_max);
  read_age_band(r, "leave_home_age_min", "leave_home_age_max", 10, 60, p.leave_home_age_min,
                p.leave_home_age_max);
  p.prospects_gain = r.number("prospects_gain", p.prospects_gain, Range{0, 1000},
                              "per vacancy per working-age person");
  read_age_band(r, "newcomer_age_min", "newcomer_age_max", 10, 90, p.newcomer_age_min,
                p.newcomer_age_max);
  p.newborn_female_share = r.number("newborn_female_share", p.newborn_female_share, kShare, "1");
  r.finish();
}

void read_wages(TableReader r, WageParams& p) {
  p.mine_usd = r.numbers<3>("mine_usd", p.mine_usd, Range{0, 1e5}, "USD per month");
  p.supplier_usd =
      r.numbers<3>("supplier_usd", p.supplier_usd, Range{0, 1e5, true}, "USD per month");
  p.local_economy_usd =
      r.numbers<3>("local_economy_usd", p.local_economy_usd, Range{0, 1e5, true}, "USD per month");
  p.farming_informal_usd =
      r.number("farming_informal_usd", p.farming_informal_usd, Range{0, 1e5}, "USD per month");
  p.expatriate_premium = r.number("expatriate_premium", p.expatriate_premium, Range{1, 20},
                                  "x a mine post's wage for an expatriate holder");
  p.own_consumption_share =
      r.number("own_consumption_share", p.own_consumption_share, Range{0, 0.95}, "1");
  r.finish();
}

void read_economy(TableReader r, EconomyParams& p) {
  p.poverty_line_usd =
      r.number("poverty_line_usd", p.poverty_line_usd, Range{0, 1e4}, "USD per person-month");
  p.poverty_line_basis = enum_of<PriceBasis>(
      kPriceBasisLabels, r.string("poverty_line_basis", "market", labels(kPriceBasisLabels)));
  p.price_level_ratio = r.number("price_level_ratio", p.price_level_ratio, Range{0, 10, true},
                                 "market USD per PPP dollar");
  p.consumption_share = r.number("consumption_share", p.consumption_share, kShare, "1");
  p.local_consumption_share =
      r.number("local_consumption_share", p.local_consumption_share, kShare, "1");
  p.royalty_rate = r.number("royalty_rate", p.royalty_rate, kShare, "1");
  p.corporate_income_tax_rate =
      r.number("corporate_income_tax_rate", p.corporate_income_tax_rate, kShare, "1");
  p.payroll_tax_rate = r.number("payroll_tax_rate", p.payroll_tax_rate, kShare, "1");
  p.profit_shifting_share = r.number("profit_shifting_share", p.profit_shifting_share, kShare, "1");
  p.other_levy_usd_per_tonne =
      r.number("other_levy_usd_per_tonne", p.other_levy_usd_per_tonne, Range{0, 1e4}, "USD/t");
  p.super_profits_tax_rate =
      r.number("super_profits_tax_rate", p.super_profits_tax_rate, kShare, "1");
  p.super_profits_trigger = r.number("super_profits_trigger", p.super_profits_trigger, Range{1, 10},
                                     "x feasibility price");
  p.technology_life_years =
      static_cast<int>(r.integer("technology_life_years", p.technology_life_years, 0,
                                 constants::kMaxAssetLifeYears, "years (0: expensed)"));
  p.development_life_years =
      static_cast<int>(r.integer("development_life_years", p.development_life_years, 1,
                                 constants::kMaxAssetLifeYears, "years"));
  p.loss_offset_cap = r.number("loss_offset_cap", p.loss_offset_cap, kShare, "1");
  r.finish();
}

void read_suppliers(TableReader r, SupplierParams& p) {
  p.labour_share = r.number("labour_share", p.labour_share, kShare, "1");
  p.local_input_share = r.number("local_input_share", p.local_input_share, kShare, "1");
  p.import_share = r.number("import_share", p.import_share, kShare, "1");
  if (p.labour_share + p.local_input_share + p.import_share > 1.0)
    r.context().error(r.source_of("import_share"), r.path() + ".import_share",
                      "labour_share + local_input_share + import_share must not exceed 1");
  p.skill_mix = r.numbers<3>("skill_mix", p.skill_mix, kShare, "1", true);
  p.invest_share = r.number("invest_share", p.invest_share, kShare, "1");
  p.upgrade_cost_usd =
      r.number("upgrade_cost_usd", p.upgrade_cost_usd, Range{0, 1e9, true}, "USD per 0.1");
  // Superseded meaning kept: the capacity a firm starts with (initial firms); it then grows only
  // by investment.
  p.capacity_usd = r.number("capacity_usd", p.capacity_usd, Range{0, 1e9, true}, "USD per month");
  p.capital_per_capacity = r.number("capital_per_capacity", p.capital_per_capacity,
                                    Range{0, 1000, true}, "USD per USD of monthly capacity");
  p.startup_capital_usd =
      r.number("startup_capital_usd", p.startup_capital_usd, Range{0, 1e9, true}, "USD");
  p.entry_owner_skill =
      enum_of<Skill>(kSkillLabels, r.string("entry_owner_skill", "semi", labels(kSkillLabels)));
  p.loan_limit_share = r.number("loan_limit_share", p.loan_limit_share, kShare, "of capital");
  p.loan_rate_per_year = r.number("loan_rate_per_year", p.loan_rate_per_year, kShare, "per year");
  p.loan_term_months =
      static_cast<int>(r.integer("loan_term_months", p.loan_term_months, 1, 600, "months"));
  p.exit_idle_months =
      static_cast<int>(r.integer("exit_idle_months", p.exit_idle_months, 1, 600, "months"));
  p.exit_loss_usd = r.number("exit_loss_usd", p.exit_loss_usd, Range{0, 1e9}, "USD");
  p.entry_rate = r.number("entry_rate", p.entry_rate, kShare, "per month");
  p.entry_unmet_usd =
      r.number("entry_unmet_usd", p.entry_unmet_usd, Range{0, 1e9}, "USD per month");
  p.entrant_capability = r.number("entrant_capability", p.entrant_capability, kShare, "1");
  p.upgrade_capability =
      r.number("upgrade_capability", p.upgrade_capability, kShare, "capability per upgrade");
  p.capability_spread = r.number("capability_spread", p.capability_spread, kShare, "1");
  r.finish();
}

void read_local_economy(TableReader r, LocalEconomyParams& p) {
  p.industries = r.string_list("industries", p.industries);
  if (p.industries.empty()) {
    r.context().error(r.source_of("industries"), r.path() + ".industries",
                      "needs at least one industry");
    p.industries = LocalEconomyParams{}.industries;
  }
  const std::size_t n = p.industries.size();
  auto resize_default = [n](std::vector<double> v, double fill) {
    v.resize(n, fill);
    return v;
  };
  if (p.coefficients.size() != n) p.coefficients.assign(n, std::vector<double>(n, 0.0));
  p.coefficients = r.matrix("coefficients", p.coefficients, Range{0, 1}, "USD per USD", n, n);
  p.jobs_per_musd = r.number_list("jobs_per_musd", resize_default(p.jobs_per_musd, 0),
                                  Range{0, 1e4}, "jobs per million USD of annual output", n);
  p.household_shares =
      r.number_list("household_shares", resize_default(p.household_shares, 0), kShare, "1", n);
  p.supplier_shares =
      r.number_list("supplier_shares", resize_default(p.supplier_shares, 0), kShare, "1", n);
  for (const char* k : {"household_shares", "supplier_shares"}) {
    const auto& v = std::string(k) == "household_shares" ? p.household_shares : p.supplier_shares;
    double sum = 0;
    for (double x : v) sum += x;
    if (std::abs(sum - 1.0) > 1e-6)
      r.context().error(r.source_of(k), r.path() + "." + k,
                        fmt::format("shares must sum to 1, got {:g}", sum));
  }
  for (std::size_t j = 0; j < n; ++j) {
    double col = 0;
    for (std::size_t i = 0; i < n; ++i) col += p.coefficients[i][j];
    if (col >= 1.0)
      r.context().error(r.source_of("coefficients"), r.path() + ".coefficients",
                        fmt::format("column '{}' sums to {:g}: local purchases per USD of output "
                                    "must stay below 1",
                                    p.industries[j], col));
  }
  r.finish();
}

}  // namespace minesim
