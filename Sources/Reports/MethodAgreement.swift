/// How far the methods on one text agree: Kendall τ-b between each method's scores and a reference method's
/// (occlusion when present, the first method otherwise). Meaningful for two or more methods.
public struct MethodAgreement: Sendable, Equatable {
  /// The reference method's id.
  public let reference: String
  /// Every other method with its τ-b against the reference (nil when one of them has all scores tied).
  public let kendallTau: [Entry]

  public struct Entry: Sendable, Equatable {
    public let method: String
    public let tau: Double?
  }

  /// - Parameters: `methods` ids and their `scores`, one list per method, each with one score per token.
  public init?(methods: [String], scores: [[Double]]) {
    guard methods.count == scores.count, methods.count >= 2 else { return nil }
    self.init(methods: methods, pairwiseTau: RankAgreement.pairwiseKendallTauB(scores))
  }

  /// From τ-b of every pair (`RankAgreement.pairwiseKendallTauB`), [M][M].
  public init?(methods: [String], pairwiseTau: [[Double?]]) {
    guard methods.count == pairwiseTau.count, let referenceIndex = RankAgreement.referenceIndex(methods: methods) else { return nil }
    reference = methods[referenceIndex]
    kendallTau = methods.indices.filter { $0 != referenceIndex }.map { index in
      Entry(method: methods[index], tau: pairwiseTau[index][referenceIndex])
    }
  }

  public init?(_ explanations: [HeatmapDocument.Explanation]) {
    self.init(methods: explanations.map(\.method), scores: explanations.map(\.scores))
  }
}
