#pragma once
// The building blocks of a checkpoint's declared state (io/checkpoint_fields.h): what a struct's
// fields are, each saved or declared derived with the reason, so that the list is data that the
// writer and the reader walk, and a field added to a struct without its entry fails to compile
// (field_count below: an aggregate's field count, against the entries declared for it).
//
//  - value(name, get): a field that is a flat value (a number, an enum, a bool or nested
//    std::arrays of them) or a std::vector of flat values; saved as a (rows, n) dataset.
//  - group(name, get, fields...): a struct of its own (persons' columns, the levers), a subgroup.
//  - rows(name, get, fields...): a std::vector of row structs (mines), one dataset per field
//    over the rows; a row field that is a vector must have the same length in every row.
//  - derived(name, why): not saved: rebuilt from the scenario by make_world, or cleared before
//    it is read again; `why` says which, and the docs list these (docs/checkpoints.md).
#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <vector>

namespace minesim::ckpt {

// A flat value: its scalar type and how many scalars it holds.
template <class T>
struct Flat {
  static constexpr bool ok = std::is_arithmetic_v<T> || std::is_enum_v<T>;
  using Scalar = T;
  static constexpr std::size_t n = 1;
};
template <class T, std::size_t N>
struct Flat<std::array<T, N>> {
  static constexpr bool ok = Flat<T>::ok;
  using Scalar = typename Flat<T>::Scalar;
  static constexpr std::size_t n = N * Flat<T>::n;
};
template <class T>
struct IsVector : std::false_type {};
template <class T>
struct IsVector<std::vector<T>> : std::true_type {};

template <class Get>
struct Value {
  std::string_view name;
  Get get;
};
template <class Get, class... F>
struct Group {
  std::string_view name;
  Get get;
  std::tuple<F...> fields;
};
template <class Get, class... F>
struct Rows {
  std::string_view name;
  Get get;
  std::tuple<F...> fields;
};
struct Derived {
  std::string_view name, why;
};

template <class Get>
constexpr Value<Get> value(std::string_view name, Get get) {
  return {name, get};
}
template <class Get, class... F>
constexpr Group<Get, F...> group(std::string_view name, Get get, F... fields) {
  return {name, get, {fields...}};
}
template <class Get, class... F>
constexpr Rows<Get, F...> rows(std::string_view name, Get get, F... fields) {
  return {name, get, {fields...}};
}
constexpr Derived derived(std::string_view name, std::string_view why) { return {name, why}; }

// An aggregate's number of fields: the most initialisers T{...} accepts (each converts to any
// field's type; a std::array field takes one, since a conversion to it exists).
struct AnyField {
  template <class T>
  operator T() const;  // NOLINT: declared only, for the unevaluated T{...} below
};
template <class T, class... A>
constexpr std::size_t field_count() {
  if constexpr (requires { T{A{}..., AnyField{}}; })
    return field_count<T, A..., AnyField>();
  else
    return sizeof...(A);
}

// Entries of a declaration, for the check against field_count.
template <class Get, class... F>
constexpr std::size_t entries(const Group<Get, F...>&) {
  return sizeof...(F);
}
template <class Get, class... F>
constexpr std::size_t entries(const Rows<Get, F...>&) {
  return sizeof...(F);
}

// The declarations name the fields once: CKPT_VALUE(age_months) is value("age_months", the
// accessor of o.age_months), for a const or a mutable owner alike.
#define CKPT_VALUE(field) \
  ::minesim::ckpt::value( \
      #field, [](auto& o) -> auto& { return o.field; })
#define CKPT_GROUP(field, ...) \
  ::minesim::ckpt::group(      \
      #field, [](auto& o) -> auto& { return o.field; }, __VA_ARGS__)
#define CKPT_ROWS(field, ...) \
  ::minesim::ckpt::rows(      \
      #field, [](auto& o) -> auto& { return o.field; }, __VA_ARGS__)

}  // namespace minesim::ckpt
