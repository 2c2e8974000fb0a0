// TableReader: arrays (fixed-size number arrays, lists of numbers and strings, matrices and dated
// series), each element checked with its position.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "scenario/reader.h"
#include "scenario/reader_detail.h"

namespace minesim {

using namespace reader_detail;

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

std::vector<double> TableReader::number_list(const char* key, const std::vector<double>& def,
                                             Range range, const char* unit, std::size_t size) {
  note_range(key, range);
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
  note_range(key, range);
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
  note_range(key, range);
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

}  // namespace minesim
