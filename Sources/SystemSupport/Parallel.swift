import CKernels
import Dispatch
import Foundation
import Synchronization

/// Runs independent work items on a fixed number of workers and returns their results in item order, so the
/// outcome never depends on scheduling. One OpenBLAS thread per worker (see `Gemm.setLibraryThreads`).
///
/// Calls nest without oversubscribing the cores: each thread has a budget (`availableThreads`, all cores at the
/// top), a map uses at most that many workers, and each worker's own maps share what is left. So a method can
/// split one long text's work over both cores when it explains a single text, and runs it inline when the texts
/// of a batch already keep every core busy. Workers also inherit the caller's row-stable mode
/// (`Gemm.withRowStableProducts`).
public enum Parallel {
  /// Threads that work started on the calling thread may use.
  public static var availableThreads: Int {
    let budget = Int(saliency_thread_budget())
    return budget > 0 ? budget : ProcessInfo.processInfo.activeProcessorCount
  }

  /// Runs `body` on the calling thread with a budget of `threads` (at least 1) for the maps inside it, then restores
  /// the caller's: for a thread that shares the cores with others of its kind, such as one of a server's workers.
  public static func withThreads<R>(_ threads: Int, _ body: () throws -> R) rethrows -> R {
    let previous = saliency_thread_budget()
    saliency_set_thread_budget(Int32(max(1, threads)))
    defer { saliency_set_thread_budget(previous) }
    return try body()
  }

  /// `body(i)` for i in 0..<count on up to `threads` workers (and no more than `availableThreads`); results in
  /// index order. Work is split into contiguous chunks, so a given number of workers always groups items the
  /// same way. Errors travel as values: return a `Result` from `body` where work can fail.
  public static func map<T: Sendable>(count: Int, threads: Int, _ body: @Sendable (Int) -> T) -> [T] {
    onWorkers(count: count, threads: threads, schedule: .contiguous, body)
  }

  /// `body(i)` for i in 0..<count on up to `threads` workers (and no more than `availableThreads`) that each take
  /// the next unclaimed item as they go free, so items of unequal cost keep every worker busy to the end; results
  /// in index order. Items are claimed in index order, so put the costliest first. Which worker runs an item
  /// depends on timing: use it for items that are independent of each other and of the worker.
  public static func mapClaiming<T: Sendable>(count: Int, threads: Int, _ body: @Sendable (Int) -> T) -> [T] {
    onWorkers(count: count, threads: threads, schedule: .claiming, body)
  }

  /// How `onWorkers` hands items to its workers.
  private enum Schedule {
    /// Worker w of W runs items count·w/W ..< count·(w+1)/W.
    case contiguous
    /// Each worker takes the next unclaimed item.
    case claiming
  }

  /// The workers of `map` and `mapClaiming`: at most `threads` (and `availableThreads`), each with an equal share
  /// of the budget for nested maps and the caller's row-stable mode; one worker runs every item inline, in order.
  private static func onWorkers<T: Sendable>(count: Int, threads: Int, schedule: Schedule,
                                             _ body: @Sendable (Int) -> T) -> [T] {
    let allowed = max(1, min(threads, availableThreads))
    let workers = max(1, min(allowed, count))
    let share = Int32(max(1, allowed / workers))  // each worker's budget for nested maps
    let rowStable = saliency_row_stable_products()
    if workers == 1 { return withBudget(share, rowStable: rowStable) { (0..<count).map(body) } }
    let results = ResultSlots<T>(count: count)
    let next = ItemCounter()
    DispatchQueue.concurrentPerform(iterations: workers) { worker in
      withBudget(share, rowStable: rowStable) {
        switch schedule {
        case .contiguous:
          for index in (count * worker / workers)..<(count * (worker + 1) / workers) { results.store(index, body(index)) }
        case .claiming:
          while case let index = next.claim(), index < count { results.store(index, body(index)) }
        }
      }
    }
    return results.values()
  }

  /// `body(i)` for i in 0..<count, `threads` items at a time (each wave through `map`), handing every wave's results
  /// to `consume` in index order before the next wave starts: for work whose results are large, so that memory
  /// holds at most one wave of them.
  public static func forEachInWaves<T: Sendable>(count: Int, threads: Int, _ body: @Sendable (Int) -> T,
                                                 consume: (Int, T) -> Void) {
    let wave = max(1, threads)
    for start in stride(from: 0, to: count, by: wave) {
      let results = map(count: min(wave, count - start), threads: threads) { body(start + $0) }
      for (offset, result) in results.enumerated() { consume(start + offset, result) }
    }
  }

  /// Runs `body` with the thread budget and row-stable mode set on the current thread, then restores both
  /// (`concurrentPerform` may run a worker on the caller's thread).
  private static func withBudget<R>(_ budget: Int32, rowStable: Int32, _ body: () -> R) -> R {
    let previousBudget = saliency_thread_budget(), previousStable = saliency_row_stable_products()
    saliency_set_thread_budget(budget)
    saliency_set_row_stable_products(rowStable)
    defer {
      saliency_set_thread_budget(previousBudget)
      saliency_set_row_stable_products(previousStable)
    }
    return body()
  }
}

/// Hands out 0, 1, 2, … to the workers of `mapClaiming`, each number once.
private final class ItemCounter: Sendable {
  private let value = Atomic<Int>(0)

  func claim() -> Int { value.wrappingAdd(1, ordering: .relaxed).oldValue }
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
