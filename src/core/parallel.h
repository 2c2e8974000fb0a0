#pragma once
// Parallel loops over fixed blocks. Block boundaries are a constant of the model, never derived
// from the thread count, and per-block partial results are combined in block order: results are
// bit-identical for any number of threads (engineering-notes §3.3).
#include <oneapi/tbb/blocked_range.h>
#include <oneapi/tbb/parallel_for.h>
#include <oneapi/tbb/partitioner.h>

#include <algorithm>
#include <cstddef>
#include <vector>

namespace minesim::par {

inline constexpr std::size_t kBlock = 1 << 14;  // agents per block

inline std::size_t block_count(std::size_t n, std::size_t block = kBlock) {
  return (n + block - 1) / block;
}

// fn(begin, end) for each block of [0, n); any schedule.
template <class Fn>
void for_blocks(std::size_t n, Fn&& fn, std::size_t block = kBlock) {
  const std::size_t nb = block_count(n, block);
  tbb::parallel_for(
      tbb::blocked_range<std::size_t>(0, nb, 1),
      [&](const tbb::blocked_range<std::size_t>& r) {
        for (std::size_t b = r.begin(); b != r.end(); ++b)
          fn(b * block, std::min(n, (b + 1) * block));
      },
      tbb::simple_partitioner{});
}

// Per-block partials of type T (made by make()), filled by fn(partial, begin, end), then folded
// left to right with merge(acc, partial). Deterministic for floating point too.
template <class T, class Make, class Fn, class Merge>
T reduce_blocks(std::size_t n, Make&& make, Fn&& fn, Merge&& merge, std::size_t block = kBlock) {
  const std::size_t nb = block_count(n, block);
  std::vector<T> partial;
  partial.reserve(nb);
  for (std::size_t b = 0; b < nb; ++b) partial.push_back(make());
  tbb::parallel_for(
      tbb::blocked_range<std::size_t>(0, nb, 1),
      [&](const tbb::blocked_range<std::size_t>& r) {
        for (std::size_t b = r.begin(); b != r.end(); ++b)
          fn(partial[b], b * block, std::min(n, (b + 1) * block));
      },
      tbb::simple_partitioner{});
  T acc = make();
  for (auto& p : partial) merge(acc, p);
  return acc;
}

}  // namespace minesim::par
