import Testing
@testable import Reports

/// The `saliency evaluate` renderers: the HTML page (`EvaluationReportRenderer`) and the terminal table
/// (`EvaluationTable`), on a made-up document shaped like a real run.
@Suite("Evaluation report")
struct EvaluationReportTests {
  typealias Estimate = EvaluationDocument.Estimate

  static let hostile = "<script>alert(\"x\")</script> & \u{1B}[31m"

  /// A mean with a symmetric interval of ± `spread` over 40 texts.
  static func estimate(_ mean: Double, _ spread: Double = 0.02) -> Estimate {
    Estimate(mean: mean, lower: mean - spread, upper: mean + spread, count: 40)
  }

  static func method(_ id: String, sign: HeatmapDocument.SignMeaning?, options: String,
                     ranking: EvaluationDocument.Ranking, strength: Double,
                     sequencesPerSecond: Double?) -> EvaluationDocument.MethodResult {
    EvaluationDocument.MethodResult(
      id: id, sign: sign, options: options, ranking: ranking,
      comprehensiveness: [1, 5, 10, 20, 50].map { estimate(strength * Double($0) / 60) },
      sufficiency: [1, 5, 10, 20, 50].map { estimate(0.4 - strength * Double($0) / 100) },
      comprehensivenessAOPC: estimate(strength * 0.3), sufficiencyAOPC: estimate(0.4 - strength * 0.2),
      deletionOfCorrect: (0...3).map { estimate(1 - strength * Double($0) / 5, $0 == 0 ? 0 : 0.05) },
      deletionOfWrong: (0...3).map { estimate(strength * Double($0) / 6, $0 == 0 ? 0 : 0.05) },
      sequencesPerSecond: sequencesPerSecond)
  }

  /// Three methods and the baseline (given first, to check it is drawn last), agreement with one undefined pair,
  /// sanity with an expected-unchanged stage and a failure, plausibility, and hostile user text.
  static func document() -> EvaluationDocument {
    let methods = [
      method("random", sign: nil, options: "", ranking: .random, strength: 0.2, sequencesPerSecond: nil),
      method("occlusion", sign: .supportsTarget, options: "erasure=pad, measure=<probability>", ranking: .signed,
             strength: 1, sequencesPerSecond: 182.4),
      method("trajectory", sign: .classIndependent, options: "normalize=false", ranking: .signed, strength: 0.7,
             sequencesPerSecond: 12345.6),
      method("gradient", sign: .unsigned, options: "of=logit", ranking: .magnitude, strength: 0.5,
             sequencesPerSecond: 950),
    ]
    let agreement = [
      EvaluationDocument.Agreement(first: "occlusion", second: "trajectory", tau: estimate(0.412, 0.015)),
      EvaluationDocument.Agreement(first: "occlusion", second: "gradient", tau: estimate(-0.125, 0.03)),
      EvaluationDocument.Agreement(first: "trajectory", second: "gradient", tau: nil),
    ]
    let sanity = [
      EvaluationDocument.SanityResult(method: "occlusion", stages: [
        .init(stage: .outputLayer, rho: estimate(0.31), unchangedExpected: false),
        .init(stage: .lstm, rho: estimate(0.12), unchangedExpected: false),
        .init(stage: .embedding, rho: estimate(0.05), unchangedExpected: false),
      ], passed: true),
      EvaluationDocument.SanityResult(method: "trajectory", stages: [
        .init(stage: .outputLayer, rho: estimate(1, 0), unchangedExpected: true),
        .init(stage: .lstm, rho: estimate(0.22), unchangedExpected: false),
        .init(stage: .embedding, rho: estimate(0.18), unchangedExpected: false),
      ], passed: true),
      EvaluationDocument.SanityResult(method: "gradient", stages: [
        .init(stage: .outputLayer, rho: estimate(0.93), unchangedExpected: false),
        .init(stage: .lstm, rho: estimate(0.81), unchangedExpected: false),
        .init(stage: .embedding, rho: nil, unchangedExpected: false),
      ], passed: false),
    ]
    let plausibility = EvaluationDocument.Plausibility(
      lexicon: "vader<lexicon>.txt", entries: 7520, topK: 3, texts: 36, results: [
        .init(id: "occlusion", agreeing: estimate(0.611), covered: estimate(0.722)),
        .init(id: "trajectory", agreeing: estimate(0.402), covered: estimate(0.5)),
        .init(id: "gradient", agreeing: nil, covered: estimate(0.3)),
        .init(id: "random", agreeing: estimate(0.105), covered: estimate(0.2)),
      ])
    var document = EvaluationDocument(
      title: "Faithfulness of default-en", modelName: "default-en", labels: ["negative", "pos<itive>"],
      corpus: "sst2 & friends", texts: 50, correct: 40, erasure: "pad", percentages: [1, 5, 10, 20, 50],
      deletionSteps: 3, randomSeeds: 5, bootstrapResamples: 1000, methods: methods, agreement: agreement,
      sanity: sanity, plausibility: plausibility, notes: ["2 texts truncated", hostile], generator: "saliency 0.3.0")
    document.agreementReference = "occlusion"
    return document
  }

