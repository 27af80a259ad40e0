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

  /// An independent generator derived from this one's next output (for per-worker streams).
  public mutating func split() -> SplitMix64 { SplitMix64(seed: next()) }
}
