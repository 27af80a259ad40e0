import Foundation
import Testing
@testable import Reports

/// A benchmark, not a test: renders 10,000-text reports shaped like real ones (Chinese reviews of 20–125
/// characters, 73 on average like `samples/zh-reviews`, with contract JSON) with one method, and with four
/// methods plus prefix curves, and prints their sizes and render times.
///
/// Runs only with `SALIENCY_HTML_BENCH=1`, best in release:
/// `SALIENCY_HTML_BENCH=1 swift test -c release -Xswiftc -enable-testing --filter HTMLBenchmark`.
@Suite(.enabled(if: ProcessInfo.processInfo.environment["SALIENCY_HTML_BENCH"] == "1"))
struct HTMLBenchmarkTests {
  static let characters = Array("屏幕太差了完全不推荐很好用电池续航一般但是价格便宜物流快包装也不错声音效果棒散热不怎么样")

  static func document(_ index: Int, methodCount: Int) -> HTMLReportDocument.Item {
    var state = UInt64(index) &* 0x9E37_79B9_7F4A_7C15 &+ 1
    func next() -> Double {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Double(state >> 11) / Double(1 << 53)
    }
    let length = 20 + index % 106
    let text = String((0..<length).map { _ in characters[Int(next() * Double(characters.count))] })
    let tokens = text.unicodeScalars.enumerated().map { HeatmapDocument.Token(text: String($1), start: $0, end: $0 + 1) }
    let methods: [(String, HeatmapDocument.SignMeaning, String)] = [
      ("trajectory", .classIndependent, "normalize=false"), ("grad-input", .supportsTarget, "of=logit"),
      ("occlusion", .supportsTarget, "erasure=pad, measure=probability, window=1"), ("prefix-prediction", .supportsTarget, ""),
    ]
    let explanations = methods.prefix(methodCount).map { method, sign, options in
      HeatmapDocument.Explanation(method: method, sign: sign, target: "negative", optionsSummary: options,
                                  scores: (0..<length).map { _ in next() * 2 - 1 }, axiomGap: nil)
    }
    let p = next()
    let document = TestSupport.agreeing(HeatmapDocument(
      text: text, tokens: tokens, modelName: "default-zh", labels: ["negative", "positive"], probabilities: [p, 1 - p],
      predicted: p >= 0.5 ? 0 : 1, gold: index % 3 == 0 ? "positive" : "negative", explanations: explanations,
      prefixProbabilities: methodCount < methods.count ? nil : (0..<length).map { _ in let q = next(); return [q, 1 - q] }))
    let json = JSONValue.object([
      ("text", .string(text)),
      ("tokens", .array(tokens.map { .object([("text", .string($0.text)), ("norm", .string($0.text)),
                                              ("start", .int($0.start ?? 0)), ("end", .int($0.end ?? 0)), ("id", .int(500))]) })),
      ("explanations", .array(explanations.map { .object([("method", .string($0.method)),
                                                          ("scores", .array($0.scores.map { .float(Float($0)) }))]) })),
    ])
    return .init(document: document, contractJSON: json)
  }

  @Test(arguments: [1, 4])
  func tenThousandTexts(methodCount: Int) {
    let items = (0..<10_000).map { Self.document($0, methodCount: methodCount) }
    let report = HTMLReportDocument(title: "bench", models: [.init(name: "default-zh", labels: ["negative", "positive"])],
                                    items: items)
    let clock = ContinuousClock()
    var html = ""
    let elapsed = clock.measure { html = HTMLRenderer(topK: 5).render(report) }
    let tokens = items.reduce(0) { $0 + $1.document.tokens.count }
    print("HTML benchmark: 10,000 texts, \(tokens) tokens, \(methodCount) method(s): \(html.utf8.count) bytes in \(elapsed)")
    if let path = ProcessInfo.processInfo.environment["SALIENCY_HTML_BENCH_OUT"] {
      try? html.write(toFile: path + "-\(methodCount).html", atomically: true, encoding: .utf8)
    }
  }
}
