// Reading a scenario: the root table (read_root, which hands each table to its reader in
// scenario/schema.h), cross-checks between tables, `--set` overrides and `extends`.
#include "scenario/load.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <limits>
#include <sstream>

#include "scenario/schema.h"

namespace minesim {

namespace {

Scenario read_root(const toml::table& root, ReadContext& ctx, const LeverReaders& levers) {
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
    read_intervention(ir, v, s, levers);
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

Scenario load(const toml::table& root, ReadContext& ctx, const LeverReaders& levers) {
  Scenario s = read_root(root, ctx, levers);
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

Scenario load_scenario_string(const LeverReaders& levers, const std::string& text,
                              const std::string& name, const std::vector<std::string>& overrides,
                              std::set<std::string>* schema_keys) {
  ReadContext ctx;
  ctx.file = name;
  ctx.schema_keys = schema_keys;
  for (const auto& o : overrides) parse_override(o, ctx);
  if (!ctx.diagnostics.empty()) throw ScenarioError(ctx.diagnostics);
  toml::table root = parse_with_base(text, name, ctx, 0);
  if (schema_keys) schema_keys->insert("extends");
  return load(root, ctx, levers);
}

Scenario load_scenario_file(const LeverReaders& levers, const std::string& path,
                            const std::vector<std::string>& overrides) {
  Diagnostics d;
  return load_scenario_string(levers, read_text(path, d, "", 0, 0), path, overrides);
}

}  // namespace minesim
