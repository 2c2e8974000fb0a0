// Readers of [interventions.*] and [training.*], and of the names they target.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <sstream>

#include "scenario/schema.h"

namespace minesim {

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

}  // namespace minesim
