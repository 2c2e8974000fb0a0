#pragma once
// Philox4x32-10 for sixteen entities at once: the first block (draw index 0) of the streams
// (seed, purpose, entity + l, month) for l = 0..15, bit for bit what rng::Stream(...).block() gives
// each (tests/core/rng_test.cpp checks it). A month's per-person decisions each take one block, so
// the phases that draw for every person (demography) draw sixteen at a time: with AVX2 the ten
// rounds run on eight lanes per register, two registers interleaved, and the result is the same
// integer arithmetic on any machine, so outputs do not depend on which path ran.
#include <array>
#include <cstdint>

#include "core/rng.h"

namespace minesim::rng {

inline constexpr int kLanes = 16;  // a multiple of 8 (the AVX2 path's register)

// words[w][l]: word w of entity (first + l)'s first block.
struct Lanes {
  alignas(32) std::array<std::array<u32, kLanes>, 4> words;
  Counter lane(int l) const { return {words[0][l], words[1][l], words[2][l], words[3][l]}; }
};

// The first blocks of the streams (seed, purpose, first + l, month), l = 0..kLanes-1.
Lanes first_blocks(std::uint64_t seed, Purpose purpose, u32 first, u32 month);

// Which implementation first_blocks uses: AVX2 where the CPU has it, else portable code. Tests
// force the portable one to compare the two.
bool lanes_use_avx2();
void force_portable_lanes(bool portable);

}  // namespace minesim::rng
