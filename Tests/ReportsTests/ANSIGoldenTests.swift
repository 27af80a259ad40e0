import Testing
@testable import Reports

/// Whole renderings compared byte for byte with `Golden/` (see `GoldenFile`).
@Suite struct ANSIGoldenTests {
  @Test func trueColorChinese() throws {
    let renderer = ANSIRenderer(colorMode: .trueColor, width: 40, topK: 3, normalization: .absolute)
    try GoldenFile.check(renderer.render(SampleDocuments.chinese), named: "ansi-truecolor-zh.txt")
  }

  @Test func palette256English() throws {
    let renderer = ANSIRenderer(colorMode: .palette256, width: 50, topK: 2)
    try GoldenFile.check(renderer.render(SampleDocuments.english), named: "ansi-256-en.txt")
  }

  @Test func noColorMixed() throws {
    let renderer = ANSIRenderer(colorMode: .none, width: 40, topK: 2, normalization: .absolute)
    try GoldenFile.check(renderer.render(SampleDocuments.mixed), named: "ansi-none-mixed.txt")
  }

  @Test func noColorChineseSharedScale() throws {
    let renderer = ANSIRenderer(colorMode: .none, width: 80, topK: 0, normalization: .shared(0.5))
    try GoldenFile.check(renderer.render(SampleDocuments.chinese), named: "ansi-none-zh.txt")
  }

  @Test func trueColorMixed() throws {
    let renderer = ANSIRenderer(colorMode: .trueColor, width: 30, topK: 2)
    try GoldenFile.check(renderer.render(SampleDocuments.mixed), named: "ansi-truecolor-mixed.txt")
  }

  @Test func trueColorChineseLightTheme() throws {
    let renderer = ANSIRenderer(colorMode: .trueColor, width: 60, topK: 2, normalization: .absolute, theme: .light)
    try GoldenFile.check(renderer.render(SampleDocuments.chinese), named: "ansi-truecolor-zh-light.txt")
  }
}
