// Reading an ensemble plan (scenario/plan.h) with the scenario reader: the root keys, the arms and
// their --set overrides, [sweep] and [sensitivity]. Members are expanded in plan_members.cpp.
#include "scenario/plan.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <limits>
#include <set>
#include <sstream>

#include "scenario/diagnostics.h"
#include "scenario/load.h"
#include "scenario/reader.h"
#include "scenario/reader_detail.h"

namespace minesim {

namespace {

using namespace reader_detail;
namespace fs = std::filesystem;

constexpr std::int64_t kMaxPoints = 100000;  // points of a sweep
constexpr std::int64_t kMaxSeeds = 100000;   // replicates

using Leaf = std::pair<std::string, const toml::node*>;

// The values under `t` as dotted paths (`{ "a.b" = 1, c = { d = 2 } }`: a.b and c.d), in the
// order they appear in the text (toml++ keeps a table's keys sorted, not in file order).
void collect_leaves(const toml::table& t, const std::string& prefix, std::vector<Leaf>& out) {
  for (auto&& [k, v] : t) {
    const std::string path = prefix + std::string(k.str());
    if (const toml::table* sub = v.as_table())
      collect_leaves(*sub, path + ".", out);
    else
      out.emplace_back(path, &v);
  }
}

bool before(const toml::source_region& a, const toml::source_region& b) {
  return std::pair(a.begin.line, a.begin.column) < std::pair(b.begin.line, b.begin.column);
}

std::vector<Leaf> leaves_in_order(const toml::table& t) {
  std::vector<Leaf> out;
  collect_leaves(t, "", out);
  std::stable_sort(out.begin(), out.end(), [](const Leaf& a, const Leaf& b) {
    return before(a.second->source(), b.second->source());
  });
  return out;
}

// A TOML value as the text `--set key=VALUE` reads back as the same value (a float keeps a '.').
std::string value_text(const toml::node& n) {
  if (auto i = n.as_integer()) return fmt::format("{}", i->get());
  if (auto f = n.as_floating_point()) {
    std::string s = fmt::format("{}", f->get());
    if (s.find_first_of(".eEna") == std::string::npos) s += ".0";
    return s;
  }
  std::ostringstream os;
  os << toml::toml_formatter{
      n, toml::toml_formatter::default_flags | toml::format_flags::relaxed_float_precision};
  return os.str();
}

// The table at `key` of `r` (marked as known), or null (absent, or reported when not a table).
const toml::table* sub_table(TableReader& r, const char* key, const char* what) {
  r.known(key);
  const toml::node* n = r.table() ? r.table()->get(key) : nullptr;
  if (!n) return nullptr;
  if (!n->as_table())
    r.context().error(n->source(), r.path().empty() ? key : r.path() + "." + key,
                      fmt::format("expected a table of {}, got {}", what, type_name(*n)));
  return n->as_table();
}

// Whether `key` (a path under `where`) can be a --set key; reports it when not.
bool check_key(ReadContext& ctx, const std::string& key, const toml::node& n,
               const std::string& where) {
  if (bare_key_path(key)) return true;
  ctx.error(n.source(), where + "." + printable(key),
            "a key path is a dotted path of names made of letters, digits, '_' and '-'");
  return false;
}

// [sweep.values] (ranges = false: non-empty number lists) or a `ranges` table ([lo, hi], or
// "documented": the key's documented range, resolved once an arm's scenario is loaded).
std::vector<Plan::Param> read_params(TableReader& r, const char* key, bool ranges) {
  ReadContext& ctx = r.context();
  std::vector<Plan::Param> out;
  const toml::table* t = sub_table(r, key, "key.path = [numbers]");
  if (!t) return out;
  std::set<std::string> seen;
  for (const auto& [path, n] : leaves_in_order(*t)) {
    const std::string where = r.path() + "." + key;
    const std::string full = where + "." + printable(path);
    if (!check_key(ctx, path, *n, where)) continue;
    if (!seen.insert(path).second) {
      ctx.error(n->source(), full, "this key path is given twice");
      continue;
    }
    const toml::array* a = n->as_array();
    Plan::Param p{path,
                  {},
                  0,
                  0,
                  static_cast<int>(n->source().begin.line),
                  static_cast<int>(n->source().begin.column)};
    if (ranges && n->value<std::string>() == "documented") {
      p.documented = true;
      out.push_back(std::move(p));
      continue;
    }
    bool ok = a && !a->empty() && (!ranges || a->size() == 2);
    for (std::size_t i = 0; ok && i < a->size(); ++i) {
      const auto x = as_number((*a)[i]);
      ok = x && std::isfinite(*x);
      if (ok) p.values.push_back(*x);
    }
    if (!ok) {
      ctx.error(n->source(), full,
                ranges ? "expected [lo, hi], two finite numbers, or \"documented\" (the key's "
                         "documented range)"
                       : "expected a non-empty array of finite numbers");
      continue;
    }
    if (ranges) {
      p.lo = p.values[0], p.hi = p.values[1];
      p.values.clear();
      if (!(p.lo < p.hi)) {
        ctx.error(n->source(), full,
                  fmt::format("a range [lo, hi] needs lo < hi, got [{}, {}]", p.lo, p.hi));
        continue;
      }
    }
    out.push_back(std::move(p));
  }
  return out;
}

// The number of grid points, or kMaxPoints + 1 when over the limit (no overflow).
std::int64_t grid_size(const std::vector<Plan::Param>& values) {
  std::int64_t n = 1;
  for (const auto& p : values) {
    n *= static_cast<std::int64_t>(p.values.size());
    if (n > kMaxPoints) return kMaxPoints + 1;
  }
  return n;
}

void check_sweep(TableReader& r, const Plan::Sweep& s, bool has_samples) {
  ReadContext& ctx = r.context();
  if (s.method == "grid") {
    if (has_samples)
      ctx.error(r.source_of("samples"), "sweep.samples",
                "a grid sweep runs every combination of [sweep.values]; samples is for lhs and "
                "sobol");
    if (r.has("ranges"))
      ctx.error(r.source_of("ranges"), "sweep.ranges",
                "a grid sweep takes [sweep.values]; ranges are for lhs and sobol");
    if (!r.has("values"))
      ctx.error(r.where(), "sweep.values", "a grid sweep needs [sweep.values]");
    else if (grid_size(s.values) > kMaxPoints)
      ctx.error(r.source_of("values"), "sweep.values",
                fmt::format("the grid has more than {} points", kMaxPoints));
    return;
  }
  if (!has_samples)
    ctx.error(r.where(), "sweep.samples",
              fmt::format("required key is missing (the number of {} points, an integer {})",
                          s.method, int_range_text(1, kMaxPoints, "")));
  if (r.has("values"))
    ctx.error(r.source_of("values"), "sweep.values",
              fmt::format("a {} sweep takes [sweep.ranges]; values are for grid", s.method));
  if (!r.has("ranges"))
    ctx.error(r.where(), "sweep.ranges", fmt::format("a {} sweep needs [sweep.ranges]", s.method));
  if (s.method == "sobol" && s.ranges.size() > static_cast<std::size_t>(kSobolDims))
    ctx.error(
        r.source_of("ranges"), "sweep.ranges",
        fmt::format("a sobol sweep has at most {} ranges, got {}", kSobolDims, s.ranges.size()));
}

std::optional<Plan::Sweep> read_sweep(TableReader& root) {
  TableReader r = root.child("sweep");
  if (!r.present()) return std::nullopt;
  Plan::Sweep s;
  if (!r.has("method"))
    r.context().error(r.where(), "sweep.method", "required key is missing (grid, lhs or sobol)");
  s.method = r.string("method", "", {"grid", "lhs", "sobol"});
  const bool has_samples = r.has("samples");
  s.samples = static_cast<int>(r.integer("samples", 0, 1, kMaxPoints, ""));
  s.values = read_params(r, "values", false);
  s.ranges = read_params(r, "ranges", true);
  if (!s.method.empty()) check_sweep(r, s, has_samples);
  r.finish();
  return s;
}

// A "YYYY-MM" month (year in [1900, 2300]).
std::optional<Month> parse_month(const std::string& s) {
  const auto digits = [&](std::size_t from, std::size_t n) {
    return std::all_of(s.begin() + static_cast<std::ptrdiff_t>(from),
                       s.begin() + static_cast<std::ptrdiff_t>(from + n),
                       [](char c) { return c >= '0' && c <= '9'; });
  };
  if (s.size() != 7 || s[4] != '-' || !digits(0, 4) || !digits(5, 2)) return std::nullopt;
  const Month m{std::stoi(s.substr(0, 4)), std::stoi(s.substr(5, 2))};
  if (m.year < 1900 || m.year > 2300 || m.month < 1 || m.month > 12) return std::nullopt;
  return m;
}

std::optional<std::pair<Month, Month>> read_period(TableReader& r) {
  r.known("period");
  const toml::node* n = r.table() ? r.table()->get("period") : nullptr;
  if (!n) return std::nullopt;
  const toml::array* a = n->as_array();
  std::optional<Month> from, to;
  if (a && a->size() == 2 && (*a)[0].as_string() && (*a)[1].as_string()) {
    from = parse_month((*a)[0].as_string()->get());
    to = parse_month((*a)[1].as_string()->get());
  }
  if (!from || !to) {
    r.context().error(n->source(), "sensitivity.period",
                      "expected [\"YYYY-MM\", \"YYYY-MM\"], the first and the last month");
    return std::nullopt;
  }
  if (*to < *from) {
    r.context().error(n->source(), "sensitivity.period", "the last month is before the first");
    return std::nullopt;
  }
  return std::pair(*from, *to);
}

std::optional<Plan::Sensitivity> read_sensitivity(TableReader& root) {
  TableReader r = root.child("sensitivity");
  if (!r.present()) return std::nullopt;
  ReadContext& ctx = r.context();
  Plan::Sensitivity s;
  s.method = r.string("method", "morris", {"morris"});
  s.trajectories = static_cast<int>(r.required_integer("trajectories", 1, 10000, "").value_or(0));
  s.levels = static_cast<int>(r.integer("levels", 4, 2, 100, ""));
  if (s.levels % 2 != 0)
    ctx.error(r.source_of("levels"), "sensitivity.levels",
              fmt::format("Morris levels must be even (a step of p / (2 (p - 1)) then moves "
                          "p / 2 levels), got {}",
                          s.levels));
  s.indicators = r.string_list("indicators", {});
  if (s.indicators.empty())
    ctx.error(r.has("indicators") ? r.source_of("indicators") : r.where(), "sensitivity.indicators",
              "expected a non-empty array of output variable names");
  s.period = read_period(r);
  s.ranges = read_params(r, "ranges", true);
  if (!r.has("ranges"))
    ctx.error(r.where(), "sensitivity.ranges", "a Morris analysis needs [sensitivity.ranges]");
  r.finish();
  return s;
}

// seeds = [...] or replicates = N (exactly one), or neither with [sensitivity].
void read_seeds(TableReader& r, Plan& p, const toml::source_region& top) {
  ReadContext& ctx = r.context();
  const bool has_rep = r.has("replicates"), has_seeds = r.has("seeds");
  const std::int64_t rep = r.integer("replicates", 0, 1, kMaxSeeds, "");
  r.known("seeds");
  if (p.sensitivity) {
    for (const char* key : {"replicates", "seeds"})
      if (r.has(key))
        ctx.error(r.source_of(key), key,
                  "a [sensitivity] plan runs Morris trajectory r with seed r; remove this key");
    return;
  }
  if (has_rep && has_seeds) {
    ctx.error(r.source_of("seeds"), "seeds", "give seeds or replicates, not both");
    return;
  }
  if (!has_rep && !has_seeds) {
    ctx.error(top, "replicates",
              "required key is missing: give replicates = N (seeds 1..N) or seeds = [S, ...]");
    return;
  }
  if (has_rep) {
    for (std::int64_t s = 1; s <= rep && rep > 0; ++s)
      p.seeds.push_back(static_cast<std::uint64_t>(s));
    return;
  }
  const toml::node* n = r.table()->get("seeds");
  const toml::array* a = n->as_array();
  if (!a || a->empty() || !a->is_homogeneous(toml::node_type::integer)) {
    ctx.error(n->source(), "seeds", "expected a non-empty array of integers");
    return;
  }
  std::set<std::int64_t> seen;
  for (const auto& e : *a) {
    const std::int64_t s = e.as_integer()->get();
    if (s < 0)
      ctx.error(e.source(), "seeds", fmt::format("a seed must be >= 0, got {}", s));
    else if (!seen.insert(s).second)
      ctx.error(e.source(), "seeds", fmt::format("seed {} is given twice", s));
    else
      p.seeds.push_back(static_cast<std::uint64_t>(s));
  }
}

// The keys a plan sets besides an arm's `set`: a key there must not also be one of these.
struct OtherKeys {
  std::set<std::string> swept;
  bool population_scale = false;
};

void read_set(TableReader& ar, Plan::Arm& a, const OtherKeys& other) {
  ReadContext& ctx = ar.context();
  const std::string where = ar.path() + ".set";
  const toml::table* t = sub_table(ar, "set", "key.path = value (--set overrides)");
  if (!t) return;
  for (const auto& [key, n] : leaves_in_order(*t)) {
    if (!check_key(ctx, key, *n, where)) continue;
    const std::string full = where + "." + key;
    if (other.swept.count(key))
      ctx.error(n->source(), full, "this key is swept; an arm may not also set it");
    else if (other.population_scale && key == "simulation.population_scale")
      ctx.error(n->source(), full, "the plan's population_scale sets this key for every arm");
    const std::string text = value_text(*n);
    if (text.find_first_of("\n\r") != std::string::npos)
      ctx.error(n->source(), full, "the value must fit on one line of a --set");
    else
      a.sets.push_back(key + "=" + text);
  }
}

void read_arm(TableReader& ar, Plan::Arm& a, const fs::path& dir, const OtherKeys& other) {
  if (const auto s = ar.required_string("scenario")) {
    const fs::path p(*s);
    a.scenario = (p.is_absolute() ? p : dir / p).lexically_normal().string();
    std::string text;
    if (const std::string why = read_scenario_text(a.scenario, text, "scenario file"); !why.empty())
      ar.context().error(ar.source_of("scenario"), ar.path() + ".scenario",
                         fmt::format("cannot open '{}': {}", printable(a.scenario), why));
  }
  read_set(ar, a, other);
  ar.finish();
}

OtherKeys other_keys(const Plan& p) {
  OtherKeys o;
  o.population_scale = p.population_scale.has_value();
  if (p.sweep)
    for (const auto* list : {&p.sweep->values, &p.sweep->ranges})
      for (const auto& x : *list) o.swept.insert(x.key);
  if (p.sensitivity)
    for (const auto& x : p.sensitivity->ranges) o.swept.insert(x.key);
  return o;
}

void read_arms(TableReader& r, Plan& p, const toml::source_region& top) {
  auto arms = r.named_tables("arms", "arm");
  std::vector<std::size_t> order(arms.size());  // file order (TableReader cannot be sorted)
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return before(arms[a].second.where(), arms[b].second.where());
  });
  const OtherKeys other = other_keys(p);
  for (const std::size_t i : order) {
    Plan::Arm a;
    a.name = arms[i].first;
    read_arm(arms[i].second, a, p.dir, other);
    p.arms.push_back(std::move(a));
  }
  if (p.arms.empty())
    r.context().error(top, "arms", "a plan needs at least one [arms.NAME] with a scenario");
}

