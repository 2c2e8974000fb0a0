// The scenario schema: every key, its default, range and unit. docs/scenarios.md documents the same
// keys; tests/unit/scenario_docs_test.cpp fails if a key read here is missing from the docs.
#include "scenario/load.h"

#include <fmt/format.h>

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
  p.seed = static_cast<std::uint64_t>(
      r.integer("seed", static_cast<std::int64_t>(p.seed), 0,
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
  p.mine_female_hiring_odds =
      r.number("mine_female_hiring_odds", p.mine_female_hiring_odds, kShare, "1");
  r.finish();
}

void read_wages(TableReader r, WageParams& p) {
  p.mine_usd = r.numbers<3>("mine_usd", p.mine_usd, kNonNeg, "USD per month");
  p.local_economy_usd =
      r.numbers<3>("local_economy_usd", p.local_economy_usd, kPositive, "USD per month");
  p.farming_informal_usd =
      r.number("farming_informal_usd", p.farming_informal_usd, kNonNeg, "USD per month");
  r.finish();
}

void read_economy(TableReader r, EconomyParams& p) {
  p.poverty_line_usd = r.number("poverty_line_usd", p.poverty_line_usd, kNonNeg,
                                "USD per person-month");
  p.consumption_share = r.number("consumption_share", p.consumption_share, kShare, "1");
  p.local_consumption_share =
      r.number("local_consumption_share", p.local_consumption_share, kShare, "1");
  p.local_labour_share = r.number("local_labour_share", p.local_labour_share, kShare, "1");
  p.royalty_rate = r.number("royalty_rate", p.royalty_rate, kShare, "1");
  p.corporate_income_tax_rate =
      r.number("corporate_income_tax_rate", p.corporate_income_tax_rate, kShare, "1");
  p.payroll_tax_rate = r.number("payroll_tax_rate", p.payroll_tax_rate, kShare, "1");
  r.finish();
}

void read_technology(TableReader r, TechnologyParams& p) {
  p.roles_removed_share = r.numbers<3>("roles_removed_share", p.roles_removed_share, kShare, "1");
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
  c.farming_capacity_share =
      r.number("farming_capacity_share", c.farming_capacity_share, kShare, "1");
  r.finish();
}

void read_mine(TableReader r, MineParams& m, const std::vector<CommunityParams>& communities) {
  ReadContext& ctx = r.context();
  if (auto name = r.required_string("community")) {
    int found = -1;
    std::set<std::string> names;
    for (std::size_t i = 0; i < communities.size(); ++i) {
      if (communities[i].name == *name) found = static_cast<int>(i);
      names.insert(communities[i].name);
    }
    const std::string best = suggest(*name, names);
    if (found < 0) {
      ctx.error(r.source_of("community"), r.path() + ".community",
                best.empty() ? fmt::format("no community named '{}'", *name)
                             : fmt::format("no community named '{}'; did you mean '{}'?", *name,
                                           best));
    } else {
      m.community = found;
    }
  }
  m.commodity = enum_of<Commodity>(
      kCommodityLabels, r.string("commodity", "gold", labels(kCommodityLabels)));
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
  if (auto v = r.required_number("price_usd", kNonNeg,
                                 "USD per troy ounce for gold, per tonne of metal otherwise"))
    m.price_usd = *v;
  m.workforce = r.integers<3>("workforce", m.workforce, 0, 10'000'000, "roles");
  m.opex_usd_per_tonne = r.number("opex_usd_per_tonne", m.opex_usd_per_tonne, kNonNeg, "USD/t");
  m.incidents_per_million_hours = r.number("incidents_per_million_hours",
                                           m.incidents_per_million_hours, kNonNeg, "per 1e6 h");
  m.hours_per_month = r.number("hours_per_month", m.hours_per_month, Range{0, 744}, "hours");
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
  TableReader r(ctx, &root, "", "");
  read_simulation(r.child("simulation"), s.simulation);
  read_labour(r.child("labour"), s.labour);
  read_wages(r.child("wages"), s.wages);
  read_economy(r.child("economy"), s.economy);

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
  for (auto& [name, mr] : r.named_tables("mines", "mine")) {
    MineParams m;
    m.name = name;
    read_mine(mr, m, s.communities);
    s.mines.push_back(std::move(m));
  }
  r.finish();

  // Cross-checks between tables.
  const auto& l = s.labour;
  if (l.retirement_age <= l.working_age)
    ctx.error(r.child("labour").source_of("retirement_age"), "labour.retirement_age",
              fmt::format("must be above labour.working_age ({}), got {}", l.working_age,
                          l.retirement_age));
  std::int64_t agents = 0;
  for (const auto& c : s.communities)
    agents += static_cast<std::int64_t>(static_cast<double>(c.population) *
                                        s.simulation.population_scale + 0.5);
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
    ctx.diagnostics.add({"<command line>", 1, 1, "",
                         fmt::format("--set expects key.path=value, got '{}'", text)});
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

std::array<TechnologyParams, kTechnologies> default_technologies() {
  std::array<TechnologyParams, kTechnologies> t{};
  for (int i = 0; i < kTechnologies; ++i) t[i].name = std::string(kTechnologyLabels[i]);
  // Autonomous haulage: the one technology calibrated so far (sources in docs/ODD.md §7).
  auto& ah = t[idx(Technology::kAutonomousHaulage)];
  ah.roles_removed_share = {0.3, 0.1, 0.0};  // assumption, anchored on operators ~30% of mine jobs
  ah.roles_created_per_removed = 0.2;        // Suncor: ~500 roles out, ~100 in (derived)
  ah.remote_share = 0.7;                     // assumption, range 0.3-0.95
  ah.remote_abroad_share = 0.5;              // assumption, range 0-1
  ah.remote_female_share = 0.5;              // Fortescue remote operations centre, 2021
  ah.productivity_gain = 0.15;               // Rio Tinto, Fortescue: +15% to +30%
  ah.learning_months = 12;                   // assumption (BHP Jimblebar under-performed, 2014)
  ah.learning_dip = 0.1;                     // assumption, range 0-0.2
  ah.incident_reduction = 0.2;               // assumption: BHP -80..-90% on haulage incidents
  ah.capex_usd_per_role_removed = 1.5e6;     // Suncor: ~US$5 M per truck / 3.3 roles (derived)
  return t;
}

Scenario load_scenario_string(const std::string& text, const std::string& name,
                              const std::vector<std::string>& overrides,
                              std::set<std::string>* schema_keys) {
  ReadContext ctx;
  ctx.file = name;
  ctx.schema_keys = schema_keys;
  for (const auto& o : overrides) parse_override(o, ctx);
  toml::table root;
  try {
    root = toml::parse(text, std::string_view{name});
  } catch (const toml::parse_error& e) {
    ctx.diagnostics.add({name, static_cast<int>(e.source().begin.line),
                         static_cast<int>(e.source().begin.column), "",
                         std::string(e.description())});
    throw ScenarioError(ctx.diagnostics);
  }
  if (!ctx.diagnostics.empty()) throw ScenarioError(ctx.diagnostics);
  return load(root, ctx);
}

Scenario load_scenario_file(const std::string& path, const std::vector<std::string>& overrides) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    Diagnostics d;
    d.add({path, 1, 1, "", "cannot open scenario file"});
    throw ScenarioError(d);
  }
  std::stringstream ss;
  ss << in.rdbuf();
  return load_scenario_string(ss.str(), path, overrides);
}

}  // namespace minesim
