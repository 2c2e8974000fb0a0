#pragma once
// Typed, checked access to one TOML table of a scenario. Every read records the key as known (for
// unknown-key detection with did-you-mean), writes the resolved value (default or given) into the
// resolved scenario, and reports type and range errors with the value's file:line:col. Values given
// with `--set a.b=v` take precedence and report `<command line>` as their location.
#include <toml++/toml.h>

#include <array>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/calendar.h"
#include "scenario/diagnostics.h"

namespace minesim {

// One `--set key.path=value` (ReadContext::overrides holds it by its path), parsed as TOML so
// that its value keeps a source position.
struct Override {
  std::shared_ptr<toml::table> doc;
  const toml::node* node = nullptr;
  bool used = false;
};

struct Range;
// The documented range of every numeric key a scenario read, by its dotted path
// (`communities.host.population`), integers included; ReadContext::key_ranges collects it.
using KeyRanges = std::map<std::string, Range>;

struct ReadContext {
  std::string file;
  Diagnostics diagnostics;
  std::map<std::string, Override> overrides;  // by dotted path
  toml::table resolved;
  std::set<std::string>* schema_keys = nullptr;  // if set, collects every key path (names as *)
  std::set<std::string> read_paths;              // every dotted key asked for
  KeyRanges* key_ranges = nullptr;               // if set, collects each numeric key's range

  void error(const toml::source_region& where, const std::string& key, const std::string& message);
};

struct Range {
  double min, max;
  bool min_open = false;  // min itself excluded
  // How messages state the range (with its unit) when "in [min, max] (unit)" would mislead: a
  // key whose negative values mean "unchanged" reads "in [0, 1] or -1 (unchanged)".
  const char* shown = nullptr;
};

class TableReader {
 public:
  // `table` may be null when the table is absent from the file (all defaults apply).
  TableReader(ReadContext& ctx, const toml::table* table, std::string path,
              std::string schema_path);

  double number(const char* key, double def, Range range, const char* unit);
  std::int64_t integer(const char* key, std::int64_t def, std::int64_t min, std::int64_t max,
                       const char* unit);
  // A required number or integer (no default): missing is an error.
  std::optional<std::int64_t> required_integer(const char* key, std::int64_t min, std::int64_t max,
                                               const char* unit);
  std::optional<double> required_number(const char* key, Range range, const char* unit);
  std::string string(const char* key, const std::string& def,
                     const std::vector<std::string>& allowed);
  std::optional<std::string> required_string(const char* key);
  Month month(const char* key, Month def);
  std::optional<Month> required_month(const char* key);
  // N numbers (instantiated for N = 3 and 4 in reader_lists.cpp).
  template <std::size_t N>
  std::array<double, N> numbers(const char* key, std::array<double, N> def, Range range,
                                const char* unit, bool sum_to_one = false);

  bool boolean(const char* key, bool def);
  // A list of numbers of any length >= 1 (or exactly `size` when size > 0).
  std::vector<double> number_list(const char* key, const std::vector<double>& def, Range range,
                                  const char* unit, std::size_t size = 0);
  std::vector<std::string> string_list(const char* key, const std::vector<std::string>& def);
  // rows x cols numbers as an array of arrays.
  std::vector<std::vector<double>> matrix(const char* key,
                                          const std::vector<std::vector<double>>& def, Range range,
                                          const char* unit, std::size_t rows, std::size_t cols);
  // [[date, number], ...] with increasing dates.
  std::vector<std::pair<Month, double>> dated_values(const char* key, Range range,
                                                     const char* unit);
  // A sub-table whose keys are `labels` (each optional, default def[i]); documented as key.*.
  template <std::size_t N>
  std::array<double, N> labelled(const char* key, const std::array<std::string_view, N>& labels,
                                 std::array<double, N> def, Range range, const char* unit);

