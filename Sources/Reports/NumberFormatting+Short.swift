import Foundation

extension NumberFormatting {
  /// 10^n for 0 ≤ n ≤ 15, exactly.
  private static let powersOfTen: [Double] = (0...15).map { n in (0..<n).reduce(1.0) { value, _ in value * 10 } }

  /// `compact` without trailing zeros after the decimal point: `0.41`, `-0.0543`, `+2`, `7.6e-4`.
  ///
  /// The same digits as `compact(value, significantDigits:sign:)` with the zeros at the end of the fraction
  /// (or of the mantissa) removed, together with a point left bare. Fast for the common fixed-point range
  /// (magnitudes 0.001…99 999), where it formats with integer arithmetic into one buffer: reports write it
  /// millions of times (every token's tooltip).
  public static func short(_ value: Double, significantDigits: Int = 3, sign: SignStyle = .negativeOnly) -> String {
    let magnitude = abs(value)
    guard value != 0, value.isFinite, magnitude >= 1e-3, magnitude < 1e5, significantDigits >= 1 else {
      return trimmingZeros(compact(value, significantDigits: significantDigits, sign: sign))
    }
    let leading = Int(log10(magnitude).rounded(.down))
    let decimals = min(max(0, significantDigits - 1 - leading), 15)
    let power = powersOfTen[decimals]
    let scaled = (magnitude * power).rounded(.toNearestOrAwayFromZero)
    guard scaled < 9.0e15 else { return trimmingZeros(compact(value, significantDigits: significantDigits, sign: sign)) }
    let units = UInt64(scaled)
    let divisor = UInt64(power)
    var bytes: [UInt8] = []
    bytes.reserveCapacity(24)
    if value < 0 {
      bytes.append(UInt8(ascii: "-"))
    } else if sign == .always {
      bytes.append(UInt8(ascii: "+"))
    }
    appendDigits(of: units / divisor, minimumWidth: 1, to: &bytes)
    var fraction = units % divisor
    if fraction != 0 {
      var width = decimals
      while fraction % 10 == 0 {
        fraction /= 10
        width -= 1
      }
      bytes.append(UInt8(ascii: "."))
      appendDigits(of: fraction, minimumWidth: width, to: &bytes)
    }
    return String(decoding: bytes, as: UTF8.self)
  }

  /// A formatted number without trailing zeros after its decimal point (`0.4100` → `0.41`, `1.00e-3` → `1e-3`,
  /// `2.0` → `2`). Text without a point is returned unchanged.
  public static func trimmingZeros(_ number: String) -> String {
    guard number.contains(".") else { return number }
    let parts = number.split(separator: "e", maxSplits: 1, omittingEmptySubsequences: false)
    guard var mantissa = parts.first else { return number }
    if mantissa.contains(".") {
      while mantissa.last == "0" { mantissa = mantissa.dropLast() }
      if mantissa.last == "." { mantissa = mantissa.dropLast() }
    }
    return parts.count > 1 ? String(mantissa) + "e" + parts[1] : String(mantissa)
  }

  /// The decimal digits of `value`, left-padded with zeros to `minimumWidth`.
  private static func appendDigits(of value: UInt64, minimumWidth: Int, to bytes: inout [UInt8]) {
    var digits: [UInt8] = []
    var rest = value
    repeat {
      digits.append(UInt8(ascii: "0") + UInt8(rest % 10))
      rest /= 10
    } while rest > 0
    if digits.count < minimumWidth {
      bytes.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: minimumWidth - digits.count))
    }
    bytes.append(contentsOf: digits.reversed())
  }
}
