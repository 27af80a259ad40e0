import CKernels
import Testing
@testable import LSTMCore

@Suite("Parallel work shares the cores without oversubscribing them")
struct ParallelTests {
  @Test func resultsComeInIndexOrder() {
    #expect(Parallel.map(count: 10, threads: 3) { $0 * $0 } == (0..<10).map { $0 * $0 })
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

  @Test func workersInheritRowStableMode() {
    let inside = Gemm.withRowStableProducts { Parallel.map(count: 4, threads: 2) { _ in saliency_row_stable_products() } }
    #expect(inside == [1, 1, 1, 1])
    #expect(Parallel.map(count: 4, threads: 2) { _ in saliency_row_stable_products() } == [0, 0, 0, 0])
  }
}
