import LSTMCore

/// ∂F/∂X at many embedded inputs (the path points of integrated gradients, the noisy copies of SmoothGrad),
/// through the one forward and the one input-only backward.
///
/// Inputs are packed into passes of at most `BatchedOutputs.rowBudget` rows, so all the copies of a
/// sentence share one forward and one backward call unless together they exceed the budget (the default
/// model's budget is 16,384 token rows, e.g. 50 path points of a 327-token sentence).
struct GradientSweep {
  let model: Classifier
  let output: ExplainedOutput

  /// - Parameters:
  ///   - lengths: T_i of each input. [count]
  ///   - targets: the class k whose F is differentiated, per input. [count]
  ///   - input: X_i [T_i, E] of input i; called once per input.
  ///   - visit: receives i, X_i and ∂F/∂X_i, both [T_i, E] flattened, once per input in index order.
  /// - Complexity: one forward and one input-only backward over Σ T_i rows.
  func run(lengths: [Int], targets: [Int], input: (Int) -> [Float], visit: (Int, [Float], [Float]) -> Void) {
    let e = model.config.embeddingSize
    sweep(lengths: lengths, targets: targets, rows: input, width: e) { batch, packed, chunkTargets in
      let trace = model.forward(batch: batch, inputs: packed)
      return (model.inputGradients(of: trace, logitGradients: output.logitGradient(trace: trace, targets: chunkTargets)), e)
    } visit: { item, rows, gradient in
      visit(item, rows, gradient)
    }
  }

  /// ∂F/∂Z_in at many projected inputs Z_in = X·W_ihᵀ + b (see `Classifier.inputProjection`): for path methods,
  /// whose points are linear in X, so they skip the input projection and the ∂F/∂X product per point.
  ///
  /// - Parameters:
  ///   - projection: Z_in of input i [T_i, 4H]; called once per input.
  ///   - visit: receives i and ∂F/∂Z_in of input i [T_i, 4H], once per input in index order.
  /// - Complexity: one forward and one backward over Σ T_i rows, without the 2·4H·E FLOPs per row of either.
  func runProjected(lengths: [Int], targets: [Int], projection: (Int) -> [Float], visit: (Int, [Float]) -> Void) {
    let g4 = model.config.gateWidth
    sweep(lengths: lengths, targets: targets, rows: projection, width: g4) { batch, packed, chunkTargets in
      let trace = model.forward(batch: batch, projectedInputs: packed)
      return (model.gateGradients(of: trace, logitGradients: output.logitGradient(trace: trace, targets: chunkTargets)), g4)
    } visit: { item, _, gradient in
      visit(item, gradient)
    }
  }

  /// Packs the inputs in chunks of at most `BatchedOutputs.rowBudget` rows, runs `differentiate` on each chunk
  /// (which returns a packed gradient and its row width), and hands each input's rows and gradient to `visit`.
  private func sweep(lengths: [Int], targets: [Int], rows: (Int) -> [Float], width: Int,
                     differentiate: (PackedBatch, [Float], [Int]) -> (gradient: [Float], width: Int),
                     visit: (Int, [Float], [Float]) -> Void) {
    precondition(lengths.count == targets.count, "one target per input")
    for chunk in PackedRows.chunks(lengths: lengths, budget: BatchedOutputs.rowBudget(for: model.config)) {
      let batch = PackedBatch(lengths: Array(lengths[chunk]))
      let inputs = chunk.map(rows)
      let (gradient, gradientWidth) = differentiate(batch, PackedRows.pack(inputs, width: width, batch: batch), Array(targets[chunk]))
      for (offset, item) in chunk.enumerated() {
        visit(item, inputs[offset], PackedRows.unpack(gradient, width: gradientWidth, batch: batch, sequence: offset))
      }
    }
  }
}
