import Testing
@testable import Saliency

@Suite struct KendallCorrelationTests {
  /// τ-b by its definition, over every pair: the reference the O(n log n) version must match.
  static func naiveTauB(_ x: [Double], _ y: [Double]) -> Double? {
    let pairs = zip(x, y).filter { !$0.0.isNaN && !$0.1.isNaN }
    var concordant = 0, discordant = 0, onlyX = 0, onlyY = 0
    for i in pairs.indices {
      for j in pairs.indices where j > i {
        let a = pairs[i].0 - pairs[j].0, b = pairs[i].1 - pairs[j].1
        if a == 0 && b == 0 { continue }
        if a == 0 { onlyX += 1 } else if b == 0 { onlyY += 1 } else if (a > 0) == (b > 0) { concordant += 1 } else { discordant += 1 }
      }
    }
    let denominator = Double(concordant + discordant + onlyX) * Double(concordant + discordant + onlyY)
    guard denominator > 0 else { return nil }
    return Double(concordant - discordant) / denominator.squareRoot()
  }

  @Test func sameAndReversedOrder() {
    #expect(KendallCorrelation.tauB([1, 2, 3, 4], [10, 20, 30, 40]) == 1)
    #expect(KendallCorrelation.tauB([1, 2, 3, 4], [0.4, 0.3, 0.2, 0.1]) == -1)
  }

  @Test("a published value with ties in both lists (SciPy's kendalltau example)")
  func knownValueWithTies() throws {
    let tau = try #require(KendallCorrelation.tauB([12, 2, 1, 12, 2], [1, 4, 7, 1, 0]))
    #expect(abs(tau - -0.47140452079103173) < 1e-12)
  }

  @Test("undefined for constant lists and fewer than two positions")
  func undefined() {
    #expect(KendallCorrelation.tauB([1, 1, 1], [1, 2, 3]) == nil)
    #expect(KendallCorrelation.tauB([1, 2, 3], [0, 0, 0]) == nil)
    #expect(KendallCorrelation.tauB([1], [1]) == nil)
    #expect(KendallCorrelation.tauB([], []) == nil)
  }

  @Test("NaN positions are left out and only the common prefix is compared")
  func nanAndLengths() {
    #expect(KendallCorrelation.tauB([1, .nan, 2, 3], [1, 5, 2, 3]) == 1)
    #expect(KendallCorrelation.tauB([1, 2, 3, 0], [1, 2, 3]) == 1)
  }

  @Test("matches the pairwise definition on random lists with many ties")
  func matchesNaive() throws {
    var state: UInt64 = 0x9E37_79B9_7F4A_7C15
    func next(_ range: Int) -> Double {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Double(Int(state >> 33) % range)
    }
    for trial in 0..<200 {
      let count = 2 + trial % 40
      let range = 2 + trial % 7
      let x = (0..<count).map { _ in next(range) }
      let y = (0..<count).map { _ in next(range) }
      let fast = KendallCorrelation.tauB(x, y)
      let slow = Self.naiveTauB(x, y)
      #expect((fast == nil) == (slow == nil), "trial \(trial)")
      if let fast, let slow { #expect(abs(fast - slow) < 1e-12, "trial \(trial): \(fast) vs \(slow)") }
    }
  }

  @Test func inversionCount() {
    var values: [Double] = [3, 1, 2, 2, 0]
    #expect(KendallCorrelation.sortCountingInversions(&values) == 7)
    #expect(values == [0, 1, 2, 2, 3])
  }

  @Test("a long list is fast (O(n log n))")
  func longList() throws {
    let x = (0..<100_000).map { Double($0 % 997) }
    let y = (0..<100_000).map { Double(($0 * 31) % 1009) }
    #expect(KendallCorrelation.tauB(x, y) != nil)
  }

  @Test("every pair once, the same either way round, nil on the diagonal and where undefined")
  func pairwise() {
    var generator = SystemRandomNumberGenerator()
    let lists: [[Double]] = [
      (0..<40).map { _ in Double(Int.random(in: 0..<7, using: &generator)) },  // many ties
      (0..<40).map { _ in Double.random(in: -1...1, using: &generator) },
      (0..<40).map { Double($0) },
      Array(repeating: 0.5, count: 40),  // constant: undefined
    ]
    let tau = KendallCorrelation.pairwiseTauB(lists)
    for i in lists.indices {
      #expect(tau[i][i] == nil)
      for j in lists.indices where j != i {
        #expect(tau[i][j] == KendallCorrelation.tauB(lists[i], lists[j]))
        #expect(tau[i][j] == KendallCorrelation.tauB(lists[j], lists[i]))
      }
    }
    #expect(tau[0][3] == nil && tau[2][3] == nil)
  }
}
