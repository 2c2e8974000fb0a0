// The scenario schema: every key, its default, range and unit. docs/scenarios.md documents the same
// keys; tests/unit/scenario_docs_test.cpp fails if a key read here is missing from the docs.
#include "scenario/load.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <limits>
#include <sstream>

#include "scenario/reader.h"

namespace minesim {

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr Range kShare{0.0, 1.0};
constexpr Range kNonNeg{0.0, kInf};
constexpr Range kPositive{0.0, kInf, true};

std::vector<std::string> labels(auto const& arr) {
  return std::vector<std::string>(arr.begin(), arr.end());
}

template <class E, std::size_t N>
E enum_of(const std::array<std::string_view, N>& names, const std::string& s) {
  for (std::size_t i = 0; i < N; ++i)
    if (names[i] == s) return static_cast<E>(i);
  return static_cast<E>(0);
}

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

// The required key `community`: a community's name, resolved to its index (with a did-you-mean).
std::optional<int> read_community_ref(TableReader& r,
                                      const std::vector<CommunityParams>& communities) {
  const auto name = r.required_string("community");
  if (!name) return std::nullopt;
  std::set<std::string> names;
  for (std::size_t i = 0; i < communities.size(); ++i) {
    if (communities[i].name == *name) return static_cast<int>(i);
    names.insert(communities[i].name);
  }
  const std::string best = suggest(*name, names);
  r.context().error(r.source_of("community"), r.path() + ".community",
                    best.empty()
                        ? fmt::format("no community named '{}'", *name)
                        : fmt::format("no community named '{}'; did you mean '{}'?", *name, best));
  return std::nullopt;
}

void read_asm(TableReader r, AsmParams& p) {
  p.output_per_worker_g =
      r.number("output_per_worker_g", p.output_per_worker_g, kNonNeg, "g gold per worker-month");
  p.crowding_exponent = r.number("crowding_exponent", p.crowding_exponent, Range{0.05, 0.95}, "1");
  p.worker_share = r.number("worker_share", p.worker_share, kShare, "1");
  p.local_price_discount = r.number("local_price_discount", p.local_price_discount, kShare, "1");
  p.risk_premium = r.number("risk_premium", p.risk_premium, Range{0, 5}, "1");
  p.processing_share_female =
      r.number("processing_share_female", p.processing_share_female, kShare, "1");
  p.digging_share_female = r.number("digging_share_female", p.digging_share_female, kShare, "1");
  p.productivity = r.labelled<kAsmTechs>("productivity", kAsmTechLabels, p.productivity,
                                         Range{0.1, 10}, "x manual");
  p.recovery = r.labelled<kAsmTechs>("recovery", kAsmTechLabels, p.recovery, Range{0.01, 1}, "1");
  p.processing_share =
      r.labelled<kAsmTechs>("processing_share", kAsmTechLabels, p.processing_share, kShare, "1");
  p.labour_factor =
      r.labelled<kAsmTechs>("labour_factor", kAsmTechLabels, p.labour_factor, Range{0.01, 1}, "1");
  p.mercury_per_gold = r.labelled<kAsmTechs>("mercury_per_gold", kAsmTechLabels, p.mercury_per_gold,
                                             Range{0, 100}, "g/g");
  p.official_share =
      r.labelled<2>("official_share", std::array<std::string_view, 2>{"informal", "formal"},
                    p.official_share, kShare, "1");
  p.royalty_rate = r.number("royalty_rate", p.royalty_rate, kShare, "1");
  p.incidents_per_million_hours =
      r.number("incidents_per_million_hours", p.incidents_per_million_hours, kNonNeg, "per 1e6 h");
  p.hours_per_month = r.number("hours_per_month", p.hours_per_month, Range{0, 744}, "hours");
  p.workers_scale = r.number("workers_scale", p.workers_scale, Range{0.001, 1000},
                             "x every site's reference_workers and max_workers");
  r.finish();
}

void read_asm_site(TableReader r, AsmSiteParams& a,
                   const std::vector<CommunityParams>& communities) {
  if (auto c = read_community_ref(r, communities)) a.community = *c;
  if (auto v = r.required_integer("reference_workers", 1, 100'000'000, "workers"))
    a.reference_workers = *v;
  a.max_workers = r.integer("max_workers", 0, 0, 100'000'000, "workers (0: 4 x reference)");
  if (a.max_workers == 0) a.max_workers = 4 * a.reference_workers;
  a.technology =
      enum_of<AsmTech>(kAsmTechLabels, r.string("technology", "manual", labels(kAsmTechLabels)));
  a.formal = r.string("licence", "informal", {"informal", "formal"}) == "formal";
  a.gold = r.string("commodity", "gold", {"gold", "other"}) == "gold";
  if (a.gold && r.has("value_per_worker_usd")) {
    r.number("value_per_worker_usd", 0, kNonNeg, "USD per worker-month");  // read: not "unknown"
    r.context().error(r.source_of("value_per_worker_usd"), r.path() + ".value_per_worker_usd",
                      "only for commodity = \"other\" (gold is valued at the gold price)");
  } else if (!a.gold) {
    if (auto v = r.required_number("value_per_worker_usd", kNonNeg, "USD per worker-month"))
      a.value_per_worker_usd = *v;
  }
  a.displaced_by_mine_name = r.string("displaced_by_mine", "", {});
  TableReader up = r.child("upgrade");
  if (up.present()) {
    if (auto m = up.required_month("start")) a.upgrade_start = *m;
    a.upgrade_to = enum_of<AsmTech>(
        kAsmTechLabels, up.string("technology", std::string(kAsmTechLabels[idx(a.technology)]),
                                  labels(kAsmTechLabels)));
    a.upgrade_formal =
        up.string("licence", a.formal ? "formal" : "informal", {"informal", "formal"}) == "formal";
  }
  up.finish();
  r.finish();
}

// Names listed under `key` resolved against `names` (errors for unknown ones).
std::vector<int> read_targets(TableReader& r, const char* key,
                              const std::vector<std::string>& names) {
  std::vector<int> out;
  for (const auto& name : r.string_list(key, {})) {
    const auto it = std::find(names.begin(), names.end(), name);
    if (it == names.end()) {
      const std::string best = suggest(name, std::set<std::string>(names.begin(), names.end()));
      r.context().error(r.source_of(key), r.path() + "." + key,
                        best.empty()
                            ? fmt::format("no such name '{}'", name)
                            : fmt::format("no such name '{}'; did you mean '{}'?", name, best));
    } else {
      out.push_back(static_cast<int>(it - names.begin()));
    }
  }
  return out;
}

void read_intervention(TableReader r, InterventionParams& v, const Scenario& s) {
  ReadContext& ctx = r.context();
  std::vector<std::string> cnames, mnames;
  for (const auto& c : s.communities) cnames.push_back(c.name);
  for (const auto& m : s.mines) mnames.push_back(m.name);
  if (auto t = r.required_string("type")) {
    const auto it = std::find(kInterventionLabels.begin(), kInterventionLabels.end(), *t);
    if (it == kInterventionLabels.end()) {
      std::string list;
      for (auto l : kInterventionLabels) list += (list.empty() ? "" : ", ") + std::string(l);
      ctx.error(r.source_of("type"), r.path() + ".type",
                fmt::format("must be one of {}, got '{}'", list, *t));
      r.finish();
      return;
    }
    v.type = static_cast<InterventionType>(it - kInterventionLabels.begin());
  } else {
    return;
  }
  if (auto m = r.required_month("start")) v.start = *m;
  const toml::table* t = r.table();
  if (r.has("end")) {
    v.end = r.month("end", v.start);
    if (!(v.start < *v.end))
      ctx.error(r.source_of("end"), r.path() + ".end",
                fmt::format("must be after start ({})", v.start.iso()));
  } else {
    r.known("end");  // absent means no end (and stays absent in the resolved scenario)
  }
  v.ramp_months = static_cast<int>(r.integer("ramp_months", 0, 0, 600, "months"));
  v.communities = read_targets(r, "communities", cnames);
  v.mines = read_targets(r, "mines", mnames);
  v.budget_usd = r.number("budget_usd", 0, kNonNeg, "USD per month at full strength");
  v.payer = enum_of<Payer>(kPayerLabels, r.string("payer", "government", labels(kPayerLabels)));
  using T = InterventionType;
  switch (v.type) {
    case T::kSkillsTraining: {
      TrainingParams& tp = v.training;
      tp.name = v.name;
      tp.communities = v.communities;
      tp.mines = v.mines;
      tp.start = v.start;
      tp.end = v.end.value_or(Month{2100, 1});
      tp.ramp_months = v.ramp_months;
      tp.payer = v.payer;
      if (auto c = r.required_integer("capacity", 0, 100'000'000, "persons in training at once"))
        tp.capacity = *c;
      tp.duration_months =
          static_cast<int>(r.integer("duration_months", tp.duration_months, 1, 120, "months"));
      tp.cost_usd = r.number("cost_usd", tp.cost_usd, kNonNeg, "USD per trainee");
      tp.min_skill =
          enum_of<Skill>(kSkillLabels, r.string("min_skill", "low", labels(kSkillLabels)));
      tp.pass_rate = r.number("pass_rate", tp.pass_rate, kShare, "1");
      tp.women_quota = r.number("women_quota", tp.women_quota, kShare, "share of seats");
      tp.female_barrier = r.number("female_barrier", tp.female_barrier, kShare, "probability");
      v.localisation_rate = r.number("localisation_rate", 0, kShare, "per month");
      break;
    }
    case T::kLocalHiringRequirement:
      v.local_share = r.number("local_share", 0.8, kShare, "share of mine hires");
      v.remote_in_country = r.boolean("remote_in_country", false);
      v.localisation_rate = r.number("localisation_rate", 0.03, kShare, "per month");
      break;
    case T::kLocalProcurementRequirement:
      v.threshold_relief = r.labelled<kCategories>(
          "threshold_relief", kCategoryLabels, {0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5}, kShare, "1");
      v.national_ownership = r.boolean("national_ownership", false);
      break;
    case T::kSupplierDevelopment: {
      std::vector<std::string> def(kCategoryLabels.begin(), kCategoryLabels.end());
      for (const auto& c : r.string_list("categories", def)) {
        const auto it = std::find(kCategoryLabels.begin(), kCategoryLabels.end(), c);
        if (it == kCategoryLabels.end())
          ctx.error(r.source_of("categories"), r.path() + ".categories",
                    fmt::format("unknown category '{}'", c));
        else
          v.categories[static_cast<std::size_t>(it - kCategoryLabels.begin())] = true;
      }
      break;
    }
    case T::kEconomicDiversification:
      v.revenue_share = r.number("revenue_share", 0.01, kShare, "of mine revenue");
      break;
    case T::kTaxReform:
      v.royalty_rate = r.number("royalty_rate", -1, Range{-1, 1}, "1 (-1: unchanged)");
      v.corporate_income_tax_rate =
          r.number("corporate_income_tax_rate", -1, Range{-1, 1}, "1 (-1: unchanged)");
      v.payroll_tax_rate = r.number("payroll_tax_rate", -1, Range{-1, 1}, "1 (-1: unchanged)");
      v.automation_levy_usd_per_role =
          r.number("automation_levy_usd_per_role", 0, kNonNeg, "USD per role removed per year");
      v.transfer_pricing_enforcement =
          r.number("transfer_pricing_enforcement", 0, kShare, "share of profit shifting stopped");
      v.revenue_sharing =
          r.number("revenue_sharing", 0, kShare, "share of royalties to host communities");
      break;
    case T::kGenderInclusion:
      v.female_acceptance = r.labelled<kOccupations>("female_acceptance", kOccupationLabels,
                                                     {0.5, 0.5, 0.5, 0.5, 0.8, 0.8}, kShare,
                                                     "probability at full strength");
      v.training_barrier_reduction = r.number("training_barrier_reduction", 0.8, kShare, "1");
      v.training_women_quota = r.number("training_women_quota", 0.5, kShare, "share of seats");
      break;
    case T::kAsmFormalisation:
      v.mercury_free = r.boolean("mercury_free", true);
      break;
    case T::kStagedAutomation:
      v.adoption_per_year = r.number("adoption_per_year", 0.2, Range{0.01, 12}, "share per year");
      v.redeploy_share = r.number("redeploy_share", 0.8, kShare, "1");
      break;
  }
  if (t) {
    std::ostringstream os;
    os << toml::toml_formatter{
        *t, toml::toml_formatter::default_flags | toml::format_flags::relaxed_float_precision};
    v.text = os.str();
  }
  r.finish();
}

void read_training(TableReader r, TrainingParams& t,
                   const std::vector<CommunityParams>& communities) {
  for (const auto& name : r.string_list("communities", {})) {
    int found = -1;
    for (std::size_t i = 0; i < communities.size(); ++i)
      if (communities[i].name == name) found = static_cast<int>(i);
    if (found < 0)
      r.context().error(r.source_of("communities"), r.path() + ".communities",
                        fmt::format("no community named '{}'", name));
    else
      t.communities.push_back(found);
  }
  t.start = r.month("start", t.start);
  t.end = r.month("end", t.end);
  if (!(t.start < t.end))
    r.context().error(r.source_of("end"), r.path() + ".end",
                      fmt::format("must be after start ({})", t.start.iso()));
  if (auto v = r.required_integer("capacity", 0, 100'000'000, "persons in training at once"))
    t.capacity = *v;
  t.duration_months =
      static_cast<int>(r.integer("duration_months", t.duration_months, 1, 120, "months"));
  t.cost_usd = r.number("cost_usd", t.cost_usd, kNonNeg, "USD per trainee");
  t.min_skill = enum_of<Skill>(kSkillLabels, r.string("min_skill", "low", labels(kSkillLabels)));
  t.pass_rate = r.number("pass_rate", t.pass_rate, kShare, "1");
  t.women_quota = r.number("women_quota", t.women_quota, kShare, "share of seats");
  t.female_barrier = r.number("female_barrier", t.female_barrier, kShare, "probability");
  t.payer = enum_of<Payer>(kPayerLabels, r.string("payer", "government", labels(kPayerLabels)));
  r.finish();
}

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
  r.finish();
}

