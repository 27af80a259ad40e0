import Testing
@testable import Reports

@Suite("Corpus report renderer")
struct CorpusReportRendererTests {
  static let hostile = "<script>alert(\"x\")</script> & ' \u{202E}"

  static func document() -> CorpusReportDocument {
    let example = HeatmapDocument(
      text: "a <b>\n" + hostile, tokens: [.init(text: "a", start: 0, end: 1), .init(text: "<b>", start: 2, end: 5)],
      modelName: hostile, labels: ["neg<", "pos&"], probabilities: [0.2, 0.8], predicted: 1, gold: "neg<",
      truncated: true, notes: [hostile],
      explanations: [.init(method: "grad-input", sign: .supportsTarget, target: "pos&", optionsSummary: hostile,
                           scores: [0.5, -1], axiomGap: nil)])
    let methods = [CorpusReportDocument.Method(id: hostile, sign: .supportsTarget, options: hostile)]
    let classes = [
      CorpusReportDocument.ClassRow(label: "neg<", precision: nil, recall: 0, f1: 0, support: 1, predicted: 0),
      CorpusReportDocument.ClassRow(label: "pos&", precision: 2.0 / 3, recall: 1, f1: 0.8, support: 2, predicted: 3),
    ]
    var calibration: [CorpusReportDocument.CalibrationBin] = []
    for bin in 0..<10 {
      let used = bin == 8
      calibration.append(CorpusReportDocument.CalibrationBin(
        lower: Double(bin) / 10, upper: Double(bin + 1) / 10, count: used ? 3 : 0, accuracy: used ? 2.0 / 3 : nil,
        meanConfidence: used ? 0.85 : nil))
    }
    let supporting = [CorpusReportDocument.Word(token: hostile, meanSigned: 0.5, meanMagnitude: 0.5, count: 2, sharePositive: 1)]
    let opposing = [CorpusReportDocument.Word(token: "<i>", meanSigned: -0.25, meanMagnitude: 0.25, count: 1, sharePositive: 0)]
    let words = [CorpusReportDocument.WordTable(method: "grad-input", sign: .supportsTarget, label: "pos&",
                                                supporting: supporting, opposing: opposing)]
    let lengths = [CorpusReportDocument.LengthBucket(range: hostile, count: 3, accuracy: 2.0 / 3)]
    let agreement = [CorpusReportDocument.Agreement(first: hostile, second: "b", meanTau: 0.25, texts: 3, undefined: 0)]
    let groups = [CorpusReportDocument.ExampleGroup(title: hostile, description: hostile, examples: [(7, example)])]
    let counts: [(name: String, value: Int)] = [(hostile, 3)]
    return CorpusReportDocument(
      title: hostile, generator: hostile, inputName: hostile, inputSHA256: "abc", scope: hostile, modelName: hostile,
      labels: ["neg<", "pos&"], methods: methods, counts: counts, notes: [hostile], count: 3, accuracy: 2.0 / 3,
      balancedAccuracy: 0.5, macroF1: nil, expectedCalibrationError: 0.125, classes: classes, confusion: [[0, 1], [0, 2]],
      calibration: calibration, lengths: lengths, agreement: agreement, minCount: 1, words: words, exampleGroups: groups)
  }

  @Test("every piece of user text is escaped")
  func escaping() {
    let html = CorpusReportRenderer().render(Self.document())
    #expect(html.components(separatedBy: "<script").count == 2, "the page's own script only")
    #expect(html.hasSuffix("<script>\n" + CorpusReportScript.source + "</script>\n</body>\n</html>\n"))
    #expect(!html.contains("<i>") && html.contains("&lt;b&gt;") && html.contains("&lt;i&gt;"))
    #expect(!html.contains("neg<") && !html.contains("pos&<"))
    #expect(html.contains("&lt;script&gt;alert(\"x\")&lt;/script&gt; &amp;"))
    #expect(!html.contains("\u{202E}"))
  }

  @Test("the page is self-contained, complete and reproducible")
  func structure() {
    let html = CorpusReportRenderer().render(Self.document())
    #expect(html == CorpusReportRenderer().render(Self.document()))
    for section in ["summary", "classes", "calibration", "length", "agreement", "words", "examples"] {
      #expect(html.contains("<section id=\"\(section)\">"))
    }
    #expect(!html.contains("http://") && !html.contains("https://") && !html.contains("<link"))
    #expect(html.contains("<b>0.125</b>"))  // the ECE
    #expect(html.contains("title=\"+0.500\"") && html.contains("title=\"-1.00\""))
    #expect(html.contains("line 7"))
  }

