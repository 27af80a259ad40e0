// Process memory tuning: keep freed buffers in the heap (see MemoryReuse.swift).
#include "ckernels.h"
#if defined(__GLIBC__) || defined(__linux__)
#include <malloc.h>
#endif

void saliency_keep_freed_memory(void) {
#if defined(M_MMAP_THRESHOLD) && defined(M_TRIM_THRESHOLD)
  mallopt(M_MMAP_THRESHOLD, 1 << 30);
  mallopt(M_TRIM_THRESHOLD, 1 << 30);
#endif
}
