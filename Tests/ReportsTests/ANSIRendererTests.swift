import Testing
@testable import Reports

@Suite struct ANSIRendererTests {
  @Test func noColorFormat() {
    let document = TestSupport.document(text: "good bad meh", pieces: ["good", "bad", "meh"], scores: [0.123, -0.05, 0])
    let output = ANSIRenderer(colorMode: .none).render(document)
    #expect(output.contains("\n  good[+0.12] bad[-0.05] meh[+0.00]\n"))
    #expect(!output.contains("\u{1B}"))
    let unsigned = TestSupport.document(text: "good bad", pieces: ["good", "bad"], scores: [0.123, 0.5], sign: .unsigned)
    #expect(ANSIRenderer(colorMode: .none).render(unsigned).contains("\n  good[0.12] bad[0.50]\n"))
  }

  @Test func headerAndLegend() {
    let output = ANSIRenderer(colorMode: .none).render(SampleDocuments.chinese)
    let lines = output.split(separator: "\n", omittingEmptySubsequences: false)
    #expect(lines.first == "default-zh  →  negative 0.93   (negative 0.93 · positive 0.07)  gold: negative ✓")
    #expect(lines.contains("trajectory (normalize=false) — target: negative"))
    #expect(lines.contains("  + moves the state toward the final state h_T, - away from it (not a class)"))
    #expect(lines.contains("  scale ±0.620 (max |score| of this text) · axiom gap 1.20e-7"))
    #expect(lines.contains("  + supports negative, - opposes it"))
    #expect(output.hasSuffix("\n") && !output.hasSuffix("\n\n"))
  }

  @Test("an explanation's about line follows its meaning line, sanitised, and is absent without one")
  func aboutLine() {
    var document = TestSupport.document(text: "good bad", pieces: ["good", "bad"], scores: [0.5, -0.25])
    #expect(!ANSIRenderer(colorMode: .none).render(document).contains("why"))
    document.explanations[0].about = "why: the \u{1B}[2Jdefault"
    let lines = ANSIRenderer(colorMode: .none).render(document).split(separator: "\n").map(String.init)
    let meaning = lines.firstIndex(of: "  + supports positive, - opposes it")
    #expect(meaning.map { lines[$0 + 1] } == "  why: the \u{241B}[2Jdefault")
    #expect(meaning.map { lines[$0 + 2].hasPrefix("  scale") } == true)
  }

  @Test func colorLegendsNameColours() {
    let output = TestSupport.stripSGR(ANSIRenderer(colorMode: .trueColor, width: 120).render(SampleDocuments.english))
    #expect(output.contains("  darker = larger magnitude\n"))
    #expect(output.contains("  orange supports positive, blue opposes it\n"))
    #expect(output.contains("gold: negative ✗"))
  }

  @Test func trueColorSequences() {
    let document = TestSupport.document(text: "up down", pieces: ["up", "down"], scores: [1, -1])
    let output = ANSIRenderer(colorMode: .trueColor).render(document)
    let up = "\u{1B}[48;2;205;94;12m\u{1B}[38;2;0;0;0mup\u{1B}[0m"
    let down = "\u{1B}[48;2;37;99;171m\u{1B}[38;2;255;255;255mdown\u{1B}[0m"
    #expect(output.contains(up + " " + down))
  }

  @Test func palette256Sequences() {
    let document = TestSupport.document(text: "up down", pieces: ["up", "down"], scores: [1, -1])
    let output = ANSIRenderer(colorMode: .palette256).render(document)
    let up = XTerm256.nearestIndex(to: ColorScale.positiveEnd)
    let down = XTerm256.nearestIndex(to: ColorScale.negativeEnd)
    #expect(output.contains("\u{1B}[48;5;\(up)m\u{1B}[38;5;16mup\u{1B}[0m \u{1B}[48;5;\(down)m\u{1B}[38;5;231mdown\u{1B}[0m"))
    #expect(!output.contains("48;2;"))
  }