void read_wages(TableReader r, WageParams& p) {
  p.mine_usd = r.numbers<3>("mine_usd", p.mine_usd, kNonNeg, "USD per month");
  p.supplier_usd = r.numbers<3>("supplier_usd", p.supplier_usd, kPositive, "USD per month");
  p.local_economy_usd =
      r.numbers<3>("local_economy_usd", p.local_economy_usd, kPositive, "USD per month");
  p.farming_informal_usd =
      r.number("farming_informal_usd", p.farming_informal_usd, kNonNeg, "USD per month");
  r.finish();
}

void read_economy(TableReader r, EconomyParams& p) {
  p.poverty_line_usd =
      r.number("poverty_line_usd", p.poverty_line_usd, kNonNeg, "USD per person-month");
  p.consumption_share = r.number("consumption_share", p.consumption_share, kShare, "1");
  p.local_consumption_share =
      r.number("local_consumption_share", p.local_consumption_share, kShare, "1");
  p.royalty_rate = r.number("royalty_rate", p.royalty_rate, kShare, "1");
  p.corporate_income_tax_rate =
      r.number("corporate_income_tax_rate", p.corporate_income_tax_rate, kShare, "1");
  p.payroll_tax_rate = r.number("payroll_tax_rate", p.payroll_tax_rate, kShare, "1");
  p.profit_shifting_share = r.number("profit_shifting_share", p.profit_shifting_share, kShare, "1");
  p.other_levy_usd_per_tonne =
      r.number("other_levy_usd_per_tonne", p.other_levy_usd_per_tonne, kNonNeg, "USD/t");
  p.super_profits_tax_rate =
      r.number("super_profits_tax_rate", p.super_profits_tax_rate, kShare, "1");
  p.super_profits_trigger = r.number("super_profits_trigger", p.super_profits_trigger, Range{1, 10},
                                     "x feasibility price");
  r.finish();
}

