import Testing
@testable import Reports

/// Whole HTML pages compared byte for byte with `Golden/` (`RECORD_GOLDEN=1` re-records; see `GoldenFile`).
@Suite struct HTMLGoldenTests {
  @Test func singleChineseText() throws {
    let renderer = HTMLRenderer(topK: 3)
    try GoldenFile.check(renderer.render(HTMLSampleReports.single), named: "html-single-zh.html")
  }

  @Test func mixedReportSharedScale() throws {
    let renderer = HTMLRenderer(topK: 2, expandedLimit: 2)
    try GoldenFile.check(renderer.render(HTMLSampleReports.mixed), named: "html-report-mixed.html")
  }
}
