import LSTMCore
import SystemSupport

/// ∂F/∂X at many embedded inputs (the path points of integrated gradients, the noisy copies of SmoothGrad),
/// through the one forward and the one input-only backward.
///
/// Inputs are packed into passes of at most `BatchedOutputs.rowBudget` rows (the default model's budget is
/// 16,384 token rows, e.g. 50 path points of a 327-token sentence), or of `projectedRowBudget` rows for
/// projected inputs, so the copies of a sentence share a few forward and backward calls.
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
    for chunk in PackedRows.chunks(lengths: lengths, budget: BatchedOutputs.rowBudget(for: model.config)) {
      let batch = PackedBatch(lengths: Array(lengths[chunk]))
      let inputs = chunk.map(input)
      let trace = model.forward(batch: batch, inputs: PackedRows.pack(inputs, width: e, batch: batch))
      let gradient = model.inputGradients(of: trace, logitGradients: output.logitGradient(trace: trace, targets: Array(targets[chunk])))
      for (offset, item) in chunk.enumerated() {
        visit(item, inputs[offset], PackedRows.unpack(gradient, width: e, batch: batch, sequence: offset))
      }
    }
  }

  /// Rows per pass of `runProjected`: about 4 MB of pre-activations (1,024 rows at D·G = 1,024), which stay in
  /// cache between the forward and the backward pass where one pass of all rows would not (docs/benchmarks.md), but
  /// never fewer than 24 inputs of the longest length, so that every step's products still have enough rows to
  /// amortise streaming W_hh, and never more than `BatchedOutputs.rowBudget`.
  static func projectedRowBudget(lengths: [Int], config: ModelConfig) -> Int {
    min(BatchedOutputs.rowBudget(for: config), max((1 << 20) / config.projectionWidth, 24 * (lengths.max() ?? 1)))
  }

  /// ∂F/∂Z_in at many projected inputs Z_in = X·W_ihᵀ + b (see `Classifier.inputProjection`): for path methods,
  /// whose points are linear in X, so they skip the input projection and the ∂F/∂X product per point.
  /// Rows move through pointers into the packed buffers, with no per-input arrays. Passes run side by side on the
  /// threads available (`Parallel.forEachInWaves`), and are visited in input order, so the results never
  /// depend on the threads.
  ///
  /// - Parameters:
  ///   - projectRow: writes row t of input i's Z_in [D·G] to the pointer; called once per (i, t).
  ///   - visitRow: receives i, t and row t of ∂F/∂Z_in of input i [D·G], for every t of every input, in order.
  /// - Complexity: one forward and one backward over Σ T_i rows, without the 2·D·G·E FLOPs per row of either.
  func runProjected(lengths: [Int], targets: [Int],
                    projectRow: @Sendable (_ input: Int, _ step: Int, _ row: UnsafeMutablePointer<Float>) -> Void,
                    visitRow: (_ input: Int, _ step: Int, _ gradient: UnsafePointer<Float>) -> Void) {
    precondition(lengths.count == targets.count, "one target per input")
    let g4 = model.config.projectionWidth, threads = Parallel.availableThreads
    let chunks = PackedRows.chunks(lengths: lengths, budget: Self.projectedRowBudget(lengths: lengths, config: model.config))
    Parallel.forEachInWaves(count: chunks.count, threads: threads) { index -> (batch: PackedBatch, gradient: [Float]) in
      let chunk = chunks[index]
      let batch = PackedBatch(lengths: Array(lengths[chunk]))
      var packed = [Float](unfilledCount: batch.rowCount * g4)  // every row is written by projectRow
      packed.withUnsafeMutableBufferPointer { packed in
        for (offset, input) in chunk.enumerated() {
          for step in 0..<lengths[input] {
            projectRow(input, step, packed.baseAddress.unsafelyUnwrapped + batch.row(sequence: offset, step: step) * g4)
          }
        }
      }
      let trace = model.forward(batch: batch, projectedInputs: packed)
      return (batch, model.gateGradients(of: trace, logitGradients: output.logitGradient(trace: trace, targets: Array(targets[chunk]))))
    } consume: { index, pass in
      pass.gradient.withUnsafeBufferPointer { gradient in
        for (offset, input) in chunks[index].enumerated() {
          for step in 0..<lengths[input] {
            visitRow(input, step, gradient.baseAddress.unsafelyUnwrapped + pass.batch.row(sequence: offset, step: step) * g4)
          }
        }
      }
    }
  }
}
