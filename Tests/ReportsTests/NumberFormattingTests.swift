import Testing
@testable import Reports

@Suite struct NumberFormattingTests {
  @Test func fixed() {
    #expect(NumberFormatting.fixed(0.123, decimals: 2, sign: .always) == "+0.12")
    #expect(NumberFormatting.fixed(-0.05, decimals: 2, sign: .always) == "-0.05")
    #expect(NumberFormatting.fixed(0.125, decimals: 2) == "0.13")
    #expect(NumberFormatting.fixed(0.935, decimals: 2) == "0.94")
    #expect(NumberFormatting.fixed(0, decimals: 2, sign: .always) == "+0.00")
    #expect(NumberFormatting.fixed(-0.0, decimals: 2, sign: .always) == "+0.00")
    #expect(NumberFormatting.fixed(-0.001, decimals: 2, sign: .always) == "-0.00")
    #expect(NumberFormatting.fixed(1234.5678, decimals: 3) == "1234.568")
    #expect(NumberFormatting.fixed(2.5, decimals: 0) == "3")
    #expect(NumberFormatting.fixed(0.999, decimals: 2) == "1.00")
    #expect(NumberFormatting.fixed(7, decimals: 1) == "7.0")
    #expect(NumberFormatting.fixed(.nan, decimals: 2, sign: .always) == "nan")
    #expect(NumberFormatting.fixed(-.infinity, decimals: 2) == "-inf")
    #expect(NumberFormatting.fixed(.infinity, decimals: 2, sign: .always) == "+inf")
    #expect(NumberFormatting.fixed(1e300, decimals: 2).hasSuffix("e300"))
  }

  @Test func scientific() {
    #expect(NumberFormatting.scientific(1.2e-7, significantDigits: 2) == "1.2e-7")
    #expect(NumberFormatting.scientific(-3.4e-4, significantDigits: 3) == "-3.40e-4")
    #expect(NumberFormatting.scientific(9.96, significantDigits: 2) == "1.0e1")
    #expect(NumberFormatting.scientific(1e-7, significantDigits: 1) == "1e-7")
    #expect(NumberFormatting.scientific(123456, significantDigits: 3) == "1.23e5")
    #expect(NumberFormatting.scientific(0, significantDigits: 3) == "0")
  }

  @Test func compact() {
    #expect(NumberFormatting.compact(0.531) == "0.531")
    #expect(NumberFormatting.compact(5.2) == "5.20")
    #expect(NumberFormatting.compact(123.4) == "123")
    #expect(NumberFormatting.compact(0.012) == "0.0120")
    #expect(NumberFormatting.compact(4.2e-5) == "4.20e-5")
    #expect(NumberFormatting.compact(0) == "0")
  }
}
