// Philox4x32-10 against the Random123 known-answer vectors, and the distributions' moments.
#include <gtest/gtest.h>

#include <cmath>

#include "core/rng.h"
#include "core/rng_lanes.h"

namespace minesim::rng {
namespace {

TEST(Philox, KnownAnswerVectors) {
  // Random123 tests/kat_vectors, "philox4x32 10" lines.
  EXPECT_EQ(philox4x32_10({0, 0, 0, 0}, {0, 0}),
            (Counter{0x6627e8d5, 0xe169c58d, 0xbc57ac4c, 0x9b00dbd8}));
  EXPECT_EQ(philox4x32_10({~0u, ~0u, ~0u, ~0u}, {~0u, ~0u}),
            (Counter{0x408f276d, 0x41c83b0e, 0xa20bc7c6, 0x6d5451fd}));
  EXPECT_EQ(
      philox4x32_10({0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344}, {0xa4093822, 0x299f31d0}),
      (Counter{0xd16cfe09, 0x94fdcceb, 0x5001e420, 0x24126ea1}));
}

TEST(Stream, SameKeySameDrawsDifferentKeyDifferentDraws) {
  Stream a(42, Purpose::kHiring, 7, 3), b(42, Purpose::kHiring, 7, 3);
  for (int i = 0; i < 10; ++i) EXPECT_EQ(a.uniform(), b.uniform());
  Stream c(42, Purpose::kHiring, 8, 3), d(42, Purpose::kQuit, 7, 3), e(43, Purpose::kHiring, 7, 3),
      f(42, Purpose::kHiring, 7, 4);
  const double x = Stream(42, Purpose::kHiring, 7, 3).uniform();
  EXPECT_NE(x, c.uniform());
  EXPECT_NE(x, d.uniform());
  EXPECT_NE(x, e.uniform());
  EXPECT_NE(x, f.uniform());
}

// The named sub-streams are exactly the counters the code used to write by hand, so their draws
// (and every output) are unchanged.
TEST(Stream, NamedSubStreamsEqualTheFormerCounters) {
  for (u32 month : {0u, 1u, 24300u, 24311u, 0x1FFFFFFFu}) {
    EXPECT_EQ(sub(month, MonthSub::kLocalHiringRule), month ^ 0x40000000u);
    EXPECT_EQ(sub(month, MonthSub::kAsmRole), month ^ 0x80000000u);
    EXPECT_EQ(sub(month, MonthSub::kTrainingPriority), month ^ 0x40000000u);
    EXPECT_EQ(sub(month, MonthSub::kTrainingBarrier), month ^ 0x80000000u);
  }
  for (u32 id : {0u, 1u, 5u * 7u + 6u, 0x1FFFFFFFu}) {
    EXPECT_EQ(sub(id, EntitySub::kAsmSite), 0x40000000u | id);
    EXPECT_EQ(sub(id, EntitySub::kSupplierEntrant), 0x80000000u | id);
    EXPECT_EQ(sub(id, EntitySub::kSupplierIncubation), 0x20000000u | id);
  }
  // A sub-stream draws differently from the main stream of the same purpose, entity and month.
  EXPECT_NE(Stream(1, Purpose::kHiringBias, 3, 24300).uniform(),
            Stream(1, Purpose::kHiringBias, 3, sub(24300u, MonthSub::kAsmRole)).uniform());
  EXPECT_NE(Stream(1, Purpose::kIncidents, 2, 24300).uniform(),
            Stream(1, Purpose::kIncidents, sub(2u, EntitySub::kAsmSite), 24300).uniform());
}

TEST(Stream, UniformMomentsAndRange) {
  double sum = 0, sq = 0;
  const int n = 200000;
  for (int i = 0; i < n; ++i) {
    const double u = Stream(1, Purpose::kPopulation, static_cast<u32>(i), 0).uniform();
    ASSERT_GE(u, 0.0);
    ASSERT_LT(u, 1.0);
    sum += u;
    sq += u * u;
  }
  const double mean = sum / n, var = sq / n - mean * mean;
  EXPECT_NEAR(mean, 0.5, 0.005);  // sd of the mean ~0.00065
  EXPECT_NEAR(var, 1.0 / 12.0, 0.002);
}

TEST(Stream, NormalAndPoissonMoments) {
  const int n = 100000;
  double s = 0, s2 = 0, p = 0, p2 = 0, big = 0;
  for (int i = 0; i < n; ++i) {
    Stream r(5, Purpose::kIncidents, static_cast<u32>(i), 1);
    const double z = r.normal();
    s += z;
    s2 += z * z;
    const double k = r.poisson(3.5);
    p += k;
    p2 += k * k;
    big += r.poisson(120.0);
  }
  EXPECT_NEAR(s / n, 0.0, 0.02);
  EXPECT_NEAR(s2 / n, 1.0, 0.02);
  EXPECT_NEAR(p / n, 3.5, 0.03);
  EXPECT_NEAR(p2 / n - (p / n) * (p / n), 3.5, 0.1);
  EXPECT_NEAR(big / n, 120.0, 0.3);
  EXPECT_EQ(Stream(5, Purpose::kIncidents, 0, 0).poisson(0.0), 0u);
}

// Sixteen lanes at once give each entity's first block bit for bit, on both paths (AVX2 where the
// CPU has it, and the portable one), including seeds with high bits and entities that wrap.
TEST(Lanes, FirstBlocksEqualEachStreamsFirstBlock) {
  const std::uint64_t seeds[] = {0, 1, 3, 0xFFFFFFFFull, 0x123456789ABCDEF0ull, ~0ull};
  const u32 firsts[] = {0, 7, 16384, 0x3FFFFFF8u, 0xFFFFFFFCu};
  for (const bool portable : {false, true}) {
    force_portable_lanes(portable);
    for (std::uint64_t seed : seeds)
      for (u32 first : firsts)
        for (u32 month : {0u, 1u, 611u, 0x80000000u})
          for (Purpose purpose : {Purpose::kDemography, Purpose::kQuit, Purpose::kExpatriate}) {
            const Lanes got = first_blocks(seed, purpose, first, month);
            for (int l = 0; l < kLanes; ++l)
              ASSERT_EQ(got.lane(l),
                        Stream(seed, purpose, first + static_cast<u32>(l), month).block())
                  << "seed " << seed << " entity " << first + l << " month " << month
                  << (portable ? " (portable)" : " (AVX2 if present)");
          }
  }
  force_portable_lanes(false);
}

// A word below word_threshold(p) is exactly a word whose uniform x * 2^-32 is below p: at the
// words next to the threshold, for probabilities on the 2^-32 grid, between its points, tiny,
// near 1, at and above 1, and not a number.
TEST(WordThreshold, SameDecisionAsComparingDoubles) {
  const auto below = [](std::uint64_t x, double p) {
    return static_cast<double>(x) * 0x1.0p-32 < p;
  };
  const double probs[] = {0.0,         -0.5,      0x1.0p-32, 0x1.8p-32,    1e-300,
                          0.001,       1.0 / 3.0, 0.5,       0.75,         1.0 - 0x1.0p-32,
                          1.0 - 1e-12, 1.0,       1.5,       std::nan(""), 0.0123456789,
                          0x1.0p-33};
  for (const double p : probs) {
    const std::uint64_t t = word_threshold(p);
    ASSERT_LE(t, std::uint64_t{1} << 32) << p;
    for (const std::int64_t d : {-2, -1, 0, 1, 2}) {
      const std::int64_t x = static_cast<std::int64_t>(t) + d;
      if (x < 0 || x > 0xFFFFFFFFll) continue;
      EXPECT_EQ(static_cast<std::uint64_t>(x) < t, below(static_cast<std::uint64_t>(x), p))
          << "p " << p << " word " << x;
    }
    EXPECT_EQ(0 < t, below(0, p)) << p;
    EXPECT_EQ(0xFFFFFFFFull < t, below(0xFFFFFFFFull, p)) << p;
  }
}

}  // namespace
}  // namespace minesim::rng
