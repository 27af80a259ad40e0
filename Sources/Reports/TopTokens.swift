/// Ranking of token positions by score, for the "most supporting / most opposing" lists under a heatmap.
/// The lists show each token with its 1-based position (`#3 bad +0.41`), so a repeated word can be told apart.
public enum TopTokens {
  /// Up to `k` positions with a positive score, largest score first; equal scores in reading order.
  /// NaN and zero scores are never listed. `k ≤ 0` gives an empty list.
  /// - Complexity: O(n log n) in the number of scores.
  public static func mostPositive(_ scores: [Double], k: Int) -> [Int] {
    ranked(scores, k: k) { $0 > 0 }
  }

  /// Up to `k` positions with a negative score, most negative first; equal scores in reading order.
  /// NaN and zero scores are never listed. `k ≤ 0` gives an empty list.
  /// - Complexity: O(n log n) in the number of scores.
  public static func mostNegative(_ scores: [Double], k: Int) -> [Int] {
    ranked(scores, k: k) { $0 < 0 }
  }

  /// How the lists name a position, so a repeated word can be told apart: `#1` for the first token.
  public static func label(_ position: Int) -> String { "#" + String(position + 1) }

  private static func ranked(_ scores: [Double], k: Int, where include: (Double) -> Bool) -> [Int] {
    guard k > 0 else { return [] }
    let candidates = scores.indices.filter { include(scores[$0]) }
    let sorted = candidates.sorted { a, b in
      let magnitudeA = abs(scores[a])
      let magnitudeB = abs(scores[b])
      return magnitudeA != magnitudeB ? magnitudeA > magnitudeB : a < b
    }
    return Array(sorted.prefix(k))
  }
}