  /// The document without any curve.
  static func documentWithoutCurves() -> EvaluationDocument {
    var document = document()
    for index in document.methods.indices {
      document.methods[index].comprehensiveness = []
      document.methods[index].sufficiency = []
      document.methods[index].deletionOfCorrect = []
      document.methods[index].deletionOfWrong = []
    }
    return document
  }

  /// The lines of the terminal table's first block, header first.
  static func firstBlock(_ table: String) -> [Substring] {
    let lines = table.split(separator: "\n", omittingEmptySubsequences: false)
    guard let start = lines.firstIndex(where: { $0.hasPrefix("method ") }) else { return [] }
    return Array(lines[start...].prefix { !$0.isEmpty })
  }

  // MARK: - HTML

  @Test("every method id appears in the page, in each table")
  func methodIDs() {
    let html = EvaluationReportRenderer.render(Self.document())
    for id in ["occlusion", "trajectory", "gradient", "random"] {
      #expect(html.contains("</span>\(id)"), "summary row of \(id)")
      #expect(html.contains("<title>\(id), 5%: "), "chart point of \(id)")
    }
    #expect(html.contains("<span class=\"badge\">baseline</span>"))
    #expect(html.contains("expected unchanged (class-independent)"))
    #expect(html.contains("<td class=\"bad\">failed</td>") && html.contains("<td class=\"ok\">passed</td>"))
  }

  @Test("every piece of user text is escaped")
  func escaping() {
    let html = EvaluationReportRenderer.render(Self.document())
    #expect(!html.contains("<script") && !html.contains("<probability>") && !html.contains("<lexicon>"))
    #expect(html.contains("&lt;script&gt;alert(\"x\")&lt;/script&gt; &amp; \u{241B}[31m"))
    #expect(html.contains("sst2 &amp; friends") && html.contains("pos&lt;itive&gt;"))
    #expect(html.contains("measure=&lt;probability&gt;") && html.contains("vader&lt;lexicon&gt;.txt"))
    #expect(!html.contains("\u{1B}"))
  }

  @Test("a hostile method id is escaped in every table, chart and legend")
  func hostileMethodID() {
    let hostileID = "<img src=x onerror=alert(1)>"
    var document = Self.document()
    document.methods[1].id = hostileID
    document.agreement[0].first = hostileID
    document.sanity?[0].method = hostileID
    document.plausibility?.results[0].id = hostileID
    let html = EvaluationReportRenderer.render(document)
    #expect(!html.contains("<img"))
    #expect(html.components(separatedBy: "&lt;img src=x onerror=alert(1)&gt;").count - 1 >= 10)
  }

