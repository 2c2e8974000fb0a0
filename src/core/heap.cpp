#include "core/heap.h"

#include <cstdlib>  // defines __GLIBC__ on glibc

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace minesim {

void return_freed_memory_promptly() {
#if defined(__GLIBC__)
  // Setting the threshold turns off glibc's dynamic adjustment of it and of the trim threshold.
  mallopt(M_MMAP_THRESHOLD, 128 * 1024);
#endif
}

}  // namespace minesim
