/// How far the methods on one text agree: Kendall τ-b between each method's scores and a reference method's
/// (the preferred one when present, the first method otherwise). Meaningful for two or more methods. Computed where the
/// documents are built (SaliencyKit, with `KendallCorrelation`); the renderers only show it.
public struct MethodAgreement: Sendable, Equatable {
  /// The reference method's id.
  public let reference: String
  /// Every other method with its τ-b against the reference (nil when one of them has all scores tied).
  public let kendallTau: [Entry]

  public struct Entry: Sendable, Equatable {
    public let method: String
    public let tau: Double?
  }

  /// From τ-b of every pair (`KendallCorrelation.pairwiseTauB`), [M][M], against `preferred` when present.
  public init?(methods: [String], pairwiseTau: [[Double?]], preferred: String) {
    guard methods.count == pairwiseTau.count,
          let referenceIndex = RankAgreement.referenceIndex(methods: methods, preferred: preferred) else { return nil }
    reference = methods[referenceIndex]
    kendallTau = methods.indices.filter { $0 != referenceIndex }.map { index in
      Entry(method: methods[index], tau: pairwiseTau[index][referenceIndex])
    }
  }
}
