import Testing
@testable import Reports

@Suite struct ColorScaleTests {
  @Test func endsAndMiddle() {
    #expect(ColorScale.color(for: 0, scale: 1, signed: true) == ColorScale.neutral)
    #expect(ColorScale.color(for: 1, scale: 1, signed: true) == ColorScale.positiveEnd)
    #expect(ColorScale.color(for: -1, scale: 1, signed: true) == ColorScale.negativeEnd)
    #expect(ColorScale.color(for: 0.25, scale: 0.5, signed: true) == ColorScale.positiveMid)
    #expect(ColorScale.color(for: -0.25, scale: 0.5, signed: true) == ColorScale.negativeMid)
    #expect(ColorScale.color(for: 0, scale: 1, signed: false) == ColorScale.neutral)
    #expect(ColorScale.color(for: 2, scale: 2, signed: false) == ColorScale.positiveEnd)
  }

  @Test func clampsAndHandlesDegenerateInput() {
    #expect(ColorScale.color(for: 7, scale: 1, signed: true) == ColorScale.positiveEnd)
    #expect(ColorScale.color(for: -7, scale: 1, signed: true) == ColorScale.negativeEnd)
    #expect(ColorScale.color(for: .infinity, scale: 1, signed: true) == ColorScale.positiveEnd)
    #expect(ColorScale.color(for: -0.5, scale: 1, signed: false) == ColorScale.neutral)
    #expect(ColorScale.color(for: .nan, scale: 1, signed: true) == ColorScale.neutral)
    for scale in [0.0, -1, .nan, .infinity] {
      #expect(ColorScale.color(for: 0.3, scale: scale, signed: true) == ColorScale.neutral)
      #expect(ColorScale.position(for: 0.3, scale: scale, signed: true) == 0)
    }
  }

  /// Orange grows monotonically darker with the score: luminance never rises from 0 to 1.
  @Test func luminanceIsMonotonicOnEachSide() {
    let steps = (0...100).map { Double($0) / 100 }
    let positive = steps.map { ColorScale.color(atPosition: $0, signed: true).relativeLuminance }
    let negative = steps.map { ColorScale.color(atPosition: -$0, signed: true).relativeLuminance }
    #expect(zip(positive, positive.dropFirst()).allSatisfy { $0 >= $1 })
    #expect(zip(negative, negative.dropFirst()).allSatisfy { $0 >= $1 })
  }

  @Test func readableForegrounds() {
    #expect(ColorScale.neutral.readableForeground == .black)
    #expect(ColorScale.negativeEnd.readableForeground == .white)
    #expect(RGB.black.readableForeground == .white)
    #expect(RGB.white.readableForeground == .black)
    // Whatever the score, the chosen foreground reaches at least WCAG AA-large contrast (3:1).
    for step in -20...20 {
      let background = ColorScale.color(atPosition: Double(step) / 20, signed: true)
      #expect(background.contrastRatio(with: background.readableForeground) >= 3)
    }
  }

  @Test func hex() {
    #expect(RGB(red: 0, green: 15, blue: 255).hex == "#000fff")
    #expect(ColorScale.positiveEnd.hex == "#cd5e0c")
  }

  @Test func normalization() {
    #expect(Normalization.perText.constant(for: [0.1, -0.4, 0.2]) == 0.4)
    #expect(Normalization.perText.constant(for: [0, 0, 0]) == 0)
    #expect(Normalization.perText.constant(for: []) == 0)
    #expect(Normalization.perText.constant(for: [.nan, .infinity, -0.3]) == 0.3)
    #expect(Normalization.shared(2).constant(for: [5]) == 2)
    #expect(Normalization.shared(.nan).constant(for: [5]) == 0)
  }

  @Test(arguments: [
    (RGB(red: 0, green: 0, blue: 0), 16),
    (RGB(red: 255, green: 255, blue: 255), 231),
    (RGB(red: 255, green: 0, blue: 0), 196),
    (RGB(red: 0, green: 255, blue: 0), 46),
    (RGB(red: 0, green: 0, blue: 255), 21),
    (RGB(red: 95, green: 135, blue: 175), 67),
    (RGB(red: 128, green: 128, blue: 128), 244),
    (RGB(red: 8, green: 8, blue: 8), 232),
    (RGB(red: 238, green: 238, blue: 238), 255),
    (RGB(red: 255, green: 135, blue: 0), 208),
  ])
  func xterm256Nearest(color: RGB, index: Int) {
    #expect(XTerm256.nearestIndex(to: color) == index)
    #expect(XTerm256.color(at: index).map { $0.squaredDistance(to: color) } != nil)
  }

  @Test func xterm256NearestIsTheTrueNearest() {
    for red in stride(from: 0, through: 255, by: 17) {
      for green in stride(from: 0, through: 255, by: 51) {
        for blue in stride(from: 3, through: 255, by: 28) {
          let color = RGB(red: UInt8(red), green: UInt8(green), blue: UInt8(blue))
          let chosen = XTerm256.nearestIndex(to: color)
          let best = (16...255).compactMap { XTerm256.color(at: $0)?.squaredDistance(to: color) }.min()
          #expect(XTerm256.color(at: chosen)?.squaredDistance(to: color) == best)
        }
      }
    }
    #expect(XTerm256.color(at: 15) == nil)
    #expect(XTerm256.color(at: 256) == nil)
  }
}
