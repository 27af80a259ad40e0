import LSTMCore
import Testing

@testable import Saliency

@Suite("Evaluation statistics: Spearman's rho and the bootstrap interval")
struct EvaluationStatisticsTests {
  // MARK: Spearman

  @Test("average ranks share the ranks a tie spans")
  func averageRanks() {
    #expect(SpearmanCorrelation.averageRanks([3, 1, 3]) == [2.5, 1, 2.5])
    #expect(SpearmanCorrelation.averageRanks([2, 2, 2]) == [2, 2, 2])
    #expect(SpearmanCorrelation.averageRanks([0.5, -1, 7, 0.5, 0.5]) == [3, 1, 5, 3, 3])
    #expect(SpearmanCorrelation.averageRanks([]) == [])
  }

  @Test("rho without ties: 1 − 6Σd²/(n(n²−1)), ±1 for the same and the reversed order")
  func withoutTies() throws {
    // d = (−1, 1, −1, 1, 0), Σd² = 4: ρ = 1 − 24/120.
    #expect(try close(#require(SpearmanCorrelation.rho([1, 2, 3, 4, 5], [2, 1, 4, 3, 5])), 0.8))
    #expect(SpearmanCorrelation.rho([0.1, 0.5, 0.2], [1, 100, 7]) == 1)
    #expect(SpearmanCorrelation.rho([1, 2, 3, 4], [4, 3, 2, 1]) == -1)
    // Any increasing transform of one side leaves ρ unchanged.
    let x = [0.3, -1.2, 2.5, 0.0, 1.1, -0.4]
    #expect(SpearmanCorrelation.rho(x, x.map { $0 * $0 * $0 + 5 }) == 1)
  }

  @Test("rho with ties is the Pearson correlation of the average ranks")
  func withTies() throws {
    // Ranks of y: (1, 2, 3.5, 5, 3.5); deviations from 3: r (−2, −1, 0, 1, 2), s (−2, −1, 0.5, 2, 0.5);
    // Σ r·s = 8, Σ r² = 10, Σ s² = 9.5: ρ = 8/√95.
    #expect(try close(#require(SpearmanCorrelation.rho([1, 2, 3, 4, 5], [5, 6, 7, 8, 7])), 8 / 95.0.squareRoot()))
    // Ranks of x: (1, 2.5, 2.5, 4); Σ r·s = 4.5, Σ r² = 4.5, Σ s² = 5: ρ = 3/√10.
    #expect(try close(#require(SpearmanCorrelation.rho([10, 20, 20, 30], [1, 3, 2, 4])), 3 / 10.0.squareRoot()))
    // Ties on both sides that cancel out.
    #expect(SpearmanCorrelation.rho([1, 1, 2, 2], [1, 2, 1, 2]) == 0)
    #expect(SpearmanCorrelation.rho([1, 2], [3, 3.5]) == 1)
  }

  @Test("rho is nil below two positions or when a side is all tied; NaN positions are left out")
  func undefined() throws {
    #expect(SpearmanCorrelation.rho([], []) == nil)
    #expect(SpearmanCorrelation.rho([1], [2]) == nil)
    #expect(SpearmanCorrelation.rho([2, 2, 2], [1, 2, 3]) == nil)
    #expect(SpearmanCorrelation.rho([1, 2, 3], [0, 0, 0]) == nil)
    #expect(SpearmanCorrelation.rho([1, .nan, 3], [1, 2, .nan]) == nil)
    #expect(SpearmanCorrelation.rho([1, .nan, 2, 3], [3, 0, 2, 1]) == -1)
  }

  // MARK: Bootstrap

  @Test("no values: nil; one value: a point interval; equal values: zero width")
  func degenerate() throws {
    #expect(BootstrapInterval(meanOf: [], seed: 1) == nil)
    let one = try #require(BootstrapInterval(meanOf: [0.42], seed: 1))
    #expect(one == BootstrapInterval(mean: 0.42, lower: 0.42, upper: 0.42, count: 1))
    let constant = try #require(BootstrapInterval(meanOf: Array(repeating: 0.1, count: 7), seed: 9))
    #expect(constant.count == 7)
    #expect(close(constant.mean, 0.1))
    #expect(constant.lower == constant.mean && constant.upper == constant.mean)
  }

  @Test("a value that is not finite makes the estimate NaN")
  func notFinite() throws {
    let interval = try #require(BootstrapInterval(meanOf: [1, .nan, 2], seed: 1))
    #expect(interval.mean.isNaN && interval.lower.isNaN && interval.upper.isNaN && interval.count == 3)
    #expect(try #require(BootstrapInterval(meanOf: [1, .infinity], seed: 1)).upper.isNaN)
  }

  @Test("the percentiles interpolate linearly between order statistics, h = (R − 1)·p")
  func quantileRule() {
    let sorted = (0..<1_000).map(Double.init)
    #expect(close(BootstrapInterval.quantile(sorted: sorted, 0.025), 24.975))
    #expect(close(BootstrapInterval.quantile(sorted: sorted, 0.975), 974.025))
    #expect(BootstrapInterval.quantile(sorted: [3, 5], 0.5) == 4)
    #expect(BootstrapInterval.quantile(sorted: [3, 5], 1) == 5)
    #expect(BootstrapInterval.quantile(sorted: [7], 0.025) == 7)
  }

  @Test("two values 0 and 1: P(resample mean = 0) = 1/4, so the interval is [0, 1]")
  func twoValues() throws {
    let interval = try #require(BootstrapInterval(meanOf: [0, 1], seed: 3))
    #expect(interval == BootstrapInterval(mean: 0.5, lower: 0, upper: 1, count: 2))
  }

  @Test("deterministic for a seed, contains the mean, about ±1.96σ/√n, and shrinks as n grows")
  func interval() throws {
    let small = gaussians(count: 25, seed: 11)
    let first = try #require(BootstrapInterval(meanOf: small, seed: 5))
    #expect(BootstrapInterval(meanOf: small, seed: 5) == first)
    #expect(BootstrapInterval(meanOf: small, seed: 6) != first)
    #expect(close(first.mean, small.reduce(0, +) / 25))
    #expect(first.lower < first.mean && first.mean < first.upper)

    let large = gaussians(count: 400, seed: 12)
    let wide = try #require(BootstrapInterval(meanOf: large, resamples: 2_000, seed: 5))
    #expect(wide.lower < wide.mean && wide.mean < wide.upper)
    // σ = 1: the width should be near 2·1.96/√400 = 0.196.
    let width = wide.upper - wide.lower
    #expect(width > 0.15 && width < 0.25, "width \(width)")
    #expect(width < (first.upper - first.lower) / 2)
  }

  /// `count` standard normal values from `SplitMix64(seed:)`.
  private func gaussians(count: Int, seed: UInt64) -> [Double] {
    var generator = SplitMix64(seed: seed)
    return (0..<count).map { _ in Double(generator.nextGaussian()) }
  }

  private func close(_ a: Double, _ b: Double) -> Bool {
    abs(a - b) <= 1e-12 * max(1, abs(a), abs(b))
  }
}
