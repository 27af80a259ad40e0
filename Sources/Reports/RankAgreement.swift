/// Which method the others are compared with when a text has several (the τ-b itself is computed below Reports,
/// by `KendallCorrelation` in Saliency, and reaches the renderers in ``MethodAgreement``).
public enum RankAgreement {
  /// The index of the method others are compared with: `preferred` if present, else the first; nil when there
  /// are fewer than two methods (nothing to compare). The caller names the preferred method (SaliencyKit knows
  /// the methods; Reports only renders).
  public static func referenceIndex(methods: [String], preferred: String) -> Int? {
    guard methods.count >= 2 else { return nil }
    return methods.firstIndex(of: preferred) ?? 0
  }
}
