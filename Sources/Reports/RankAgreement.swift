/// Which method the others are compared with when a text has several (the τ-b itself is computed below Reports,
/// by `KendallCorrelation` in Saliency, and reaches the renderers in ``MethodAgreement``).
public enum RankAgreement {
  /// The method other methods are compared with when a text has it (a direct measure of each token's effect).
  public static let preferredReference = "occlusion"

  /// The index of the method others are compared with: `occlusion` if present, else the first; nil when
  /// there are fewer than two methods (nothing to compare).
  public static func referenceIndex(methods: [String]) -> Int? {
    guard methods.count >= 2 else { return nil }
    return methods.firstIndex(of: preferredReference) ?? 0
  }
}
