import Testing
@testable import Reports

/// Tokens the model reads as `<unk>` are marked in every renderer, and the legend explains the mark only when a
/// text has such a token.
@Suite("Unknown tokens are marked")
struct UnknownTokenMarkTests {
  /// "good zzqx bad" with `zzqx` unknown to the model when `marked`.
  static func document(marked: Bool) -> HeatmapDocument {
    var document = TestSupport.document(text: "good zzqx bad", pieces: ["good", "zzqx", "bad"], scores: [0.5, 0.02, -0.25])
    document.tokens[1].unknown = marked
    return document
  }

  static let legend = "⁇ not in the model's vocabulary (read as <unk>)"

  @Test("no colour (--color never, TERM=dumb): token⁇[score] and a legend that says what ⁇ means")
  func noColor() {
    let output = ANSIRenderer(colorMode: .none, width: 120).render(Self.document(marked: true))
    #expect(output.contains("\n  good[+0.50] zzqx⁇[+0.02] bad[-0.25]\n"), "\(output)")
    #expect(output.contains("  + supports positive, - opposes it · " + Self.legend + "\n"), "\(output)")
    let plain = ANSIRenderer(colorMode: .none, width: 120).render(Self.document(marked: false))
    #expect(!plain.contains("⁇") && !plain.contains("vocabulary"))
    #expect(plain.contains("\n  good[+0.50] zzqx[+0.02] bad[-0.25]\n"))
  }

  @Test("colour modes: ⁇ follows the coloured token, outside its background, and the legend explains it",
        arguments: [ColorMode.trueColor, .palette256])
  func color(_ mode: ColorMode) {
    let raw = ANSIRenderer(colorMode: mode, width: 120).render(Self.document(marked: true))
    #expect(raw.contains("zzqx\u{1B}[0m⁇") || raw.contains(" zzqx⁇"), "the mark is not painted with the token")
    let output = TestSupport.stripSGR(raw)
    #expect(output.contains("good zzqx⁇ bad"), "\(output)")
    #expect(output.contains(Self.legend))
    #expect(!TestSupport.stripSGR(ANSIRenderer(colorMode: mode, width: 120).render(Self.document(marked: false))).contains("⁇"))
  }

  @Test("top-k lists mark the token too")
  func topLists() {
    let output = ANSIRenderer(colorMode: .none, width: 120, topK: 3).render(Self.document(marked: true))
    #expect(output.contains("#2 zzqx⁇ +0.020"), "\(output)")
  }

  @Test("HTML: a dotted-underline class, the reason in the tooltip, and one legend sentence only when needed")
  func html() {
    let report = HTMLReportDocument(title: "t", models: [], items: [.init(document: Self.document(marked: true))])
    let output = HTMLRenderer().render(report)
    #expect(output.contains(" u\" title=\"+0.02 · not in the model's vocabulary (read as &lt;unk&gt;)\">zzqx</i>"), "\(output)")
    #expect(output.contains("<i class=p20 title=+0.5>good</i>"), "known tokens keep the short form")
    #expect(output.contains("<i class=\"u\">Dotted underline</i>: not in the model's vocabulary (read as &lt;unk&gt;)."))
    #expect(output.contains("i.u{") && output.contains("underline dotted"))
    let plain = HTMLRenderer().render(HTMLReportDocument(title: "t", models: [],
                                                         items: [.init(document: Self.document(marked: false))]))
    #expect(!plain.contains("Dotted underline") && !plain.contains("class=\"u\"") && !plain.contains(" u\""))
  }

  @Test("analyze's page: the example's unknown token is underlined with its reason, and the card says what the line means")
  func corpusReport() {
    var document = CorpusReportRendererTests.examplesDocument()
    document.exampleGroups[0].examples[1].document.tokens[1].unknown = true
    let html = CorpusReportRenderer().render(document)
    #expect(html.contains("<span class=\"tok u\" title=\"-4.00e-4 · not in the model's vocabulary (read as &lt;unk&gt;)\">d</span>"),
            "\(html)")
    #expect(html.components(separatedBy: "<span class=\"u\">Dotted underline</span>").count == 2, "one card explains the mark")
    #expect(!CorpusReportRenderer().render(CorpusReportRendererTests.examplesDocument()).contains("class=\"tok u\""))
  }
}
