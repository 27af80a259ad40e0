import Reports
import Saliency

extension MethodAgreement {
  /// τ-b of each method's scores with the reference method's (`KendallCorrelation`); nil for fewer than two
  /// methods.
  /// - Parameters: `methods` ids and their `scores`, one list per method, each with one score per token.
  public init?(methods: [String], scores: [[Double]]) {
    guard methods.count == scores.count, methods.count >= 2 else { return nil }
    self.init(methods: methods, pairwiseTau: KendallCorrelation.pairwiseTauB(scores))
  }
}
