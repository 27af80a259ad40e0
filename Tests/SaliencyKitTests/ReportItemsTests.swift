import Foundation
import LSTMCore
import Reports
import Saliency
import Testing
@testable import SaliencyKit

@Suite("HTML report items")
struct ReportItemsTests {
  @Test("prefix-prediction fills the per-token class probabilities that its scores difference")
  func prefixCurve() throws {
    let model = try TextModelTests.model()
    let inputs = try ["好 great bad !", "差", "great 好"].map { try model.encode(text: $0, maxTokens: nil) }
    let explanations = try Explainer(model: model, methods: [Trajectory(options: .init()), PrefixPrediction(options: .init())]).explain(inputs)
    let items = ReportItems.make(explanations, golds: ["positive", nil, "negative"], model: model)
    #expect(items.count == 3)
    #expect(items.map(\.document.gold) == ["positive", nil, "negative"])
    for (item, explanation) in zip(items, explanations) {
      let curve = try #require(item.document.prefixProbabilities)
      #expect(curve.count == explanation.input.tokens.count)
      for row in curve { #expect(abs(row.reduce(0, +) - 1) < 1e-5) }
      let prefix = try #require(explanation.maps.first { $0.method == PrefixPrediction.id })
      for t in 1..<curve.count {
        #expect(abs((curve[t][prefix.target] - curve[t - 1][prefix.target]) - prefix.scores[t]) < 1e-5)
      }
      let last = try #require(curve.last)
      for k in last.indices { #expect(abs(last[k] - explanation.probabilities[k]) < 1e-5) }
      #expect(item.contractJSON == explanation.jsonValue(model: model))
    }
  }

  @Test("without prefix-prediction there is no curve; the model summary lists its metrics")
  func noCurveAndSummary() throws {
    let model = try TextModelTests.model()
    let inputs = [try model.encode(text: "好 great", maxTokens: nil)]
    let explanations = try Explainer(model: model, methods: [Occlusion(options: .init())]).explain(inputs)
    let items = ReportItems.make(explanations, golds: [], model: model)
    #expect(items[0].document.prefixProbabilities == nil)
    #expect(items[0].document.gold == nil)
    let summary = model.reportSummary()
    #expect(summary.name == "tiny" && summary.path == nil && summary.labels == ["negative", "positive"])
    #expect(summary.metrics == [HTMLReportDocument.Metric(split: "dev", name: "accuracy", value: 0.5)])
  }
}
