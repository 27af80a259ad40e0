import Foundation

/// An sRGB colour with 8 bits per channel, the unit both the HTML and the terminal renderers speak.
public struct RGB: Sendable, Hashable {
  public var red: UInt8
  public var green: UInt8
  public var blue: UInt8

  public init(red: UInt8, green: UInt8, blue: UInt8) {
    self.red = red
    self.green = green
    self.blue = blue
  }

  /// Pure black, the dark foreground choice.
  public static let black = RGB(red: 0, green: 0, blue: 0)
  /// Pure white, the light foreground choice.
  public static let white = RGB(red: 255, green: 255, blue: 255)

  /// `#rrggbb`, lower-case, as CSS wants it.
  public var hex: String {
    "#" + Self.hexByte(red) + Self.hexByte(green) + Self.hexByte(blue)
  }

  /// WCAG 2 relative luminance in 0…1 (linearised sRGB, Rec. 709 weights).
  public var relativeLuminance: Double {
    0.2126 * Self.linear(red) + 0.7152 * Self.linear(green) + 0.0722 * Self.linear(blue)
  }

  /// WCAG 2 contrast ratio between two colours, 1…21.
  public func contrastRatio(with other: RGB) -> Double {
    let a = relativeLuminance
    let b = other.relativeLuminance
    return (max(a, b) + 0.05) / (min(a, b) + 0.05)
  }

  /// Black or white, whichever has the higher contrast on this colour used as a background.
  /// Ties go to black.
  public var readableForeground: RGB {
    contrastRatio(with: .black) >= contrastRatio(with: .white) ? .black : .white
  }

  /// The colour a fraction `t` of the way from `self` to `other` (t clamped to 0…1), channel by channel in
  /// sRGB, rounded to the nearest integer (halves away from zero).
  public func interpolated(to other: RGB, fraction t: Double) -> RGB {
    let f = t.isNaN ? 0 : min(max(t, 0), 1)
    func mix(_ a: UInt8, _ b: UInt8) -> UInt8 {
      let value = (Double(a) + (Double(b) - Double(a)) * f).rounded(.toNearestOrAwayFromZero)
      return UInt8(min(max(value, 0), 255))
    }
    return RGB(red: mix(red, other.red), green: mix(green, other.green), blue: mix(blue, other.blue))
  }

  /// Squared Euclidean distance in sRGB space, for nearest-colour searches.
  public func squaredDistance(to other: RGB) -> Int {
    let dr = Int(red) - Int(other.red)
    let dg = Int(green) - Int(other.green)
    let db = Int(blue) - Int(other.blue)
    return dr * dr + dg * dg + db * db
  }

  private static let hexDigits = Array("0123456789abcdef")

  private static func hexByte(_ value: UInt8) -> String {
    String([hexDigits[Int(value >> 4)], hexDigits[Int(value & 0x0F)]])
  }

  /// sRGB transfer function inverted: 8-bit channel → linear light in 0…1.
  private static func linear(_ channel: UInt8) -> Double {
    let c = Double(channel) / 255
    return c <= 0.04045 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4)
  }
}

