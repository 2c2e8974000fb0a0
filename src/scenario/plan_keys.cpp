// Checking an ensemble plan's swept keys against an arm's scenario (scenario/plan.h
// check_swept_keys): each must be a numeric key of the scenario, swept inside its documented range;
// and taking a range given as "documented" from the scenario (resolve_documented_ranges).
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <set>

#include "scenario/plan.h"
#include "scenario/reader_detail.h"

namespace minesim {

namespace {

bool inside(double v, Range r) { return (r.min_open ? v > r.min : v >= r.min) && v <= r.max; }

struct Swept {
  const char* where;  // the plan's table
  const std::vector<Plan::Param>* params;
  bool ranges;
};

std::string no_key_message(const Plan::Arm& a, const std::string& key, const KeyRanges& ranges) {
  std::set<std::string> keys;
  for (const auto& [k, r] : ranges) keys.insert(k);
  const std::string best = suggest(key, keys);
  return fmt::format("arm '{}' ({}) has no numeric key '{}'{}", a.name, a.scenario, key,
                     best.empty() ? "" : fmt::format("; did you mean '{}'?", best));
}

// Why `r` cannot serve as a swept range as documented ("" when it can).
std::string unusable_range(Range r) {
  if (!std::isfinite(r.min) || !std::isfinite(r.max))
    return "is not finite, so it cannot be swept as documented: give [lo, hi]";
  if (r.min_open)
    return fmt::format(
        "excludes its lower end {}, so it cannot be swept as documented: give "
        "[lo, hi] with lo > {}",
        r.min, r.min);
  if (!(r.min < r.max)) return "is a single value: there is nothing to sweep";
  return "";
}

}  // namespace

bool has_documented_ranges(const Plan& plan) {
  const auto any = [](const std::vector<Plan::Param>& ps) {
    return std::any_of(ps.begin(), ps.end(), [](const Plan::Param& p) { return p.documented; });
  };
  return (plan.sweep && any(plan.sweep->ranges)) ||
         (plan.sensitivity && any(plan.sensitivity->ranges));
}

void resolve_documented_ranges(Plan& plan, std::size_t arm, const KeyRanges& ranges,
                               Diagnostics& d) {
  const Plan::Arm& a = plan.arms.at(arm);
  std::vector<std::pair<const char*, std::vector<Plan::Param>*>> lists;
  if (plan.sweep) lists.emplace_back("sweep.ranges", &plan.sweep->ranges);
  if (plan.sensitivity) lists.emplace_back("sensitivity.ranges", &plan.sensitivity->ranges);
  for (auto& list : lists)  // not a structured binding: a lambda below names the table (clang 14)
    for (Plan::Param& p : *list.second) {
      const char* where = list.first;
      if (!p.documented) continue;
      const auto add = [&](const std::string& message) {
        d.add({plan.file, p.line, p.column, fmt::format("{}.{}", where, p.key), message});
      };
      const auto it = ranges.find(p.key);
      if (it == ranges.end()) {
        add(no_key_message(a, p.key, ranges));
        continue;
      }
      const std::string text = reader_detail::range_text(it->second, "");
      if (const std::string why = unusable_range(it->second); !why.empty()) {
        add(fmt::format("the key's documented range in arm '{}' ({}) {}", a.name, text, why));
        continue;
      }
      const bool resolved = p.lo < p.hi;  // by an earlier arm
      if (resolved && (p.lo != it->second.min || p.hi != it->second.max)) {
        add(
            fmt::format("the key's documented range differs between arms ({} in an earlier arm, "
                        "{} in '{}'): give [lo, hi]",
                        reader_detail::range_text(Range{p.lo, p.hi}, ""), text, a.name));
        continue;
      }
      p.lo = it->second.min, p.hi = it->second.max;
    }
}

void check_swept_keys(const Plan& plan, std::size_t arm, const KeyRanges& ranges, Diagnostics& d) {
  const Plan::Arm& a = plan.arms.at(arm);
  std::vector<Swept> swept;
  if (plan.sweep) {
    swept.push_back({"sweep.values", &plan.sweep->values, false});
    swept.push_back({"sweep.ranges", &plan.sweep->ranges, true});
  }
  if (plan.sensitivity) swept.push_back({"sensitivity.ranges", &plan.sensitivity->ranges, true});
  for (const Swept& s : swept)
    for (const Plan::Param& p : *s.params) {
      const auto add = [&](const std::string& message) {
        d.add({plan.file, p.line, p.column, fmt::format("{}.{}", s.where, p.key), message});
      };
      const auto it = ranges.find(p.key);
      if (it == ranges.end()) {
        if (!p.documented) add(no_key_message(a, p.key, ranges));  // else reported on resolving
        continue;
      }
      const std::string documented = reader_detail::range_text(it->second, "");
      if (s.ranges && !(inside(p.lo, it->second) && inside(p.hi, it->second)))
        add(fmt::format("[{}, {}] is wider than the key's documented range in arm '{}': {}", p.lo,
                        p.hi, a.name, documented));
      for (const double v : p.values)
        if (!inside(v, it->second))
          add(fmt::format("{} is outside the key's documented range in arm '{}': {}", v, a.name,
                          documented));
    }
}

}  // namespace minesim
