// Readers of [interventions.*] (the common keys; each lever reads its own in src/policies/) and
// [training.*], and of the names they target.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <set>
#include <sstream>

#include "scenario/schema.h"

namespace minesim {

// Names listed under `key`, each a `kind` among `names`, resolved (errors for unknown ones).
std::vector<int> read_targets(TableReader& r, const char* key,
                              const std::vector<std::string>& names, std::string_view kind) {
  std::vector<int> out;
  for (const auto& name : r.string_list(key, {}))
    if (auto i = find_name(r.context(), names, name, kind, r.source_of(key), r.path() + "." + key))
      out.push_back(*i);
  return out;
}

namespace {

// The lever (`type`); false when it is missing or unknown. An unknown type is reported with the
// closest lever's name; the lever's own keys are then not reported as unknown (they may well be
// right for the lever meant).
bool read_type(TableReader& r, InterventionParams& v) {
  const auto t = r.required_string("type");
  if (!t) return false;
  const auto it = std::find(kInterventionLabels.begin(), kInterventionLabels.end(), *t);
  if (it == kInterventionLabels.end()) {
    std::string list;
    for (auto l : kInterventionLabels) list += (list.empty() ? "" : ", ") + std::string(l);
    std::set<std::string> levers;
    for (auto l : kInterventionLabels) levers.emplace(l);
    const std::string best = suggest(*t, levers);
    r.context().error(r.source_of("type"), r.path() + ".type",
                      fmt::format("must be one of {}, got '{}'{}", list, *t,
                                  best.empty() ? "" : fmt::format("; did you mean '{}'?", best)));
    return false;
  }
  v.type = static_cast<InterventionType>(it - kInterventionLabels.begin());
  return true;
}

// The common keys: when it is in force, its targets and its budget.
void read_common(TableReader& r, InterventionParams& v, const Scenario& s) {
  if (auto m = r.required_month("start")) v.start = *m;
  if (r.has("end")) {
    v.end = r.month("end", v.start);
    if (!(v.start < *v.end))
      r.context().error(r.source_of("end"), r.path() + ".end",
                        fmt::format("must be after start ({})", v.start.iso()));
  } else {
    r.known("end");  // absent means no end (and stays absent in the resolved scenario)
  }
  v.ramp_months = static_cast<int>(r.integer("ramp_months", 0, 0, 600, "months"));
  v.communities = read_targets(r, "communities", names_of(s.communities), "community");
  v.mines = read_targets(r, "mines", names_of(s.mines), "mine");
  v.budget_usd = r.number("budget_usd", 0, Range{0, 1e11}, "USD per month at full strength");
  v.payer = enum_of<Payer>(kPayerLabels, r.string("payer", "government", labels(kPayerLabels)));
}

}  // namespace

void read_intervention(TableReader r, InterventionParams& v, Scenario& s,
                       const LeverReaders& levers) {
  if (!read_type(r, v)) {
    // A misspelled type: the common keys' errors are real whatever the lever was meant to be (no
    // finish(), see read_type). A missing one may be a misspelled name in an override: no more.
    if (r.has("type")) read_common(r, v, s);
    return;
  }
  read_common(r, v, s);
  v.params = levers[static_cast<std::size_t>(idx(v.type))](r, v, s);
  if (const toml::table* t = r.table()) {
    std::ostringstream os;
    os << toml::toml_formatter{
        *t, toml::toml_formatter::default_flags | toml::format_flags::relaxed_float_precision};
    v.text = os.str();
  }
  r.finish();
}

void read_course(TableReader& r, TrainingParams& t) {
  if (auto c = r.required_integer("capacity", 0, 100'000'000, "persons in training at once"))
    t.capacity = *c;
  t.duration_months =
      static_cast<int>(r.integer("duration_months", t.duration_months, 1, 120, "months"));
  t.cost_usd = r.number("cost_usd", t.cost_usd, Range{0, 1e6}, "USD per trainee");
  t.min_skill = enum_of<Skill>(kSkillLabels, r.string("min_skill", "low", labels(kSkillLabels)));
  t.pass_rate = r.number("pass_rate", t.pass_rate, kShare, "1");
  t.women_quota = r.number("women_quota", t.women_quota, kShare, "share of seats");
  t.female_barrier = r.number("female_barrier", t.female_barrier, kShare, "probability");
}

void read_training(TableReader r, TrainingParams& t,
                   const std::vector<CommunityParams>& communities) {
  t.communities = read_targets(r, "communities", names_of(communities), "community");
  t.start = r.month("start", t.start);
  t.end = r.month("end", t.end);
  if (!(t.start < t.end))
    r.context().error(r.source_of("end"), r.path() + ".end",
                      fmt::format("must be after start ({})", t.start.iso()));
  read_course(r, t);
  t.payer = enum_of<Payer>(kPayerLabels, r.string("payer", "government", labels(kPayerLabels)));
  r.finish();
}

}  // namespace minesim