  // Sub-tables: named children (`[communities.north]`), arrays of tables, or one child table.
  // A child whose name name_problem refuses is reported and left out.
  std::vector<std::pair<std::string, TableReader>> named_tables(const char* key, const char* kind);
  std::vector<TableReader> table_array(const char* key);
  TableReader child(const char* key);

  // Reports keys present in the table that no read asked for.
  void finish();

  const std::string& path() const { return path_; }
  toml::source_region where() const;
  // Where `key`'s value was given (the table itself when absent).
  toml::source_region source_of(const char* key) const;
  bool present() const { return table_ != nullptr; }
  // Whether `key` was given, in the file or with --set (does not read it).
  bool has(const char* key) const;
  // Whether `key` or any key under it (`key.x`, from the file or --set) was given.
  bool has_under(const char* key) const;
  // Marks an optional key as known without resolving a value for it.
  void known(const char* key) { note_schema(key); }
  const toml::table* table() const { return table_; }
  ReadContext& context() { return ctx_; }

 private:
  const toml::node* lookup(const char* key);
  std::string full(const char* key) const { return path_.empty() ? key : path_ + "." + key; }
  void note_schema(const char* key);
  void note_range(const char* key, Range range);
  void resolve(const char* key, toml::node&& value);
  template <class T>
  void resolve_value(const char* key, T v);
  std::string schema_of(const char* key) const {
    return schema_path_.empty() ? key : schema_path_ + "." + key;
  }
  bool check_range(const toml::node& n, const char* key, double v, Range r, const char* unit);

  ReadContext& ctx_;
  const toml::table* table_;
  std::string path_, schema_path_;
  std::set<std::string> known_;
};

template <std::size_t N>
std::array<double, N> TableReader::labelled(const char* key,
                                            const std::array<std::string_view, N>& labels,
                                            std::array<double, N> def, Range range,
                                            const char* unit) {
  note_schema(key);
  auto* keys = ctx_.schema_keys;
  if (keys) keys->insert(schema_of(key) + ".*");
  ctx_.schema_keys = nullptr;  // the labels are documented together as key.*
  TableReader c = child(key);
  for (std::size_t i = 0; i < N; ++i)
    def[i] = c.number(std::string(labels[i]).c_str(), def[i], range, unit);
  c.finish();
  ctx_.schema_keys = keys;
  return def;
}

// The candidate closest to `name` (edit distance, or a prefix of it), or "" if none is close.
std::string suggest(const std::string& name, const std::set<std::string>& candidates);

// The read path closest to dotted `path`, corrected name by name from the left: a misspelled
// table name ("interventions.fiscal_reforn.end") becomes the closest name read at that level
// ("interventions.fiscal_reform.end", the rest as given when it has no close match there); ""
// if none is close.
std::string suggest_path(const std::string& path, const std::set<std::string>& paths);

// `text` with control characters written as \xNN (for messages that quote user text).
std::string printable(std::string_view text);

// Why `name` cannot name a table (`[mines.NAME]`, `[communities.NAME]`, ...), or "" when it can:
// empty, or holding '.', '[', ']' or a control character (--set, plan files and the resolved
// scenario address a name inside a dotted key path, which must stay unambiguous).
std::string name_problem(std::string_view name);

// The one name resolution of the scenario (a mine's community, a site's mine, an intervention's
// targets, ...): the index of `name` in `names`, or nullopt after reporting
// `no KIND named 'NAME'; did you mean 'BEST'?` (the suggestion when one is close) at `where`.
std::optional<int> find_name(ReadContext& ctx, const std::vector<std::string>& names,
                             const std::string& name, std::string_view kind,
                             const toml::source_region& where, const std::string& key);

// The names of records that have a `name` (communities, mines, ...), in order.
template <class T>
std::vector<std::string> names_of(const std::vector<T>& items) {
  std::vector<std::string> out;
  out.reserve(items.size());
  for (const auto& x : items) out.push_back(x.name);
  return out;
}

// Sets dotted `path` in `root` to `value`, creating tables as needed.
void set_path(toml::table& root, const std::string& path, toml::node&& value);

}  // namespace minesim
