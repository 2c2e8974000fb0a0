// Checking an ensemble plan's swept keys against an arm's scenario (scenario/plan.h
// check_swept_keys): each must be a numeric key of the scenario, swept inside its documented range.
#include <fmt/format.h>

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

}  // namespace

void check_swept_keys(const Plan& plan, std::size_t arm, const KeyRanges& ranges, Diagnostics& d) {
  const Plan::Arm& a = plan.arms.at(arm);
  std::vector<Swept> swept;
  if (plan.sweep) {
    swept.push_back({"sweep.values", &plan.sweep->values, false});
    swept.push_back({"sweep.ranges", &plan.sweep->ranges, true});
  }
  if (plan.sensitivity) swept.push_back({"sensitivity.ranges", &plan.sensitivity->ranges, true});
  std::set<std::string> keys;
  for (const auto& [key, r] : ranges) keys.insert(key);
  for (const Swept& s : swept)
    for (const Plan::Param& p : *s.params) {
      const auto add = [&](const std::string& message) {
        d.add({plan.file, p.line, p.column, fmt::format("{}.{}", s.where, p.key), message});
      };
      const auto it = ranges.find(p.key);
      if (it == ranges.end()) {
        const std::string best = suggest(p.key, keys);
        add(fmt::format("arm '{}' ({}) has no numeric key '{}'{}", a.name, a.scenario, p.key,
                        best.empty() ? "" : fmt::format("; did you mean '{}'?", best)));
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
