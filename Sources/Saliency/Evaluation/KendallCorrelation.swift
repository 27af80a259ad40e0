/// Kendall's rank correlation of two score lists over the same positions (beside `SpearmanCorrelation`): how far
/// two methods agree on the order of the tokens of one text.
///
/// τ-b compares every pair of positions: a pair is concordant when both score lists order it the
/// same way, discordant when they order it oppositely, and tied when either list gives the two positions the
/// same score. With n₀ = n(n−1)/2 pairs, n₁ pairs tied in `x`, n₂ tied in `y`:
///
///     τ_b = (concordant − discordant) / √((n₀ − n₁)(n₀ − n₂))
///
/// It is 1 for the same order, −1 for the reversed order, near 0 for unrelated orders, and undefined (nil)
/// when either list is constant. Computed with Knight's algorithm (sort by x, then count the swaps a merge
/// sort of y needs), so long texts stay cheap.
public enum KendallCorrelation {
  /// Kendall's τ-b between two score lists, position by position.
  ///
  /// Only the first `min(x.count, y.count)` positions are compared, and positions where either score is NaN
  /// are left out. Returns nil when fewer than two positions remain or when either list is constant over them.
  /// - Complexity: O(n log n) time, O(n) memory.
  public static func tauB(_ x: [Double], _ y: [Double]) -> Double? {
    var pairs: [(x: Double, y: Double)] = []
    pairs.reserveCapacity(min(x.count, y.count))
    for (a, b) in zip(x, y) where !a.isNaN && !b.isNaN {
      pairs.append((a, b))
    }
    let n = pairs.count
    guard n >= 2 else { return nil }
    pairs.sort { $0.x != $1.x ? $0.x < $1.x : $0.y < $1.y }

    let allPairs = n * (n - 1) / 2
    var tiedX = 0, tiedBoth = 0
    var runX = 1, runBoth = 1
    for index in 1..<n {
      let sameX = pairs[index].x == pairs[index - 1].x
      let sameY = pairs[index].y == pairs[index - 1].y
      if sameX && sameY {
        runBoth += 1
      } else {
        tiedBoth += runBoth * (runBoth - 1) / 2
        runBoth = 1
      }
      if sameX {
        runX += 1
      } else {
        tiedX += runX * (runX - 1) / 2
        runX = 1
      }
    }
    tiedX += runX * (runX - 1) / 2
    tiedBoth += runBoth * (runBoth - 1) / 2

    var ys = pairs.map(\.y)
    let swaps = sortCountingInversions(&ys)
    var tiedY = 0, runY = 1
    for index in 1..<n {
      if ys[index] == ys[index - 1] {
        runY += 1
      } else {
        tiedY += runY * (runY - 1) / 2
        runY = 1
      }
    }
    tiedY += runY * (runY - 1) / 2

    let denominator = Double(allPairs - tiedX) * Double(allPairs - tiedY)
    guard denominator > 0 else { return nil }
    let difference = allPairs - tiedX - tiedY + tiedBoth - 2 * swaps
    return min(1, max(-1, Double(difference) / denominator.squareRoot()))
  }

  /// τ-b of every pair of score lists: `[i][j]` for i < j is `tauB(lists[i], lists[j])` (nil where
  /// undefined), and `[j][i]` the same value (τ-b is symmetric: it counts concordant and discordant pairs, the
  /// same whichever list comes first); the diagonal is nil. Computed once per text, for both the contract's
  /// agreement object and the corpus tally.
  public static func pairwiseTauB(_ lists: [[Double]]) -> [[Double?]] {
    var tau = [[Double?]](repeating: [Double?](repeating: nil, count: lists.count), count: lists.count)
    for first in lists.indices {
      for second in (first + 1)..<max(first + 1, lists.count) {
        let value = tauB(lists[first], lists[second])
        tau[first][second] = value
        tau[second][first] = value
      }
    }
    return tau
  }

  /// Sorts `values` ascending (stable merge sort) and returns the number of pairs i < j with
  /// values[i] > values[j] before sorting. Equal values are not inversions.
  /// - Complexity: O(n log n).
  static func sortCountingInversions(_ values: inout [Double]) -> Int {
    let n = values.count
    guard n > 1 else { return 0 }
    var buffer = values
    var inversions = 0
    var width = 1
    while width < n {
      var start = 0
      while start < n {
        let middle = min(start + width, n), end = min(start + 2 * width, n)
        var left = start, right = middle, out = start
        while left < middle && right < end {
          if values[left] <= values[right] {
            buffer[out] = values[left]
            left += 1
          } else {
            buffer[out] = values[right]
            inversions += middle - left
            right += 1
          }
          out += 1
        }
        while left < middle {
          buffer[out] = values[left]
          left += 1
          out += 1
        }
        while right < end {
          buffer[out] = values[right]
          right += 1
          out += 1
        }
        start += 2 * width
      }
      swap(&values, &buffer)
      width *= 2
    }
    return inversions
  }
}
