import Testing
@testable import Reports

@Suite struct TerminalSanitizerTests {
  @Test func replacesControls() {
    #expect(TerminalSanitizer.sanitize("\u{1B}[31mred\r\u{9B}2J") == "␛[31mred␍\\u{9B}2J")
    #expect(TerminalSanitizer.sanitize("a\tb\nc\u{0}d\u{7F}") == "a␉b␊c␀d␡")
    #expect(TerminalSanitizer.sanitize("\u{85}\u{80}\u{9F}") == "\\u{85}\\u{80}\\u{9F}")
    #expect(TerminalSanitizer.sanitize("x\u{202E}y\u{2066}z\u{2028}") == "x\\u{202E}y\\u{2066}z\\u{2028}")
  }

  @Test func keepsOrdinaryText() {
    for text in ["hello", "屏幕太差", "café", "e\u{301}", "👨‍👩‍👧", "🇨🇳", "", "a b", "[+0.12]"] {
      #expect(TerminalSanitizer.sanitize(text) == text)
      #expect(TerminalSanitizer.isSafe(text))
    }
  }

  @Test func outputHasNoControls() {
    let everything = String(String.UnicodeScalarView((0...0x9F).compactMap(Unicode.Scalar.init)))
    let clean = TerminalSanitizer.sanitize(everything)
    #expect(!clean.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) })
  }

  /// Hostile strings in every user-provided field, in every colour mode: the only escape sequences in the
  /// output are the renderer's own colours and resets, and no C0/C1 control other than LF and ESC remains.
  @Test(arguments: ColorMode.allCases)
  func rendererNeutralisesEveryField(mode: ColorMode) {
    let hostile = "x\u{1B}[31m\r\u{9B}2J\u{7}\u{8}"
    let document = HeatmapDocument(
      text: nil, tokens: [.init(text: hostile, start: nil, end: nil), .init(text: "ok\n", start: nil, end: nil)],
      modelName: hostile, labels: [hostile, "b\r"], probabilities: [0.6, 0.4], predicted: 0, gold: hostile,
      truncated: true, notes: [hostile],
      explanations: [
        .init(method: hostile, sign: .supportsTarget, target: hostile, optionsSummary: hostile, scores: [0.5, -0.5],
              axiomGap: nil)
      ])
    let output = ANSIRenderer(colorMode: mode, width: 60, topK: 2).render(document)
    #expect(!output.contains("\u{1B}[31m"))
    #expect(!output.unicodeScalars.contains { [0x0D, 0x07, 0x08, 0x9B].contains($0.value) })
    let visible = TestSupport.stripSGR(output)
    #expect(!visible.unicodeScalars.contains { ($0.value < 0x20 && $0 != "\n") || (0x7F...0x9F).contains($0.value) })
    for parameters in TestSupport.sgrParameters(output) {
      let allowed = parameters == "0" || ["48;2;", "38;2;", "48;5;", "38;5;"].contains { parameters.hasPrefix($0) }
      #expect(allowed, "unexpected SGR \(parameters.debugDescription)")
    }
    if mode == .none { #expect(TestSupport.sgrParameters(output).isEmpty) }
    #expect(visible.contains("␛[31m␍\\u{9B}2J␇␈"))
  }
}
