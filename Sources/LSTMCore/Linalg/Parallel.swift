import Dispatch

/// Runs independent work items on a fixed number of workers and returns their results in item order, so the
/// outcome never depends on scheduling. One OpenBLAS thread per worker (see `Gemm.setLibraryThreads`).
public enum Parallel {
  /// `body(i)` for i in 0..<count on up to `threads` workers; results in index order.
  /// Work is split into `threads` contiguous chunks, so a given `threads` always groups items the same way.
  /// Errors travel as values: return a `Result` from `body` where work can fail.
  public static func map<T: Sendable>(count: Int, threads: Int, _ body: @Sendable (Int) -> T) -> [T] {
    let workers = max(1, min(threads, count))
    if workers == 1 { return (0..<count).map(body) }
    let results = ResultSlots<T>(count: count)
    DispatchQueue.concurrentPerform(iterations: workers) { worker in
      let start = count * worker / workers, end = count * (worker + 1) / workers
      for index in start..<end { results.store(index, body(index)) }
    }
    return results.values()
  }
}

/// Slots written by exactly one worker each, read after all workers finish.
private final class ResultSlots<T: Sendable>: @unchecked Sendable {
  private var slots: [T?]

  init(count: Int) { slots = Array(repeating: nil, count: count) }

  func store(_ index: Int, _ value: T) {
    slots.withUnsafeMutableBufferPointer { $0[index] = value }
  }

  func values() -> [T] {
    slots.map { slot in
      guard let slot else { preconditionFailure("every slot is written before values() is read") }
      return slot
    }
  }
}
