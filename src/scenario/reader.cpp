// TableReader: construction, lookup with --set overrides, resolution, and the scalar reads.
// Arrays are read in reader_lists.cpp, sub-tables and names in reader_tables.cpp.
#include "scenario/reader.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>

#include "scenario/reader_detail.h"

namespace minesim {

namespace reader_detail {

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

std::string fmt_num(double v) {
  if (std::isfinite(v) && v == std::floor(v) && std::abs(v) < 1e15) return fmt::format("{:.0f}", v);
  return fmt::format("{:g}", v);
}

std::string range_text(Range r, const char* unit) {
  if (r.shown) return r.shown;
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

}  // namespace reader_detail

using namespace reader_detail;

void ReadContext::error(const toml::source_region& where, const std::string& key,
                        const std::string& message) {
  const std::string f = where.path ? *where.path : file;
  diagnostics.add(
      {f, static_cast<int>(where.begin.line), static_cast<int>(where.begin.column), key, message});
}

namespace {

// The element index of a path part "name[i]" (i written by table_array, so a whole number no
// larger than the array read); nullopt for any other part. Table names cannot hold '[' or ']'
// (reader_tables.cpp refuses them), so a part never looks like an index by accident.
std::optional<std::size_t> element_index(std::string& part) {
  const auto br = part.find('[');
  if (br == std::string::npos || part.size() < br + 3 || part.back() != ']') return std::nullopt;
  std::size_t i = 0;
  const char* first = part.data() + br + 1;
  const char* last = part.data() + part.size() - 1;
  const auto [end, ec] = std::from_chars(first, last, i);
  if (ec != std::errc{} || end != last) return std::nullopt;
  part.resize(br);
  return i;
}

}  // namespace

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
    if (const auto i = element_index(part)) {  // element i of an array of tables
      auto* arr = t->get_as<toml::array>(part);
      if (!arr) arr = t->insert_or_assign(part, toml::array{}).first->second.as_array();
      while (arr->size() <= *i) arr->push_back(toml::table{});
      if (!(*arr)[*i].is_table())
        arr->replace(arr->begin() + static_cast<std::ptrdiff_t>(*i), toml::table{});
      t = (*arr)[*i].as_table();
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

bool TableReader::has_under(const char* key) const {
  if (has(key)) return true;
  const std::string prefix = full(key) + ".";
  const auto it = ctx_.overrides.lower_bound(prefix);
  return it != ctx_.overrides.end() && it->first.compare(0, prefix.size(), prefix) == 0;
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

void TableReader::note_range(const char* key, Range range) {
  if (ctx_.key_ranges) ctx_.key_ranges->insert_or_assign(full(key), range);
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
  note_range(key, range);
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
  note_range(key, range);
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
  note_range(key, Range{static_cast<double>(min), static_cast<double>(max)});
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
  note_range(key, Range{static_cast<double>(min), static_cast<double>(max)});
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

std::optional<Month> reader_detail::read_month(ReadContext& ctx, const toml::node& n,
                                               const std::string& key) {
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

}  // namespace minesim
