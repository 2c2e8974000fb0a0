#include "core/rng_lanes.h"

#include <immintrin.h>

#include <atomic>

namespace minesim::rng {

namespace {

std::atomic<bool> g_portable{false};

Lanes portable(std::uint64_t seed, Purpose purpose, u32 first, u32 month) {
  Lanes out;
  const Key key{static_cast<u32>(seed), static_cast<u32>(seed >> 32)};
  for (int l = 0; l < kLanes; ++l) {
    const Counter c =
        philox4x32_10({0u, month, first + static_cast<u32>(l), static_cast<u32>(purpose)}, key);
    for (int w = 0; w < 4; ++w) out.words[w][l] = c[w];
  }
  return out;
}

// hi and lo 32 bits of m * x for the eight lanes of x: the even lanes multiply in place, the odd
// lanes shifted down, and the halves are interleaved back.
__attribute__((target("avx2"))) inline void mulhilo8(__m256i m, __m256i x, __m256i& hi,
                                                     __m256i& lo) {
  const __m256i even = _mm256_mul_epu32(m, x);
  const __m256i odd = _mm256_mul_epu32(m, _mm256_srli_epi64(x, 32));
  lo = _mm256_blend_epi32(even, _mm256_slli_epi64(odd, 32), 0xAA);
  hi = _mm256_blend_epi32(_mm256_srli_epi64(even, 32), odd, 0xAA);
}

// Two chains of eight lanes, interleaved: a round's multiply waits for the previous round, so
// the second chain fills that wait.
__attribute__((target("avx2"))) Lanes avx2(std::uint64_t seed, Purpose purpose, u32 first,
                                           u32 month) {
  constexpr int kChains = kLanes / 8;
  __m256i c0[kChains], c1[kChains], c2[kChains], c3[kChains];
  for (int h = 0; h < kChains; ++h) {
    c0[h] = _mm256_setzero_si256();
    c1[h] = _mm256_set1_epi32(static_cast<int>(month));
    c2[h] = _mm256_add_epi32(_mm256_set1_epi32(static_cast<int>(first + 8u * h)),
                             _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7));
    c3[h] = _mm256_set1_epi32(static_cast<int>(static_cast<u32>(purpose)));
  }
  const __m256i m0 = _mm256_set1_epi32(static_cast<int>(kM0));
  const __m256i m1 = _mm256_set1_epi32(static_cast<int>(kM1));
  u32 k0 = static_cast<u32>(seed), k1 = static_cast<u32>(seed >> 32);
  for (int round = 0; round < 10; ++round) {
    if (round > 0) {
      k0 += kW0;
      k1 += kW1;
    }
    const __m256i key0 = _mm256_set1_epi32(static_cast<int>(k0));
    const __m256i key1 = _mm256_set1_epi32(static_cast<int>(k1));
    for (int h = 0; h < kChains; ++h) {
      __m256i hi0, lo0, hi1, lo1;
      mulhilo8(m0, c0[h], hi0, lo0);
      mulhilo8(m1, c2[h], hi1, lo1);
      c0[h] = _mm256_xor_si256(_mm256_xor_si256(hi1, c1[h]), key0);
      c1[h] = lo1;
      c2[h] = _mm256_xor_si256(_mm256_xor_si256(hi0, c3[h]), key1);
      c3[h] = lo0;
    }
  }
  Lanes out;
  for (int h = 0; h < kChains; ++h) {
    _mm256_store_si256(reinterpret_cast<__m256i*>(out.words[0].data() + 8 * h), c0[h]);
    _mm256_store_si256(reinterpret_cast<__m256i*>(out.words[1].data() + 8 * h), c1[h]);
    _mm256_store_si256(reinterpret_cast<__m256i*>(out.words[2].data() + 8 * h), c2[h]);
    _mm256_store_si256(reinterpret_cast<__m256i*>(out.words[3].data() + 8 * h), c3[h]);
  }
  return out;
}

bool has_avx2() {
  static const bool yes = [] {
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx2") != 0;
  }();
  return yes;
}

}  // namespace

bool lanes_use_avx2() { return has_avx2() && !g_portable.load(std::memory_order_relaxed); }
void force_portable_lanes(bool portable) { g_portable.store(portable); }

Lanes first_blocks(std::uint64_t seed, Purpose purpose, u32 first, u32 month) {
  return lanes_use_avx2() ? avx2(seed, purpose, first, month)
                          : portable(seed, purpose, first, month);
}

}  // namespace minesim::rng
