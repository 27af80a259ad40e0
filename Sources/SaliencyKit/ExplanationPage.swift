import Reports

/// The HTML page of `explain --format html`, and of the explorer's export (`POST /api/report`): one owner, so
/// the two are the same page.
public enum ExplanationPage {
  /// Every text with the model that read it, expanded up to the renderer's limit; the header lists each model once.
  /// - Parameter generator: the tool and version, e.g. `saliency 1.2.0`.
  public static func html(_ results: [(explanation: TextExplanation, model: TextModel)], inputName: String, generator: String,
                          topK: Int, scale: HTMLReportDocument.Scale = .absolute) -> String {
    var models: [HTMLReportDocument.ModelSummary] = [], seen: Set<String> = []
    for (_, model) in results where seen.insert(model.name).inserted { models.append(model.reportSummary()) }
    let items = results.flatMap { ReportItems.make([$0.explanation], golds: [], model: $0.model) }
    let document = HTMLReportDocument(
      title: results.count == 1 ? "Saliency explanation" : "Saliency explanations",
      models: models, inputName: inputName, generator: generator, scale: scale, items: items)
    return HTMLRenderer(topK: topK).render(document)
  }
}