void read_root(TableReader& r, Plan& p, const toml::source_region& top) {
  ReadContext& ctx = r.context();
  if (r.has("months")) p.months = static_cast<int>(r.integer("months", 0, 1, 12 * 200, "months"));
  r.known("months");
  if (r.has("population_scale"))
    p.population_scale =
        r.number("population_scale", 0, Range{0.0, 1.0, true}, "simulated persons per real person");
  r.known("population_scale");
  p.sweep = read_sweep(r);
  p.sensitivity = read_sensitivity(r);
  if (p.sweep && p.sensitivity)
    ctx.error(r.source_of("sensitivity"), "sensitivity",
              "a plan has a [sweep] or a [sensitivity] analysis, not both");
  read_seeds(r, p, top);
  p.variables = r.string_list("variables", {});
  read_arms(r, p, top);
  const bool has_baseline = r.has("baseline");
  const std::string baseline = r.string("baseline", "", {});
  if (!has_baseline && !p.arms.empty()) p.baseline = p.arms.front().name;
  if (has_baseline &&
      find_name(ctx, names_of(p.arms), baseline, "arm", r.source_of("baseline"), "baseline"))
    p.baseline = baseline;
  r.finish();
}

}  // namespace

Plan read_plan_string(const std::string& text, const std::string& path) {
  ReadContext ctx;
  ctx.file = path;
  toml::table root;
  try {
    root = toml::parse(text, std::string_view{path});
  } catch (const toml::parse_error& e) {
    ctx.diagnostics.add({path, static_cast<int>(e.source().begin.line),
                         static_cast<int>(e.source().begin.column), "",
                         std::string(e.description())});
    throw ScenarioError(ctx.diagnostics);
  }
  Plan p;
  p.file = path;
  p.text = text;
  const fs::path parent = fs::path(path).parent_path();
  p.dir = (parent.empty() ? fs::current_path() : fs::absolute(parent)).lexically_normal().string();
  if (p.dir.size() > 1 && p.dir.back() == '/') p.dir.pop_back();
  toml::source_region top;  // where a missing top-level key is reported: the file's start
  top.begin = {1, 1};
  top.end = {1, 1};
  TableReader r(ctx, &root, "", "");
  read_root(r, p, top);
  if (!ctx.diagnostics.empty()) throw ScenarioError(ctx.diagnostics);
  return p;
}

Plan read_plan_file(const std::string& path) {
  std::string text;
  if (const std::string why = read_scenario_text(path, text, "plan file"); !why.empty()) {
    Diagnostics d;
    d.add({path, 1, 1, "", fmt::format("cannot open plan file: {}", why)});
    throw ScenarioError(d);
  }
  return read_plan_string(text, path);
}

}  // namespace minesim
