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
    #expect(!html.contains("<script"))
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
}
