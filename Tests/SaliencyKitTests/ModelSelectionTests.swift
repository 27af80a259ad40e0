import Testing
@testable import SaliencyKit

/// Which model reads a corpus row: `--model` for all, or the row's script's default.
@Suite("Model selection")
struct ModelSelectionTests {
  @Test("by script: a Han character anywhere → default-zh, anything else → default-en; fixed: always the one model")
  func rule() throws {
    let selection = try ModelSelection.byScript()
    #expect(selection.models.map(\.name) == ["default-en", "default-zh"])
    #expect(selection.labels == ["negative", "positive"])
    let cases = [("great flight", "default-en"), ("屏幕太差了", "default-zh"), ("the 菜 was cold", "default-zh"),
                 ("ｶﾀｶﾅ only", "default-en"), ("", "default-en"), ("😀 123", "default-en")]
    for (text, expected) in cases {
      #expect(selection.models[selection.index(forText: text)].name == expected, "\(text)")
    }
    let fixed = ModelSelection.fixed(selection.models[1])
    #expect(fixed.rule == .fixed && fixed.index(forText: "great flight") == 0 && fixed.names == "default-zh")
  }
}
