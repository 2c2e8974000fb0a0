// The Morris analysis of a [sensitivity] plan after its members ran (app/ensemble_study.h): each
// indicator's value per member, averaged over the period, then scenario/morris.h.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <optional>

#include "app/ensemble_study.h"
#include "core/calendar.h"
#include "core/errors.h"
#include "io/ensemble_file.h"
#include "io/headlines.h"
#include "io/output_reader.h"
#include "world/variables.h"

namespace minesim::ensemble_detail {

namespace {

// The reduction of indicator `name`: the first headline of that variable that holds no axis at
// one label, as a whole (its split ignored); else the sum over every axis.
Headline indicator_headline(const std::string& name) {
  for (const Headline& h : headlines())
    if (h.variable == name && h.select_axis.empty()) {
      Headline whole = h;
      whole.split = {};
      return whole;
    }
  Headline sum;
  sum.variable = find_series(name) ? find_series(name)->name : std::string_view{};
  sum.unit = find_series(name) ? find_series(name)->units : std::string_view{};
  return sum;
}

Slab month_slab(const OutputReader& r, const VarInfo& v, std::size_t t, std::size_t member) {
  return {{v.dims.begin() + 1, v.dims.end()},
          {v.shape.begin() + 1, v.shape.end()},
          r.month(v, t, {}, member)};
}

// The indicator's mean over the period, per member.
std::vector<double> indicator_values(const OutputReader& r, const Headline& h,
                                     std::pair<std::size_t, std::size_t> period) {
  const VarInfo* v = r.find(h.variable);
  const VarInfo* w = h.weight.empty() ? nullptr : r.find(h.weight);
  if (!v || (!h.weight.empty() && !w))
    throw Error(exit_code::kInternal, fmt::format("no '{}' in the ensemble file", h.variable));
  std::vector<double> out;
  for (std::size_t m = 0; m < r.members(); ++m) {
    double sum = 0;
    for (std::size_t t = period.first; t <= period.second; ++t) {
      const Slab x = month_slab(r, *v, t, m);
      const std::optional<Slab> weight =
          w ? std::optional<Slab>(month_slab(r, *w, t, m)) : std::nullopt;
      sum += headline_values(h, x, weight ? &*weight : nullptr).at(0);
    }
    out.push_back(sum / static_cast<double>(period.second - period.first + 1));
  }
  return out;
}

std::string table(const Study& s, const std::vector<MorrisEffects>& effects,
                  const MorrisLayout& layout, double delta) {
  const auto& sens = *s.plan.sensitivity;
  std::string out = fmt::format(
      "Morris sensitivity: {} trajectories, {} levels (Delta = {:.4g}); effects per unit-cube "
      "step (a parameter's whole range), ranked by mu*\n",
      sens.trajectories, sens.levels, delta);
  std::size_t width = 9;
  for (const auto& p : sens.ranges) width = std::max(width, p.key.size());
  for (std::size_t i = 0; i < effects.size(); ++i) {
    out += fmt::format("\n{} ({})\n{:>4}  {:<{}}  {:>12}  {:>12}  {:>12}  {}\n", sens.indicators[i],
                       layout.units[i], "rank", "parameter", width, "mu*", "mu", "sigma", "range");
    int rank = 0;
    for (const int k : effects[i].ranking) {
      const auto& p = sens.ranges[static_cast<std::size_t>(k)];
      const auto j = static_cast<std::size_t>(k);
      out += fmt::format("{:>4}  {:<{}}  {:>12.5g}  {:>12.5g}  {:>12.5g}  [{}, {}]\n", ++rank,
                         p.key, width, effects[i].mu_star[j], effects[i].mu[j], effects[i].sigma[j],
                         p.lo, p.hi);
    }
  }
  return out;
}

}  // namespace

std::pair<std::size_t, std::size_t> morris_period(const Study& s, Month first, std::size_t months) {
  if (!s.plan.sensitivity->period) return {months > 12 ? months - 12 : 0, months - 1};
  const auto [from, to] = *s.plan.sensitivity->period;
  const int a = months_between(first, from), b = months_between(first, to);
  if (a < 0 || b >= static_cast<int>(months))
    throw UsageError(fmt::format(
        "{}: sensitivity.period: [{}, {}] is outside the recorded months ({} months from {})",
        s.plan.file, from.iso().substr(0, 7), to.iso().substr(0, 7), months,
        first.iso().substr(0, 7)));
  return {static_cast<std::size_t>(a), static_cast<std::size_t>(b)};
}

void check_morris(const Study& s) {
  const auto& sens = *s.plan.sensitivity;
  if (s.plan.arms.size() != 1)
    throw UsageError(fmt::format(
        "{}: a [sensitivity] plan analyses one scenario: give one arm (this plan has {})",
        s.plan.file, s.plan.arms.size()));
  const auto kept = [&](std::string_view v) {
    return s.plan.variables.empty() ||
           std::find(s.plan.variables.begin(), s.plan.variables.end(), v) != s.plan.variables.end();
  };
  for (const std::string& name : sens.indicators) {
    if (!find_series(name))
      throw UsageError(fmt::format(
          "{}: sensitivity.indicators: '{}' is not an output variable (docs/output.md lists them)",
          s.plan.file, name));
    const Headline h = indicator_headline(name);
    for (const std::string_view v : {h.variable, h.weight})
      if (!v.empty() && !kept(v))
        throw UsageError(fmt::format(
            "{}: sensitivity.indicators: '{}' needs the variable '{}', which `variables` drops",
            s.plan.file, name, v));
  }
}

MorrisLayout morris_layout(const Study& s) {
  const auto& sens = *s.plan.sensitivity;
  MorrisLayout m;
  m.indicators = sens.indicators;
  for (const std::string& name : sens.indicators)
    m.units.emplace_back(indicator_headline(name).unit);
  for (const auto& p : sens.ranges) m.parameters.push_back(p.key);
  m.trajectories = sens.trajectories;
  return m;
}

std::string morris_analysis(const Study& s, const std::string& path) {
  const auto& sens = *s.plan.sensitivity;
  const std::vector<MorrisTrajectory> design = morris_plan_design(sens);
  const double delta = morris_delta(sens.levels);
  const std::size_t k = sens.ranges.size(), r_count = design.size();
  std::vector<MorrisEffects> effects;
  {
    const OutputReader r(path, false);                    // this ensemble's own file
    const std::string start = r.attribute("start_date");  // YYYY-MM-DD
    const auto period = morris_period(
        s, Month{std::stoi(start.substr(0, 4)), std::stoi(start.substr(5, 2))}, r.months());
    for (const std::string& name : sens.indicators) {
      const std::vector<double> y = indicator_values(r, indicator_headline(name), period);
      std::vector<std::vector<double>> rows(r_count);
      for (std::size_t m = 0; m < s.members.size(); ++m)  // one arm: member m is point m
        rows[m / (k + 1)].push_back(y[m]);
      effects.push_back(morris_effects(design, rows, delta));
    }
  }
  MorrisValues v;
  for (const MorrisEffects& e : effects) {
    std::vector<double> rank(k);
    for (std::size_t i = 0; i < k; ++i) rank[static_cast<std::size_t>(e.ranking[i])] = i + 1.0;
    v.mu_star.insert(v.mu_star.end(), e.mu_star.begin(), e.mu_star.end());
    v.mu.insert(v.mu.end(), e.mu.begin(), e.mu.end());
    v.sigma.insert(v.sigma.end(), e.sigma.begin(), e.sigma.end());
    v.rank.insert(v.rank.end(), rank.begin(), rank.end());
    for (const auto& row : e.ee) v.ee.insert(v.ee.end(), row.begin(), row.end());
  }
  write_morris_values(path, v);
  return table(s, effects, morris_layout(s), delta);
}

}  // namespace minesim::ensemble_detail
