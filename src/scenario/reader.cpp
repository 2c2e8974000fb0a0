#include "scenario/reader.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <sstream>

namespace minesim {

namespace {

std::string type_name(const toml::node& n) {
  switch (n.type()) {
    case toml::node_type::string: return "a string";
    case toml::node_type::integer: return "an integer";
    case toml::node_type::floating_point: return "a number";
    case toml::node_type::boolean: return "a boolean";
    case toml::node_type::date: return "a date";
    case toml::node_type::time: return "a time";
    case toml::node_type::date_time: return "a date-time";
    case toml::node_type::array: return "an array";
    case toml::node_type::table: return "a table";
    default: return "nothing";
  }
}

// Integral values print without exponent ("2000000000", not "2e+09").
std::string fmt_num(double v) {
  if (std::isfinite(v) && v == std::floor(v) && std::abs(v) < 1e15) return fmt::format("{:.0f}", v);
  return fmt::format("{:g}", v);
}

std::string range_text(Range r, const char* unit) {
  const std::string u = unit && *unit ? fmt::format(" ({})", unit) : "";
  if (std::isinf(r.max)) return fmt::format("{} {}{}", r.min_open ? ">" : ">=", fmt_num(r.min), u);
  return fmt::format("in {}{}, {}]{}", r.min_open ? "(" : "[", fmt_num(r.min), fmt_num(r.max), u);
}

std::string int_range_text(std::int64_t min, std::int64_t max, const char* unit) {
  const std::string u = unit && *unit ? fmt::format(" ({})", unit) : "";
  return fmt::format("in [{}, {}]{}", min, max, u);
}

std::optional<double> as_number(const toml::node& n) {
  if (auto i = n.as_integer()) return static_cast<double>(i->get());
  if (auto f = n.as_floating_point()) return f->get();
  return std::nullopt;
}

}  // namespace

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

void ReadContext::error(const toml::source_region& where, const std::string& key,
                        const std::string& message) {
  const std::string f = where.path ? *where.path : file;
  diagnostics.add(
      {f, static_cast<int>(where.begin.line), static_cast<int>(where.begin.column), key, message});
}

void ReadContext::error_at_line(int line, int column, const std::string& key,
                                const std::string& message) {
  diagnostics.add({file, line, column, key, message});
}

void set_path(toml::table& root, const std::string& path, toml::node&& value) {
  toml::table* t = &root;
  std::size_t start = 0;
  for (;;) {
    const auto dot = path.find('.', start);
    std::string part = path.substr(start, dot == std::string::npos ? dot : dot - start);
    if (dot == std::string::npos) {
      std::move(value).visit([&](auto&& v) { t->insert_or_assign(part, std::move(v)); });
      return;
    }
    // "name[i]": element i of an array of tables.
    if (const auto br = part.find('['); br != std::string::npos && part.back() == ']') {
      const std::size_t i = std::stoul(part.substr(br + 1, part.size() - br - 2));
      part.resize(br);
      auto* arr = t->get_as<toml::array>(part);
      if (!arr) arr = t->insert_or_assign(part, toml::array{}).first->second.as_array();
      while (arr->size() <= i) arr->push_back(toml::table{});
      t = (*arr)[i].as_table();
    } else {
      auto* next = t->get_as<toml::table>(part);
      if (!next) next = t->insert_or_assign(part, toml::table{}).first->second.as_table();
      t = next;
    }
    start = dot + 1;
  }
}

TableReader::TableReader(ReadContext& ctx, const toml::table* table, std::string path,
                         std::string schema_path)
    : ctx_(ctx), table_(table), path_(std::move(path)), schema_path_(std::move(schema_path)) {}

bool TableReader::has(const char* key) const {
  if (ctx_.overrides.count(full(key))) return true;
  return table_ && table_->get(key);
}

toml::source_region TableReader::source_of(const char* key) const {
  if (auto it = ctx_.overrides.find(full(key)); it != ctx_.overrides.end())
    return it->second.node->source();
  if (table_)
    if (const toml::node* n = table_->get(key)) return n->source();
  return where();
}

toml::source_region TableReader::where() const {
  if (table_) return table_->source();
  return toml::source_region{};
}

void TableReader::note_schema(const char* key) {
  known_.insert(key);
  if (ctx_.schema_keys)
    ctx_.schema_keys->insert(schema_path_.empty() ? key : schema_path_ + "." + key);
}

const toml::node* TableReader::lookup(const char* key) {
  note_schema(key);
  ctx_.read_paths.insert(full(key));
  if (auto it = ctx_.overrides.find(full(key)); it != ctx_.overrides.end()) {
    it->second.used = true;
    return it->second.node;
  }
  return table_ ? table_->get(key) : nullptr;
}

void TableReader::resolve(const char* key, toml::node&& value) {
  set_path(ctx_.resolved, full(key), std::move(value));
}

template <class T>
void TableReader::resolve_value(const char* key, T v) {
  resolve(key, toml::value<T>(v));
}

bool TableReader::check_range(const toml::node& n, const char* key, double v, Range r,
                              const char* unit) {
  const bool ok = (r.min_open ? v > r.min : v >= r.min) && v <= r.max && std::isfinite(v);
  if (!ok)
    ctx_.error(n.source(), full(key),
               fmt::format("must be {}, got {}", range_text(r, unit), fmt_num(v)));
  return ok;
}

double TableReader::number(const char* key, double def, Range range, const char* unit) {
  const toml::node* n = lookup(key);
  double v = def;
  if (n) {
    if (auto x = as_number(*n)) {
      if (check_range(*n, key, *x, range, unit)) v = *x;
    } else {
      ctx_.error(n->source(), full(key), fmt::format("expected a number, got {}", type_name(*n)));
    }
  }
  resolve_value(key, v);
  return v;
}

std::optional<double> TableReader::required_number(const char* key, Range range, const char* unit) {
  const toml::node* n = lookup(key);
  if (!n) {
    ctx_.error(where(), full(key),
               fmt::format("required key is missing (a number {})", range_text(range, unit)));
    return std::nullopt;
  }
  auto x = as_number(*n);
  if (!x) {
    ctx_.error(n->source(), full(key), fmt::format("expected a number, got {}", type_name(*n)));
    return std::nullopt;
  }
  if (!check_range(*n, key, *x, range, unit)) return std::nullopt;
  resolve_value(key, *x);
  return x;
}

std::optional<std::int64_t> TableReader::required_integer(const char* key, std::int64_t min,
                                                          std::int64_t max, const char* unit) {
  const toml::node* n = lookup(key);
  if (!n) {
    ctx_.error(
        where(), full(key),
        fmt::format("required key is missing (an integer {})", int_range_text(min, max, unit)));
    return std::nullopt;
  }
  auto i = n->as_integer();
  if (!i) {
    ctx_.error(n->source(), full(key), fmt::format("expected an integer, got {}", type_name(*n)));
    return std::nullopt;
  }
  if (i->get() < min || i->get() > max) {
    ctx_.error(n->source(), full(key),
               fmt::format("must be {}, got {}", int_range_text(min, max, unit), i->get()));
    return std::nullopt;
  }
  resolve_value(key, i->get());
  return i->get();
}

std::int64_t TableReader::integer(const char* key, std::int64_t def, std::int64_t min,
                                  std::int64_t max, const char* unit) {
  const toml::node* n = lookup(key);
  std::int64_t v = def;
  if (n) {
    if (auto i = n->as_integer()) {
      if (i->get() < min || i->get() > max)
        ctx_.error(n->source(), full(key),
                   fmt::format("must be {}, got {}", int_range_text(min, max, unit), i->get()));
      else
        v = i->get();
    } else {
      ctx_.error(n->source(), full(key), fmt::format("expected an integer, got {}", type_name(*n)));
    }
  }
  resolve_value(key, v);
  return v;
}

std::string TableReader::string(const char* key, const std::string& def,
                                const std::vector<std::string>& allowed) {
  const toml::node* n = lookup(key);
  std::string v = def;
  if (n) {
    if (auto s = n->as_string()) {
      v = s->get();
      if (!allowed.empty() && std::find(allowed.begin(), allowed.end(), v) == allowed.end()) {
        std::string list;
        for (const auto& a : allowed) list += (list.empty() ? "" : ", ") + a;
        ctx_.error(n->source(), full(key), fmt::format("must be one of {}, got '{}'", list, v));
        v = def;
      }
    } else {
      ctx_.error(n->source(), full(key), fmt::format("expected a string, got {}", type_name(*n)));
    }
  }
  resolve_value(key, v);
  return v;
}

std::optional<std::string> TableReader::required_string(const char* key) {
  const toml::node* n = lookup(key);
  if (!n) {
    ctx_.error(where(), full(key), "required key is missing (a string)");
    return std::nullopt;
  }
  auto s = n->as_string();
  if (!s) {
    ctx_.error(n->source(), full(key), fmt::format("expected a string, got {}", type_name(*n)));
    return std::nullopt;
  }
  resolve_value(key, s->get());
  return s->get();
}

namespace {
std::optional<Month> read_month(ReadContext& ctx, const toml::node& n, const std::string& key) {
  auto d = n.as_date();
  if (!d) {
    ctx.error(n.source(), key,
              fmt::format("expected a date such as 2025-01-01, got {}", type_name(n)));
    return std::nullopt;
  }
  const toml::date& v = d->get();
  if (v.day != 1) {
    ctx.error(n.source(), key,
              fmt::format("dates are month starts: expected {:04d}-{:02d}-01, got day {}", v.year,
                          v.month, v.day));
    return std::nullopt;
  }
  if (v.year < 1900 || v.year > 2300) {
    ctx.error(n.source(), key, fmt::format("year must be in [1900, 2300], got {}", v.year));
    return std::nullopt;
  }
  return Month{static_cast<int>(v.year), static_cast<int>(v.month)};
}
}  // namespace

Month TableReader::month(const char* key, Month def) {
  const toml::node* n = lookup(key);
  Month v = def;
  if (n)
    if (auto m = read_month(ctx_, *n, full(key))) v = *m;
  resolve_value(key, toml::date{v.year, v.month, 1});
  return v;
}

std::optional<Month> TableReader::required_month(const char* key) {
  const toml::node* n = lookup(key);
  if (!n) {
    ctx_.error(where(), full(key), "required key is missing (a date such as 2025-01-01)");
    return std::nullopt;
  }
  auto m = read_month(ctx_, *n, full(key));
  if (m) resolve_value(key, toml::date{m->year, m->month, 1});
  return m;
}

template <std::size_t N>
std::array<double, N> TableReader::numbers(const char* key, std::array<double, N> def, Range range,
                                           const char* unit, bool sum_to_one) {
  const std::vector<double> got =
      number_list(key, std::vector<double>(def.begin(), def.end()), range, unit, N);
  std::array<double, N> v{};
  std::copy(got.begin(), got.end(), v.begin());
  if (sum_to_one) {
    double s = 0;
    for (double x : v) s += x;
    if (std::abs(s - 1.0) > 1e-6) {
      ctx_.error(source_of(key), full(key),
                 fmt::format("shares must sum to 1, got {}", fmt_num(s)));
      return def;
    }
  }
  return v;
}

template <std::size_t N>
std::array<std::int64_t, N> TableReader::integers(const char* key, std::array<std::int64_t, N> def,
                                                  std::int64_t min, std::int64_t max,
                                                  const char* unit) {
  const toml::node* n = lookup(key);
  std::array<std::int64_t, N> v = def;
  if (n) {
    const toml::array* a = n->as_array();
    if (!a || a->size() != N) {
      ctx_.error(n->source(), full(key),
                 fmt::format("expected an array of {} integers, got {}", N,
                             a ? fmt::format("{} elements", a->size()) : type_name(*n)));
    } else {
      bool ok = true;
      for (std::size_t i = 0; i < N; ++i) {
        auto x = (*a)[i].as_integer();
        if (!x) {
          ctx_.error(
              (*a)[i].source(), full(key),
              fmt::format("element {} must be an integer, got {}", i + 1, type_name((*a)[i])));
          ok = false;
        } else if (check_range((*a)[i], key, static_cast<double>(x->get()),
                               Range{static_cast<double>(min), static_cast<double>(max)}, unit)) {
          v[i] = x->get();
        } else {
          ok = false;
        }
      }
      if (!ok) v = def;
    }
  }
  toml::array out;
  for (auto x : v) out.push_back(x);
  resolve(key, std::move(out));
  return v;
}

bool TableReader::boolean(const char* key, bool def) {
  const toml::node* n = lookup(key);
  bool v = def;
  if (n) {
    if (auto b = n->as_boolean())
      v = b->get();
    else
      ctx_.error(n->source(), full(key),
                 fmt::format("expected true or false, got {}", type_name(*n)));
  }
  resolve_value(key, v);
  return v;
}

std::vector<double> TableReader::number_list(const char* key, const std::vector<double>& def,
                                             Range range, const char* unit, std::size_t size) {
  const toml::node* n = lookup(key);
  std::vector<double> v = def;
  if (n) {
    const toml::array* a = n->as_array();
    if (!a || a->empty() || (size > 0 && a->size() != size)) {
      ctx_.error(n->source(), full(key),
                 size > 0 ? fmt::format("expected an array of {} numbers, got {}", size,
                                        a ? fmt::format("{} elements", a->size()) : type_name(*n))
                          : fmt::format("expected a non-empty array of numbers, got {}",
                                        a ? std::string("an empty array") : type_name(*n)));
    } else {
      std::vector<double> got;
      bool ok = true;
      for (std::size_t i = 0; i < a->size(); ++i) {
        auto x = as_number((*a)[i]);
        if (!x) {
          ctx_.error((*a)[i].source(), full(key),
                     fmt::format("element {} must be a number, got {}", i + 1, type_name((*a)[i])));
          ok = false;
        } else if (!check_range((*a)[i], key, *x, range, unit)) {
          ok = false;
        } else {
          got.push_back(*x);
        }
      }
      if (ok) v = got;
    }
  }
  toml::array out;
  for (double x : v) out.push_back(x);
  resolve(key, std::move(out));
  return v;
}

std::vector<std::string> TableReader::string_list(const char* key,
                                                  const std::vector<std::string>& def) {
  const toml::node* n = lookup(key);
  std::vector<std::string> v = def;
  if (n) {
    const toml::array* a = n->as_array();
    std::vector<std::string> got;
    bool ok = a != nullptr;
    if (ok)
      for (std::size_t i = 0; i < a->size(); ++i) {
        if (auto str = (*a)[i].as_string())
          got.push_back(str->get());
        else
          ok = false;
      }
    if (ok)
      v = got;
    else
      ctx_.error(n->source(), full(key), "expected an array of strings");
  }
  toml::array out;
  for (const auto& x : v) out.push_back(x);
  resolve(key, std::move(out));
  return v;
}

std::vector<std::vector<double>> TableReader::matrix(const char* key,
                                                     const std::vector<std::vector<double>>& def,
                                                     Range range, const char* unit,
                                                     std::size_t rows, std::size_t cols) {
  const toml::node* n = lookup(key);
  std::vector<std::vector<double>> v = def;
  if (n) {
    const toml::array* a = n->as_array();
    bool ok = a && a->size() == rows;
    std::vector<std::vector<double>> got;
    for (std::size_t r = 0; ok && r < rows; ++r) {
      const toml::array* row = (*a)[r].as_array();
      if (!row || row->size() != cols) {
        ok = false;
        break;
      }
      std::vector<double> vals;
      for (std::size_t c = 0; c < cols; ++c) {
        auto x = as_number((*row)[c]);
        if (!x) {
          ok = false;
          break;
        }
        if (!check_range((*row)[c], key, *x, range, unit)) return def;
        vals.push_back(*x);
      }
      got.push_back(vals);
    }
    if (ok)
      v = got;
    else
      ctx_.error(n->source(), full(key),
                 fmt::format("expected {} rows of {} numbers (an array of arrays)", rows, cols));
  }
  toml::array out;
  for (const auto& row : v) {
    toml::array r;
    for (double x : row) r.push_back(x);
    out.push_back(std::move(r));
  }
  resolve(key, std::move(out));
  return v;
}

std::vector<std::pair<Month, double>> TableReader::dated_values(const char* key, Range range,
                                                                const char* unit) {
  const toml::node* n = lookup(key);
  std::vector<std::pair<Month, double>> v;
  if (!n) return v;
  const toml::array* a = n->as_array();
  bool ok = a && !a->empty();
  for (std::size_t i = 0; ok && i < a->size(); ++i) {
    const toml::array* pair = (*a)[i].as_array();
    if (!pair || pair->size() != 2) {
      ok = false;
      break;
    }
    auto m = read_month(ctx_, (*pair)[0], full(key));
    auto x = as_number((*pair)[1]);
    if (!m || !x) {
      ok = false;
      break;
    }
    if (!check_range((*pair)[1], key, *x, range, unit)) return {};
    if (!v.empty() && !(v.back().first < *m)) {
      ctx_.error((*pair)[0].source(), full(key), "dates must increase");
      return {};
    }
    v.emplace_back(*m, *x);
  }
  if (!ok) {
    ctx_.error(n->source(), full(key),
               "expected an array of [date, number] pairs, e.g. [[2025-01-01, 2400.0]]");
    return {};
  }
  toml::array out;
  for (const auto& [m, x] : v) {
    toml::array pair;
    pair.push_back(toml::date{m.year, m.month, 1});
    pair.push_back(x);
    out.push_back(std::move(pair));
  }
  resolve(key, std::move(out));
  return v;
}

template std::array<double, 3> TableReader::numbers(const char*, std::array<double, 3>, Range,
                                                    const char*, bool);
template std::array<double, 4> TableReader::numbers(const char*, std::array<double, 4>, Range,
                                                    const char*, bool);
template std::array<double, 6> TableReader::numbers(const char*, std::array<double, 6>, Range,
                                                    const char*, bool);
template std::array<double, 7> TableReader::numbers(const char*, std::array<double, 7>, Range,
                                                    const char*, bool);
template std::array<std::int64_t, 7> TableReader::integers(const char*, std::array<std::int64_t, 7>,
                                                           std::int64_t, std::int64_t, const char*);
template std::array<std::int64_t, 3> TableReader::integers(const char*, std::array<std::int64_t, 3>,
                                                           std::int64_t, std::int64_t, const char*);

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
