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

  /// The page of `explain --format html`: every text of one model, expanded up to the renderer's limit.
  static func explainPage(_ explanations: [TextExplanation], model: TextModel, inputName: String, topK: Int,
                          scale: HTMLReportDocument.Scale = .absolute) -> String {
    let items = ReportItems.make(explanations, golds: [], model: model)
    let document = HTMLReportDocument(
      title: explanations.count == 1 ? "Saliency explanation" : "Saliency explanations",
      models: [model.reportSummary()], inputName: inputName, generator: generator, scale: scale, items: items)
    return HTMLRenderer(topK: topK).render(document)
  }
}
