// What a fork's arm may change (docs/checkpoints.md, "What a fork may change"): interventions
// that start after the checkpoint's last month, prices whose path up to that month is the same,
// simulation.months (not shorter than the months recorded) and simulation.flush_months. Anything
// else, and any intervention in force by then that the arm adds, removes, changes or re-times,
// is refused with exit 2, naming the key and the date.
#include "app/fork_check.h"

#include <fmt/format.h>

#include <toml++/toml.h>
#include <map>
#include <sstream>

#include "core/errors.h"
#include "world/prices.h"

namespace minesim {

namespace {

// Every leaf key of a resolved scenario with its value as TOML text ("a.b.c" -> "1.5").
void flatten(const toml::table& t, const std::string& at, std::map<std::string, std::string>& out) {
  for (const auto& [k, node] : t) {
    const std::string key = at.empty() ? std::string(k.str()) : at + "." + std::string(k.str());
    if (const toml::table* sub = node.as_table()) {
      flatten(*sub, key, out);
      continue;
    }
    if (const auto* d = node.as_floating_point()) {  // shortest text that reads back exactly
      out[key] = fmt::format("{}", d->get());
      continue;
    }
    std::ostringstream os;
    node.visit([&](const auto& v) { os << v; });
    out[key] = os.str();
  }
}

std::map<std::string, std::string> keys_of(const Scenario& s) {
  std::map<std::string, std::string> out;
  flatten(toml::parse(s.resolved_toml), "", out);
  return out;
}

bool free_key(const std::string& k) {
  return k.starts_with("interventions.") || k.starts_with("prices.") || k == "simulation.months" ||
         k == "simulation.flush_months";
}

std::string ym(Month m) { return m.iso().substr(0, 7); }

// The interventions in force by the end of `last` (started by then), in scenario order.
std::vector<const InterventionParams*> in_force(const Scenario& s, Month last) {
  std::vector<const InterventionParams*> out;
  for (const auto& v : s.interventions)
    if (!(last < v.start)) out.push_back(&v);
  return out;
}

bool same_intervention(const InterventionParams& a, const InterventionParams& b) {
  return a.name == b.name && a.type == b.type && a.start == b.start && a.end == b.end &&
         a.ramp_months == b.ramp_months && a.text == b.text;
}

}  // namespace

void check_fork(const Scenario& base, const Scenario& arm, const ForkPoint& at) {
  const std::string tail = fmt::format(
      "; a fork may change only what happens after its checkpoint's last month, {} "
      "(docs/checkpoints.md)",
      ym(at.last));
  const std::string head = fmt::format("fork {}: ", at.arm_path);
  const auto a = keys_of(base), b = keys_of(arm);
  for (const auto& [k, v] : a) {
    if (free_key(k)) continue;
    const auto it = b.find(k);
    if (it == b.end() || it->second != v)
      throw UsageError(
          fmt::format("{}{} is {} in the arm and {} in the checkpoint's run; it "
                      "applies from the first month, {}{}",
                      head, k, it == b.end() ? "absent" : it->second, v,
                      ym(base.simulation.start.plus(-base.simulation.spinup_months)), tail));
  }
  for (const auto& [k, v] : b)
    if (!free_key(k) && !a.count(k))
      throw UsageError(fmt::format("{}{} is {} in the arm and absent in the checkpoint's run{}",
                                   head, k, v, tail));
  const auto fa = in_force(base, at.last), fb = in_force(arm, at.last);
  for (std::size_t i = 0; i < std::max(fa.size(), fb.size()); ++i) {
    const InterventionParams* x = i < fa.size() ? fa[i] : nullptr;
    const InterventionParams* y = i < fb.size() ? fb[i] : nullptr;
    if (x && y && same_intervention(*x, *y)) continue;
    const InterventionParams& v = x ? *x : *y;
    const char* what = !y                   ? "the arm removes it or starts it later"
                       : !x                 ? "the arm adds it"
                       : x->name != y->name ? "the arm orders it differently"
                                            : "the arm changes it";
    throw UsageError(fmt::format("{}interventions.{} starts {}, in force by {}: {}{}", head, v.name,
                                 ym(v.start), ym(at.last), what, tail));
  }
  if (arm.simulation.months < at.recorded_months)
    throw UsageError(
        fmt::format("{}simulation.months is {}, fewer than the checkpoint's {} "
                    "recorded months (to {}){}",
                    head, arm.simulation.months, at.recorded_months, ym(at.last), tail));
  const Month first = base.simulation.start.plus(-base.simulation.spinup_months);
  for (int k = 0; k < kCommodities; ++k) {
    const auto u = static_cast<std::uint32_t>(k);
    const auto pa = price_path(base.prices[k], base.simulation.seed, u, first, at.step);
    const auto pb = price_path(arm.prices[k], arm.simulation.seed, u, first, at.step);
    for (int t = 0; t < at.step; ++t)
      if (pa[static_cast<std::size_t>(t)] != pb[static_cast<std::size_t>(t)])
        throw UsageError(fmt::format(
            "{}prices.{}: the arm's price in {} differs from the "
            "checkpoint's run{}",
            head, kCommodityLabels[static_cast<std::size_t>(k)], ym(first.plus(t)), tail));
  }
}

void check_fork_state(const Scenario& base, const Scenario& arm, const World& w,
                      const ForkPoint& at) {
  // A person in training follows the programme of its index: the arm must run the same one there.
  const Persons& p = w.persons;
  for (std::size_t i = 0; i < p.size(); ++i) {
    if (p.training[i] == 0) continue;
    const std::size_t k = p.programme[i];
    if (k >= base.training.size() || k >= arm.training.size() ||
        base.training[k].name != arm.training[k].name)
      throw UsageError(fmt::format(
          "fork {}: training programme {} ('{}') has trainees at {}, and the arm's programme "
          "there is {}; a fork may change only what happens after its checkpoint "
          "(docs/checkpoints.md)",
          at.arm_path, k, k < base.training.size() ? base.training[k].name : "?", ym(at.last),
          k < arm.training.size() ? "'" + arm.training[k].name + "'" : "missing"));
  }
}

}  // namespace minesim
