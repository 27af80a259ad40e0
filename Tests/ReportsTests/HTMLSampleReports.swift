@testable import Reports

/// Report documents shared by the HTML golden and unit tests, built from `SampleDocuments`.
enum HTMLSampleReports {
  static let chineseModel = HTMLReportDocument.ModelSummary(
    name: "default-zh", labels: ["negative", "positive"],
    metrics: [.init(split: "dev", name: "accuracy", value: 0.8613), .init(split: "dev", name: "macro-F1", value: 0.8597),
              .init(split: "test", name: "accuracy", value: 0.85)])
  static let englishModel = HTMLReportDocument.ModelSummary(name: "default-en", labels: ["negative", "positive"])

  /// The Chinese sample with a prefix-probability curve and a third method.
  static let chineseWithPrefix: HeatmapDocument = {
    var document = SampleDocuments.chinese
    let curve = [0.52, 0.55, 0.61, 0.83, 0.86, 0.85, 0.84, 0.80, 0.93, 0.90, 0.92, 0.931]
    document.prefixProbabilities = curve.map { [$0, 1 - $0] }
    document.explanations.append(.init(
      method: "prefix-prediction", sign: .supportsTarget, target: "negative", optionsSummary: "",
      scores: zip(curve, [0.5] + curve.dropLast()).map { $0 - $1 }, axiomGap: 0))
    return TestSupport.agreeing(document)
  }()

  /// A contract-shaped JSON object whose text tries to end the script element.
  static func contractJSON(for document: HeatmapDocument) -> JSONValue {
    .object([
      ("text", document.text.map(JSONValue.string) ?? .null),
      ("model", .object([("name", .string(document.modelName)), ("path", .null),
                         ("labels", .array(document.labels.map(JSONValue.string)))])),
      ("predicted", .string(document.labels[document.predicted])),
      ("explanations", .array(document.explanations.map { explanation in
        .object([("method", .string(explanation.method)), ("scores", .array(explanation.scores.map { .float(Float($0)) }))])
      })),
    ])
  }

  /// One text, as `explain --format html` makes it.
  static let single = HTMLReportDocument(
    title: "Saliency explanation", models: [chineseModel], inputName: "command-line arguments",
    generator: "saliency 0.1.0",
    items: [.init(document: chineseWithPrefix, contractJSON: contractJSON(for: chineseWithPrefix))])

  /// Three texts, two models, a shared scale, a timestamp, hostile strings everywhere.
  static let mixed: HTMLReportDocument = {
    var hostile = SampleDocuments.english
    hostile.text = "<script>alert(1)</script> \" onmouseover=\"x\" </textarea>\nsecond line"
    hostile.tokens = SampleDocuments.tokens(of: hostile.text ?? "", ["<script>", "alert", "(", "1", ")", "</script>",
                                                                      "\"", "onmouseover", "=", "\"x\"", "</textarea>", "second"])
    hostile.gold = "positive"
    hostile.labels = ["negative", "positive"]
    hostile.notes = ["<b>not bold</b> & not a tag"]
    let items = [SampleDocuments.chinese, SampleDocuments.english, hostile, SampleDocuments.mixed]
    return HTMLReportDocument(
      title: "Report <i>for</i> \"review\" & co", models: [chineseModel, englishModel],
      inputName: "texts</textarea>.tsv", timestamp: "2025-01-02 03:04 UTC", generator: "saliency 0.1.0",
      scale: .report, items: items.map { .init(document: $0, contractJSON: contractJSON(for: $0)) })
  }()
}
