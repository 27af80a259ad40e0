import Testing
@testable import LSTMCore

@Suite("SplitMix64: unbounded draws, unbiased bounded draws, permutations")
struct SplitMix64Tests {
  @Test("a permutation is Fisher–Yates over the high word of next()·(i+1): the stream Shapley sampling has always drawn")
  func permutationKeepsTheStream() {
    for seed in UInt64(0)..<20 {
      for count in [0, 1, 2, 7, 40] {
        var reference = SplitMix64(seed: seed)
        var expected = Array(0..<count)
        for index in stride(from: count - 1, to: 0, by: -1) {
          expected.swapAt(index, Int(reference.next().multipliedFullWidth(by: UInt64(index + 1)).high))
        }
        var generator = SplitMix64(seed: seed)
        let order = generator.permutation(count: count)
        #expect(order == expected)
        #expect(order.sorted() == Array(0..<count))
        #expect(generator.next() == reference.next(), "both consumed the same number of draws")
      }
    }
  }

  @Test("nextBelow stays below its bound and redraws where the first product would favour some results")
  func boundedDraws() {
    // For bound 2⁶³ + 1, 2⁶⁴ mod bound = 2⁶³ − 1: about half of all first products are redrawn.
    let bound = (UInt64(1) << 63) + 1, threshold = (UInt64(1) << 63) - 1
    var generator = SplitMix64(seed: 7)
    var redrawn = 0
    for _ in 0..<1_000 {
      var copy = generator
      let first = copy.next().multipliedFullWidth(by: bound)
      let value = generator.nextBelow(bound)
      #expect(value < bound)
      if first.low < threshold {
        redrawn += 1
      } else {
        #expect(value == first.high, "a first product outside the biased range is kept")
      }
    }
    #expect(redrawn > 300 && redrawn < 700)
    // Small bounds: every value is reached, none exceeded.
    var counts = [Int](repeating: 0, count: 3)
    for _ in 0..<3_000 { counts[Int(generator.nextBelow(3))] += 1 }
    #expect(counts.allSatisfy { $0 > 900 && $0 < 1_100 })
  }
}
