import LSTMCore

/// ∂F/∂e_t for each token of many sequences in one forward and one input-only backward pass (no weight
/// gradients), shared by the gradient methods.
struct InputGradients {
  /// Per sequence: the embedded inputs e_t and ∂F/∂e_t, each [T][E].
  var inputs: [[[Float]]]
  var gradients: [[[Float]]]

  /// - Precondition: `trace` is a forward trace of embedded inputs.
  init(trace: ForwardTrace, targets: [Int], output: ExplainedOutput, model: Classifier) {
    let batch = trace.batch, x = trace.inputs
    let dx = model.inputGradients(of: trace, logitGradients: output.logitGradient(trace: trace, targets: targets))
    let e = model.config.embeddingSize
    func rows(_ values: [Float], _ sequence: Int) -> [[Float]] {
      (0..<batch.lengths[sequence]).map { step in
        let row = batch.row(sequence: sequence, step: step)
        return Array(values[(row * e)..<((row + 1) * e)])
      }
    }
    inputs = (0..<batch.sequenceCount).map { rows(x, $0) }
    gradients = (0..<batch.sequenceCount).map { rows(dx, $0) }
  }
}
