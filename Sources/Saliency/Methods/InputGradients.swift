import LSTMCore

/// ∂F/∂e_t for each token of many sequences in one forward and one input-only backward pass (no weight
/// gradients), shared by the gradient methods. The rows stay packed as the trace packs them.
struct InputGradients {
  let batch: PackedBatch
  let embeddingSize: Int
  /// The embedded inputs e_t and ∂F/∂e_t, packed. [N, E] each
  let inputs: [Float]
  let gradients: [Float]

  /// - Precondition: `trace` is a forward trace of embedded inputs.
  init(trace: ForwardTrace, targets: [Int], output: ExplainedOutput, model: Classifier) {
    batch = trace.batch
    embeddingSize = model.config.embeddingSize
    inputs = trace.inputs
    gradients = model.inputGradients(of: trace, logitGradients: output.logitGradient(trace: trace, targets: targets))
  }

  /// One score per token of `sequence`, from that token's rows of ∂F/∂e and e (E values each).
  func tokenScores(of sequence: Int,
                   _ score: (_ gradient: UnsafePointer<Float>, _ input: UnsafePointer<Float>, _ count: Int) -> Double) -> [Double] {
    let e = embeddingSize
    return gradients.withUnsafeBufferPointer { dx in
      inputs.withUnsafeBufferPointer { x in
        (0..<batch.lengths[sequence]).map { step in
          let offset = batch.row(sequence: sequence, step: step) * e
          return score(dx.baseAddress! + offset, x.baseAddress! + offset, e)
        }
      }
    }
  }
}
