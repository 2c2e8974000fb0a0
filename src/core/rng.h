#pragma once
// Counter-based random numbers (Philox4x32-10; Salmon et al., SC'11, doi:10.1145/2063384.2063405).
// A draw is a pure function of (run seed, purpose, entity id, month, draw index): there is no
// generator state shared between agents or threads, so results never depend on scheduling, and a
// policy arm reuses the baseline's draws for every decision it does not change (common random
// numbers). Distributions are written here, never taken from <random>, whose algorithms differ
// between standard libraries.
#include <array>
#include <cmath>
#include <cstdint>

namespace minesim::rng {

using u32 = std::uint32_t;
using Counter = std::array<u32, 4>;
using Key = std::array<u32, 2>;

inline constexpr u32 kM0 = 0xD2511F53u, kM1 = 0xCD9E8D57u;  // round multipliers
inline constexpr u32 kW0 = 0x9E3779B9u, kW1 = 0xBB67AE85u;  // Weyl key increments

constexpr void mulhilo(u32 a, u32 b, u32& hi, u32& lo) {
  const std::uint64_t p = std::uint64_t{a} * b;
  hi = static_cast<u32>(p >> 32);
  lo = static_cast<u32>(p);
}

constexpr Counter philox4x32_10(Counter c, Key k) {
  for (int round = 0; round < 10; ++round) {
    if (round > 0) {
      k[0] += kW0;
      k[1] += kW1;
    }
    u32 hi0{}, lo0{}, hi1{}, lo1{};
    mulhilo(kM0, c[0], hi0, lo0);
    mulhilo(kM1, c[2], hi1, lo1);
    c = {hi1 ^ c[1] ^ k[0], lo1, hi0 ^ c[3] ^ k[1], lo0};
  }
  return c;
}

// Known-answer vectors from Random123 tests/kat_vectors ("philox4x32 10 ..."); also in the unit
// test.
static_assert(philox4x32_10({0, 0, 0, 0}, {0, 0}) ==
              Counter{0x6627e8d5, 0xe169c58d, 0xbc57ac4c, 0x9b00dbd8});
static_assert(philox4x32_10({~0u, ~0u, ~0u, ~0u}, {~0u, ~0u}) ==
              Counter{0x408f276d, 0x41c83b0e, 0xa20bc7c6, 0x6d5451fd});
static_assert(philox4x32_10({0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344},
                            {0xa4093822, 0x299f31d0}) ==
              Counter{0xd16cfe09, 0x94fdcceb, 0x5001e420, 0x24126ea1});

// What a draw decides. Append only: renumbering changes every result that uses the purpose.
enum class Purpose : u32 {
  kPopulation = 1,     // person attributes at creation (age, gender, skill, participation)
  kHouseholdSize = 2,  // household sizes at creation
  kQuit = 3,           // monthly voluntary separation
  kSeparation = 4,     // priority among employees when an employer sheds jobs
  kHiring = 5,         // priority among job seekers
  kIncidents = 6,      // mine incidents in a month
  kHiringBias = 7,     // whether a mine accepts a female candidate this month
  kPrice = 8,          // commodity price shocks
  kSupplierEntry = 9,  // supplier firms: initial capability and owner, entry
  kCommute = 10,       // whether a resident of another community takes a mine job this month
  kRedeploy = 11,      // which displaced mine workers are retrained first
  kDemography = 12,    // death, birth, leaving home, migration decisions of a person
  kNewborn = 13,       // a newborn's attributes (keyed by the mother)
  kNewcomer = 14,      // an in-migrant's attributes
  kTraining = 15,      // training: graduation, enrolment priority, women's barriers
  kLocalisation = 16,  // whether a localisation plan ends a non-local employee's contract
  kPlanDesign = 17,    // an ensemble plan's Latin hypercube (scenario/plan_members.cpp)
  kMorrisDesign = 18,  // a [sensitivity] plan's Morris trajectories (scenario/morris.cpp)
  kExpatriate = 19,    // an expatriate a mine brings from abroad: age and gender (keyed by id)
};

// Sub-streams: two decisions of one purpose, entity and month that must not share draws are told
// apart by a high bit of the month counter (XORed in) or of the entity id (ORed in); calendar
// month indices and entity ids stay far below 2^29, so the bits never collide with real values.
// Each bit is named here, once, by what it decides. Fixed values: changing one changes every
// result that uses it (tests/core/rng_test.cpp checks them against the literal counters).
enum class MonthSub : u32 {
  kLocalHiringRule = 0x40000000u,   // kHiringBias: a local hiring rule passes over a non-local
  kAsmRole = 0x80000000u,           // kHiringBias: an ASM role takes the other gender
  kTrainingPriority = 0x40000000u,  // kTraining: priority for a training seat
  kTrainingBarrier = 0x80000000u,   // kTraining: a woman's barriers keep her from a seat
};
enum class EntitySub : u32 {
  kAsmSite = 0x40000000u,             // kIncidents: ASM sites (mines use the plain mine index)
  kSupplierEntrant = 0x80000000u,     // kSupplierEntry: entry by (community, category)
  kSupplierIncubation = 0x20000000u,  // kSupplierEntry: incubation by (mine, category)
};
// The month counter of a sub-stream.
constexpr u32 sub(u32 month, MonthSub s) { return month ^ static_cast<u32>(s); }
// The entity id of a sub-stream.
constexpr u32 sub(u32 entity, EntitySub s) { return entity | static_cast<u32>(s); }

// [0,1) with 53 random bits.
constexpr double u01(u32 hi, u32 lo) {
  return static_cast<double>(((std::uint64_t{hi} << 32) | lo) >> 11) * 0x1.0p-53;
}

// A uniform from one 32-bit word, x * 2^-32, is below `prob` exactly when x is below
// word_threshold(prob) = ceil(prob * 2^32) (exact in double): a loop deciding for every person
// compares words with a threshold computed once, the same decisions as comparing doubles.
inline std::uint64_t word_threshold(double prob) {
  if (!(prob > 0)) return 0;  // NaN included: never below
  if (prob >= 1) return std::uint64_t{1} << 32;
  return static_cast<std::uint64_t>(std::ceil(std::ldexp(prob, 32)));
}

// The draws for one (purpose, entity, month). Cheap to construct; copy freely.
class Stream {
 public:
  constexpr Stream(std::uint64_t seed, Purpose purpose, u32 entity, u32 month)
      : key_{static_cast<u32>(seed), static_cast<u32>(seed >> 32)},
        entity_(entity),
        month_(month),
        purpose_(static_cast<u32>(purpose)) {}

