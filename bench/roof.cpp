#include "roof.h"

#include <oneapi/tbb/parallel_for.h>

#include <algorithm>
#include <chrono>
#include <type_traits>
#include <vector>

#include "core/parallel.h"
#include "core/rng.h"
#include "core/rng_lanes.h"

namespace minesim::bench {

namespace {

using Clock = std::chrono::steady_clock;

// The columns the kernel touches, byte for byte: a column added to Persons without a line in
// roof_pass fails here.
constexpr std::size_t kTouchedBytes =
    2 * sizeof(std::uint16_t) + 10 * sizeof(std::uint8_t) + 2 * sizeof(std::uint32_t);
static_assert(kTouchedBytes == Persons::bytes_per_person(),
              "the roof kernel must read and write every person column");

constexpr std::uint64_t kRoofSeed = 0xBB67AE859E3779B9ull;

// One pass: every column of person i read, combined with one Philox block keyed by i, written.
// `mask` is 0 at run time (the compiler cannot know it), so the columns keep their values; every
// column is one of the 14 lines below (kTouchedBytes checks the sum of their widths).
// Persons per chunk: their Philox words are made first (sixteen at a time, core/rng_lanes.h), then
// each column is one tight loop over the chunk, as a fused pass over the columns would be.
constexpr std::size_t kChunk = 256;

void roof_pass(Persons& p, std::uint32_t month, std::uint32_t mask) {
  par::for_blocks(p.size(), [&](std::size_t b, std::size_t e) {
    alignas(32) std::uint32_t r[kChunk], s[kChunk], t[kChunk];
    for (std::size_t c = b; c < e; c += kChunk) {
      const std::size_t n = std::min(kChunk, e - c);
      for (std::size_t k = 0; k < n; k += rng::kLanes) {
        const rng::Lanes u = rng::first_blocks(kRoofSeed, rng::Purpose::kDemography,
                                               static_cast<std::uint32_t>(c + k), month);
        for (int l = 0; l < rng::kLanes; ++l) {
          r[k + l] = u.words[0][l] & mask;
          s[k + l] = u.words[1][l] & mask;
          t[k + l] = u.words[2][l] & mask;
        }
      }
      const auto column = [&](auto* col, const std::uint32_t* w, int bit) {
        using T = std::remove_reference_t<decltype(col[0])>;
        for (std::size_t k = 0; k < n; ++k)
          col[c + k] = static_cast<T>(col[c + k] ^ (w[k] >> bit & 1));
      };
      column(p.age_months.data(), r, 0);
      column(p.gender.data(), r, 1);
      column(p.skill.data(), r, 2);
      column(p.participates.data(), r, 3);
      column(p.alive.data(), r, 4);
      column(p.origin.data(), r, 5);
      column(p.community.data(), r, 6);
      column(p.household.data(), s, 0);
      column(p.job.data(), s, 1);
      column(p.occupation.data(), s, 2);
      column(p.certified.data(), s, 3);
      column(p.training.data(), s, 4);
      column(p.programme.data(), s, 5);
      column(p.education.data(), t, 0);
    }
  });
}

template <class Fn>
double best_seconds(int repeats, Fn&& fn) {
  double best = 1e300;
  for (int k = 0; k < repeats; ++k) {
    const auto t0 = Clock::now();
    fn(k);
    best = std::min(best, std::chrono::duration<double>(Clock::now() - t0).count());
  }
  return best;
}

}  // namespace

Roof measure_roof(Persons& p, int repeats) {
  volatile std::uint32_t zero = 0;  // read once: the kernel's mask, unknown to the compiler
  const std::uint32_t mask = zero;
  Roof roof;
  const double n = static_cast<double>(p.size());
  const double kernel =
      best_seconds(repeats, [&](int k) { roof_pass(p, static_cast<std::uint32_t>(k), mask); });
  roof.person_months_per_s = n / kernel;
  roof.kernel_bytes_per_s = 2.0 * n * static_cast<double>(Persons::bytes_per_person()) / kernel;

  const std::size_t m = std::max<std::size_t>(p.size(), std::size_t{1} << 23);
  std::vector<double> a(m, 0.0), b(m, 1.0), c(m, 2.0);
  const double scalar = 3.0 + mask;
  const double triad = best_seconds(repeats, [&](int) {
    par::for_blocks(m, [&](std::size_t lo, std::size_t hi) {
      for (std::size_t i = lo; i < hi; ++i) a[i] = b[i] + scalar * c[i];
    });
  });
  roof.triad_bytes_per_s = 3.0 * sizeof(double) * static_cast<double>(m) / triad;
  return roof;
}

}  // namespace minesim::bench
