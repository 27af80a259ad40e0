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
    precondition(lengths.count == targets.count, "one target per input")
    let e = model.config.embeddingSize
    let budget = BatchedOutputs.rowBudget(for: model.config)
    var start = 0
    while start < lengths.count {
      var end = start, rows = 0
      while end < lengths.count, end == start || rows + lengths[end] <= budget {
        rows += lengths[end]
        end += 1
      }
      let batch = PackedBatch(lengths: Array(lengths[start..<end]))
      var packed = [Float](repeating: 0, count: batch.rowCount * e)
      var inputs: [[Float]] = []
      inputs.reserveCapacity(end - start)
      for item in start..<end {
        let x = input(item)
        precondition(x.count == lengths[item] * e, "input \(item) must be [T, E]")
        for step in 0..<lengths[item] {
          let row = batch.row(sequence: item - start, step: step)
          packed.replaceSubrange((row * e)..<((row + 1) * e), with: x[(step * e)..<((step + 1) * e)])
        }
        inputs.append(x)
      }
      let trace = model.forward(batch: batch, inputs: packed)
      let dx = model.inputGradients(
        of: trace, logitGradients: output.logitGradient(trace: trace, targets: Array(targets[start..<end])))
      for item in start..<end {
        var gradient = [Float](repeating: 0, count: lengths[item] * e)
        for step in 0..<lengths[item] {
          let row = batch.row(sequence: item - start, step: step)
          gradient.replaceSubrange((step * e)..<((step + 1) * e), with: dx[(row * e)..<((row + 1) * e)])
        }
        visit(item, inputs[item - start], gradient)
      }
      start = end
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
    precondition(lengths.count == targets.count, "one target per input")
    let g4 = model.config.gateWidth
    let budget = BatchedOutputs.rowBudget(for: model.config)
    var start = 0
    while start < lengths.count {
      var end = start, rows = 0
      while end < lengths.count, end == start || rows + lengths[end] <= budget {
        rows += lengths[end]
        end += 1
      }
      let batch = PackedBatch(lengths: Array(lengths[start..<end]))
      var packed = [Float](repeating: 0, count: batch.rowCount * g4)
      for item in start..<end {
        let z = projection(item)
        precondition(z.count == lengths[item] * g4, "projection \(item) must be [T, 4H]")
        for step in 0..<lengths[item] {
          let row = batch.row(sequence: item - start, step: step)
          packed.replaceSubrange((row * g4)..<((row + 1) * g4), with: z[(step * g4)..<((step + 1) * g4)])
        }
      }
      let trace = model.forward(batch: batch, projectedInputs: packed)
      let dz = model.gateGradients(
        of: trace, logitGradients: output.logitGradient(trace: trace, targets: Array(targets[start..<end])))
      for item in start..<end {
        var gradient = [Float](repeating: 0, count: lengths[item] * g4)
        for step in 0..<lengths[item] {
          let row = batch.row(sequence: item - start, step: step)
          gradient.replaceSubrange((step * g4)..<((step + 1) * g4), with: dz[(row * g4)..<((row + 1) * g4)])
        }
        visit(item, gradient)
      }
      start = end
    }
  }
}
