import LSTMCore

/// The mean of per-example values with its percentile bootstrap 95% interval (Efron & Tibshirani 1993, §13.3).
///
///     mean      = (1/n) Σ_i x_i
///     resample  r = 1…R: n indices drawn uniformly with replacement, m_r = mean of those x
///     m_(0) ≤ … ≤ m_(R−1)  the sorted resample means
///     Q(p)      = m_(⌊h⌋) + (h − ⌊h⌋)·(m_(⌊h⌋+1) − m_(⌊h⌋)),  h = (R − 1)·p     (linear interpolation between
///                 order statistics: NumPy's default `linear`, Hyndman & Fan type 7)
///     lower     = Q(0.025),  upper = Q(0.975)
///
/// With R = 1000, lower = m_(24) + 0.975·(m_(25) − m_(24)) and upper = m_(974) + 0.025·(m_(975) − m_(974)).
/// Indices are drawn as `next() % n` from one `SplitMix64(seed:)` (the bias, at most n/2^64, is negligible), so
/// the same values, resamples and seed always give the same interval.
public struct BootstrapInterval: Sendable, Equatable {
  /// The sample mean of the values.
  public var mean: Double
  /// The 2.5% percentile of the resample means.
  public var lower: Double
  /// The 97.5% percentile of the resample means.
  public var upper: Double
  /// n, the number of values.
  public var count: Int

  /// Resamples behind an interval unless the caller asks otherwise.
  public static let defaultResamples = 1_000
  /// The two-sided coverage of the interval.
  public static let coverage = 0.95
}

extension BootstrapInterval {
  /// The mean of `values` and its percentile bootstrap interval over `resamples` resamples drawn from `seed`.
  ///
  /// Returns nil for no values. One value gives mean = lower = upper = that value; values that are all equal give
  /// an interval of zero width. If any value is NaN or infinite, mean, lower and upper are NaN.
  /// - Precondition: `resamples >= 1`.
  /// - Complexity: O(R·n + R log R) time, O(R) memory, R = `resamples`, n = `values.count`.
  public init?(meanOf values: [Double], resamples: Int = BootstrapInterval.defaultResamples, seed: UInt64) {
    precondition(resamples >= 1, "a bootstrap needs at least one resample")
    let n = values.count
    guard n > 0 else { return nil }
    count = n
    guard values.allSatisfy(\.isFinite) else {
      (mean, lower, upper) = (.nan, .nan, .nan)
      return
    }
    mean = values.reduce(0, +) / Double(n)
    guard n > 1 else {
      (lower, upper) = (mean, mean)
      return
    }
    var generator = SplitMix64(seed: seed)
    var means = [Double](repeating: 0, count: resamples)
    for r in 0..<resamples {
      var sum = 0.0
      for _ in 0..<n { sum += values[Int(generator.next() % UInt64(n))] }
      means[r] = sum / Double(n)
    }
    means.sort()
    let tail = (1 - Self.coverage) / 2
    lower = Self.quantile(sorted: means, tail)
    upper = Self.quantile(sorted: means, 1 - tail)
  }

  /// Q(p) of ascending `sorted` by linear interpolation between order statistics (h = (count − 1)·p).
  /// - Precondition: `sorted` is not empty and ascending, 0 ≤ p ≤ 1.
  static func quantile(sorted: [Double], _ p: Double) -> Double {
    let h = Double(sorted.count - 1) * p
    let below = Int(h.rounded(.down))
    let above = min(below + 1, sorted.count - 1)
    return sorted[below] + (h - Double(below)) * (sorted[above] - sorted[below])
  }
}
