/// Spearman's rank correlation of two score lists over the same positions: the Pearson correlation of their
/// ranks, with tied values sharing the average of the ranks they span (so `[3, 1, 3]` ranks as `[2.5, 1, 2.5]`).
///
///     r_i = average 1-based rank of x_i,  s_i = average 1-based rank of y_i,  r̄ = s̄ = (n + 1)/2
///     ρ   = Σ_i (r_i − r̄)(s_i − s̄) / √(Σ_i (r_i − r̄)² · Σ_i (s_i − s̄)²)
///
/// It is 1 for the same order, −1 for the reversed order, and undefined (nil) for fewer than two positions or
/// when either list has all its values tied. Without ties it equals 1 − 6 Σ d_i² / (n(n² − 1)), d_i = r_i − s_i.
/// Used to compare a text's saliency map before and after randomising the model (the sanity check).
public enum SpearmanCorrelation {
  /// Spearman's ρ of `x` and `y`, position by position, in Double; positions where either score is NaN are
  /// left out (as `KendallCorrelation.tauB` does). nil when fewer than two positions remain or either list is
  /// constant over them.
  /// - Precondition: `x.count == y.count`.
  /// - Complexity: O(n log n) time, O(n) memory.
  public static func rho(_ x: [Double], _ y: [Double]) -> Double? {
    precondition(x.count == y.count, "Spearman's rho compares two lists of the same length")
    var kept: (x: [Double], y: [Double]) = ([], [])
    for (a, b) in zip(x, y) where !a.isNaN && !b.isNaN {
      kept.x.append(a)
      kept.y.append(b)
    }
    let n = kept.x.count
    guard n >= 2 else { return nil }
    let r = averageRanks(kept.x)
    let s = averageRanks(kept.y)
    let meanRank = Double(n + 1) / 2
    var covariance = 0.0, varianceR = 0.0, varianceS = 0.0
    for i in 0..<n {
      let dr = r[i] - meanRank
      let ds = s[i] - meanRank
      covariance += dr * ds
      varianceR += dr * dr
      varianceS += ds * ds
    }
    guard varianceR > 0, varianceS > 0 else { return nil }
    return min(1, max(-1, covariance / (varianceR * varianceS).squareRoot()))
  }

  /// The 1-based rank of each value in ascending order, ties sharing the mean of the ranks they span. [n]
  /// - Precondition: no value is NaN.
  /// - Complexity: O(n log n).
  static func averageRanks(_ values: [Double]) -> [Double] {
    let order = values.indices.sorted { values[$0] < values[$1] }
    var ranks = [Double](repeating: 0, count: values.count)
    var start = 0
    while start < order.count {
      var end = start + 1
      while end < order.count && values[order[end]] == values[order[start]] { end += 1 }
      // Sorted positions start..<end hold one tied value; their 1-based ranks are start+1 … end.
      let shared = Double(start + 1 + end) / 2
      for k in start..<end { ranks[order[k]] = shared }
      start = end
    }
    return ranks
  }
}
