import CKernels
import Foundation
import Testing
@testable import SystemSupport

@Suite("Parallel work shares the cores without oversubscribing them")
struct ParallelTests {
  @Test func resultsComeInIndexOrder() {
    #expect(Parallel.map(count: 10, threads: 3) { $0 * $0 } == (0..<10).map { $0 * $0 })
  }

  @Test func claimedItemsRunOnceEachAndComeInIndexOrder() {
    let runs = RunCounts(count: 50)
    // Items of very unequal cost: the first ones are the slowest.
    let results = Parallel.mapClaiming(count: 50, threads: 2) { index -> Int in
      runs.record(index)
      var sum = 0
      for step in 0..<((50 - index) * 2_000) { sum &+= step }
      return index * 3 + (sum == -1 ? 1 : 0)
    }
    #expect(results == (0..<50).map { $0 * 3 })
    #expect(runs.counts == Array(repeating: 1, count: 50))
    #expect(Parallel.mapClaiming(count: 0, threads: 2) { $0 }.isEmpty)
    let inside = withRowStableMode { Parallel.mapClaiming(count: 4, threads: 2) { _ in saliency_row_stable_products() } }
    #expect(inside == [1, 1, 1, 1])
  }

  @Test func wavesAreConsumedInIndexOrder() {
    var consumed: [Int] = []
    Parallel.forEachInWaves(count: 7, threads: 3) { $0 * 10 } consume: { index, value in
      #expect(value == index * 10)
      consumed.append(index)
    }
    #expect(consumed == Array(0..<7))
  }

  @Test func nestedMapsGetTheWorkersShare() {
    let cores = Parallel.availableThreads
    // One item: its body may use every thread the caller allowed.
    #expect(Parallel.map(count: 1, threads: 2) { _ in Parallel.availableThreads } == [min(2, cores)])
    // A single thread asked for: nested maps run inline.
    #expect(Parallel.map(count: 1, threads: 1) { _ in Parallel.availableThreads } == [1])
    // As many items as threads: each worker's nested maps run inline.
    let budgets = Parallel.map(count: 4, threads: cores) { _ in Parallel.availableThreads }
    #expect(budgets.allSatisfy { $0 == max(1, cores / min(cores, 4)) })
    // The budget is restored afterwards.
    #expect(Parallel.availableThreads == cores)
  }

  @Test func aThreadsOwnBudgetBoundsItsMapsAndIsRestored() {
    let cores = Parallel.availableThreads
    #expect(Parallel.withThreads(1) { Parallel.availableThreads } == 1)
    // Inside a budget of 1, a map asked for every core runs its items inline, one at a time.
    #expect(Parallel.withThreads(1) { Parallel.map(count: 4, threads: cores) { _ in Parallel.availableThreads } } == [1, 1, 1, 1])
    #expect(Parallel.withThreads(0) { Parallel.availableThreads } == 1)
    #expect(Parallel.withThreads(3) { Parallel.withThreads(2) { Parallel.availableThreads } + Parallel.availableThreads } == 5)
    #expect(Parallel.availableThreads == cores)
  }

  @Test func workersInheritRowStableMode() {
    let inside = withRowStableMode { Parallel.map(count: 4, threads: 2) { _ in saliency_row_stable_products() } }
    #expect(inside == [1, 1, 1, 1])
    #expect(Parallel.map(count: 4, threads: 2) { _ in saliency_row_stable_products() } == [0, 0, 0, 0])
  }
}

/// `body` with the calling thread's row-stable flag set (what `Gemm.withRowStableProducts` does one module up).
private func withRowStableMode<T>(_ body: () -> T) -> T {
  let previous = saliency_row_stable_products()
  saliency_set_row_stable_products(1)
  defer { saliency_set_row_stable_products(previous) }
  return body()
}

/// How often each item ran, recorded from any thread.
private final class RunCounts: @unchecked Sendable {
  private var values: [Int]
  private let lock = NSLock()

  init(count: Int) { values = Array(repeating: 0, count: count) }

  func record(_ index: Int) { lock.withLock { values[index] += 1 } }

  var counts: [Int] { lock.withLock { values } }
}
