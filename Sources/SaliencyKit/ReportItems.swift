import Foundation
import LSTMCore
import Reports
import Saliency

extension TextModel {
  /// The class probabilities after each token of each input, softmax(fc(h_t)) for t = 1…T, the curve that
  /// `prefix-prediction` differences. [input][t][K]
  /// - Complexity: one forward pass over the inputs (batched).
  public func prefixProbabilities(of inputs: [EncodedText]) throws -> [[[Double]]] {
    guard !inputs.isEmpty else { return [] }
    let sequences = inputs.map(\.ids)
    let trace = try classifier.forward(sequences)
    let flat = PrefixPrediction().prefixProbabilities(of: trace, model: classifier)
    let k = classifier.config.classCount
    return sequences.indices.map { s in
      sequences[s].indices.map { step in
        let row = trace.batch.row(sequence: s, step: step)
        return (0..<k).map { Double(flat[row * k + $0]) }
      }
    }
  }

  /// What an HTML report's header says about this model: name, file, labels, and the dev/test figures
  /// recorded in `saliency.metrics` (accuracy, macro-F1, balanced accuracy, then any others, then the count).
  public func reportSummary() -> HTMLReportDocument.ModelSummary {
    var metrics: [HTMLReportDocument.Metric] = []
    if case .object(let splits)? = Self.parsedJSON(metadata[MetadataKey.metrics]) {
      for (split, figures) in splits {
        guard case .object(let members) = figures else { continue }
        let values = members.compactMap { key, value in Self.number(value).map { (key, $0) } }
        let known = ["accuracy", "macro_f1", "balanced_accuracy"]
        let ordered = known.compactMap { name in values.first { $0.0 == name } }
          + values.filter { !known.contains($0.0) && $0.0 != "count" }
          + values.filter { $0.0 == "count" }
        metrics += ordered.map { HTMLReportDocument.Metric(split: split, name: Self.metricName($0.0), value: $0.1) }
      }
    }
    return HTMLReportDocument.ModelSummary(name: name, path: path, labels: labels, metrics: metrics)
  }

  private static func number(_ value: JSONValue) -> Double? {
    switch value {
    case .double(let number): return number
    case .float(let number): return Double(number)
    case .int(let number): return Double(number)
    default: return nil
    }
  }

  private static func metricName(_ key: String) -> String {
    switch key {
    case "macro_f1": return "macro-F1"
    case "balanced_accuracy": return "balanced accuracy"
    case "count": return "texts"
    default: return key.replacingOccurrences(of: "_", with: " ")
    }
  }
}

extension TextExplanation {
  /// One item of an HTML report: the heatmap document (with its gold label and, when given, the
  /// prefix-probability curve) and the contract JSON object.
  public func reportItem(model: TextModel, gold: String?, prefixProbabilities: [[Double]]? = nil)
    -> HTMLReportDocument.Item {
    var document = heatmapDocument(model: model, gold: gold)
    document.prefixProbabilities = prefixProbabilities
    return HTMLReportDocument.Item(document: document, contractJSON: jsonValue(model: model))
  }
}

/// Turns explanations of one model into HTML report items.
public enum ReportItems {
  /// Inputs per forward pass when computing prefix curves.
  public static let batchSize = 32

  /// One item per explanation, in order. When `prefix-prediction` is among an explanation's maps, its
  /// document gets the class probabilities after each token, computed in batches on up to `threads`
  /// workers.
  /// - Precondition: `golds` is empty or has one entry per explanation.
  public static func make(_ explanations: [TextExplanation], golds: [String?], model: TextModel,
                          threads: Int) throws -> [HTMLReportDocument.Item] {
    precondition(golds.isEmpty || golds.count == explanations.count, "one gold label (or nil) per explanation")
    let batchCount = (explanations.count + batchSize - 1) / batchSize
    let batches = Parallel.map(count: batchCount, threads: threads) { batch -> Result<[HTMLReportDocument.Item], any Error> in
      Result {
        let range = (batch * batchSize)..<min(explanations.count, (batch + 1) * batchSize)
        let needsCurve = range.filter { explanations[$0].maps.contains { $0.method == .prefixPrediction } }
        let curves = try model.prefixProbabilities(of: needsCurve.map { explanations[$0].input })
        var curveOf: [Int: [[Double]]] = [:]
        for (index, curve) in zip(needsCurve, curves) { curveOf[index] = curve }
        return range.map { index in
          explanations[index].reportItem(model: model, gold: golds.isEmpty ? nil : golds[index],
                                         prefixProbabilities: curveOf[index])
        }
      }
    }
    return try batches.flatMap { try $0.get() }
  }
}