  @Test("missing and undefined figures read n/a")
  func notAvailable() throws {
    let html = EvaluationReportRenderer.render(Self.document())
    let randomRow = try #require(html.split(separator: "\n").first { $0.hasPrefix("<tr class=\"baseline\"><th><span") })
    #expect(randomRow.components(separatedBy: "<td class=\"num\">n/a</td>").count - 1 == 3)  // τ, sanity, seq/s
    let gradientRow = try #require(html.split(separator: "\n").first { $0.contains("</span>gradient<") })
    #expect(gradientRow.contains("<td class=\"num\">n/a</td>"))  // no agreeing share in the lexicon
    let trajectoryRow = try #require(html.split(separator: "\n").first {
      $0.hasPrefix("<tr><th>trajectory</th><td class=\"num\" style=")
    })
    #expect(trajectoryRow.contains("n/a"))  // τ(trajectory, gradient) undefined
    #expect(!html.contains(">nan") && !html.contains(">inf"))
  }

  @Test("the agreement matrix is symmetric with a unit diagonal")
  func agreementMatrix() {
    let html = EvaluationReportRenderer.render(Self.document())
    #expect(html.components(separatedBy: ">0.412</td>").count - 1 == 2)
    #expect(html.components(separatedBy: ">-0.125</td>").count - 1 == 2)
    #expect(html.components(separatedBy: "title=\"the same method\">1.000</td>").count - 1 == 3)  // random is in no pair
  }

  @Test("charts are drawn only for curves with data")
  func emptyCurves() {
    let full = EvaluationReportRenderer.render(Self.document())
    for chart in ["comprehensiveness", "sufficiency", "deletion-correct", "deletion-wrong"] {
      #expect(full.contains("<figure id=\"\(chart)\">"))
    }
    var noWrong = Self.document()
    for index in noWrong.methods.indices { noWrong.methods[index].deletionOfWrong = [] }
    let partial = EvaluationReportRenderer.render(noWrong)
    #expect(partial.contains("<figure id=\"deletion-correct\">") && !partial.contains("<figure id=\"deletion-wrong\">"))
    let none = EvaluationReportRenderer.render(Self.documentWithoutCurves())
    #expect(!none.contains("<svg") && !none.contains("<section id=\"curves\">") && !none.contains("href=\"#curves\""))
    #expect(none.contains("<section id=\"summary\">"))
  }

  @Test("the page is self-contained and reproducible")
  func selfContained() {
    let html = EvaluationReportRenderer.render(Self.document())
    #expect(html == EvaluationReportRenderer.render(Self.document()))
    #expect(!html.contains("http://") && !html.contains("https://") && !html.contains("<link") && !html.contains("<script"))
    for section in ["summary", "curves", "agreement", "sanity", "plausibility", "guide"] {
      #expect(html.contains("<section id=\"\(section)\">"))
    }
  }

  @Test("sections without data are left out")
  func optionalSections() {
    var document = Self.document()
    document.sanity = nil
    document.plausibility = nil
    document.methods.removeAll { $0.id == "occlusion" }
    let html = EvaluationReportRenderer.render(document)
    #expect(!html.contains("<section id=\"sanity\">") && !html.contains("<section id=\"plausibility\">"))
    #expect(!html.contains("τ with occlusion") && !html.contains("<th>plausibility"))
    let table = EvaluationTable.render(document)
    #expect(!table.contains("sanity") && !table.contains("plausibility") && !table.contains("τ with"))
  }

  // MARK: - Terminal

  @Test("the terminal table lists the methods in order, random last")
  func tableOrder() {
    let table = EvaluationTable.render(Self.document())
    let rows = Self.firstBlock(table).dropFirst().map { $0.split(separator: " ").first.map(String.init) ?? "" }
    #expect(rows == ["occlusion", "trajectory", "gradient", "random"])
    #expect(table.contains("random (baseline)"))
    #expect(table.contains("0.300 [0.280, 0.320]"))  // occlusion's comprehensiveness AOPC
  }

  @Test("the terminal table fits its width by splitting columns into blocks")
  func tableWidth() {
    let narrow = EvaluationTable.render(Self.document(), width: 100)
    let tableLines = narrow.split(separator: "\n").filter { line in
      ["method", "occlusion", "trajectory", "gradient", "random"].contains { line.hasPrefix($0 + " ") }
    }
    #expect(tableLines.count == 10)  // two blocks of a header and four rows
    #expect(tableLines.allSatisfy { TerminalWidth.columns(of: String($0)) <= 100 })
    let wide = EvaluationTable.render(Self.document(), width: 400)
    #expect(wide.split(separator: "\n").filter { $0.hasPrefix("method ") }.count == 1)
  }

  @Test("the terminal table marks n/a, verdicts and the plausibility setting, and sanitises user text")
  func tableContent() {
    let table = EvaluationTable.render(Self.document())
    let random = EvaluationTable.render(Self.document(), width: 400).split(separator: "\n").first { $0.hasPrefix("random") }
    #expect(random?.hasSuffix("n/a     n/a") == true)  // no sanity verdict, no throughput
    #expect(table.contains("gradient    failed  ρ n/a"))
    #expect(table.contains("occlusion   passed  ρ 0.050 [0.030, 0.070]"))
    #expect(table.contains("top-3 tokens") && table.contains("vader<lexicon>.txt (7520"))
    #expect(!table.contains("\u{1B}") && table.contains("note: <script>"))
    #expect(table == EvaluationTable.render(Self.document()))
    #expect(table.split(separator: "\n").allSatisfy { TerminalWidth.columns(of: String($0)) <= 100 })
  }

  // MARK: - Golden files

  @Test("texts read by several models: the page and the table add each model's AOPCs; one model adds nothing")
  func perModelBreakdown() {
    var document = Self.document()
    let single = (EvaluationReportRenderer.render(document), EvaluationTable.render(document, width: 200))
    func model(_ name: String, _ texts: Int, _ offset: Double) -> EvaluationDocument.ModelBreakdown {
      .init(name: name, texts: texts, correct: texts - 1, mostlyUnknown: name == "default-en" ? 2 : 0,
            methods: document.methods.map { .init(id: $0.id, comprehensivenessAOPC: Self.estimate(0.3 + offset),
                                                  sufficiencyAOPC: Self.estimate(0.1 + offset)) })
    }
    document.models = [model("default-en", 30, 0), model("default-zh", 20, 0.2)]
    let page = EvaluationReportRenderer.render(document)
    #expect(page.contains("<h3>Per model</h3>"))
    #expect(page.contains("<th>default-en<small>30 texts, 29 correct, 2 mostly unknown to it</small></th>"))
    #expect(page.contains("<td>0.500 / 0.300</td>"))
    let table = EvaluationTable.render(document, width: 200)
    #expect(table.contains("default-en (30 texts, 29 correct)  default-zh (20 texts, 19 correct)"), "\(table)")
    #expect(table.contains("0.300 / 0.100") && table.contains("0.500 / 0.300"))
    document.models = [model("default-en", 30, 0)]
    #expect(EvaluationReportRenderer.render(document) == single.0)
    #expect(EvaluationTable.render(document, width: 200) == single.1)
  }

  @Test func goldenPage() throws {
    try GoldenFile.check(EvaluationReportRenderer.render(Self.document()), named: "evaluation-report.html")
  }

  @Test func goldenTable() throws {
    try GoldenFile.check(EvaluationTable.render(Self.document()), named: "evaluation-table.txt")
  }
}
