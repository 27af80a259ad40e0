import Foundation

/// SplitMix64 (Steele, Lea, Flood 2014): a small, fast, seedable generator. Every random choice in the tool
/// (initialisation, shuffling, dropout, sampling methods) draws from one of these, so a seed fixes a run.
public struct SplitMix64: RandomNumberGenerator, Sendable {
  private var state: UInt64

  public init(seed: UInt64) { state = seed }

  public mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// A uniform Float in the half-open range, from the top 24 bits.
  public mutating func nextUniform(in range: Range<Float>) -> Float {
    let unit = Float(next() >> 40) * 0x1p-24
    return range.lowerBound + unit * (range.upperBound - range.lowerBound)
  }

  /// A standard normal Float (Box–Muller; one value per call for simplicity of replay).
  public mutating func nextGaussian() -> Float {
    let u1 = max(Double(next() >> 11) * 0x1p-53, 0x1p-60)
    let u2 = Double(next() >> 11) * 0x1p-53
    return Float((-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2))
  }

  /// A uniform integer in 0..<bound, unbiased (Lemire 2019: the high word of a 64×64-bit product, redrawn in the
  /// rare case the low word falls in the 2⁶⁴ mod bound values that would favour some results). A redraw happens
  /// with probability below bound/2⁶⁴, so for any bound a program uses the result is almost always the first
  /// product's high word.
  /// - Precondition: bound > 0.
  public mutating func nextBelow(_ bound: UInt64) -> UInt64 {
    precondition(bound > 0, "nextBelow needs a positive bound")
    var product = next().multipliedFullWidth(by: bound)
    if product.low < bound {
      let threshold = (0 &- bound) % bound  // 2⁶⁴ mod bound
      while product.low < threshold { product = next().multipliedFullWidth(by: bound) }
    }
    return product.high
  }

  /// A uniformly random permutation of 0..<count (Fisher–Yates with ``nextBelow(_:)``), drawn only from this
  /// generator, so it does not depend on the standard library's algorithms. [count]
  public mutating func permutation(count: Int) -> [Int] {
    var order = Array(0..<count)
    for index in stride(from: count - 1, to: 0, by: -1) {
      order.swapAt(index, Int(nextBelow(UInt64(index + 1))))
    }
    return order
  }

  /// An independent generator derived from this one's next output (for per-worker streams).
  public mutating func split() -> SplitMix64 { SplitMix64(seed: next()) }
}
