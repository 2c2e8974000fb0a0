// An ensemble plan's members (scenario/plan.h): the sweep's points (grid, Latin hypercube, Sobol')
// crossed with the arms and the seeds.
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <bit>
#include <stdexcept>

#include "core/rng.h"
#include "scenario/plan.h"

namespace minesim {

namespace {

// Primitive polynomials and initial direction numbers of dimensions 2..32 from Joe & Kuo's file
// new-joe-kuo-6.21201 (S. Joe and F. Y. Kuo, "Constructing Sobol sequences with better
// two-dimensional projections", SIAM J. Sci. Comput. 30, 2635-2654, 2008; the columns d, s, a,
// m_i), the set scipy.stats.qmc.Sobol uses. Dimension 1 is van der Corput's (all m_i = 1).
struct JoeKuo {
  int s;
  std::uint32_t a;
  std::array<std::uint32_t, 7> m;
};
constexpr std::array<JoeKuo, kSobolDims - 1> kJoeKuo = {{
    {1, 0, {1}},                         // d=2
    {2, 1, {1, 3}},                      // d=3
    {3, 1, {1, 3, 1}},                   // d=4
    {3, 2, {1, 1, 1}},                   // d=5
    {4, 1, {1, 1, 3, 3}},                // d=6
    {4, 4, {1, 3, 5, 13}},               // d=7
    {5, 2, {1, 1, 5, 5, 17}},            // d=8
    {5, 4, {1, 1, 5, 5, 5}},             // d=9
    {5, 7, {1, 1, 7, 11, 19}},           // d=10
    {5, 11, {1, 1, 5, 1, 1}},            // d=11
    {5, 13, {1, 1, 1, 3, 11}},           // d=12
    {5, 14, {1, 3, 5, 5, 31}},           // d=13
    {6, 1, {1, 3, 3, 9, 7, 49}},         // d=14
    {6, 13, {1, 1, 1, 15, 21, 21}},      // d=15
    {6, 16, {1, 3, 1, 13, 27, 49}},      // d=16
    {6, 19, {1, 1, 1, 15, 7, 5}},        // d=17
    {6, 22, {1, 3, 1, 15, 13, 25}},      // d=18
    {6, 25, {1, 1, 5, 5, 19, 61}},       // d=19
    {7, 1, {1, 3, 7, 11, 23, 15, 103}},  // d=20
    {7, 4, {1, 3, 7, 13, 13, 15, 69}},   // d=21
    {7, 7, {1, 1, 3, 13, 7, 35, 63}},    // d=22
    {7, 8, {1, 3, 5, 9, 1, 25, 53}},     // d=23
    {7, 14, {1, 3, 1, 13, 9, 35, 107}},  // d=24
    {7, 19, {1, 3, 1, 5, 27, 61, 31}},   // d=25
    {7, 21, {1, 1, 5, 11, 19, 41, 61}},  // d=26
    {7, 28, {1, 3, 5, 3, 3, 13, 69}},    // d=27
    {7, 31, {1, 1, 7, 13, 1, 19, 1}},    // d=28
    {7, 32, {1, 3, 7, 5, 13, 19, 59}},   // d=29
    {7, 37, {1, 1, 3, 9, 25, 29, 41}},   // d=30
    {7, 41, {1, 3, 5, 13, 23, 1, 55}},   // d=31
    {7, 42, {1, 3, 7, 3, 13, 59, 17}},   // d=32
}};

constexpr int kBits = 32;

// The direction numbers v_k = m_k / 2^k of dimension `dim` (0-based), scaled by 2^32 (Bratley &
// Fox's recurrence for k > s).
std::array<std::uint32_t, kBits> directions(int dim) {
  std::array<std::uint32_t, kBits> v{};
  if (dim == 0) {
    for (int k = 0; k < kBits; ++k) v[k] = std::uint32_t{1} << (kBits - 1 - k);
    return v;
  }
  const JoeKuo& d = kJoeKuo[static_cast<std::size_t>(dim - 1)];
  for (int k = 0; k < d.s; ++k) v[k] = d.m[static_cast<std::size_t>(k)] << (kBits - 1 - k);
  for (int k = d.s; k < kBits; ++k) {
    std::uint32_t x = v[k - d.s] ^ (v[k - d.s] >> d.s);
    for (int i = 1; i < d.s; ++i)
      if ((d.a >> (d.s - 1 - i)) & 1u) x ^= v[k - i];
    v[k] = x;
  }
  return v;
}

struct Points {
  std::vector<std::string> keys;
  std::vector<std::vector<double>> rows;  // one per point, a value per key
};

Points grid_points(const std::vector<Plan::Param>& values) {
  Points p;
  std::size_t n = 1;
  for (const auto& v : values) {
    p.keys.push_back(v.key);
    n *= v.values.size();
  }
  for (std::size_t i = 0; i < n; ++i) {
    std::vector<double> row(values.size());
    std::size_t rest = i;
    for (std::size_t j = values.size(); j-- > 0;) {  // the last key varies fastest
      row[j] = values[j].values[rest % values[j].values.size()];
      rest /= values[j].values.size();
    }
    p.rows.push_back(std::move(row));
  }
  return p;
}

Points morris_points(const Plan::Sensitivity& s) {
  Points p;
  for (const auto& r : s.ranges) p.keys.push_back(r.key);
  for (const MorrisTrajectory& t : morris_plan_design(s))
    for (std::vector<double> row : t.points) {
      for (std::size_t j = 0; j < row.size(); ++j)
        row[j] = s.ranges[j].lo + row[j] * (s.ranges[j].hi - s.ranges[j].lo);
      p.rows.push_back(std::move(row));
    }
  return p;
}

Points sweep_points(const Plan& plan) {
  if (plan.sensitivity) return morris_points(*plan.sensitivity);
  if (!plan.sweep) return Points{{}, {{}}};
  const Plan::Sweep& s = *plan.sweep;
  if (s.method == "grid") return grid_points(s.values);
  Points p;
  const int dims = static_cast<int>(s.ranges.size());
  p.rows =
      s.method == "sobol" ? sobol_points(s.samples, dims) : lhs_points(s.samples, dims, lhs_key(s));
  for (const auto& r : s.ranges) p.keys.push_back(r.key);
  for (auto& row : p.rows)  // as scipy.stats.qmc.scale
    for (std::size_t j = 0; j < row.size(); ++j)
      row[j] = s.ranges[j].lo + row[j] * (s.ranges[j].hi - s.ranges[j].lo);
  return p;
}

}  // namespace

std::vector<std::vector<double>> sobol_points(int n, int dims) {
  if (dims < 0 || dims > kSobolDims)
    throw std::invalid_argument(
        fmt::format("sobol_points: {} dimensions (at most {})", dims, kSobolDims));
  std::vector<std::array<std::uint32_t, kBits>> v;
  for (int j = 0; j < dims; ++j) v.push_back(directions(j));
  std::vector<std::vector<double>> out;
  std::vector<std::uint32_t> x(static_cast<std::size_t>(dims), 0);
  for (int i = 0; i < n; ++i) {
    if (i > 0) {  // Gray-code order: flip the direction of the lowest zero bit of i - 1
      const int c = std::countr_one(static_cast<std::uint32_t>(i - 1));
      for (int j = 0; j < dims; ++j) x[static_cast<std::size_t>(j)] ^= v[j][c];
    }
    std::vector<double> row;
    for (const std::uint32_t xj : x) row.push_back(static_cast<double>(xj) * 0x1.0p-32);
    out.push_back(std::move(row));
  }
  return out;
}

std::vector<std::vector<double>> lhs_points(int n, int dims, std::uint64_t key) {
  std::vector<std::vector<double>> out(static_cast<std::size_t>(n),
                                       std::vector<double>(static_cast<std::size_t>(dims)));
  std::vector<int> perm(static_cast<std::size_t>(n));
  for (int j = 0; j < dims; ++j) {
    rng::Stream st(key, rng::Purpose::kPlanDesign, static_cast<rng::u32>(j), 0);
    for (int i = 0; i < n; ++i) perm[static_cast<std::size_t>(i)] = i;
    for (int i = n - 1; i > 0; --i) {
      const int k = std::min(i, static_cast<int>(st.uniform() * (i + 1)));
      std::swap(perm[static_cast<std::size_t>(i)], perm[static_cast<std::size_t>(k)]);
    }
    for (int i = 0; i < n; ++i)
      out[static_cast<std::size_t>(i)][static_cast<std::size_t>(j)] =
          (perm[static_cast<std::size_t>(i)] + st.uniform()) / n;
  }
  return out;
}

std::uint64_t lhs_key(const Plan::Sweep& sweep) {
  std::string text = fmt::format("lhs {}", sweep.samples);
  for (const auto& r : sweep.ranges) text += fmt::format(" {} {} {}", r.key, r.lo, r.hi);
  std::uint64_t h = 0xcbf29ce484222325u;
  for (const char c : text) {
    h ^= static_cast<unsigned char>(c);
    h *= 0x100000001b3u;
  }
  return h;
}

std::vector<MorrisTrajectory> morris_plan_design(const Plan::Sensitivity& s) {
  std::vector<MorrisRange> ranges;
  for (const auto& r : s.ranges) ranges.push_back({r.key, r.lo, r.hi});
  return morris_design(s.trajectories, static_cast<int>(s.ranges.size()), s.levels,
                       morris_key(s.levels, ranges));
}

std::vector<Member> expand_members(const Plan& plan) {
  const Points points = sweep_points(plan);
  const std::size_t per_trajectory = plan.sensitivity ? plan.sensitivity->ranges.size() + 1 : 0;
  std::vector<Member> out;
  for (std::size_t a = 0; a < plan.arms.size(); ++a)
    for (std::size_t p = 0; p < points.rows.size(); ++p)
      for (const std::uint64_t seed :  // a Morris point runs with its trajectory's seed
           per_trajectory ? std::vector<std::uint64_t>{p / per_trajectory + 1} : plan.seeds) {
        Member m;
        m.arm = static_cast<int>(a);
        m.point = static_cast<int>(p);
        m.seed = seed;
        m.name = fmt::format("{}/s{}/p{}", plan.arms[a].name, seed, p);
        for (std::size_t j = 0; j < points.keys.size(); ++j)
          m.params.emplace_back(points.keys[j], points.rows[p][j]);
        out.push_back(std::move(m));
      }
  return out;
}

std::vector<std::string> member_sets(const Plan& plan, const Member& m) {
  std::vector<std::string> out;
  if (plan.population_scale)
    out.push_back(fmt::format("simulation.population_scale={}", *plan.population_scale));
  const auto& arm = plan.arms[static_cast<std::size_t>(m.arm)];
  out.insert(out.end(), arm.sets.begin(), arm.sets.end());
  for (const auto& [key, value] : m.params) out.push_back(fmt::format("{}={}", key, value));
  return out;
}

}  // namespace minesim
