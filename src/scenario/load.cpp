// Reading a scenario: the root table (read_root, which hands each table to its reader in
// scenario/schema.h), cross-checks between tables, `--set` overrides and `extends`.
#include "scenario/load.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <limits>
#include <sstream>

#include "scenario/schema.h"
#include "scenario/size.h"

namespace minesim {

namespace {

// [prices.*] and [technology.*]: one child per commodity and per technology, over the shipped
// defaults (scenario/defaults.cpp).
void read_catalogues(TableReader& r, Scenario& s) {
  s.technologies = default_technologies();
  for (int i = 0; i < kTechnologies; ++i)
    s.technologies[i].name = std::string(kTechnologyLabels[i]);
  s.prices = default_prices();
  TableReader prices = r.child("prices");
  for (int i = 0; i < kCommodities; ++i)
    read_price(prices.child(std::string(kCommodityLabels[i]).c_str()), s.prices[i]);
  prices.finish();
  TableReader tech = r.child("technology");
  for (int i = 0; i < kTechnologies; ++i)
    read_technology(tech.child(std::string(kTechnologyLabels[i]).c_str()), s.technologies[i]);
  tech.finish();
}

// Where each ASM site's `displaced_by_mine` was given (resolved once the mines are read).
using SiteMines = std::vector<std::pair<std::string, toml::source_region>>;

// [communities.*], [asm], [asm_sites.*] and [training.*]: the places and what they need of
// each other (a site's and a course's communities).
SiteMines read_places(TableReader& r, Scenario& s, const toml::table& root) {
  for (auto& [name, cr] : r.named_tables("communities", "community")) {
    CommunityParams c;
    c.name = name;
    read_community(cr, c);
    s.communities.push_back(c);
  }
  if (s.communities.empty())
    r.context().error(root.source(), "communities",
                      "a scenario needs at least one [communities.NAME]");
  read_asm(r.child("asm"), s.asm_params);
  SiteMines site_mines;
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
  return site_mines;
}

// ASM ground under a mine's industrial licence (resolved now that mines are known).
void resolve_site_mines(ReadContext& ctx, Scenario& s, const SiteMines& site_mines) {
  const std::vector<std::string> mines = names_of(s.mines);
  for (std::size_t k = 0; k < s.asm_sites.size(); ++k) {
    const auto& [mine, where] = site_mines[k];
    if (mine.empty()) continue;
    if (auto m = find_name(ctx, mines, mine, "mine", where,
                           "asm_sites." + s.asm_sites[k].name + ".displaced_by_mine"))
      s.asm_sites[k].displaced_by_mine = *m;
  }
}

// Cross-checks between tables, and counts the world's index types must hold.
void cross_check(TableReader& r, const toml::table& root, const Scenario& s) {
  ReadContext& ctx = r.context();
  if (s.training.size() > 250)
    ctx.error(root.source(), "training",
              "at most 250 training programmes (with skills_training interventions) are supported");
  const auto& l = s.labour;
  if (l.retirement_age <= l.working_age)
    ctx.error(r.child("labour").source_of("retirement_age"), "labour.retirement_age",
              fmt::format("must be above labour.working_age ({}), got {}", l.working_age,
                          l.retirement_age));
  if (s.communities.size() > 65000)
    ctx.error(root.source(), "communities", "at most 65000 communities are supported");
  check_counts(s, r.child("simulation").source_of("population_scale"), root.source(), ctx);
}

// An intervention with no `type` whose name is close to another's is most likely a misspelled
// override (in a file that `extends` another): reported as such, with the name meant, instead of
// its missing keys.
bool misspelled_override(ReadContext& ctx, const std::string& name, const TableReader& ir,
                         const std::vector<std::pair<std::string, TableReader>>& all) {
  if (ir.has("type")) return false;
  std::set<std::string> others;
  for (const auto& [other, t] : all)
    if (other != name && t.has("type")) others.insert(other);
  const std::string best = suggest(name, others);
  if (best.empty()) return false;
  ctx.error(ir.where(), ir.path(),
            fmt::format("no intervention named '{}' to override (it has no type); did you mean "
                        "'{}'?",
                        name, best));
  return true;
}

Scenario read_root(const toml::table& root, ReadContext& ctx, const LeverReaders& levers) {
  Scenario s;
  s.file = ctx.file;
  TableReader r(ctx, &root, "", "");
  read_simulation(r.child("simulation"), s.simulation);
  read_labour(r.child("labour"), s.labour);
  read_demography(r.child("demography"), s.demography);
  read_wages(r.child("wages"), s.wages);
  read_economy(r.child("economy"), s.economy);
  read_mining(r.child("mining"), s.mining);
  read_suppliers(r.child("suppliers"), s.suppliers);
  read_local_economy(r.child("local_economy"), s.local_economy);
  read_catalogues(r, s);
  const SiteMines site_mines = read_places(r, s, root);
  for (auto& [name, mr] : r.named_tables("mines", "mine")) {
    MineParams m;
    m.name = name;
    read_mine(mr, m, s.communities, s.mining);
    s.mines.push_back(std::move(m));
  }
  resolve_site_mines(ctx, s, site_mines);
  auto interventions = r.named_tables("interventions", "intervention");
  for (auto& [name, ir] : interventions) {
    InterventionParams v;
    v.name = name;
    if (misspelled_override(ctx, name, ir, interventions)) continue;
    read_intervention(ir, v, s, levers);
    s.interventions.push_back(std::move(v));
  }
  r.finish();
  cross_check(r, root, s);
  return s;
}

}  // namespace

std::vector<std::string> scenario_warnings(const Scenario& s) {
  std::vector<std::string> out;
  const Month last = s.simulation.start.plus(s.simulation.months - 1);
  for (const InterventionParams& v : s.interventions)
    if (last < v.start)
      out.push_back(
          fmt::format("interventions.{}: starts {}, after the run's last month {}; it "
                      "has no effect",
                      v.name, v.start.iso().substr(0, 7), last.iso().substr(0, 7)));
  return out;
}

bool bare_key_path(const std::string& key) {
  bool part = false;
  for (const char c : key) {
    if (c == '.') {
      if (!part) return false;
      part = false;
    } else if (std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-') {
      part = true;
    } else {
      return false;
    }
  }
  return part;
}

namespace {

void parse_override(const std::string& text, ReadContext& ctx) {
  const auto eq = text.find('=');
  if (eq == std::string::npos || eq == 0) {
    ctx.diagnostics.add(
        {"<command line>", 1, 1, "", fmt::format("--set expects key.path=value, got '{}'", text)});
    return;
  }
  std::string key = text.substr(0, eq), value = text.substr(eq + 1);
  while (!key.empty() && key.back() == ' ') key.pop_back();
  while (!key.empty() && key.front() == ' ') key.erase(0, 1);
  if (const auto nl = text.find_first_of("\n\r"); nl != std::string::npos) {
    ctx.diagnostics.add({"<command line>", 1, static_cast<int>(nl) + 1, nl < eq ? "" : key,
                         "a --set value must be one line (it contains a line break)"});
    return;
  }
  if (!bare_key_path(key)) {
    ctx.diagnostics.add(
        {"<command line>", 1, 1, key,
         "a --set key is a dotted path of names made of letters, digits, '_' and '-'"});
    return;
  }
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
  ctx.overrides[key] = Override{doc, n, false};
}

Scenario load(const toml::table& root, ReadContext& ctx, const LeverReaders& levers) {
  Scenario s = read_root(root, ctx, levers);
  for (auto& [path, o] : ctx.overrides) {
    if (o.used) continue;
    const std::string best = suggest_path(path, ctx.read_paths);
    ctx.diagnostics.add({"<command line>", 1, 1, path,
                         best.empty() ? std::string("unknown key")
                                      : fmt::format("unknown key; did you mean '{}'?", best)});
  }
  if (!ctx.diagnostics.empty()) throw ScenarioError(ctx.diagnostics);
  constexpr auto kFlags =
      toml::toml_formatter::default_flags | toml::format_flags::relaxed_float_precision;
  // Each intervention's text (the output's intervention_parameters) is its table in the resolved
  // scenario, every key of its type and --set applied: a run of the resolved scenario (`minesim
  // info --scenario`, `run --from`) then records the same text, bit for bit.
  if (const toml::table* all = ctx.resolved["interventions"].as_table())
    for (InterventionParams& v : s.interventions)
      if (const toml::table* t = (*all)[v.name].as_table()) {
        std::ostringstream one;
        one << toml::toml_formatter{*t, kFlags};
        v.text = one.str();
      }
  std::ostringstream os;
  os << toml::toml_formatter{ctx.resolved, kFlags};
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

// A scenario file holds at most this many bytes (the shipped ones hold a few kB).
constexpr std::int64_t kMaxScenarioBytes = std::int64_t{16} << 20;

std::string not_regular(mode_t mode) {
  const char* kind = S_ISDIR(mode)    ? "a directory"
                     : S_ISCHR(mode)  ? "a character device"
                     : S_ISBLK(mode)  ? "a block device"
                     : S_ISFIFO(mode) ? "a FIFO (pipe)"
                     : S_ISSOCK(mode) ? "a socket"
                                      : "not a plain file";
  return fmt::format("{}, not a regular file", kind);
}

}  // namespace

std::string read_scenario_text(const std::string& path, std::string& text, std::string_view kind) {
  if (path.find('\0') != std::string::npos) return "the path contains a NUL character";
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return std::strerror(errno);
  if (!S_ISREG(st.st_mode)) return not_regular(st.st_mode);
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
  if (fd < 0) return std::strerror(errno);
  std::string why;
  if (::fstat(fd, &st) != 0)
    why = std::strerror(errno);
  else if (!S_ISREG(st.st_mode))  // replaced since the stat
    why = not_regular(st.st_mode);
  else if (st.st_size > kMaxScenarioBytes)
    why = fmt::format("{} bytes, over the limit of 16 MiB for a {}", st.st_size, kind);
  text.clear();
  char buf[65536];
  while (why.empty()) {
    const ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) why = std::strerror(errno);
    if (n <= 0) break;
    text.append(buf, static_cast<std::size_t>(n));
    if (static_cast<std::int64_t>(text.size()) > kMaxScenarioBytes)  // grew since the fstat
      why = fmt::format("over the limit of 16 MiB for a {}", kind);
  }
  ::close(fd);
  return why;
}

namespace {

// The scenario file itself (reported at FILE:1:1) or a base named by `extends` (reported where
// `extends` was given, `from`).
std::string read_text(const std::string& path, Diagnostics& d, const std::string& from,
                      const toml::source_region& at = {}) {
  std::string text;
  const std::string why = read_scenario_text(path, text, "scenario file");
  if (why.empty()) return text;
  if (from.empty())
    d.add({path, 1, 1, "", fmt::format("cannot open scenario file: {}", why)});
  else
    d.add({from, static_cast<int>(at.begin.line), static_cast<int>(at.begin.column), "extends",
           fmt::format("cannot open '{}': {}", printable(path), why)});
  throw ScenarioError(d);
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
  if (str->get().find('\0') != std::string::npos) {
    ctx.error(where, "extends",
              fmt::format("the path '{}' contains a NUL character", printable(str->get())));
    throw ScenarioError(ctx.diagnostics);
  }
  if (depth >= 8) {
    ctx.error(where, "extends", "scenarios extend each other more than 8 levels deep");
    throw ScenarioError(ctx.diagnostics);
  }
  namespace fs = std::filesystem;
  const fs::path base_path = (fs::path(name).parent_path() / str->get()).lexically_normal();
  const std::string base_text = read_text(base_path.string(), ctx.diagnostics, name, where);
  toml::table base = parse_with_base(base_text, base_path.string(), ctx, depth + 1);
  root.erase("extends");
  merge_into(base, std::move(root));
  return base;
}

}  // namespace

Scenario load_scenario_string(const LeverReaders& levers, const std::string& text,
                              const std::string& name, const std::vector<std::string>& overrides,
                              std::set<std::string>* schema_keys, KeyRanges* key_ranges) {
  ReadContext ctx;
  ctx.file = name;
  ctx.schema_keys = schema_keys;
  ctx.key_ranges = key_ranges;
  for (const auto& o : overrides) parse_override(o, ctx);
  if (!ctx.diagnostics.empty()) throw ScenarioError(ctx.diagnostics);
  toml::table root = parse_with_base(text, name, ctx, 0);
  if (schema_keys) schema_keys->insert("extends");
  return load(root, ctx, levers);
}

Scenario load_scenario_file(const LeverReaders& levers, const std::string& path,
                            const std::vector<std::string>& overrides, KeyRanges* key_ranges) {
  Diagnostics d;
  return load_scenario_string(levers, read_text(path, d, ""), path, overrides, nullptr, key_ranges);
}

}  // namespace minesim