  /// Tokens that touch in the original text print without a space in colour modes, with one otherwise.
  @Test func touchingTokensAreAdjacent() {
    let document = TestSupport.document(text: "屏幕 太差, ok", pieces: ["屏", "幕", "太", "差", ",", "ok"],
                                        scores: [0.1, 0.2, 0.3, 0.4, 0.5, 0.6])
    let visible = TestSupport.stripSGR(ANSIRenderer(colorMode: .trueColor).render(document))
    #expect(visible.contains("\n  屏幕 太差, ok\n"))
    let idTokens = [HeatmapDocument.Token(text: "#5", start: nil, end: nil), .init(text: "#6", start: nil, end: nil)]
    let ids = HeatmapDocument(text: nil, tokens: idTokens,
                              modelName: "m", labels: ["a", "b"], probabilities: [0.5, 0.5], predicted: 0,
                              explanations: [.init(method: "gradient", sign: .unsigned, target: "a", optionsSummary: "",
                                                   scores: [1, 2], axiomGap: nil)])
    #expect(TestSupport.stripSGR(ANSIRenderer().render(ids)).contains("\n  #5 #6\n"))
  }

  @Test func emptyExplanationListGivesTheHeaderOnly() {
    var document = SampleDocuments.chinese
    document.explanations = []
    document.agreement = nil
    for mode in ColorMode.allCases {
      let output = ANSIRenderer(colorMode: mode, topK: 3).render(document)
      #expect(output == "default-zh  →  negative 0.93   (negative 0.93 · positive 0.07)  gold: negative ✓\n")
    }
  }

  @Test func zeroScoresDoNotDivideByZero() {
    let document = TestSupport.document(text: "a b c", pieces: ["a", "b", "c"], scores: [0, 0, 0])
    for mode in ColorMode.allCases {
      let output = ANSIRenderer(colorMode: mode, topK: 2).render(document)
      #expect(!output.contains("nan"))
      #expect(output.contains("scale: none (every score is 0)"))
      #expect(output.contains("most supporting positive: (none)"))
    }
    // An all-zero map is plain text: no token gets a background.
    let colored = ANSIRenderer(colorMode: .trueColor).render(document)
    #expect(colored.contains("\n  a b c\n"))
  }

  @Test("a neutral token is plain text on dark and light terminals; weak scores are faint tints of the theme")
  func neutralTokensHaveNoBackground() {
    let document = TestSupport.document(text: "a b c", pieces: ["a", "b", "c"], scores: [0.001, 0.05, 1])
    for theme in TerminalTheme.allCases {
      for mode in [ColorMode.trueColor, .palette256] {
        let output = ANSIRenderer(colorMode: mode, normalization: .perText, theme: theme).render(document)
        #expect(output.contains("\n  a \u{1B}["), "a (0.1% of the scale) is printed without any escape")
      }
      let weak = ANSIRenderer(theme: theme).background(for: 0.05, scale: 1, signed: true)
      let strong = ANSIRenderer(theme: theme).background(for: 1, scale: 1, signed: true)
      #expect(ANSIRenderer(theme: theme).background(for: 0.001, scale: 1, signed: true) == nil)
      if let weak, let strong {
        #expect(weak.contrastRatio(with: theme.background) < 1.5)
        #expect(strong.contrastRatio(with: theme.background) > weak.contrastRatio(with: theme.background))
      } else {
        Issue.record("weak and strong scores have backgrounds")
      }
    }
    // The old scale painted 0 as a near-white box, which glares on a dark terminal.
    let dark = ANSIRenderer(theme: .dark).background(for: 0.05, scale: 1, signed: true)
    #expect(dark.map { $0.relativeLuminance < 0.05 } == true)
  }

