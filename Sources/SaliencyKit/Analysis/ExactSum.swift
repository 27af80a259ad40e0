/// A sum of Doubles that is exact, so it does not depend on the order of the additions: a shard-by-shard
/// merge, a parallel run and a sequential run all reach the same bits.
///
/// Each value is rounded once to a multiple of 2⁻⁶⁰ (absolute error ≤ 2⁻⁶¹ ≈ 4.3e-19, far below the
/// precision of the Float32 scores it sums) and added to a 128-bit integer. Values with |x| ≥ 2⁴⁰ or not
/// finite, and an overflow of the integer (after ~2²⁷ values near the limit), make the sum `invalid`,
/// whose `value` is NaN — never a silently wrong number.
public struct ExactSum: Sendable, Equatable, Codable {
  /// The sum in units of 2⁻⁶⁰.
  public private(set) var units: Int128 = 0
  /// True once a value could not be represented or the sum overflowed.
  public private(set) var invalid = false

  /// Units per 1.0.
  static let scale = 0x1p60
  /// The largest magnitude added exactly.
  static let limit = 0x1p40

  public init() {}

  /// A sum holding one value.
  public init(_ value: Double) { add(value) }

  public mutating func add(_ value: Double) {
    guard value.isFinite, abs(value) < Self.limit else { return markInvalid() }
    add(units: Int128((value * Self.scale).rounded(.toNearestOrEven)))
  }

  /// Adds another sum (for merging partial results).
  public mutating func add(_ other: ExactSum) {
    if other.invalid { return markInvalid() }
    add(units: other.units)
  }

  private mutating func add(units other: Int128) {
    guard !invalid else { return }
    let (sum, overflow) = units.addingReportingOverflow(other)
    if overflow { markInvalid() } else { units = sum }
  }

  /// An invalid sum keeps no units, so every invalid sum is equal (and stores as `"invalid"`).
  private mutating func markInvalid() {
    invalid = true
    units = 0
  }

  /// The sum, rounded once to the nearest Double; NaN when invalid.
  public var value: Double { invalid ? .nan : Double(units) / Self.scale }

  // MARK: Codable: the integer as a decimal string (JSON numbers lose digits past 2⁵³), "invalid" when invalid.

  public init(from decoder: any Decoder) throws {
    let text = try decoder.singleValueContainer().decode(String.self)
    if text == "invalid" {
      invalid = true
    } else if let parsed = Int128(text) {
      units = parsed
    } else {
      throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                                              debugDescription: "expected an integer or \"invalid\", found \(text)"))
    }
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(invalid ? "invalid" : String(units))
  }
}
