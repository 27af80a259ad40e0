import Foundation
import Reports
import Saliency
import SaliencyKit

/// `POST /api/explain` and `POST /api/score`: a request's body in, the command line's JSON object out, the
/// work done on the queue within the limits.
struct ExplainService: Sendable {
  let catalog: ModelCatalog
  let reader: any RequestOptionReader
  let limits: ServerLimits
  let queue: WorkQueue

  /// The `explain --format json` object of the request.
  func explain(_ request: APIRequest) async throws -> JSONValue {
    try await explained(request) { explanation, model in explanation.jsonValue(model: model) }
  }

  /// Explains the request's input on the queue, within the limits, and returns what `body` makes of it.
  /// - Parameter prefixCurve: also read the prefix probabilities (`TextExplanation.prefixProbabilities`) off
  ///   the same forward pass, without adding a `prefix-prediction` map when the request did not ask for one.
  func explained<Answer: Sendable>(_ request: APIRequest, prefixCurve: Bool = false,
                                   _ body: @escaping @Sendable (TextExplanation, TextModel) throws -> Answer) async throws -> Answer {
    let plan = try reader.explainPlan(request.fields)
    let entry = try entry(for: request)
    var explainer = try plan.explainer(entry.model)
    var settings = plan.settings
    if let asked = settings.maxTokens, asked > limits.maxTokens {
      throw APIError.tooLarge("max_tokens \(asked) is over this server's limit of \(limits.maxTokens) tokens (saliency serve --max-tokens)")
    }
    settings.maxTokens = min(settings.effectiveMaxTokens, limits.maxTokens)
    let input = try encode(request.input, model: entry.model, maxTokens: settings.effectiveMaxTokens)
    let tokens = input.tokens.count
    let steps = Double(tokens) + explainer.methods.reduce(0) { $0 + $1.estimatedCost(tokens: tokens) }
    try checkBudget(steps: steps, entry: entry)
    let addsCurve = prefixCurve && !explainer.methods.contains { $0.id == PrefixPrediction.id }
    if addsCurve {
      explainer = Explainer(model: explainer.model, methods: explainer.methods + [PrefixPrediction(options: .init())], target: explainer.target)
    }
    let model = entry.model
    return try await queue.run(deadline: deadline) { [explainer] in
      var explanation = try explainer.explain([input])[0]
      if addsCurve { explanation.maps.removeLast() }
      return try body(explanation, model)
    }
  }

  /// The `score --format json` object of the request (its method fields are not read).
  func score(_ request: APIRequest) async throws -> JSONValue {
    let maxTokens = try reader.scoreMaxTokens(request.fields.maxTokens)
    if request.fields.maxTokens != nil, maxTokens > limits.maxTokens {
      throw APIError.tooLarge("max_tokens \(maxTokens) is over this server's limit of \(limits.maxTokens) tokens (saliency serve --max-tokens)")
    }
    let entry = try entry(for: request)
    let input = try encode(request.input, model: entry.model, maxTokens: min(maxTokens, limits.maxTokens))
    try checkBudget(steps: Double(input.tokens.count), entry: entry)
    let model = entry.model
    return try await queue.run(deadline: deadline) {
      let probabilities = try model.classifier.probabilities(of: [input.ids], threads: 1)[0].map(Double.init)
      return input.scoreJSON(probabilities: probabilities, model: model)
    }
  }

  private var deadline: ContinuousClock.Instant { .now + .milliseconds(Int(limits.timeBudget * 1000)) }

  private func entry(for request: APIRequest) throws -> ModelCatalog.Entry {
    switch request.input {
    case .text(let text):
      return try catalog.entry(named: request.model, forText: text)
    case .tokenIds:
      guard let name = request.model else {
        throw APIError.badRequest("token_ids needs an explicit model (token ids mean nothing without it); see GET /api/models")
      }
      return try catalog.entry(named: name, forText: nil)
    }
  }

  /// The input encoded as the command line encodes it; its errors are the command line's.
  private func encode(_ input: APIRequest.Input, model: TextModel, maxTokens: Int) throws -> EncodedText {
    do {
      switch input {
      case .text(let text): return try model.encode(text: text, maxTokens: maxTokens)
      case .tokenIds(let ids): return try model.encode(tokenIds: ids, maxTokens: maxTokens)
      }
    } catch let error as InputError {
      throw APIError.badRequest(error.description)
    }
  }

  /// Refuses work whose estimate (forward token steps × this model's measured speed) is over the time budget.
  private func checkBudget(steps: Double, entry: ModelCatalog.Entry) throws {
    let seconds = steps * entry.secondsPerStep
    guard seconds > limits.timeBudget else { return }
    throw APIError.tooLarge("this request would take about \(Self.seconds(seconds)) (\(Int(steps)) token steps of \(entry.model.name)), "
      + "over this server's time budget of \(Self.seconds(limits.timeBudget)) (saliency serve --time-budget); "
      + "send a shorter text (max_tokens), fewer steps or samples, or cheaper methods")
  }

  private static func seconds(_ value: Double) -> String {
    value >= 10 ? "\(Int(value.rounded())) s" : String(format: "%.2g s", value)
  }
}