  /// A document with two groups of examples and a word filter.
  static func examplesDocument() -> CorpusReportDocument {
    var document = Self.document()
    func example(_ text: String, predicted: Int, p: Double, scores: [Double]) -> HeatmapDocument {
      HeatmapDocument(
        text: text, tokens: [.init(text: String(text.prefix(1)), start: 0, end: 1), .init(text: String(text.dropFirst(2).prefix(1)), start: 2, end: 3)],
        modelName: "m", labels: ["negative", "positive"], probabilities: [1 - p, p].map { predicted == 1 ? $0 : 1 - $0 },
        predicted: predicted, gold: predicted == 1 ? "negative" : "positive",
        explanations: [.init(method: "occlusion", sign: .supportsTarget, target: predicted == 1 ? "positive" : "negative",
                             optionsSummary: "", scores: scores, axiomGap: nil, saturation: .init(value: 0.5, unit: "probability"))])
    }
    document.exampleGroups = [
      .init(title: "Most confident errors", description: "wrong", examples: [
        (12, example("a b", predicted: 1, p: 0.97, scores: [0.4, 0.001])),
        (3, example("c d", predicted: 0, p: 0.91, scores: [4e-4, -4e-4])),
      ]),
      .init(title: "Least confident correct answers", description: "right", examples: [
        (40, example("e f", predicted: 1, p: 0.51, scores: [0.2, -0.3])),
      ]),
    ]
    document.wordFilter = "Tokens made only of punctuation are left out."
    return document
  }

  @Test("the examples index lists every example, linked to its card, and its tools wait for the script")
  func examplesIndex() throws {
    let html = CorpusReportRenderer().render(Self.examplesDocument())
    #expect(html.contains("<div class=\"tools\" id=\"ex-tools\" hidden>"))
    #expect(html.contains("<option value=\"0\">Most confident errors</option><option value=\"1\">Least confident correct answers</option>"))
    #expect(html.contains("<tr data-group=\"0\" data-card=\"e0-1\"><td>Most confident errors</td><td class=\"num\">12</td>"))
    #expect(html.contains("<tr data-group=\"0\" data-card=\"e0-2\">"))
    #expect(html.contains("<tr data-group=\"1\" data-card=\"e1-1\">"))
    for id in ["e0-1", "e0-2", "e1-1"] {
      #expect(html.contains("<a href=\"#\(id)\">"), "the index links to \(id)")
      #expect(html.contains("<article class=\"example\" id=\"\(id)\">"), "the card \(id) exists")
    }
    #expect(html.contains("<th data-sort=\"num\">p</th>"))
    #expect(html.contains("Tokens made only of punctuation are left out. The full tables are in words.csv."))
    // The script hides the filtered cards with their rows, and sorting moves the cards too.
    let script = CorpusReportScript.source
    #expect(script.contains("if (cards[i]) cards[i].hidden = !show;"))
    #expect(script.contains("r.hidden = !show;"))
    #expect(script.contains("card.parentNode.appendChild(card)"))
    #expect(script.contains("d.getElementById(r.getAttribute(\"data-card\"))"))
    #expect(script.contains("tools.hidden = false"))
    #expect(CorpusReportStyles.stylesheet.contains("article.example[hidden]"))
  }

  @Test("example heatmaps use the absolute scale: ±4e-4 is uncoloured, ±0.4 coloured, and the row says so")
  func absoluteHeatmaps() {
    let html = CorpusReportRenderer().render(Self.examplesDocument())
    #expect(html.contains("<span class=\"tok\" title=\"+4.00e-4\">c</span>"))
    #expect(html.contains("<span class=\"tok\" style=\"background:"))
    #expect(html.contains("colour saturates at ±0.5 probability, fixed for occlusion; max |score| here 0.4"))
  }

  @Test func golden() throws {
    try GoldenFile.check(CorpusReportRenderer().render(Self.examplesDocument()), named: "corpus-report.html")
  }
}
