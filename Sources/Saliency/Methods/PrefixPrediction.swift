import LSTMCore

/// Prefix prediction: how each word changes what the classifier would say if the text stopped there.
///
///     p(t) = softmax(W_fc h_t + b_fc)            t = 0…T, with h_0 = 0 so p(0) = softmax(b_fc)
///     score_t = p_k(t) − p_k(t − 1)
///     axiom_gap = Σ_t score_t − (p_k(x) − p_k(0))   (the sum telescopes; p_k(x) is the forward pass's)
///
/// Read off one forward pass for a unidirectional encoder (the dense layer applied to every top-layer h_t of the
/// trace in one GEMM); a bidirectional encoder runs each truncated text w_1 … w_t again.
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

  /// The prediction on each truncated text w_1 … w_t, for every packed row (t) of the trace. [N, K]
  ///
  /// A unidirectional encoder's top-layer h_t is the truncated text's final state, so this is softmax(W_fc h_t + b_fc)
  /// read off the trace; a bidirectional encoder's backward direction starts at the text's end, so each truncated
  /// text is run again (batched, from the trace's input projection).
  /// - Precondition: for a bidirectional encoder, a trace of embedded inputs.
  public func prefixProbabilities(of trace: ForwardTrace, model: Classifier) -> [Float] {
    guard model.config.isResumable else { return truncatedTextProbabilities(of: trace, model: model) }
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

  /// The predictions on every truncated text, each run whole. [N, K]
  private func truncatedTextProbabilities(of trace: ForwardTrace, model: Classifier) -> [Float] {
    precondition(trace.inputs.count == trace.batch.rowCount * model.config.embeddingSize, "needs a trace of embedded inputs")
    let batch = trace.batch, width = model.config.projectionWidth
    let projection = model.inputProjection(of: trace.inputs)
    // Truncated text r (in packed row order) is sequence `sequenceOfRow[r]` up to step `stepOfRow[r]`.
    var rowOwners = [Int](repeating: 0, count: batch.rowCount), rowSteps = rowOwners
    for sequence in 0..<batch.sequenceCount {
      for step in 0..<batch.lengths[sequence] {
        rowOwners[batch.row(sequence: sequence, step: step)] = sequence
        rowSteps[batch.row(sequence: sequence, step: step)] = step
      }
    }
    let sequenceOfRow = rowOwners, stepOfRow = rowSteps
    let outputs = BatchedOutputs(
      lengths: stepOfRow.map { $0 + 1 }, kind: .projected, keepFinalHidden: false, model: model,
      fillRow: { index, step, row in
        let source = batch.row(sequence: sequenceOfRow[index], step: step)
        projection.withUnsafeBufferPointer { row.update(from: $0.baseAddress.unsafelyUnwrapped + source * width, count: width) }
      },
      startState: { _ in nil })
    return outputs.probabilities.flatMap { $0 }
  }
}
