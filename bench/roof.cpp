#include "roof.h"

#include <oneapi/tbb/parallel_for.h>

#include <algorithm>
#include <chrono>
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
void roof_pass(Persons& p, std::uint32_t month, std::uint32_t mask) {
  const auto touch = [&](std::size_t i, const rng::Counter& u) {
    const std::uint32_t r = u[0] & mask, s = u[1] & mask;
    p.age_months[i] = static_cast<std::uint16_t>(p.age_months[i] + (r & 1));
    p.gender[i] = static_cast<std::uint8_t>(p.gender[i] ^ (r >> 1 & 1));
    p.skill[i] = static_cast<std::uint8_t>(p.skill[i] ^ (r >> 2 & 1));
    p.participates[i] = static_cast<std::uint8_t>(p.participates[i] ^ (r >> 3 & 1));
    p.alive[i] = static_cast<std::uint8_t>(p.alive[i] ^ (r >> 4 & 1));
    p.origin[i] = static_cast<std::uint8_t>(p.origin[i] ^ (r >> 5 & 1));
    p.community[i] = static_cast<std::uint16_t>(p.community[i] ^ (r >> 6 & 1));
    p.household[i] ^= s & 1;
    p.job[i] ^= s >> 1 & 1;
    p.occupation[i] = static_cast<std::uint8_t>(p.occupation[i] ^ (s >> 2 & 1));
    p.certified[i] = static_cast<std::uint8_t>(p.certified[i] ^ (s >> 3 & 1));
    p.training[i] = static_cast<std::uint8_t>(p.training[i] ^ (s >> 4 & 1));
    p.programme[i] = static_cast<std::uint8_t>(p.programme[i] ^ (s >> 5 & 1));
    p.education[i] = static_cast<std::uint8_t>(p.education[i] ^ (u[2] & mask & 1));
  };
  // Eight persons' blocks at a time, as the model's per-person draws are (core/rng_lanes.h).
  par::for_blocks(p.size(), [&](std::size_t b, std::size_t e) {
    std::size_t i = b;
    for (; i + rng::kLanes <= e; i += rng::kLanes) {
      const rng::Lanes u = rng::first_blocks(kRoofSeed, rng::Purpose::kDemography,
                                             static_cast<std::uint32_t>(i), month);
      for (int l = 0; l < rng::kLanes; ++l) touch(i + l, u.lane(l));
    }
    for (; i < e; ++i)
      touch(i,
            rng::Stream(kRoofSeed, rng::Purpose::kDemography, static_cast<std::uint32_t>(i), month)
                .block());
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
