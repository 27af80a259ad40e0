import Foundation
import Reports
import SaliencyKit

/// Builds and renders HTML pages for `explain --format html` and `report`.
enum HTMLOutput {
  /// The generator line of every page.
  static var generator: String { "saliency " + SaliencyCommand.version }

  /// The current time for `--timestamp`, in UTC (the renderer itself never reads a clock).
  static func timestamp(_ date: Date = Date()) -> String {
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withFullDate, .withTime, .withColonSeparatorInTime, .withSpaceBetweenDateAndTime]
    formatter.timeZone = TimeZone(identifier: "UTC")
    return formatter.string(from: date) + " UTC"
  }

  /// The page of `explain --format html`: every text with the model that read it, expanded up to the renderer's
  /// limit; the header lists each model once.
  static func explainPage(_ results: [(explanation: TextExplanation, model: TextModel)], inputName: String, topK: Int,
                          scale: HTMLReportDocument.Scale = .absolute) -> String {
    var models: [HTMLReportDocument.ModelSummary] = [], seen: Set<String> = []
    for (_, model) in results where seen.insert(model.name).inserted { models.append(model.reportSummary()) }
    let items = results.flatMap { ReportItems.make([$0.explanation], golds: [], model: $0.model) }
    let document = HTMLReportDocument(
      title: results.count == 1 ? "Saliency explanation" : "Saliency explanations",
      models: models, inputName: inputName, generator: generator, scale: scale, items: items)
    return HTMLRenderer(topK: topK).render(document)
  }
}