  // Four raw 32-bit words per call; the counter advances by one block.
  constexpr Counter block() { return philox4x32_10({next_++, month_, entity_, purpose_}, key_); }
  // A uniform double in [0,1). Uses one block (two words are discarded: simplicity over speed).
  constexpr double uniform() {
    const Counter c = block();
    return u01(c[0], c[1]);
  }
  // A raw 32-bit priority, used to order agents that compete (unique together with the agent id).
  constexpr u32 priority() { return block()[0]; }
  constexpr bool bernoulli(double p) { return uniform() < p; }
  // Standard normal by Box-Muller (one value per call).
  double normal() {
    const Counter c = block();
    const double u1 = 1.0 - u01(c[0], c[1]);  // (0,1]
    const double u2 = u01(c[2], c[3]);
    return std::sqrt(-2.0 * std::log(u1)) * std::cos(6.283185307179586 * u2);
  }
  // Poisson by inversion (fine for the small means used here); a normal approximation above 50.
  std::uint32_t poisson(double mean) {
    if (mean <= 0.0) return 0;
    if (mean > 50.0) {
      const double x = std::floor(mean + std::sqrt(mean) * normal() + 0.5);
      return x < 0.0 ? 0u : static_cast<std::uint32_t>(x);
    }
    const double u = uniform();
    double p = std::exp(-mean), cdf = p;
    std::uint32_t k = 0;
    while (u > cdf && k < 1000) {
      ++k;
      p *= mean / k;
      cdf += p;
    }
    return k;
  }

 private:
  Key key_;
  u32 entity_, month_, purpose_;
  u32 next_ = 0;
};

}  // namespace minesim::rng
