// `minesim compare` on an ensemble file, statistics: per headline indicator, arm (and point, with
// a sweep) and date, the arm's members' mean, p05 and p95 (core/stats.h), and the paired effect
// against the baseline arm over the (seed, point) pairs common to both with its t interval. A
// month is a value; a year or a period is the mean of stocks and ratios and the sum of flows over
// its recorded months; `cumulated` sums flows over all recorded months (all members share them),
// and --discount adds present values of money flows, discounted monthly from the first month.
#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <functional>
#include <limits>
#include <map>
#include <set>

#include "app/compare.h"
#include "app/compare_ensemble.h"

namespace minesim::compare_detail {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

struct When {
  std::string title, label;
  std::vector<std::size_t> idx;  // recorded months, by index
  bool one_month = false;
};

std::string range_of(const Ensemble& e) {
  return fmt::format("{} to {}", iso_month(e.time.months.front()), iso_month(e.time.months.back()));
}

When months_between(const Ensemble& e, chr::year_month from, chr::year_month to,
                    const std::string& option, const std::string& label, const std::string& what) {
  When w{fmt::format("{} ({}: mean of stocks and ratios, sum of flows)", label, what), label, {}};
  for (std::size_t i = 0; i < e.time.months.size(); ++i)
    if (from <= e.time.months[i] && e.time.months[i] <= to) w.idx.push_back(i);
  if (w.idx.empty())
    throw UsageError(
        fmt::format("{}: outside the months recorded in {} ({})", option, e.path, range_of(e)));
  return w;
}

bool is_year(std::string_view s) {
  return s.size() == 4 && std::all_of(s.begin(), s.end(), [](char c) {
           return std::isdigit(static_cast<unsigned char>(c));
         });
}

When at_date(const Ensemble& e, const std::string& a) {
  if (is_year(a)) {
    const chr::year y{std::stoi(a)};
    return months_between(e, y / chr::January, y / chr::December, "--at " + a, a,
                          "its recorded months");
  }
  const auto ymd = parse_date(a, true);
  if (!ymd)
    throw UsageError(fmt::format("--at: '{}' is not a date YYYY, YYYY-MM or YYYY-MM-DD", a));
  const chr::sys_days day{*ymd};
  for (std::size_t i = 0; i < e.time.begin.size(); ++i)
    if (e.time.begin[i] <= day && day < e.time.end[i]) {
      const std::string m = iso_month(e.time.months[i]);
      return {"at " + m, m, {i}, true};
    }
  throw UsageError(
      fmt::format("--at {}: outside the months recorded in {} ({})", a, e.path, range_of(e)));
}

When period(const Ensemble& e, const std::string& p) {
  const auto dots = p.find("..");
  const auto from = dots == std::string::npos ? std::nullopt : parse_date(p.substr(0, dots), true);
  const auto to = dots == std::string::npos ? std::nullopt : parse_date(p.substr(dots + 2), true);
  if (!from || !to || to->year() / to->month() < from->year() / from->month())
    throw UsageError(
        fmt::format("--period: '{}' is not FROM..TO with months YYYY-MM, FROM <= TO", p));
  const chr::year_month f = from->year() / from->month(), t = to->year() / to->month();
  return months_between(e, f, t, "--period " + p, iso_month(f) + ".." + iso_month(t),
                        "its recorded months");
}

std::vector<When> dates(const Ensemble& e, const CompareOptions& o) {
  std::vector<When> out;
  for (const auto& a : o.at) out.push_back(at_date(e, a));
  for (const auto& p : o.periods) out.push_back(period(e, p));
  if (out.empty()) {
    const std::size_t last = e.time.months.size() - 1;
    out.push_back(
        {"at " + iso_month(e.time.months[last]), iso_month(e.time.months[last]), {last}, true});
  }
  std::set<std::string> seen;
  std::erase_if(out, [&](const When& w) { return !seen.insert(w.label).second; });
  return out;
}

// A member's value at `w`: the month's value, else the NaN-aware sum (flows) or mean.
double reduce(const std::vector<double>& series, const When& w, bool flow) {
  if (w.one_month) return series[w.idx[0]];
  double sum = 0;
  std::size_t n = 0;
  for (std::size_t i : w.idx)
    if (!std::isnan(series[i])) {
      sum += series[i];
      ++n;
    }
  if (n == 0) return kNaN;
  return flow ? sum : sum / static_cast<double>(n);
}

using ValueOf = std::function<double(const std::vector<double>&)>;

struct Context {
  const Ensemble& e;
  const std::string& baseline;
};

// The lines of one indicator (and value function) for every arm, and every point with a sweep.
// `series`: the name of the row whose values are reduced (row.name unless a derived row).
void add_lines(const Context& cx, const Scope& s, const Row& row, const std::string& unit,
               const ValueOf& value, EnsBlock& b, const std::string& series = "") {
  auto value_of = [&](std::size_t m) {
    const auto it = s.runs[m].values.find(series.empty() ? row.name : series);
    return it == s.runs[m].values.end() ? kNaN : value(it->second);
  };
  std::map<std::pair<long, long>, double> base;  // (seed, point) -> the baseline's value
  for (std::size_t m = 0; m < cx.e.members.size(); ++m)
    if (cx.e.members[m].completed && cx.e.members[m].arm == cx.baseline)
      base[{cx.e.members[m].seed, cx.e.members[m].point}] = value_of(m);
  for (const auto& arm : cx.e.arms) {
    std::set<long> points;
    for (const auto& mem : cx.e.members)
      if (mem.arm == arm) points.insert(cx.e.sweep ? mem.point : 0);
    for (long point : points) {
      std::vector<double> values, diffs;
      for (std::size_t m = 0; m < cx.e.members.size(); ++m) {
        const Member& mem = cx.e.members[m];
        if (!mem.completed || mem.arm != arm || (cx.e.sweep && mem.point != point)) continue;
        const double x = value_of(m);
        values.push_back(x);
        const auto it = base.find({mem.seed, mem.point});
        if (it != base.end()) diffs.push_back(x - it->second);
      }
      EnsLine l{row, unit, arm, s.community, point, stats::summarise(values), std::nullopt};
      if (arm != cx.baseline) l.effect = stats::paired_effect(diffs);
      b.lines.push_back(std::move(l));
    }
  }
}

bool is_money(const Row& r) {
  return !r.total_unit.empty() && (r.style == Style::kUsd || r.style == Style::kUsdCents);
}

void add_blocks(const Context& cx, const Scope& s, const std::vector<When>& whens,
                std::optional<double> discount, EnsComparison& c) {
  const std::string where = s.community.empty() ? "" : ", community " + s.community;
  for (const When& w : whens) {
    EnsBlock b{w.title + where, w.label, s.community, {}};
    for (const Row& row : s.rows) {
      const bool flow = !row.total_unit.empty();
      add_lines(
          cx, s, row, flow && !w.one_month ? row.total_unit : row.unit,
          [&](const std::vector<double>& x) { return reduce(x, w, flow); }, b);
    }
    c.blocks.push_back(std::move(b));
  }
  const auto& months = cx.e.time.months;
  When all{"", "cumulated", {}, false};
  for (std::size_t i = 0; i < months.size(); ++i) all.idx.push_back(i);
  EnsBlock b{fmt::format("cumulated over {} to {} ({} months){}", iso_month(months.front()),
                         iso_month(months.back()), months.size(), where),
             "cumulated",
             s.community,
             {}};
  for (const Row& row : s.rows) {
    if (row.total_unit.empty()) continue;
    add_lines(
        cx, s, row, row.total_unit,
        [&](const std::vector<double>& x) { return reduce(x, all, true); }, b);
    if (!discount || !is_money(row)) continue;
    Row pv = row;
    pv.name = fmt::format("{}, discounted at {}%/year", row.name, *discount * 100);
    const std::string unit =
        fmt::format("{} (present value at {})", row.total_unit, iso_month(months.front()));
    const double r = *discount;
    add_lines(
        cx, s, pv, unit,
        [&](const std::vector<double>& x) {
          double sum = kNaN;
          for (std::size_t i = 0; i < x.size(); ++i) {
            if (std::isnan(x[i])) continue;
            const double t = (months[i] - months.front()).count();
            const double d = x[i] / std::pow(1 + r, t / 12.0);
            sum = std::isnan(sum) ? d : sum + d;
          }
          return sum;
        },
        b, row.name);
  }
  c.blocks.push_back(std::move(b));
}

std::string choose_baseline(const Ensemble& e, const CompareOptions& o) {
  auto has = [&](const std::string& a) {
    return std::find(e.arms.begin(), e.arms.end(), a) != e.arms.end();
  };
  if (!o.baseline.empty()) {
    if (!has(o.baseline))
      throw UsageError(fmt::format("--baseline {}: no such arm in {} (arms: {})", o.baseline,
                                   e.path, fmt::join(e.arms, ", ")));
    return o.baseline;
  }
  return has(e.baseline) ? e.baseline : e.arms.front();
}

void describe(const Ensemble& e, const std::string& baseline, EnsComparison& c) {
  c.header.push_back(fmt::format("ensemble {}: {}, population scale {}, {} ({} months)", e.path,
                                 e.title, e.population_scale, range_of(e), e.time.months.size()));
  for (const auto& arm : e.arms) {
    std::size_t n = 0, done = 0;
    for (const auto& m : e.members)
      if (m.arm == arm) {
        ++n;
        done += m.completed ? 1 : 0;
      }
    c.header.push_back(fmt::format("arm {}: {} members, {} complete{}", arm, n, done,
                                   arm == baseline ? " (baseline)" : ""));
    if (done < n)
      c.notes.push_back(fmt::format("arm {}: {} of {} members are not complete and are left out",
                                    arm, n - done, n));
  }
  if (!e.parameters.empty())
    c.header.push_back(fmt::format("swept: {}; effects are paired by seed within each point",
                                   fmt::join(e.parameters, ", ")));
  c.header.push_back(fmt::format(
      "effect: arm minus {} per seed{} common to both, their mean and mean +- t(0.975, n-1) "
      "s/sqrt(n)",
      baseline, e.sweep ? " and point" : ""));
  if (!e.scopes.empty() && !e.scopes[0].skipped.empty())
    c.notes.push_back(fmt::format("--by community leaves out {} (no community axis)",
                                  fmt::join(e.scopes[0].skipped, ", ")));
}

}  // namespace

EnsComparison compare_ensemble(const Ensemble& e, const CompareOptions& o) {
  if (e.arms.empty()) throw UsageError(fmt::format("{} has no members", e.path));
  EnsComparison c;
  c.sweep = e.sweep;
  c.by_community = o.by == "community";
  const std::string baseline = choose_baseline(e, o);
  describe(e, baseline, c);
  const std::vector<When> whens = dates(e, o);
  const Context cx{e, baseline};
  for (const Scope& s : e.scopes) add_blocks(cx, s, whens, o.discount, c);
  return c;
}

}  // namespace minesim::compare_detail
