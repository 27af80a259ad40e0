import Reports
import Saliency

/// How far each pair of methods agrees on the order of the tokens of a text, averaged over a corpus:
/// the mean Kendall τ-b (`KendallCorrelation.tauB`) over the texts where it is defined.
public struct AgreementTally: Sendable, Equatable, Codable {
  public struct Pair: Sendable, Equatable, Codable {
    /// Indices into the method list, first < second.
    public var first: Int
    public var second: Int
    /// Texts where τ-b is defined, and the sum of τ-b over them.
    public var count = 0
    public var sum = ExactSum()
    /// Texts where τ-b is undefined (fewer than two tokens, or a constant score list).
    public var undefined = 0

    public var mean: Double? { count == 0 ? nil : sum.value / Double(count) }
  }

  /// Every pair of methods, in (0,1), (0,2), …, (1,2), … order; empty for fewer than two methods.
  public private(set) var pairs: [Pair]

  public init(methodCount: Int) {
    var pairs: [Pair] = []
    for first in 0..<max(0, methodCount) {
      for second in (first + 1)..<max(first + 1, methodCount) { pairs.append(Pair(first: first, second: second)) }
    }
    self.pairs = pairs
  }

  /// Adds one text: `scores[m]` is method m's score list.
  /// - Complexity: O(M² · T log T).
  public mutating func add(scores: [[Double]]) {
    add(pairwiseTau: KendallCorrelation.pairwiseTauB(scores))
  }

  /// Adds one text from τ-b of every pair of its methods (`KendallCorrelation.pairwiseTauB`), [M][M].
  public mutating func add(pairwiseTau: [[Double?]]) {
    for index in pairs.indices {
      let pair = pairs[index]
      if let tau = pairwiseTau[pair.first][pair.second] {
        pairs[index].count += 1
        pairs[index].sum.add(tau)
      } else {
        pairs[index].undefined += 1
      }
    }
  }

  /// - Precondition: the same method count.
  public mutating func merge(_ other: AgreementTally) {
    precondition(other.pairs.count == pairs.count, "agreement over different method lists")
    for index in pairs.indices {
      pairs[index].count += other.pairs[index].count
      pairs[index].sum.add(other.pairs[index].sum)
      pairs[index].undefined += other.pairs[index].undefined
    }
  }
}
