#pragma once
// Row-major offsets into flat arrays over several axes: Shape<4>{{nc, kSectors, kGenders, kSkills}}
// (c, s, g, k) is ((c * kSectors + s) * kGenders + g) * kSkills + k, written once here instead of
// by hand at each use. The output registry (world/variables.h) builds the shape of each output
// variable from its declared axes.
#include <array>
#include <cassert>
#include <cstddef>

namespace minesim {

template <std::size_t R>
struct Shape {
  std::array<std::size_t, R> extent{};

  template <class... I>
  requires(sizeof...(I) == R) constexpr std::size_t operator()(I... i) const {
    std::size_t off = 0, d = 0;
    ((assert(static_cast<std::size_t>(i) < extent[d]),
      off = off * extent[d] + static_cast<std::size_t>(i), ++d),
     ...);
    return off;
  }
  constexpr std::size_t size() const {
    std::size_t n = 1;
    for (std::size_t e : extent) n *= e;
    return n;
  }
};

}  // namespace minesim
