import Foundation
import LSTMCore
import Reports
import Saliency

extension TextModel {
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
  /// One item of an HTML report: the heatmap document (with its gold label and, when prefix-prediction ran, the
  /// prefix-probability curve) and the contract JSON object.
  public func reportItem(model: TextModel, gold: String?) -> HTMLReportDocument.Item {
    HTMLReportDocument.Item(document: heatmapDocument(model: model, gold: gold), contractJSON: jsonValue(model: model))
  }
}

/// Turns explanations of one model into HTML report items.
public enum ReportItems {
  /// One item per explanation, in order.
  /// - Precondition: `golds` is empty or has one entry per explanation.
  public static func make(_ explanations: [TextExplanation], golds: [String?], model: TextModel) -> [HTMLReportDocument.Item] {
    precondition(golds.isEmpty || golds.count == explanations.count, "one gold label (or nil) per explanation")
    return explanations.indices.map { index in
      explanations[index].reportItem(model: model, gold: golds.isEmpty ? nil : golds[index])
    }
  }
}
