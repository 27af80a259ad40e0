import Foundation

/// Locale-free, deterministic number formatting for reports.
///
/// Renderers must produce the same bytes everywhere, so they never use `String(format:)` or a
/// `NumberFormatter`: the decimal point is always `.`, the minus sign is always ASCII `-`, and rounding is
/// "half away from zero" on the value scaled by a power of ten.
public enum NumberFormatting {
  /// Whether positive numbers carry an explicit `+`.
  public enum SignStyle: Sendable {
    /// `+0.12`, `-0.12` (used for signed scores, so the sign is always visible).
    case always
    /// `0.12`, `-0.12`.
    case negativeOnly
  }

  /// The largest scaled magnitude formatted digit by digit; beyond it `fixed` falls back to scientific.
  private static let exactLimit = 9.0e15

  /// `value` with exactly `decimals` digits after the point, like C's `%.Nf` / `%+.Nf` but locale-free.
  ///
  /// A negative value that rounds to zero keeps its minus sign (`-0.00`), so the sign of a tiny score is not
  /// lost; `-0.0` itself prints as zero without a minus. NaN prints `nan`; infinities `inf`/`+inf`/`-inf`.
  /// `decimals` is clamped to 0…15. Magnitudes too large to format digit by digit use `scientific`.
  public static func fixed(_ value: Double, decimals: Int, sign: SignStyle = .negativeOnly) -> String {
    let prefix = value < 0 ? "-" : (sign == .always ? "+" : "")
    if value.isNaN { return "nan" }
    if value.isInfinite { return prefix + "inf" }
    let digits = min(max(decimals, 0), 15)
    let power = powerOfTen(digits)
    let scaled = (abs(value) * power).rounded(.toNearestOrAwayFromZero)
    guard scaled < exactLimit else {
      return (value > 0 && sign == .always ? "+" : "") + scientific(value, significantDigits: 17)
    }
    let units = UInt64(scaled)
    let divisor = UInt64(power)
    let whole = String(units / divisor)
    guard digits > 0 else { return prefix + whole }
    let fraction = String(units % divisor)
    let padding = String(repeating: "0", count: digits - fraction.count)
    return prefix + whole + "." + padding + fraction
  }

  /// `value` in scientific notation with `significantDigits` digits in the mantissa, e.g. `1.2e-7`,
  /// `-3.0e2`. Zero prints `0`, NaN `nan`, infinities `inf`/`-inf`. `significantDigits` is clamped to 1…17.
  public static func scientific(_ value: Double, significantDigits: Int) -> String {
    if value.isNaN { return "nan" }
    if value.isInfinite { return value < 0 ? "-inf" : "inf" }
    if value == 0 { return "0" }
    let digits = min(max(significantDigits, 1), 17)
    let magnitude = abs(value)
    var exponent = Int(log10(magnitude).rounded(.down))
    var mantissa = magnitude / pow(10, Double(exponent))
    if mantissa < 1 {  // log10 rounded up across a power of ten
      mantissa *= 10
      exponent -= 1
    }
    let decimals = digits - 1
    let power = powerOfTen(decimals)
    if (mantissa * power).rounded(.toNearestOrAwayFromZero) >= 10 * power {  // e.g. 9.96 → 10.0
      mantissa /= 10
      exponent += 1
    }
    let body = fixed(mantissa, decimals: decimals)
    return (value < 0 ? "-" : "") + body + "e" + String(exponent)
  }

  /// A short human form with about `significantDigits` significant digits: fixed-point for magnitudes in
  /// 0.001…99 999 (`0.531`, `5.20`, `123`), scientific otherwise (`4.2e-5`). Zero prints `0`.
  public static func compact(_ value: Double, significantDigits: Int = 3, sign: SignStyle = .negativeOnly) -> String {
    if value == 0 { return sign == .always ? "+0" : "0" }
    let magnitude = abs(value)
    guard value.isFinite, magnitude >= 1e-3, magnitude < 1e5 else {
      let text = scientific(value, significantDigits: significantDigits)
      return (sign == .always && value > 0 ? "+" : "") + text
    }
    let leading = Int(log10(magnitude).rounded(.down))
    return fixed(value, decimals: max(0, significantDigits - 1 - leading), sign: sign)
  }

  /// 10^n for 0 ≤ n ≤ 15, exactly.
  private static func powerOfTen(_ n: Int) -> Double {
    var result = 1.0
    for _ in 0..<max(n, 0) { result *= 10 }
    return result
  }
}
