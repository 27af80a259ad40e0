import Reports
import Saliency

/// The contract JSON object and the heatmap document of an explanation.
extension TextExplanation {
  /// The object of `explain --format json` (interface contract), keys in contract order.
  public func jsonValue(model: TextModel) -> JSONValue {
    let labels = model.labels
    let tokens: [JSONValue] = input.tokens.map { token in
      .object([
        ("text", .string(token.text)), ("norm", token.norm.map(JSONValue.string) ?? .null),
        ("start", token.start.map(JSONValue.int) ?? .null), ("end", token.end.map(JSONValue.int) ?? .null),
        ("id", .int(token.id)),
      ])
    }
    let explanations: [JSONValue] = maps.map { map in
      .object([
        ("method", .string(map.method.rawValue)), ("target", .string(labels[map.target])),
        ("sign", .string(map.sign.rawValue)),
        ("options", .object(map.options.map { ($0.key, $0.value.jsonValue) })),
        ("scores", .array(map.scores.map { .float(Float($0)) })),
        ("axiom_gap", map.axiomGap.map { .float(Float($0)) } ?? .null),
      ])
    }
    var members: [(String, JSONValue)] = [
      ("text", input.text.map(JSONValue.string) ?? .null),
      ("model", model.referenceJSON),
      ("predicted", .string(labels[predicted])),
      ("probabilities", .object(zip(labels, probabilities).map { ($0, .float(Float($1))) })),
      ("truncated", .bool(input.truncated)),
      ("tokens", .array(tokens)),
      ("explanations", .array(explanations)),
    ]
    if let agreement = MethodAgreement(methods: maps.map(\.method.rawValue), scores: maps.map(\.scores)) {
      members.append(("agreement", .object([
        ("reference", .string(agreement.reference)),
        ("kendall_tau", .object(agreement.kendallTau.map { ($0.method, $0.tau.map(JSONValue.double) ?? .null) })),
      ])))
    }
    if !notes.isEmpty { members.append(("notes", .array(notes.map(JSONValue.string)))) }
    return .object(members)
  }

  /// The document the terminal and HTML renderers draw.
  public func heatmapDocument(model: TextModel, gold: String? = nil) -> HeatmapDocument {
    HeatmapDocument(
      text: input.text,
      tokens: input.tokens.map { HeatmapDocument.Token(text: $0.text, start: $0.start, end: $0.end) },
      modelName: model.name, labels: model.labels, probabilities: probabilities, predicted: predicted, gold: gold,
      truncated: input.truncated, notes: notes,
      explanations: maps.map { map in
        HeatmapDocument.Explanation(
          method: map.method.rawValue, sign: HeatmapDocument.SignMeaning(map.sign), target: model.labels[map.target],
          optionsSummary: map.options.map { "\($0.key)=\($0.value.text)" }.joined(separator: ", "),
          scores: map.scores, axiomGap: map.axiomGap)
      },
      prefixProbabilities: prefixProbabilities)
  }
}

extension HeatmapDocument.SignMeaning {
  init(_ sign: SaliencySign) {
    switch sign {
    case .supportsTarget: self = .supportsTarget
    case .unsigned: self = .unsigned
    case .classIndependent: self = .classIndependent
    }
  }
}

extension SaliencyOptionValue {
  var jsonValue: JSONValue {
    switch self {
    case .bool(let value): return .bool(value)
    case .int(let value): return .int(value)
    case .double(let value): return .double(value)
    case .string(let value): return .string(value)
    }
  }

  var text: String {
    switch self {
    case .bool(let value): return String(value)
    case .int(let value): return String(value)
    case .double(let value): return value.description
    case .string(let value): return value
    }
  }
}
