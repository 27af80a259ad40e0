import Testing
@testable import Reports

@Suite struct NumberFormattingShortTests {
  @Test func examples() {
    #expect(NumberFormatting.short(0.41) == "0.41")
    #expect(NumberFormatting.short(0.0800, sign: .always) == "+0.08")
    #expect(NumberFormatting.short(-1) == "-1")
    #expect(NumberFormatting.short(0, sign: .always) == "+0")
    #expect(NumberFormatting.short(0.99996) == "1")
    #expect(NumberFormatting.short(1.2e-7) == "1.2e-7")
    #expect(NumberFormatting.short(123_456) == "1.23e5")
    #expect(NumberFormatting.short(.nan) == "nan")
    #expect(NumberFormatting.trimmingZeros("1.000e-3") == "1e-3")
    #expect(NumberFormatting.trimmingZeros("120") == "120")
  }

  @Test("the fast path gives compact's digits without trailing zeros")
  func matchesCompact() {
    var state: UInt64 = 7
    var values: [Double] = [1e-3, 0.0009995, 0.00099949, 0.9995, 9.995, 99.95, 99_999.4, 99_999.6, 0.125, 0.0125, 5e-3]
    for _ in 0..<20_000 {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      let unit = Double(state >> 11) / Double(1 << 53)
      let exponent = Double(Int(state % 13) - 5)
      values.append((unit * 2 - 1) * pow10(exponent))
    }
    for value in values {
      for digits in 1...4 {
        for sign in [NumberFormatting.SignStyle.always, .negativeOnly] {
          let expected = NumberFormatting.trimmingZeros(NumberFormatting.compact(value, significantDigits: digits, sign: sign))
          #expect(NumberFormatting.short(value, significantDigits: digits, sign: sign) == expected, "\(value) \(digits)")
        }
      }
    }
  }

  private func pow10(_ exponent: Double) -> Double {
    var result = 1.0
    for _ in 0..<Int(abs(exponent)) { result *= 10 }
    return exponent < 0 ? 1 / result : result
  }
}
