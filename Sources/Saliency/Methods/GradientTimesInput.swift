import LSTMCore

/// Gradient × input: score_t = Σ_d ∂F/∂e_{t,d} · e_{t,d}; positive supports the target.
public struct GradientTimesInput: SaliencyMethod {
  public let id = SaliencyMethodID.gradInput
  public var of: ExplainedOutput

  public init(of: ExplainedOutput = .logit) { self.of = of }

  public func saliency(of tokens: [Int], target: Int, in model: Classifier) throws -> SaliencyMap {
    try saliency(of: [tokens], targets: [target], in: model)[0]
  }

  public func saliency(of sequences: [[Int]], targets: [Int], in model: Classifier) throws -> [SaliencyMap] {
    try saliency(of: sequences, targets: targets, reusing: model.forward(sequences), in: model)
  }

  /// The same from the sequences' forward trace, shared with other methods on the same texts.
  public func saliency(of sequences: [[Int]], targets: [Int], reusing trace: ForwardTrace, in model: Classifier) throws -> [SaliencyMap] {
    let result = InputGradients(trace: trace, targets: targets, output: of, model: model)
    return sequences.indices.map { sequence in
      let scores = result.tokenScores(of: sequence) { gradient, input, count in
        DoubleSums.dot(gradient, input, count: count)
      }
      return SaliencyMap(method: id, target: targets[sequence], sign: .supportsTarget,
                         options: [("of", .string(of.rawValue))], scores: scores, axiomGap: nil)
    }
  }
}
