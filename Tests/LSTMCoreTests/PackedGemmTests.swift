import CKernels
import Testing
@testable import LSTMCore

@Suite("Products with packed weight panels equal the naive reference loop")
struct PackedGemmTests {
  /// B [k, n] stored row-major, or as its transpose [n, k] (how W_ihᵀ and W_hhᵀ are packed from the parameters).
  @Test(arguments: [false, true])
  func packedMatchesNaive(sourceTransposed: Bool) {
    var generator = SplitMix64(seed: 23)
    for (m, n, k) in [(1, 1, 1), (1, 64, 3), (1, 70, 33), (2, 128, 17), (3, 5, 7), (4, 130, 8), (5, 64, 40), (9, 200, 1),
                      (50, 256, 64)] {
      let a = (0..<(m * k)).map { _ in generator.nextUniform(in: -1..<1) }
      let b = (0..<(k * n)).map { _ in generator.nextUniform(in: -1..<1) }
      let source = sourceTransposed ? (0..<(n * k)).map { b[($0 % k) * n + $0 / k] } : b
      let packed = PackedMatrix([0, 0] + source, offset: 2, rows: k, columns: n,
                                rowStride: sourceTransposed ? 1 : n, columnStride: sourceTransposed ? k : 1)
      for beta: Float in [0, 1, 0.5] {
        let start = (0..<(m * n)).map { _ in generator.nextUniform(in: -1..<1) }
        var fast = start, slow = start
        fast.withUnsafeMutableBufferPointer { c in
          packed.withPointer { Gemm.multiply(m: m, a: a, lda: k, packed: $0, beta: beta, c: c.baseAddress!, ldc: n) }
        }
        slow.withUnsafeMutableBufferPointer { c in
          NaiveGemm.multiply(.none, .none, m: m, n: n, k: k, a: a, lda: k, b: b, ldb: n, beta: beta, c: c.baseAddress!, ldc: n)
        }
        let worst = zip(fast, slow).map { abs($0 - $1) }.max() ?? 0
        #expect(worst <= 1e-5, "m=\(m) n=\(n) k=\(k) beta=\(beta): worst difference \(worst)")
      }
    }
  }

  /// Every kernel this CPU can run (AVX-512, AVX2, portable), called directly, against the naive loop; each one is
  /// also row-stable on its own.
  @Test(arguments: [4, 3, 0])
  func everyKernelVariantMatchesNaive(level: Int32) {
    guard level <= saliency_cpu_vector_level() else { return }
    var generator = SplitMix64(seed: 31)
    for (m, n, k) in [(1, 70, 33), (3, 16, 5), (7, 130, 19), (13, 256, 64)] {
      let a = (0..<(m * k)).map { _ in generator.nextUniform(in: -1..<1) }
      let b = (0..<(k * n)).map { _ in generator.nextUniform(in: -1..<1) }
      let z = (0..<(m * n)).map { _ in generator.nextUniform(in: -1..<1) }
      let packed = PackedMatrix(b, offset: 0, rows: k, columns: n, rowStride: n, columnStride: 1)
      func product(rows: Range<Int>) -> [Float] {
        var c = [Float](repeating: .nan, count: rows.count * n)
        packed.withPointer { b in
          saliency_packed_gemm_at_level(level, rows.count, n, k, Array(a[(rows.lowerBound * k)..<(rows.upperBound * k)]), k,
                                        b.panels, 1, Array(z[(rows.lowerBound * n)..<(rows.upperBound * n)]), n, &c, n)
        }
        return c
      }
      var slow = z
      slow.withUnsafeMutableBufferPointer { c in
        NaiveGemm.multiply(.none, .none, m: m, n: n, k: k, a: a, lda: k, b: b, ldb: n, beta: 1, c: c.baseAddress!, ldc: n)
      }
      let fast = product(rows: 0..<m)
      let worst = zip(fast, slow).map { abs($0 - $1) }.max() ?? .nan
      #expect(worst <= 1e-5, "level \(level) m=\(m) n=\(n) k=\(k): worst difference \(worst)")
      Gemm.withRowStableProducts {
        let together = product(rows: 0..<m)
        for row in 0..<m {
          #expect(product(rows: row..<(row + 1)) == Array(together[(row * n)..<((row + 1) * n)]), "level \(level) row \(row)")
        }
      }
    }
  }

  /// In row-stable mode every row comes out bit for bit as it does alone, including a single row (which otherwise
  /// sums even and odd terms apart).
  @Test func rowStableRowsEqualTheirOneRowProducts() {
    var generator = SplitMix64(seed: 29)
    let (m, n, k) = (7, 96, 301)
    let a = (0..<(m * k)).map { _ in generator.nextUniform(in: -1..<1) }
    let packed = PackedMatrix((0..<(k * n)).map { _ in generator.nextUniform(in: -1..<1) }, offset: 0, rows: k,
                              columns: n, rowStride: n, columnStride: 1)
    func product(rows: Range<Int>) -> [Float] {
      var c = [Float](repeating: 0, count: rows.count * n)
      c.withUnsafeMutableBufferPointer { c in
        a.withUnsafeBufferPointer { a in
          packed.withPointer {
            Gemm.multiply(m: rows.count, a: a.baseAddress! + rows.lowerBound * k, lda: k, packed: $0, beta: 0,
                          c: c.baseAddress!, ldc: n)
          }
        }
      }
      return c
    }
    Gemm.withRowStableProducts {
      let together = product(rows: 0..<m)
      for row in 0..<m {
        #expect(product(rows: row..<(row + 1)) == Array(together[(row * n)..<((row + 1) * n)]), "row \(row)")
      }
    }
    let splitSingle = product(rows: 0..<1), stableSingle = Gemm.withRowStableProducts { product(rows: 0..<1) }
    #expect(zip(splitSingle, stableSingle).allSatisfy { abs($0 - $1) <= 1e-4 })
  }
}
