import LSTMCore

/// Prefix prediction: how each word changes what the classifier would say if the text stopped there.
///
///     p(t) = softmax(W_fc h_t + b_fc)            t = 0…T, with h_0 = 0 so p(0) = softmax(b_fc)
///     score_t = p_k(t) − p_k(t − 1)
///     axiom_gap = Σ_t score_t − (p_k(x) − p_k(0))   (the sum telescopes; p_k(x) is the forward pass's)
///
/// Read off one forward pass: the dense layer is applied to every h_t of the trace in one GEMM.
/// Positive supports the target.
public struct PrefixPrediction: TraceReadingMethod {
  public static let id = SaliencyMethodID(rawValue: "prefix-prediction")
  public static let traits: MethodTraits = []

  /// No options.
  public struct Options: MethodOptions {
    public init() {}

    /// A change of the prefix's probability.
    public func colorSaturation(of map: SaliencyMap) -> ColorSaturation? { .probability }
  }

  public let options: Options
  public init(options: Options) { self.options = options }

  /// One forward pass.
  public static func cost(tokens: Int, options: Options) -> Double { Double(tokens) }

  /// The scores of every sequence, read off their forward trace (shared with other methods).
  /// - Complexity: 2·(N + 1)·H·K FLOPs for the prefix logits of all sequences after the forward pass.
  public func saliency(of sequences: [[Int]], targets: [Int], reusing trace: ForwardTrace, in model: Classifier) throws -> [SaliencyMap] {
    precondition(sequences.count == targets.count, "one target per sequence")
    let k = model.config.classCount
    let probabilities = prefixProbabilities(of: trace, model: model)
    let initial = Softmax.probabilities(logits: Array(model.tensor(.outputBias)), classCount: k)
    return sequences.indices.map { s in
      let target = targets[s]
      var scores: [Double] = []
      var previous = Double(initial[target])
      for step in sequences[s].indices {
        let current = Double(probabilities[trace.batch.row(sequence: s, step: step) * k + target])
        scores.append(current - previous)
        previous = current
      }
      let final = Double(trace.probabilities[s * k + target])
      return SaliencyMap(method: id, target: target, sign: .supportsTarget, options: options, scores: scores,
                         axiomGap: scores.reduce(0, +) - (final - Double(initial[target])))
    }
  }

  /// softmax(W_fc h_t + b_fc) for every packed row of the trace. [N, K]
  public func prefixProbabilities(of trace: ForwardTrace, model: Classifier) -> [Float] {
    let h = model.config.hiddenSize, k = model.config.classCount, n = trace.batch.rowCount
    let bias = model.tensor(.outputBias)
    var logits = (0..<n).flatMap { _ in bias }
    model.withParameterPointers { p in
      trace.hidden.withUnsafeBufferPointer { hidden in
        logits.withUnsafeMutableBufferPointer { out in
          guard let x = hidden.baseAddress, let y = out.baseAddress else { return }
          Gemm.multiply(.none, .transposed, m: n, n: k, k: h, a: x, lda: h, b: p.outputWeights, ldb: h, beta: 1,
                        c: y, ldc: k)
        }
      }
    }
    return Softmax.probabilities(logits: logits, classCount: k)
  }
}
