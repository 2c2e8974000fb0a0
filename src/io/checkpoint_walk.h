#pragma once
// Walks a checkpoint declaration (io/checkpoint_fields.h) to write a World's state (save) or to
// read it back into a World that make_world built from the same scenario (load). Each saved field
// is one dataset named by its path (world/persons/age_months, world/mines/tax/losses). Rows keep
// the world's row counts: a file whose mines, sites or communities differ in number is refused.
#include <fmt/format.h>

#include <cstdint>
#include <cstring>
#include <string>
#include <tuple>
#include <vector>

#include "io/checkpoint_schema.h"
#include "io/checkpoint_store.h"

namespace minesim::ckpt {

template <class V>
struct ElemOf {
  using type = V;
};
template <class E>
struct ElemOf<std::vector<E>> {
  using type = E;
};
template <class V>
using Elem = typename ElemOf<V>::type;

// The scalar a block of gathered row values is kept in (never std::vector<bool>).
template <class S>
using BlockScalar = std::conditional_t<std::is_same_v<S, bool>, std::uint8_t, S>;

template <class E>
void check_flat() {
  static_assert(Flat<E>::ok, "a saved field must be flat or a vector of flat values");
  static_assert(sizeof(E) == Flat<E>::n * sizeof(typename Flat<E>::Scalar), "padded value");
}

// --- save ---------------------------------------------------------------------------------------

template <class Owner>
void save(StoreWriter&, const std::string&, const Owner&, const Derived&) {}

template <class Owner, class Get>
void save(StoreWriter& out, const std::string& at, const Owner& o, const Value<Get>& f) {
  const auto& v = f.get(o);
  using V = std::remove_cvref_t<decltype(v)>;
  using E = Elem<V>;
  check_flat<E>();
  const Kind k = kind_of<typename Flat<E>::Scalar>();
  if constexpr (IsVector<V>::value)
    out.put(at + std::string(f.name), k, v.size(), Flat<E>::n, v.data());
  else
    out.put(at + std::string(f.name), k, 1, Flat<E>::n, &v);
}

template <class Owner, class Get, class... F>
void save(StoreWriter& out, const std::string& at, const Owner& o, const Group<Get, F...>& g) {
  const auto& sub = g.get(o);
  const std::string here = at + std::string(g.name) + "/";
  std::apply([&](const auto&... f) { (save(out, here, sub, f), ...); }, g.fields);
}

// One field of every row, gathered into one (rows, n) block; `get` reaches it from a row.
template <class Row, class Get>
void save_column(StoreWriter& out, const std::string& path, const std::vector<Row>& rs, Get get) {
  using V = std::remove_cvref_t<decltype(get(rs.front()))>;
  using E = Elem<V>;
  using S = typename Flat<E>::Scalar;
  using B = BlockScalar<S>;
  check_flat<E>();
  std::size_t len = 1;
  if constexpr (IsVector<V>::value) len = rs.empty() ? 0 : get(rs.front()).size();
  std::vector<B> block;
  block.reserve(rs.size() * len * Flat<E>::n);
  for (const Row& r : rs) {
    const auto& v = get(r);
    const E* p = nullptr;
    if constexpr (IsVector<V>::value) {
      if (v.size() != len) throw InvariantError(path + ": rows of different lengths");
      p = v.data();
    } else {
      p = &v;
    }
    const auto* s = reinterpret_cast<const B*>(p);
    block.insert(block.end(), s, s + len * Flat<E>::n);
  }
  out.put(path, kind_of<S>(), rs.size(), len * Flat<E>::n, block.data());
}

template <class Row, class Get>
void save_row_field(StoreWriter& out, const std::string& at, const std::vector<Row>& rs,
                    const Value<Get>& f) {
  save_column(
      out, at + std::string(f.name), rs, [&](const Row& r) -> const auto& { return f.get(r); });
}
template <class Row>
void save_row_field(StoreWriter&, const std::string&, const std::vector<Row>&, const Derived&) {}
// A struct inside each row (a mine's tax state): its fields, each over the rows.
template <class Row, class Get, class... F>
void save_row_field(StoreWriter& out, const std::string& at, const std::vector<Row>& rs,
                    const Group<Get, F...>& g) {
  const std::string here = at + std::string(g.name) + "/";
  const auto one = [&](const auto& f) {
    if constexpr (requires { f.get; })
      save_column(
          out, here + std::string(f.name),
          rs, [&](const Row& r) -> const auto& { return f.get(g.get(r)); });
  };
  std::apply([&](const auto&... f) { (one(f), ...); }, g.fields);
}

template <class Owner, class Get, class... F>
void save(StoreWriter& out, const std::string& at, const Owner& o, const Rows<Get, F...>& r) {
  const auto& rs = r.get(o);
  const std::string here = at + std::string(r.name) + "/";
  std::apply([&](const auto&... f) { (save_row_field(out, here, rs, f), ...); }, r.fields);
}

// --- load ---------------------------------------------------------------------------------------

template <class Owner>
void load(StoreReader&, const std::string&, Owner&, const Derived&) {}

template <class Owner, class Get>
void load(StoreReader& in, const std::string& at, Owner& o, const Value<Get>& f) {
  auto& v = f.get(o);
  using V = std::remove_cvref_t<decltype(v)>;
  using E = Elem<V>;
  const std::string path = at + std::string(f.name);
  const Kind k = kind_of<typename Flat<E>::Scalar>();
  const auto [rows, n] = in.shape(path, k);
  if (n != Flat<E>::n) in.fail(path, fmt::format("{} values a row, expected {}", n, Flat<E>::n));
  if constexpr (IsVector<V>::value) {
    v.resize(rows);
    in.get(path, k, v.data());
  } else {
    if (rows != 1) in.fail(path, fmt::format("{} rows, expected 1", rows));
    in.get(path, k, &v);
  }
}

template <class Owner, class Get, class... F>
void load(StoreReader& in, const std::string& at, Owner& o, const Group<Get, F...>& g) {
  auto& sub = g.get(o);
  const std::string here = at + std::string(g.name) + "/";
  std::apply([&](const auto&... f) { (load(in, here, sub, f), ...); }, g.fields);
}

// One (rows, n) block scattered back into a field of every row.
template <class Row, class Get>
void load_column(StoreReader& in, const std::string& path, std::vector<Row>& rs, Get get) {
  using V = std::remove_cvref_t<decltype(get(rs.front()))>;
  using E = Elem<V>;
  using S = typename Flat<E>::Scalar;
  using B = BlockScalar<S>;
  const Kind k = kind_of<S>();
  const auto [rows, n] = in.shape(path, k);
  if (rows != rs.size())
    in.fail(path, fmt::format("{} rows, the scenario has {}", rows, rs.size()));
  std::size_t len = 1;
  if constexpr (IsVector<V>::value) len = n / Flat<E>::n;
  if (n != len * Flat<E>::n)
    in.fail(path, fmt::format("{} values a row, expected {}", n, len * Flat<E>::n));
  std::vector<B> block(rows * n);
  in.get(path, k, block.data());
  for (std::size_t i = 0; i < rows; ++i) {
    auto& v = get(rs[i]);
    E* p = nullptr;
    if constexpr (IsVector<V>::value) {
      v.resize(len);
      p = v.data();
    } else {
      p = &v;
    }
    std::memcpy(static_cast<void*>(p), block.data() + i * n, n * sizeof(B));
  }
}

template <class Row, class Get>
void load_row_field(StoreReader& in, const std::string& at, std::vector<Row>& rs,
                    const Value<Get>& f) {
  load_column(
      in, at + std::string(f.name), rs, [&](Row & r) -> auto& { return f.get(r); });
}
template <class Row>
void load_row_field(StoreReader&, const std::string&, std::vector<Row>&, const Derived&) {}
template <class Row, class Get, class... F>
void load_row_field(StoreReader& in, const std::string& at, std::vector<Row>& rs,
                    const Group<Get, F...>& g) {
  const std::string here = at + std::string(g.name) + "/";
  const auto one = [&](const auto& f) {
    if constexpr (requires { f.get; })
      load_column(
          in, here + std::string(f.name), rs, [&](Row & r) -> auto& { return f.get(g.get(r)); });
  };
  std::apply([&](const auto&... f) { (one(f), ...); }, g.fields);
}

template <class Owner, class Get, class... F>
void load(StoreReader& in, const std::string& at, Owner& o, const Rows<Get, F...>& r) {
  auto& rs = r.get(o);
  const std::string here = at + std::string(r.name) + "/";
  std::apply([&](const auto&... f) { (load_row_field(in, here, rs, f), ...); }, r.fields);
}

}  // namespace minesim::ckpt
