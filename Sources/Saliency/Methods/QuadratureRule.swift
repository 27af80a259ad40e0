import Foundation

/// How integrated gradients approximates ∫₀¹ g(α) dα by Σ_j w_j · g(α_j) (`--rule`).
///
/// Nodes and weights are computed in Double. The Riemann rules and `trapezoid` follow Captum's definitions
/// (which compute the nodes in float32; the difference is below 1e-7 and far below Float32 model noise).
public enum QuadratureRule: String, Sendable, CaseIterable, Codable {
  /// Gauss–Legendre on [0, 1]: exact for polynomials of degree ≤ 2n − 1.
  case gaussLegendre = "gauss-legendre"
  /// α_j = j/n, w_j = 1/n (j = 0…n−1).
  case riemannLeft = "riemann-left"
  /// α_j = (j + ½)/n, w_j = 1/n.
  case riemannMiddle = "riemann-middle"
  /// α_j = (j + 1)/n, w_j = 1/n.
  case riemannRight = "riemann-right"
  /// Captum's `riemann_trapezoid`: α_j = j/(n − 1), w_j = 1/n with both end weights halved. The weights sum
  /// to 1 − 1/n, not 1 (a true trapezoid rule would use 1/(n − 1)), so the completeness gap is about
  /// −(F(x) − F(x′))/n; kept as Captum defines it so the numbers match Captum's.
  case trapezoid

  /// The fewest nodes the rule is defined for.
  public var minimumSteps: Int { self == .trapezoid ? 2 : 1 }

  /// The nodes α_j ∈ [0, 1], ascending, and their weights w_j. [n] each.
  /// - Precondition: `count >= minimumSteps`.
  /// - Complexity: O(n²) for Gauss–Legendre (Newton on P_n, O(n) per evaluation), O(n) otherwise.
  public func nodes(count n: Int) -> (alphas: [Double], weights: [Double]) {
    precondition(n >= minimumSteps, "\(rawValue) needs at least \(minimumSteps) nodes")
    let size = Double(n)
    switch self {
    case .gaussLegendre:
      return Self.gaussLegendre(count: n)
    case .riemannLeft:
      return ((0..<n).map { Double($0) / size }, Array(repeating: 1 / size, count: n))
    case .riemannMiddle:
      return ((0..<n).map { (Double($0) + 0.5) / size }, Array(repeating: 1 / size, count: n))
    case .riemannRight:
      return ((0..<n).map { Double($0 + 1) / size }, Array(repeating: 1 / size, count: n))
    case .trapezoid:
      var weights = [Double](repeating: 1 / size, count: n)
      weights[0] /= 2
      weights[n - 1] /= 2
      return ((0..<n).map { Double($0) / Double(n - 1) }, weights)
    }
  }

  /// Gauss–Legendre nodes on [0, 1]: the roots x_j of the Legendre polynomial P_n, found by Newton's method from
  /// the estimate cos(π(j − ¼)/(n + ½)), mapped by α = (1 + x)/2, with weights w = 1/((1 − x²) · P_n′(x)²)
  /// (half of the [−1, 1] weight 2/((1 − x²) P_n′²)). Roots come in ± pairs, so only half are searched.
  private static func gaussLegendre(count n: Int) -> (alphas: [Double], weights: [Double]) {
    var alphas = [Double](repeating: 0.5, count: n)
    var weights = [Double](repeating: 0, count: n)
    for index in 0..<((n + 1) / 2) {
      // The index-th largest root (0-based).
      var root = cos(Double.pi * (Double(index) + 0.75) / (Double(n) + 0.5))
      for _ in 0..<maximumNewtonIterations {
        let (value, derivative) = legendre(degree: n, at: root)
        let step = value / derivative
        root -= step
        if abs(step) <= newtonTolerance { break }
      }
      let derivative = legendre(degree: n, at: root).derivative
      // (1 − x)(1 + x) is exact in its first factor near x = 1, unlike 1 − x².
      let weight = 1 / ((1 - root) * (1 + root) * derivative * derivative)
      alphas[n - 1 - index] = (1 + root) / 2
      alphas[index] = (1 - root) / 2
      weights[n - 1 - index] = weight
      weights[index] = weight
    }
    return (alphas, weights)
  }

  /// Newton stops when a step is this small (roots lie in [−1, 1]), or after `maximumNewtonIterations`.
  private static let newtonTolerance = 1e-15
  private static let maximumNewtonIterations = 100

  /// P_n(x) and P_n′(x) by the three-term recurrence k·P_k = (2k − 1)·x·P_{k−1} − (k − 1)·P_{k−2} and
  /// P_n′ = n·(x·P_n − P_{n−1})/(x² − 1).
  /// - Precondition: n ≥ 1, |x| < 1.
  private static func legendre(degree n: Int, at x: Double) -> (value: Double, derivative: Double) {
    var previous = 1.0, current = x
    for k in stride(from: 2, through: n, by: 1) {
      let next = (Double(2 * k - 1) * x * current - Double(k - 1) * previous) / Double(k)
      previous = current
      current = next
    }
    return (current, Double(n) * (x * current - previous) / ((x - 1) * (x + 1)))
  }
}
