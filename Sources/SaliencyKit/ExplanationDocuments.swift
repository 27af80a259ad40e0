import Reports
import Saliency

/// The contract JSON object and the heatmap document of an explanation.
extension TextExplanation {
  /// The object of `explain --format json` (interface contract), keys in contract order.
  /// - Parameter verbatimArrays: write the token list and the score lists straight to compact bytes
  ///   (`JSONBytes`) instead of a value per element: the same compact text, built several times faster, for
  ///   `analyze`'s JSON lines; the indented form then keeps those arrays on one line.
  /// - Parameter pairwiseTau: the methods' τ-b (`KendallCorrelation.pairwiseTauB` of the maps' scores) when the
  ///   caller has them already; computed here otherwise.
  public func jsonValue(model: TextModel, verbatimArrays: Bool = false, pairwiseTau: [[Double?]]? = nil) -> JSONValue {
    let labels = model.labels
    let tokens = verbatimArrays ? tokensJSONBytes().value : .array(input.tokens.map { token in
      .object([
        ("text", .string(token.text)), ("norm", token.norm.map(JSONValue.string) ?? .null),
        ("start", token.start.map(JSONValue.int) ?? .null), ("end", token.end.map(JSONValue.int) ?? .null),
        ("id", .int(token.id)),
      ] + (token.unknown ? [("unknown", .bool(true))] : []))
    })
    let explanations: [JSONValue] = maps.map { map in
      .object([
        ("method", .string(map.method.rawValue)), ("target", .string(labels[map.target])),
        ("sign", .string(map.sign.rawValue)),
        ("options", .object(map.options.fields.map { ($0.key, $0.value.jsonValue) })),
        ("scores", verbatimArrays ? Self.scoresJSONBytes(map.scores).value : .array(map.scores.map { .float(Float($0)) })),
        ("axiom_gap", map.axiomGap.map { .float(Float($0)) } ?? .null),
      ])
    }
    var members: [(String, JSONValue)] = [
      ("text", input.text.map(JSONValue.string) ?? .null),
      ("model", model.referenceJSON),
      ("predicted", .string(labels[predicted])),
      ("probabilities", .object(zip(labels, probabilities).map { ($0, .float(Float($1))) })),
      ("truncated", .bool(input.truncated)),
      ("unknown_share", .double(input.unknownShare)),
      ("tokens", tokens),
      ("explanations", .array(explanations)),
    ]
    let methods = maps.map(\.method.rawValue)
    let agreement = pairwiseTau.map { MethodAgreement(methods: methods, pairwiseTau: $0) }
      ?? MethodAgreement(methods: methods, scores: maps.map(\.scores))
    if let agreement {
      members.append(("agreement", .object([
        ("reference", .string(agreement.reference)),
        ("kendall_tau", .object(agreement.kendallTau.map { ($0.method, $0.tau.map(JSONValue.double) ?? .null) })),
      ])))
    }
    if !notes.isEmpty { members.append(("notes", .array(notes.map(JSONValue.string)))) }
    return .object(members)
  }

  /// The token list as `jsonValue` builds it, compact.
  private func tokensJSONBytes() -> JSONBytes {
    var json = JSONBytes()
    json.append(ascii: "[")
    for (index, token) in input.tokens.enumerated() {
      json.append(ascii: index == 0 ? "{\"text\":" : ",{\"text\":")
      json.append(string: token.text)
      json.append(ascii: ",\"norm\":")
      json.append(string: token.norm)
      json.append(ascii: ",\"start\":")
      json.append(int: token.start)
      json.append(ascii: ",\"end\":")
      json.append(int: token.end)
      json.append(ascii: ",\"id\":")
      json.append(int: token.id)
      json.append(ascii: token.unknown ? ",\"unknown\":true}" : "}")
    }
    json.append(ascii: "]")
    return json
  }

  /// A score list as `jsonValue` builds it (Float32 digits), compact.
  private static func scoresJSONBytes(_ scores: [Double]) -> JSONBytes {
    var json = JSONBytes()
    json.append(ascii: "[")
    for (index, score) in scores.enumerated() {
      if index > 0 { json.append(ascii: ",") }
      json.append(float: Float(score))
    }
    json.append(ascii: "]")
    return json
  }

  /// The document the terminal and HTML renderers draw.
  public func heatmapDocument(model: TextModel, gold: String? = nil) -> HeatmapDocument {
    HeatmapDocument(
      text: input.text,
      tokens: input.tokens.map { HeatmapDocument.Token(text: $0.text, start: $0.start, end: $0.end, unknown: $0.unknown) },
      modelName: model.name, labels: model.labels, probabilities: probabilities, predicted: predicted, gold: gold,
      truncated: input.truncated, notes: notes,
      explanations: maps.map { map in
        let options = map.options.summary
        let target = model.labels[map.target]
        return HeatmapDocument.Explanation(
          method: map.method.rawValue, sign: HeatmapDocument.SignMeaning(map.sign), target: target,
          optionsSummary: options, scores: map.scores, axiomGap: map.axiomGap, saturation: map.colorSaturation.map(\.absoluteScale),
          about: DefaultExplanation.legend(method: map.method.rawValue, optionsSummary: options, target: target))
      },
      prefixProbabilities: prefixProbabilities,
      agreement: MethodAgreement(methods: maps.map(\.method.rawValue), scores: maps.map(\.scores)))
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
}

extension ColorSaturation {
  /// The same saturation as the renderers' value.
  var absoluteScale: HeatmapDocument.AbsoluteScale { HeatmapDocument.AbsoluteScale(value: value, unit: unit) }
}
