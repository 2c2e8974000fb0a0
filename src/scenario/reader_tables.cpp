// TableReader: sub-tables (named children, arrays of tables, one child), unknown keys, and names:
// which strings may name a table, and resolving a reference to a name with a did-you-mean.
#include <fmt/format.h>

#include <algorithm>

#include "scenario/reader.h"
#include "scenario/reader_detail.h"

namespace minesim {

using namespace reader_detail;

std::string suggest(const std::string& name, const std::set<std::string>& candidates) {
  std::string best;
  int best_d = std::max<int>(2, static_cast<int>(name.size()) / 4) + 1;
  for (const auto& c : candidates) {
    int d = edit_distance(name, c);
    // A truncated or extended name ("royalty" for "royalty_rate") is a likely slip too.
    if (c.rfind(name, 0) == 0 || name.rfind(c, 0) == 0) d = std::min(d, 1);
    if (d < best_d) best_d = d, best = c;
  }
  return best;
}

namespace {
std::vector<std::string> split_path(const std::string& path) {
  std::vector<std::string> out(1);
  for (const char c : path) {
    if (c == '.')
      out.emplace_back();
    else
      out.back().push_back(c);
  }
  return out;
}
}  // namespace

std::string suggest_path(const std::string& path, const std::set<std::string>& paths) {
  std::vector<std::vector<std::string>> known;
  for (const auto& p : paths) known.push_back(split_path(p));
  const std::vector<std::string> parts = split_path(path);
  std::vector<std::string> fixed;
  bool corrected = false;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    std::set<std::string> next;  // the names read at this level under the path fixed so far
    for (const auto& k : known)
      if (k.size() > i && std::equal(fixed.begin(), fixed.end(), k.begin())) next.insert(k[i]);
    if (next.count(parts[i])) {
      fixed.push_back(parts[i]);
      continue;
    }
    const std::string best = suggest(parts[i], next);
    if (best.empty()) {
      // A corrected name with a key it was not asked for ("end" of an intervention without one):
      // the rest as given. Otherwise the closest whole path.
      if (!corrected) return suggest(path, paths);
      fixed.insert(fixed.end(), parts.begin() + static_cast<std::ptrdiff_t>(i), parts.end());
      break;
    }
    fixed.push_back(best);
    corrected = true;
  }
  std::string out;
  for (const auto& f : fixed) out += (out.empty() ? "" : ".") + f;
  return out == path ? "" : out;
}

std::string printable(std::string_view text) {
  std::string out;
  for (const char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    if (c < 0x20 || c == 0x7f)
      out += fmt::format("\\x{:02x}", c);
    else
      out += ch;
  }
  return out;
}

std::string name_problem(std::string_view name) {
  if (name.empty()) return "a name cannot be empty";
  const char* bad = nullptr;
  for (const char ch : name) {
    const auto c = static_cast<unsigned char>(ch);
    if (c < 0x20 || c == 0x7f) bad = "a control character";
    if (ch == '[' || ch == ']') bad = "'[' or ']'";
    if (ch == '.') bad = "'.'";
    if (bad) break;
  }
  if (!bad) return "";
  return fmt::format(
      "the name '{}' contains {}: a name may not contain '.', '[', ']' or control characters "
      "(--set and plan files address names by key path)",
      printable(name), bad);
}

std::optional<int> find_name(ReadContext& ctx, const std::vector<std::string>& names,
                             const std::string& name, std::string_view kind,
                             const toml::source_region& where, const std::string& key) {
  const auto it = std::find(names.begin(), names.end(), name);
  if (it != names.end()) return static_cast<int>(it - names.begin());
  const std::string best = suggest(name, std::set<std::string>(names.begin(), names.end()));
  ctx.error(where, key,
            best.empty() ? fmt::format("no {} named '{}'", kind, name)
                         : fmt::format("no {} named '{}'; did you mean '{}'?", kind, name, best));
  return std::nullopt;
}

std::vector<std::pair<std::string, TableReader>> TableReader::named_tables(const char* key,
                                                                           const char* kind) {
  std::vector<std::pair<std::string, TableReader>> out;
  note_schema(key);
  const toml::node* n = table_ ? table_->get(key) : nullptr;
  if (!n) return out;
  const toml::table* t = n->as_table();
  if (!t) {
    ctx_.error(n->source(), full(key),
               fmt::format("expected a table of {}s, got {}", kind, type_name(*n)));
    return out;
  }
  const std::string sub_schema = (schema_path_.empty() ? key : schema_path_ + "." + key) + ".*";
  for (auto&& [name, child_node] : *t) {
    if (const std::string why = name_problem(name.str()); !why.empty()) {
      ctx_.error(name.source(), full(key), why);
      continue;
    }
    const std::string child_path = full(key) + "." + std::string(name.str());
    if (auto ct = child_node.as_table())
      out.emplace_back(std::string(name.str()), TableReader(ctx_, ct, child_path, sub_schema));
    else
      ctx_.error(
          name.source(), child_path,
          fmt::format("expected a table describing a {}, got {}", kind, type_name(child_node)));
  }
  return out;
}

std::vector<TableReader> TableReader::table_array(const char* key) {
  std::vector<TableReader> out;
  note_schema(key);
  const toml::node* n = table_ ? table_->get(key) : nullptr;
  if (!n) return out;
  const toml::array* a = n->as_array();
  if (!a) {
    ctx_.error(
        n->source(), full(key),
        fmt::format("expected an array of tables ([[{}]]), got {}", full(key), type_name(*n)));
    return out;
  }
  const std::string sub_schema = schema_path_.empty() ? key : schema_path_ + "." + key;
  for (std::size_t i = 0; i < a->size(); ++i) {
    const std::string child_path = fmt::format("{}[{}]", full(key), i);
    if (auto t = (*a)[i].as_table())
      out.emplace_back(ctx_, t, child_path, sub_schema);
    else
      ctx_.error((*a)[i].source(), child_path,
                 fmt::format("expected a table, got {}", type_name((*a)[i])));
  }
  return out;
}

TableReader TableReader::child(const char* key) {
  note_schema(key);
  const toml::node* n = table_ ? table_->get(key) : nullptr;
  const std::string sub = schema_path_.empty() ? key : schema_path_ + "." + key;
  if (n && !n->as_table()) {
    ctx_.error(n->source(), full(key), fmt::format("expected a table, got {}", type_name(*n)));
    n = nullptr;
  }
  return TableReader(ctx_, n ? n->as_table() : nullptr, full(key), sub);
}

void TableReader::finish() {
  if (!table_) return;
  for (auto&& [k, v] : *table_) {
    const std::string name(k.str());
    if (known_.count(name)) continue;
    const std::string best = suggest(name, known_);
    const std::string msg = best.empty() ? std::string("unknown key")
                                         : fmt::format("unknown key; did you mean '{}'?", best);
    ctx_.error(k.source(), full(name.c_str()), msg);
  }
}

}  // namespace minesim
