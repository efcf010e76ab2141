// Process-wide malloc settings for training. glibc's defaults hand large freed buffers back to
// the OS and fault them in again on the next step; with tensors of a few MiB every step that cost
// the camera simulation 2.6x its run time (mostly system time). Call once, first thing in main().
#pragma once

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace cleave {

inline void tuneAllocatorForTraining() {
#if defined(__GLIBC__)
  mallopt(M_MMAP_THRESHOLD, 256 << 20);  // tensors come from the heap, not fresh mmaps
  mallopt(M_TRIM_THRESHOLD, 1 << 30);    // and freed memory stays for the next step
#endif
}

}  // namespace cleave
