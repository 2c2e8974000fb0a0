// core/heap.h: after return_freed_memory_promptly(), a freed block of a few MiB leaves the
// resident set, even after a larger block was freed (which otherwise raises glibc's threshold so
// that the next blocks come from the heap and stay resident).
#include "core/heap.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>

namespace minesim {
namespace {

double resident_mib() {
  std::FILE* f = std::fopen("/proc/self/statm", "r");
  if (!f) return -1;
  long pages = 0, resident = 0;
  const int got = std::fscanf(f, "%ld %ld", &pages, &resident);
  std::fclose(f);
  return got == 2 ? static_cast<double>(resident) * static_cast<double>(sysconf(_SC_PAGESIZE)) /
                        1048576.0
                  : -1;
}

// Allocates `mib` MiB and writes every page (through volatile: a compiler may drop a malloc,
// memset and free that nothing reads); returns the block.
char* touched(std::size_t mib) {
  auto* b = static_cast<char*>(std::malloc(mib << 20));
  if (b)
    for (std::size_t i = 0; i < (mib << 20); i += 4096) static_cast<volatile char*>(b)[i] = 1;
  return b;
}

TEST(Heap, FreedBlocksLeaveTheResidentSet) {
#if !defined(__GLIBC__) || defined(MINESIM_SANITIZED)
  GTEST_SKIP() << "glibc's allocator only (a sanitizer's keeps freed blocks in quarantine)";
#endif
  return_freed_memory_promptly();
  std::free(touched(16));  // without the fixed threshold, glibc's would rise to 16 MiB here
  char* b = touched(8);
  ASSERT_NE(b, nullptr);
  const double with = resident_mib();
  std::free(b);
  const double without = resident_mib();
  ASSERT_GT(with, 0);
  EXPECT_GT(with - without, 7.0) << "the freed 8 MiB stayed resident";
}

}  // namespace
}  // namespace minesim
