import Reports
import SaliencyKit

/// What the explore page needs beyond the contract JSON, computed in the same request: `POST /api/view` and the
/// HTML export `POST /api/report`.
extension ExplainService {
  /// `POST /api/view`, the explain page's request: the same body as `/api/explain`, answered with
  ///
  ///     {"explanation": <the /api/explain answer>,
  ///      "rows": [{"saturation": {"value": 0.5, "unit": "probability"} | null, "about": "…" | null}],  one per explanation
  ///      "prefix_probabilities": [[p(label_k | w_1..w_t) for k in labels] for t = 1…T],
  ///      "mask": {"unk": id | null, "pad": id}}
  ///
  /// `saturation` is where the absolute colour scale saturates (`ColorSaturation`; null: the method has no
  /// absolute unit), `about` the report's words for the method, and `mask` the ids a token can be masked with.
  func view(_ request: APIRequest) async throws -> JSONValue {
    try await explained(request, prefixCurve: true) { explanation, model in
      let document = explanation.heatmapDocument(model: model)
      let special = model.classifier.specialIds
      let rows: [JSONValue] = document.explanations.map { row in
        .object([
          ("saturation", row.saturation.map { .object([("value", .double($0.value)), ("unit", .string($0.unit))]) } ?? .null),
          ("about", row.about.map(JSONValue.string) ?? .null),
        ])
      }
      return .object([
        ("explanation", explanation.jsonValue(model: model)),
        ("rows", .array(rows)),
        ("prefix_probabilities", .array((explanation.prefixProbabilities ?? []).map { .array($0.map(JSONValue.double)) })),
        ("mask", .object([("unk", special.unk.map(JSONValue.int) ?? .null), ("pad", .int(special.pad))])),
      ])
    }
  }

  /// `POST /api/report?scale=absolute|text|report`: the self-contained HTML page `explain --format html` writes
  /// for the same request (`ExplanationPage`).
  func report(_ request: APIRequest, scale: HTMLReportDocument.Scale, generator: String) async throws -> String {
    try await explained(request) { explanation, model in
      ExplanationPage.html([(explanation, model)], inputName: "saliency serve", generator: generator, topK: 0, scale: scale)
    }
  }
}
