import Testing
@testable import LSTMCore

@Suite("OpenBLAS GEMM equals the naive reference loop")
struct GemmTests {
  @Test(arguments: [(Transpose.none, Transpose.none), (.none, .transposed), (.transposed, .none), (.transposed, .transposed)])
  func blasMatchesNaive(transA: Transpose, transB: Transpose) {
    var generator = SplitMix64(seed: 11)
    for (m, n, k) in [(1, 1, 1), (1, 9, 33), (1, 40, 5), (2, 80, 17), (3, 5, 7), (7, 150, 33), (17, 9, 33), (24, 64, 12), (64, 48, 40)] {
      let a = (0..<(m * k)).map { _ in generator.nextUniform(in: -1..<1) }
      let b = (0..<(k * n)).map { _ in generator.nextUniform(in: -1..<1) }
      let start = (0..<(m * n)).map { _ in generator.nextUniform(in: -1..<1) }
      let lda = transA == .none ? k : m, ldb = transB == .none ? n : k
      var fast = start, slow = start
      fast.withUnsafeMutableBufferPointer { c in
        Gemm.multiply(transA, transB, m: m, n: n, k: k, alpha: 0.5, a: a, lda: lda, b: b, ldb: ldb, beta: 0.75,
                      c: c.baseAddress!, ldc: n)
      }
      slow.withUnsafeMutableBufferPointer { c in
        NaiveGemm.multiply(transA, transB, m: m, n: n, k: k, alpha: 0.5, a: a, lda: lda, b: b, ldb: ldb, beta: 0.75,
                           c: c.baseAddress!, ldc: n)
      }
      let worst = zip(fast, slow).map { abs($0 - $1) }.max() ?? 0
      #expect(worst <= 1e-5, "m=\(m) n=\(n) k=\(k): worst difference \(worst)")
    }
  }
}
