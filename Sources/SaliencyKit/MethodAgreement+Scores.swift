import Reports
import Saliency

extension MethodAgreement {
  /// The method others are compared with when a text has it: occlusion, a direct measure of each token's effect.
  public static let preferredReference = Occlusion.id.rawValue

  /// τ-b of each method's scores with the reference method's (`KendallCorrelation`); nil for fewer than two
  /// methods.
  /// - Parameters: `methods` ids and their `scores`, one list per method, each with one score per token.
  public init?(methods: [String], scores: [[Double]]) {
    guard methods.count == scores.count, methods.count >= 2 else { return nil }
    self.init(methods: methods, pairwiseTau: KendallCorrelation.pairwiseTauB(scores))
  }

  /// From τ-b of every pair, against `preferredReference` when present.
  public init?(methods: [String], pairwiseTau: [[Double?]]) {
    self.init(methods: methods, pairwiseTau: pairwiseTau, preferred: Self.preferredReference)
  }
}