void read_mining(TableReader r, MiningParams& p) {
  p.occupation_shares = r.labelled<kOccupations>("occupation_shares", kOccupationLabels,
                                                 p.occupation_shares, kShare, "1");
  double sum = 0;
  for (double x : p.occupation_shares) sum += x;
  if (std::abs(sum - 1.0) > 1e-6)
    r.context().error(r.source_of("occupation_shares"), r.path() + ".occupation_shares",
                      fmt::format("shares must sum to 1, got {:g}", sum));
  {
    TableReader mix = r.child("skill_mix");
    for (int o = 0; o < kOccupations; ++o)
      p.skill_mix[o] = mix.numbers<3>(std::string(kOccupationLabels[o]).c_str(), p.skill_mix[o],
                                      kShare, "1", true);
    mix.finish();
  }
  {
    TableReader lk = r.child("linkage");
    for (int c = 0; c < kCategories; ++c) {
      const std::string l =
          lk.string(std::string(kCategoryLabels[c]).c_str(),
                    std::string(kLinkageLabels[idx(p.linkage[c])]), labels(kLinkageLabels));
      p.linkage[c] = enum_of<Linkage>(kLinkageLabels, l);
    }
    lk.finish();
  }
  p.spend_rate = r.labelled<kCategories>("spend_rate", kCategoryLabels, p.spend_rate, kNonNeg,
                                         "USD per employee-month (headcount) or per tonne");
  p.local_threshold = r.labelled<kCategories>("local_threshold", kCategoryLabels, p.local_threshold,
                                              kShare, "capability");
  p.national_share =
      r.labelled<kCategories>("national_share", kCategoryLabels, p.national_share, kShare, "1");
  p.hiring_radius_km = r.number("hiring_radius_km", p.hiring_radius_km, kPositive, "km");
  p.review_months = static_cast<int>(r.integer("review_months", p.review_months, 1, 120, "months"));
  p.discount_rate = r.number("discount_rate", p.discount_rate, Range{0, 1}, "per year");
  p.horizon_years = static_cast<int>(r.integer("horizon_years", p.horizon_years, 1, 50, "years"));
  p.social_licence_cost_per_role_usd = r.number("social_licence_cost_per_role_usd",
                                                p.social_licence_cost_per_role_usd, kNonNeg, "USD");
  p.automation_levy_usd_per_role =
      r.number("automation_levy_usd_per_role", p.automation_levy_usd_per_role, kNonNeg,
               "USD per role removed per year");
  p.diesel_litres_per_tonne =
      r.number("diesel_litres_per_tonne", p.diesel_litres_per_tonne, kNonNeg, "l/t");
  p.electricity_kwh_per_tonne =
      r.number("electricity_kwh_per_tonne", p.electricity_kwh_per_tonne, kNonNeg, "kWh/t");
  p.grid_kg_co2_per_kwh = r.number("grid_kg_co2_per_kwh", p.grid_kg_co2_per_kwh, kNonNeg, "kg/kWh");
  p.underground_ventilation_share = r.number("underground_ventilation_share",
                                             p.underground_ventilation_share, Range{0, 0.9}, "1");
  p.retraining_cost_usd =
      r.number("retraining_cost_usd", p.retraining_cost_usd, kNonNeg, "USD per worker");
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
  p.upgrade_cost_usd = r.number("upgrade_cost_usd", p.upgrade_cost_usd, kPositive, "USD per 0.1");
  p.capacity_usd = r.number("capacity_usd", p.capacity_usd, kPositive, "USD per month");
  p.exit_idle_months =
      static_cast<int>(r.integer("exit_idle_months", p.exit_idle_months, 1, 600, "months"));
  p.exit_loss_usd = r.number("exit_loss_usd", p.exit_loss_usd, kNonNeg, "USD");
  p.entry_rate = r.number("entry_rate", p.entry_rate, kShare, "per month");
  p.entry_unmet_usd = r.number("entry_unmet_usd", p.entry_unmet_usd, kNonNeg, "USD per month");
  p.entrant_capability = r.number("entrant_capability", p.entrant_capability, kShare, "1");
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
  p.jobs_per_musd = r.number_list("jobs_per_musd", resize_default(p.jobs_per_musd, 0), kNonNeg,
                                  "jobs per million USD of annual output", n);
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

void read_price(TableReader r, PriceParams& p) {
  static const std::vector<std::string> kModes{"constant", "path", "mean_reverting"};
  const std::string mode = r.string("mode", kModes[idx(p.mode)], kModes);
  p.mode = static_cast<PriceMode>(std::find(kModes.begin(), kModes.end(), mode) - kModes.begin());
  p.base_usd = r.number("base_usd", p.base_usd, kPositive,
                        "USD per troy ounce (gold) or per tonne of metal");
  for (const auto& [m, v] : r.dated_values("path", kPositive, "USD")) p.path.push_back({m, v});
  if (p.mode == PriceMode::kPath && p.path.empty())
    r.context().error(r.where(), r.path() + ".path", "mode = \"path\" needs a path");
  p.reversion = r.number("reversion", p.reversion, kShare, "per month");
  p.volatility = r.number("volatility", p.volatility, Range{0, 1}, "log units per month");
  p.trend_per_year = r.number("trend_per_year", p.trend_per_year, Range{-0.5, 0.5}, "per year");
  r.finish();
}

void read_technology(TableReader r, TechnologyParams& p) {
  p.available = r.month("available", p.available);
  p.roles_removed_share = r.labelled<kOccupations>("roles_removed_share", kOccupationLabels,
                                                   p.roles_removed_share, kShare, "1");
  p.roles_created_per_removed =
      r.number("roles_created_per_removed", p.roles_created_per_removed, Range{0, 10}, "1");
  p.remote_share = r.number("remote_share", p.remote_share, kShare, "1");
  p.remote_abroad_share = r.number("remote_abroad_share", p.remote_abroad_share, kShare, "1");
  p.remote_female_share = r.number("remote_female_share", p.remote_female_share, kShare, "1");
  p.productivity_gain = r.number("productivity_gain", p.productivity_gain, Range{-0.5, 2.0}, "1");
  p.learning_months =
      static_cast<int>(r.integer("learning_months", p.learning_months, 0, 120, "months"));
  p.learning_dip = r.number("learning_dip", p.learning_dip, kShare, "1");
  p.incident_reduction = r.number("incident_reduction", p.incident_reduction, kShare, "1");
  p.capex_usd_per_role_removed =
      r.number("capex_usd_per_role_removed", p.capex_usd_per_role_removed, kNonNeg, "USD");
  p.capex_usd_per_mtpa =
      r.number("capex_usd_per_mtpa", p.capex_usd_per_mtpa, kNonNeg, "USD per Mt/yr of ore");
  p.capex_usd_fixed = r.number("capex_usd_fixed", p.capex_usd_fixed, kNonNeg, "USD per mine");
  p.capex_decline_per_year =
      r.number("capex_decline_per_year", p.capex_decline_per_year, Range{0, 0.5}, "per year");
  p.ramp_months = static_cast<int>(r.integer("ramp_months", p.ramp_months, 0, 600, "months"));
  p.procurement_change = r.labelled<kCategories>("procurement_change", kCategoryLabels,
                                                 p.procurement_change, Range{-1, 10}, "1");
  p.diesel_change = r.number("diesel_change", p.diesel_change, Range{-1, 10}, "1");
  p.electricity_change = r.number("electricity_change", p.electricity_change, Range{-1, 10}, "1");
  p.ventilation_reduction = r.number("ventilation_reduction", p.ventilation_reduction, kShare, "1");
  r.finish();
}

void read_community(TableReader r, CommunityParams& c) {
  if (auto v = r.required_number("lat", Range{-90, 90}, "degrees_north")) c.lat = *v;
  if (auto v = r.required_number("lon", Range{-180, 180}, "degrees_east")) c.lon = *v;
  if (auto v = r.required_integer("population", 1, 2'000'000'000, "persons")) c.population = *v;
  c.household_size = r.number("household_size", c.household_size, Range{1, 30}, "persons");
  c.age_shares = r.numbers<4>("age_shares", c.age_shares, kShare, "1", true);
  c.skill_shares = r.numbers<3>("skill_shares", c.skill_shares, kShare, "1", true);
  c.female_share = r.number("female_share", c.female_share, kShare, "1");
  c.female_head_share = r.number("female_head_share", c.female_head_share, kShare, "1");
  c.farming_capacity_share =
      r.number("farming_capacity_share", c.farming_capacity_share, kShare, "1");
  {
    TableReader sup = r.child("suppliers");
    for (int k = 0; k < kCategories; ++k)
      c.suppliers[k] = sup.integer(std::string(kCategoryLabels[k]).c_str(), 0, 0, 100000, "firms");
    sup.finish();
  }
  c.supplier_capability = r.labelled<kCategories>("supplier_capability", kCategoryLabels,
                                                  c.supplier_capability, kShare, "capability");
  r.finish();
}

void read_mine(TableReader r, MineParams& m, const std::vector<CommunityParams>& communities,
               const MiningParams& mining) {
  ReadContext& ctx = r.context();
  if (auto c = read_community_ref(r, communities)) m.community = *c;
  m.commodity =
      enum_of<Commodity>(kCommodityLabels, r.string("commodity", "gold", labels(kCommodityLabels)));
  m.type =
      enum_of<MineType>(kMineTypeLabels, r.string("type", "open_pit", labels(kMineTypeLabels)));
  m.open = r.month("open", m.open);
  m.close = r.month("close", m.close);
  if (!(m.open < m.close))
    ctx.error(r.source_of("close"), r.path() + ".close",
              fmt::format("must be after open ({}), got {}", m.open.iso(), m.close.iso()));
  if (auto v = r.required_number("ore_tonnes_per_month", kNonNeg, "t per month"))
    m.ore_tonnes_per_month = *v;
  if (auto v = r.required_number("grade", kNonNeg, "g/t for gold, percent for copper and cobalt"))
    m.grade = *v;
  m.recovery = r.number("recovery", m.recovery, kShare, "1");
  if (auto v = r.required_integer("workforce", 0, 10'000'000, "on-site roles")) m.workforce = *v;
  m.occupation_shares = r.labelled<kOccupations>("occupation_shares", kOccupationLabels,
                                                 mining.occupation_shares, kShare, "1");
  double sum = 0;
  for (double x : m.occupation_shares) sum += x;
  if (std::abs(sum - 1.0) > 1e-6)
    ctx.error(r.source_of("occupation_shares"), r.path() + ".occupation_shares",
              fmt::format("shares must sum to 1, got {:g}", sum));
  m.wage_level = r.number("wage_level", m.wage_level, Range{0.1, 50},
                          "x the low- and semi-skill [wages] mine wages");
  m.royalty_rate = r.number("royalty_rate", -1, Range{-1, 1}, "1 (-1: economy.royalty_rate)");
  m.feasibility_price_usd =
      r.number("feasibility_price_usd", 0, kNonNeg, "USD per commodity unit (0: none)");
  m.incidents_per_million_hours =
      r.number("incidents_per_million_hours", m.incidents_per_million_hours, kNonNeg, "per 1e6 h");
  m.hours_per_month = r.number("hours_per_month", m.hours_per_month, Range{0, 744}, "hours");
  m.endogenous_adoption =
      r.string("adoption", "scheduled", {"scheduled", "endogenous"}) == "endogenous";
  m.redeploy_share = r.number("redeploy_share", m.redeploy_share, kShare, "1");
  m.no_forced_redundancy = r.boolean("no_forced_redundancy", m.no_forced_redundancy);
  for (TableReader a : r.table_array("adopt")) {
    AdoptionParams ap;
    if (auto t = a.required_string("technology")) {
      bool ok = false;
      for (int i = 0; i < kTechnologies; ++i)
        if (kTechnologyLabels[i] == *t) ap.technology = static_cast<Technology>(i), ok = true;
      if (!ok) {
        std::string list;
        for (auto l : kTechnologyLabels) list += (list.empty() ? "" : ", ") + std::string(l);
        ctx.error(a.source_of("technology"), a.path() + ".technology",
                  fmt::format("must be one of {}, got '{}'", list, *t));
      }
    }
    if (auto s = a.required_month("start")) ap.start = *s;
    ap.ramp_months = static_cast<int>(a.integer("ramp_months", ap.ramp_months, 0, 600, "months"));
    ap.target_share = a.number("target_share", ap.target_share, kShare, "1");
    a.finish();
    m.adoptions.push_back(ap);
  }
  r.finish();
}

Scenario read_root(const toml::table& root, ReadContext& ctx) {
  Scenario s;
  s.file = ctx.file;
  s.technologies = default_technologies();
  s.prices = default_prices();
  TableReader r(ctx, &root, "", "");
  read_simulation(r.child("simulation"), s.simulation);
  read_labour(r.child("labour"), s.labour);
  read_demography(r.child("demography"), s.demography);
  read_wages(r.child("wages"), s.wages);
  read_economy(r.child("economy"), s.economy);
  read_mining(r.child("mining"), s.mining);
  read_suppliers(r.child("suppliers"), s.suppliers);
  read_local_economy(r.child("local_economy"), s.local_economy);

  TableReader prices = r.child("prices");
  for (int i = 0; i < kCommodities; ++i)
    read_price(prices.child(std::string(kCommodityLabels[i]).c_str()), s.prices[i]);
  prices.finish();

  TableReader tech = r.child("technology");
  for (int i = 0; i < kTechnologies; ++i) {
    const std::string name(kTechnologyLabels[i]);
    read_technology(tech.child(name.c_str()), s.technologies[i]);
  }
  tech.finish();

  for (auto& [name, cr] : r.named_tables("communities", "community")) {
    CommunityParams c;
    c.name = name;
    read_community(cr, c);
    s.communities.push_back(c);
  }
  if (s.communities.empty())
    ctx.error(root.source(), "communities", "a scenario needs at least one [communities.NAME]");
  read_asm(r.child("asm"), s.asm_params);
  std::vector<std::pair<std::string, toml::source_region>> site_mines;
  for (auto& [name, ar] : r.named_tables("asm_sites", "ASM site")) {
    AsmSiteParams a;
    a.name = name;
    read_asm_site(ar, a, s.communities);
    site_mines.emplace_back(a.displaced_by_mine_name, ar.source_of("displaced_by_mine"));
    // Whole workers, at least one (a site's curve needs a positive reference).
    const double k = s.asm_params.workers_scale;
    a.reference_workers =
        std::max<std::int64_t>(1, std::llround(static_cast<double>(a.reference_workers) * k));
    a.max_workers = std::llround(static_cast<double>(a.max_workers) * k);
    s.asm_sites.push_back(a);
  }
  for (auto& [name, tr] : r.named_tables("training", "training programme")) {
    TrainingParams t;
    t.name = name;
    read_training(tr, t, s.communities);
    s.training.push_back(t);
  }
  for (auto& [name, mr] : r.named_tables("mines", "mine")) {
    MineParams m;
    m.name = name;
    read_mine(mr, m, s.communities, s.mining);
    s.mines.push_back(std::move(m));
  }
  // ASM ground under a mine's industrial licence (resolved now that mines are known).
  for (std::size_t k = 0; k < s.asm_sites.size(); ++k) {
    const std::string& mine = site_mines[k].first;
    if (mine.empty()) continue;
    for (std::size_t m = 0; m < s.mines.size(); ++m)
      if (s.mines[m].name == mine) s.asm_sites[k].displaced_by_mine = static_cast<int>(m);
    if (s.asm_sites[k].displaced_by_mine < 0)
      ctx.error(site_mines[k].second, "asm_sites." + s.asm_sites[k].name + ".displaced_by_mine",
                fmt::format("no mine named '{}'", mine));
  }
  for (auto& [name, ir] : r.named_tables("interventions", "intervention")) {
    InterventionParams v;
    v.name = name;
    read_intervention(ir, v, s);
    if (v.type == InterventionType::kSkillsTraining) s.training.push_back(v.training);
    s.interventions.push_back(std::move(v));
  }
  r.finish();
  if (s.training.size() > 250)
    ctx.error(root.source(), "training",
              "at most 250 training programmes (with skills_training interventions) are supported");

  // Cross-checks between tables.
  const auto& l = s.labour;
  if (l.retirement_age <= l.working_age)
    ctx.error(r.child("labour").source_of("retirement_age"), "labour.retirement_age",
              fmt::format("must be above labour.working_age ({}), got {}", l.working_age,
                          l.retirement_age));
  std::int64_t agents = 0;
  for (const auto& c : s.communities)
    agents += static_cast<std::int64_t>(
        static_cast<double>(c.population) * s.simulation.population_scale + 0.5);
  if (agents > std::int64_t{4'000'000'000})
    ctx.error(root.source(), "simulation.population_scale",
              fmt::format("{} simulated persons exceed the limit of 4e9", agents));
  if (s.communities.size() > 65000)
    ctx.error(root.source(), "communities", "at most 65000 communities are supported");
  return s;
}

void parse_override(const std::string& text, ReadContext& ctx) {
  const auto eq = text.find('=');
  if (eq == std::string::npos || eq == 0) {
    ctx.diagnostics.add(
        {"<command line>", 1, 1, "", fmt::format("--set expects key.path=value, got '{}'", text)});
    return;
  }
  std::string key = text.substr(0, eq), value = text.substr(eq + 1);
  while (!key.empty() && key.back() == ' ') key.pop_back();
  auto doc = std::make_shared<toml::table>();
  try {
    *doc = toml::parse(key + " = " + value, std::string_view{"<command line>"});
  } catch (const toml::parse_error&) {
    try {  // a bare word is a string: --set mines.a.commodity=copper
      *doc = toml::parse(key + " = \"" + value + "\"", std::string_view{"<command line>"});
    } catch (const toml::parse_error& e) {
      ctx.diagnostics.add({"<command line>", 1, static_cast<int>(e.source().begin.column), key,
                           fmt::format("cannot parse --set value: {}", e.description())});
      return;
    }
  }
  const toml::node* n = doc->at_path(key).node();
  if (!n) {
    ctx.diagnostics.add({"<command line>", 1, 1, key, "cannot parse --set key"});
    return;
  }
  ctx.overrides[key] = Override{key, doc, n, false};
}

Scenario load(const toml::table& root, ReadContext& ctx) {
  Scenario s = read_root(root, ctx);
  for (auto& [path, o] : ctx.overrides) {
    if (o.used) continue;
    const std::string best = suggest(path, ctx.read_paths);
    ctx.diagnostics.add({"<command line>", 1, 1, path,
                         best.empty() ? std::string("unknown key")
                                      : fmt::format("unknown key; did you mean '{}'?", best)});
  }
  if (!ctx.diagnostics.empty()) throw ScenarioError(ctx.diagnostics);
  std::ostringstream os;
  os << toml::toml_formatter{ctx.resolved, toml::toml_formatter::default_flags |
                                               toml::format_flags::relaxed_float_precision};
  s.resolved_toml = os.str() + "\n";
  return s;
}

}  // namespace

std::array<PriceParams, kCommodities> default_prices() {
  std::array<PriceParams, kCommodities> p{};
  // Assumptions near 2024 market levels (no source in docs/calibration.md); ranges in docs.
  p[idx(Commodity::kGold)].base_usd = 2400;     // USD per troy ounce
  p[idx(Commodity::kCopper)].base_usd = 9500;   // USD per tonne
  p[idx(Commodity::kCobalt)].base_usd = 25000;  // USD per tonne
  // Low-carbon transition demand: copper and cobalt long-run level rising (assumption, 0-4%/yr).
  p[idx(Commodity::kCopper)].trend_per_year = 0.02;
  p[idx(Commodity::kCobalt)].trend_per_year = 0.02;
  return p;
}

std::array<TechnologyParams, kTechnologies> default_technologies() {
  std::array<TechnologyParams, kTechnologies> t{};
  for (int i = 0; i < kTechnologies; ++i) t[i].name = std::string(kTechnologyLabels[i]);
  const int haul = idx(Occupation::kHaulage), drill = idx(Occupation::kDrillingBlasting),
            proc = idx(Occupation::kProcessing), maint = idx(Occupation::kMaintenance),
            admin = idx(Occupation::kAdministration), tech = idx(Occupation::kTechnical);
  const int fuel = idx(Category::kConsumablesFuel), energy = idx(Category::kEnergy),
            digital = idx(Category::kEquipmentDigital), maint_c = idx(Category::kMaintenance);
  // Sources and ranges: docs/ODD.md §7 (technology catalogue).
  auto& ah = t[idx(Technology::kAutonomousHaulage)];
  ah.available = {2008, 1};               // Rio Tinto trial 2008
  ah.roles_removed_share[haul] = 0.85;    // assumption, range 0.6-1 (McNab et al. 2013: up to 75%
                                          // fewer operators mine-wide; Suncor: most haul roles)
  ah.roles_created_per_removed = 0.2;     // Suncor: ~500 roles out, ~100 in (derived)
  ah.remote_share = 0.7;                  // assumption, range 0.3-0.95
  ah.remote_abroad_share = 0.5;           // assumption, range 0-1
  ah.remote_female_share = 0.5;           // Fortescue remote operations centre, 2021
  ah.productivity_gain = 0.15;            // Rio Tinto, Fortescue: +15% to +30%
  ah.learning_months = 12;                // assumption (BHP Jimblebar under-performed, 2014)
  ah.learning_dip = 0.05;                 // assumption, range 0-0.2
  ah.incident_reduction = 0.2;            // assumption: BHP -80..-90% on haulage incidents
  ah.capex_usd_per_role_removed = 1.5e6;  // Suncor: ~US$5 M per truck / 3.3 roles (derived)
  ah.capex_decline_per_year = 0.05;       // assumption, range 0-0.1
  ah.capex_usd_fixed = 20e6;              // assumption: site systems and integration
  ah.ramp_months = 36;                    // assumption; leaders took 10-14 years (Rio Tinto)
  ah.procurement_change[fuel] = -0.1;     // assumption: smoother driving
  ah.procurement_change[digital] = 1.0;   // assumption: OEM licences, software, data
  ah.procurement_change[maint_c] = 0.05;  // assumption
  ah.diesel_change = -0.1;                // assumption

  auto& dr = t[idx(Technology::kAutomatedDrilling)];  // all assumptions
  dr.available = {2012, 1};
  dr.roles_removed_share[drill] = 0.5;
  dr.roles_created_per_removed = 0.25;
  dr.remote_share = 0.5;
  dr.remote_abroad_share = 0.3;
  dr.productivity_gain = 0.05;
  dr.learning_months = 6;
  dr.learning_dip = 0.02;
  dr.incident_reduction = 0.1;
  dr.capex_usd_per_role_removed = 8e5;
  dr.capex_decline_per_year = 0.05;
  dr.capex_usd_fixed = 5e6;  // assumption: site systems and integration
  dr.ramp_months = 24;
  dr.procurement_change[digital] = 0.4;

  auto& roc = t[idx(Technology::kRemoteOperationsCentre)];
  roc.available = {2008, 1};             // Rio Tinto Perth operations centre
  roc.roles_removed_share[tech] = 0.4;   // assumption: control roles leave the site
  roc.roles_removed_share[admin] = 0.2;  // assumption
  roc.roles_created_per_removed = 1.0;   // roles relocate rather than vanish (assumption)
  roc.remote_share = 1.0;                // Rio Tinto: ~400 staff in Perth ran 16 mines (2017)
  roc.remote_abroad_share = 0.3;         // assumption
  roc.remote_female_share = 0.5;         // Fortescue: ROC ~50% women (2021)
  roc.productivity_gain = 0.03;          // assumption
  roc.capex_usd_per_mtpa = 2e6;          // assumption
  roc.capex_decline_per_year = 0.03;
  roc.capex_usd_fixed = 15e6;  // assumption: site systems and integration
  roc.ramp_months = 18;
  roc.procurement_change[digital] = 0.5;
  roc.procurement_change[idx(Category::kCateringCamp)] = -0.1;  // fewer people on camp (assumption)

  auto& pm = t[idx(Technology::kPredictiveMaintenanceAi)];  // all assumptions
  pm.available = {2016, 1};
  pm.roles_removed_share[maint] = 0.15;
  pm.roles_created_per_removed = 0.3;
  pm.remote_share = 0.7;
  pm.remote_abroad_share = 0.7;
  pm.productivity_gain = 0.03;
  pm.capex_usd_per_mtpa = 2e6;
  pm.capex_decline_per_year = 0.08;
  pm.capex_usd_fixed = 5e6;  // assumption: site systems and integration
  pm.ramp_months = 12;
  pm.procurement_change[maint_c] = -0.1;
  pm.procurement_change[digital] = 0.3;

  auto& bev = t[idx(Technology::kBatteryElectricFleet)];
  bev.available = {2020, 1};          // Newmont Borden (all-electric underground)
  bev.incident_reduction = 0.05;      // assumption (no diesel particulates)
  bev.capex_usd_per_mtpa = 2e7;       // assumption: fleet and charging per Mt/yr
  bev.capex_decline_per_year = 0.07;  // assumption: battery cost learning
  bev.capex_usd_fixed = 20e6;         // assumption: site systems and integration
  bev.ramp_months = 36;
  bev.procurement_change[fuel] = -0.5;  // fuel spend moves to energy and batteries (Newmont)
  bev.procurement_change[energy] = 0.6;
  bev.procurement_change[digital] = 0.3;
  bev.diesel_change = -0.7;         // Borden: 70% lower GHG
  bev.electricity_change = 0.15;    // assumption: charging
  bev.ventilation_reduction = 0.5;  // assumption: no diesel exhaust to clear (Newmont)

  auto& pa = t[idx(Technology::kProcessAutomation)];  // all assumptions
  pa.available = {2010, 1};
  pa.roles_removed_share[proc] = 0.3;
  pa.roles_created_per_removed = 0.2;
  pa.remote_share = 0.3;
  pa.remote_abroad_share = 0.3;
  pa.productivity_gain = 0.04;
  pa.capex_usd_per_role_removed = 6e5;
  pa.capex_decline_per_year = 0.04;
  pa.capex_usd_fixed = 8e6;  // assumption: site systems and integration
  pa.ramp_months = 24;
  pa.procurement_change[digital] = 0.3;
  pa.electricity_change = 0.02;
  return t;
}

namespace {

// Overlay wins: tables merge key by key; any other value replaces the base's. Nodes are moved, so
// they keep their file positions for error messages.
void merge_into(toml::table& base, toml::table&& overlay) {
  for (auto&& [k, v] : overlay) {
    toml::node* existing = base.get(k.str());
    if (existing && existing->is_table() && v.is_table()) {
      merge_into(*existing->as_table(), std::move(*v.as_table()));
      continue;
    }
    const toml::key& key = k;  // clang 14 cannot capture a structured binding
    std::move(v).visit([&](auto&& x) { base.insert_or_assign(key, std::move(x)); });
  }
}

std::string read_text(const std::string& path, Diagnostics& d, const std::string& from, int line,
                      int col) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    d.add({from.empty() ? path : from, from.empty() ? 1 : line, from.empty() ? 1 : col,
           from.empty() ? "" : "extends",
           from.empty() ? "cannot open scenario file" : fmt::format("cannot open '{}'", path)});
    throw ScenarioError(d);
  }
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Parses `text` (named `name`); follows `extends = "BASE.toml"` (relative to the file) up to a
// depth of 8, merging this file over its base.
toml::table parse_with_base(const std::string& text, const std::string& name, ReadContext& ctx,
                            int depth) {
  toml::table root;
  try {
    root = toml::parse(text, std::string_view{name});
  } catch (const toml::parse_error& e) {
    ctx.diagnostics.add(
        {e.source().path ? *e.source().path : name, static_cast<int>(e.source().begin.line),
         static_cast<int>(e.source().begin.column), "", std::string(e.description())});
    throw ScenarioError(ctx.diagnostics);
  }
  const toml::node* ext = root.get("extends");
  if (!ext) return root;
  const auto where = ext->source();
  const auto* str = ext->as_string();
  if (!str) {
    ctx.error(where, "extends", "expected the path of a base scenario (a string)");
    throw ScenarioError(ctx.diagnostics);
  }
  if (depth >= 8) {
    ctx.error(where, "extends", "scenarios extend each other more than 8 levels deep");
    throw ScenarioError(ctx.diagnostics);
  }
  namespace fs = std::filesystem;
  const fs::path base_path = (fs::path(name).parent_path() / str->get()).lexically_normal();
  const std::string base_text =
      read_text(base_path.string(), ctx.diagnostics, name, static_cast<int>(where.begin.line),
                static_cast<int>(where.begin.column));
  toml::table base = parse_with_base(base_text, base_path.string(), ctx, depth + 1);
  root.erase("extends");
  merge_into(base, std::move(root));
  return base;
}

}  // namespace

Scenario load_scenario_string(const std::string& text, const std::string& name,
                              const std::vector<std::string>& overrides,
                              std::set<std::string>* schema_keys) {
  ReadContext ctx;
  ctx.file = name;
  ctx.schema_keys = schema_keys;
  for (const auto& o : overrides) parse_override(o, ctx);
  if (!ctx.diagnostics.empty()) throw ScenarioError(ctx.diagnostics);
  toml::table root = parse_with_base(text, name, ctx, 0);
  if (schema_keys) schema_keys->insert("extends");
  return load(root, ctx);
}

Scenario load_scenario_file(const std::string& path, const std::vector<std::string>& overrides) {
  Diagnostics d;
  return load_scenario_string(read_text(path, d, "", 0, 0), path, overrides);
}

}  // namespace minesim
