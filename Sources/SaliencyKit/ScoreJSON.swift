import Reports

extension EncodedText {
  /// The object of `score --format json` (and of `POST /api/score`): text, model, predicted label,
  /// probabilities, whether the text was cut and its share of unknown tokens.
  /// - Parameter probabilities: one per class, model order. [K]
  public func scoreJSON(probabilities: [Double], model: TextModel) -> JSONValue {
    let predicted = probabilities.indices.max { probabilities[$0] < probabilities[$1] } ?? 0
    return .object([
      ("text", text.map(JSONValue.string) ?? .null),
      ("model", model.referenceJSON),
      ("predicted", .string(model.labels[predicted])),
      ("probabilities", .object(zip(model.labels, probabilities).map { ($0, .float(Float($1))) })),
      ("truncated", .bool(truncated)),
      ("unknown_share", .double(unknownShare)),
    ])
  }
}
