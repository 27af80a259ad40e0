/// Orders a text's positions by importance for the erasure measures: a supports-target or class-independent
/// score ranks by its signed value, an unsigned one by its magnitude. Ties keep position order, and a NaN score
/// counts as the least important, so an order is always a permutation of 0..<T.
public enum TokenOrder {
  /// Positions, most important first. [T]
  public static func mostImportantFirst(_ scores: [Double], sign: SaliencySign) -> [Int] {
    let keys = importance(scores, sign: sign)
    return scores.indices.sorted { keys[$0] != keys[$1] ? keys[$0] > keys[$1] : $0 < $1 }
  }

  /// Positions, least important first (for signed scores: most opposing first). [T]
  public static func leastImportantFirst(_ scores: [Double], sign: SaliencySign) -> [Int] {
    let keys = importance(scores, sign: sign)
    return scores.indices.sorted { keys[$0] != keys[$1] ? keys[$0] < keys[$1] : $0 < $1 }
  }

  /// The value ranked on: the signed score, or its magnitude for unsigned methods; NaN → −∞.
  private static func importance(_ scores: [Double], sign: SaliencySign) -> [Double] {
    scores.map { score in
      if score.isNaN { return -Double.infinity }
      return sign == .unsigned ? abs(score) : score
    }
  }
}