  @Test("on the absolute scale a map of ±4e-4 is faint and one of ±0.4 is strong; the legend says where colour saturates")
  func absoluteScaleTellsWeakFromStrong() {
    func document(_ scores: [Double]) -> HeatmapDocument {
      var document = TestSupport.document(text: "a b c", pieces: ["a", "b", "c"], scores: scores)
      document.explanations[0].saturation = .init(value: 0.5, unit: "probability")
      return document
    }
    let renderer = ANSIRenderer(colorMode: .trueColor, width: 200, normalization: .absolute)
    let tiny = renderer.render(document([4e-4, -4e-4, 1e-4]))
    let large = renderer.render(document([0.4, -0.4, 0.1]))
    #expect(tiny.contains("\n  a b c\n"), "tokens of ±4e-4 on a ±0.5 scale have no colour")
    #expect(!large.contains("\n  a b c\n"))
    #expect(tiny.contains("(colour saturates at ±0.5 probability, fixed for occlusion; max |score| here 4e-4)"))
    #expect(large.contains("(colour saturates at ±0.5 probability, fixed for occlusion; max |score| here 0.4)"))
    // Per text, the tiny map is stretched to look as strong as the large one.
    let perText = ANSIRenderer(colorMode: .trueColor, width: 200, normalization: .perText)
    #expect(TestSupport.stripSGR(perText.render(document([4e-4, -4e-4, 1e-4]))).contains("(max |score| of this text)"))
    #expect(!perText.render(document([4e-4, -4e-4, 1e-4])).contains("\n  a b c\n"))
    // A method without an absolute unit falls back to its own maximum and says so.
    let plain = ANSIRenderer(colorMode: .none, normalization: .absolute)
      .render(TestSupport.document(text: "a b", pieces: ["a", "b"], scores: [0.2, 0.1], sign: .unsigned))
    #expect(plain.contains("scale 0…0.200 (max |score| of this text: occlusion has no absolute unit)"))
  }

  @Test("COLORFGBG picks the theme: background 0–6 or 8 dark, 7 or 9–15 light, else unknown")
  func themeFromEnvironment() {
    #expect(TerminalTheme.fromCOLORFGBG("15;0") == .dark)
    #expect(TerminalTheme.fromCOLORFGBG("0;15") == .light)
    #expect(TerminalTheme.fromCOLORFGBG("0;default;7") == .light)
    #expect(TerminalTheme.fromCOLORFGBG("7;8") == .dark)
    #expect(TerminalTheme.fromCOLORFGBG(nil) == nil)
    #expect(TerminalTheme.fromCOLORFGBG("x") == nil)
    #expect(TerminalTheme.fromCOLORFGBG("1;99") == nil)
  }

  @Test func missingScoresAndOddDocumentsDoNotTrap() {
    let document = HeatmapDocument(
      text: "a b", tokens: SampleDocuments.tokens(of: "a b", ["a", "b"]), modelName: "", labels: [], probabilities: [],
      predicted: 3, explanations: [.init(method: "x", sign: .supportsTarget, target: "", optionsSummary: "",
                                         scores: [.nan, 1, 2], axiomGap: .nan)])
    let output = ANSIRenderer(colorMode: .none, width: 30, topK: 2).render(document)
    #expect(output.contains("a[nan] b[+1.00]"))
    #expect(output.contains("3 scores for 2 tokens"))
    #expect(output.hasPrefix("→  #3 ?"))
    let empty = HeatmapDocument(text: "", tokens: [], modelName: "m", labels: ["a"], probabilities: [1], predicted: 0,
                                explanations: [.init(method: "x", sign: .unsigned, target: "a", optionsSummary: "",
                                                     scores: [], axiomGap: nil)])
    #expect(ANSIRenderer(colorMode: .trueColor, topK: 1).render(empty).contains("  (no tokens)\n"))
  }

  @Test func truncationAndNotes() {
    let output = ANSIRenderer(colorMode: .none, width: 100).render(SampleDocuments.mixed)
    #expect(output.contains("\ntruncated: only the first 9 tokens were explained (--max-tokens)\n"))
    #expect(output.contains("\nnote: line one␊line two\n"))
  }

  @Test func deterministic() {
    let renderer = ANSIRenderer(colorMode: .palette256, width: 33, topK: 4)
    #expect(renderer.render(SampleDocuments.mixed) == renderer.render(SampleDocuments.mixed))
  }
}
