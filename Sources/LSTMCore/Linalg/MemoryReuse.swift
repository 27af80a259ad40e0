import CKernels

/// Keeps freed memory in the process instead of returning it to the kernel.
///
/// Forward and backward passes allocate buffers of several MB per batch; glibc serves those with fresh `mmap`s and
/// unmaps them when freed, so every batch pays page faults and kernel page zeroing (several % of training time
/// here). Raising glibc's thresholds lets later buffers reuse the same pages.
public enum MemoryReuse {
  /// Call once at process start, before heavy allocation.
  public static func keepFreedMemory() { saliency_keep_freed_memory() }
}
