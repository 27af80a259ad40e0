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
    let colored = ANSIRenderer(colorMode: .trueColor).render(document)
    let neutral = ColorScale.neutral
    #expect(colored.contains("48;2;\(neutral.red);\(neutral.green);\(neutral.blue)m\u{1B}[38;2;0;0;0ma\u{1B}[0m"))
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
